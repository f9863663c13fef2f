"""Writes of the learning side: enrolment, lesson progress, quiz attempts, completion."""

import random
from collections.abc import Collection, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .completion import run_completion_handlers
from .models import (
    AttemptAnswer,
    Choice,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    Question,
    QuizAttempt,
    QuizPage,
)
from .selectors import course_outline, enrolment_progress

_rng = random.SystemRandom()


@transaction.atomic
def enrol_learner(*, user, course: CoursePage) -> Enrolment:
    """Enrol a learner of the course's platform (idempotent: a second call returns the first)."""
    if not user.is_active or user.realm != course.platform:
        raise PermissionDenied(_("Esta cuenta no pertenece a la plataforma del curso."))
    if not course.live:
        raise ValidationError(_("Este curso no está disponible."))
    profile = getattr(user, "learner_profile", None)
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "enrolled_at": timezone.now(),
            "institution_id": profile.institution_id if profile else None,
            "service_id": profile.service_id if profile else None,
        },
    )
    return enrolment


def _lock(enrolment: Enrolment) -> Enrolment:
    return (
        Enrolment.objects.select_for_update()
        .select_related("course")
        .get(pk=enrolment.pk)
    )


@transaction.atomic
def complete_lesson(*, enrolment: Enrolment, lesson: LessonPage) -> Enrolment:
    """Record a lesson as read (once) and complete the course if that was the last step."""
    enrolment = _lock(enrolment)
    if not lesson.live or lesson.parent_path != enrolment.course.path:
        raise ValidationError(_("Esta lección no es parte del curso."))
    now = timezone.now()
    LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": now}
    )
    enrolment.last_activity_at = now
    enrolment.save(update_fields=["last_activity_at"])
    return evaluate_completion(enrolment=enrolment)


@transaction.atomic
def start_attempt(*, enrolment: Enrolment, quiz: QuizPage) -> QuizAttempt:
    """Draw the questions of a new attempt, or return the attempt still open."""
    enrolment = _lock(enrolment)
    if not quiz.live or quiz.parent_path != enrolment.course.path:
        raise ValidationError(_("Esta evaluación no es parte del curso."))
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz)
    open_attempt = attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    progress = enrolment_progress(enrolment, course_outline(enrolment.course))
    if progress.quiz_passed:
        raise ValidationError(_("Ya aprobó esta evaluación."), code="passed")
    used = attempts.count()
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise ValidationError(
            _("Ya usó los %(n)s intentos permitidos de esta evaluación.")
            % {"n": quiz.max_attempts},
            code="attempt_limit",
        )
    if not progress.quiz_open:
        raise ValidationError(
            _("Lea todas las lecciones obligatorias antes de rendir la evaluación."),
            code="lessons_pending",
        )
    bank = list(
        Question.objects.active()
        .filter(course=enrolment.course)
        .prefetch_related("choices")
        .order_by("pk")
    )
    bank = [q for q in bank if len(q.choices.all()) >= 2]
    if not bank:
        raise ValidationError(_("La evaluación aún no tiene preguntas."), code="empty")
    count = min(quiz.questions_per_attempt, len(bank))
    drawn = _rng.sample(bank, count)
    if not quiz.shuffle_questions:
        drawn.sort(key=lambda q: q.pk)
    layout = []
    for question in drawn:
        choice_ids = [c.pk for c in question.choices.all()]
        if quiz.shuffle_choices:
            _rng.shuffle(choice_ids)
        layout.append({"q": question.pk, "c": choice_ids})
    now = timezone.now()
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, number=used + 1, layout=layout, started_at=now
    )
    enrolment.last_activity_at = now
    enrolment.save(update_fields=["last_activity_at"])
    return attempt


def _tampered() -> ValidationError:
    return ValidationError(
        _("Las respuestas enviadas no corresponden a este intento."), code="tampered"
    )


@transaction.atomic
def submit_attempt(
    *, attempt: QuizAttempt, answers: Mapping[int, Collection[int]]
) -> QuizAttempt:
    """Score an open attempt once; answers map question id → chosen alternative ids."""
    enrolment = _lock(attempt.enrolment)
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("quiz")
        .get(pk=attempt.pk, enrolment=enrolment)
    )
    if attempt.submitted_at is not None:
        raise ValidationError(_("Este intento ya fue enviado."), code="submitted")
    layout = {item["q"]: set(item["c"]) for item in attempt.layout}
    try:
        chosen = {int(q): {int(c) for c in ids} for q, ids in answers.items()}
    except (TypeError, ValueError) as exc:
        raise _tampered() from exc
    if not set(chosen) <= set(layout) or any(
        not ids <= layout[q] for q, ids in chosen.items()
    ):
        raise _tampered()
    kinds = dict(Question.objects.filter(pk__in=layout).values_list("pk", "kind"))
    correct: dict[int, set[int]] = {q: set() for q in layout}
    for question_id, choice_id in Choice.objects.filter(
        question_id__in=layout, is_correct=True
    ).values_list("question_id", "pk"):
        correct[question_id].add(choice_id)
    rows, right = [], 0
    for question_id in layout:
        if question_id not in kinds:
            continue  # retired from the bank after the draw: counts as wrong
        picked = chosen.get(question_id, set())
        if kinds[question_id] == Question.Kind.SINGLE and len(picked) > 1:
            raise _tampered()
        ok = bool(picked) and picked == correct[question_id]
        right += ok
        rows.append(
            AttemptAnswer(
                attempt=attempt,
                question_id=question_id,
                selected=sorted(picked),
                is_correct=ok,
            )
        )
    AttemptAnswer.objects.bulk_create(rows)
    quiz = attempt.quiz
    score = (Decimal(100 * right) / Decimal(len(layout))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    now = timezone.now()
    attempt.submitted_at, attempt.score = now, score
    attempt.passed = score >= quiz.pass_mark
    attempt.save(update_fields=["submitted_at", "score", "passed"])
    scores = list(
        QuizAttempt.objects.filter(
            enrolment=enrolment, quiz=quiz, submitted_at__isnull=False
        )
        .order_by("number")
        .values_list("score", flat=True)
    )
    enrolment.score = quiz.grade(scores)
    enrolment.last_activity_at = now
    enrolment.save(update_fields=["score", "last_activity_at"])
    evaluate_completion(enrolment=enrolment)
    return attempt


@transaction.atomic
def evaluate_completion(*, enrolment: Enrolment) -> Enrolment:
    """Complete the enrolment when the course's rule is met; otherwise leave it as is."""
    if enrolment.completed_at is not None:
        return enrolment
    progress = enrolment_progress(enrolment, course_outline(enrolment.course))
    if progress.steps_total and progress.requirements_met:
        return complete_enrolment(enrolment=enrolment)
    return enrolment


def complete_enrolment(*, enrolment: Enrolment) -> Enrolment:
    """Complete an enrolment exactly once, then run the completion handlers in order.

    The row is locked and ``completed_at`` is written by a conditional UPDATE (only
    while it is NULL), so concurrent or repeated calls complete it once and call the
    handlers once; later calls return the enrolment unchanged.
    """
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.completed_at is not None:
            return locked
        now = timezone.now()
        updated = Enrolment.objects.filter(
            pk=locked.pk, completed_at__isnull=True
        ).update(completed_at=now, last_activity_at=now)
        if updated != 1:
            locked.refresh_from_db()
            return locked
        locked.completed_at = locked.last_activity_at = now
        run_completion_handlers(enrolment=locked)
    enrolment.completed_at = enrolment.last_activity_at = now
    return locked
