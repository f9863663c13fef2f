"""The course quiz: its rules and attempts, taking an attempt, and its result and review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import AttemptForm
from ..models import Question, QuizAttempt, QuizPage
from .common import (
    certificate_url_of,
    course_platform,
    deny,
    parent_course,
    render_private,
)


def _attempt_url(request, quiz: QuizPage, number: int, result: bool = False) -> str:
    name = "result" if result else "attempt"
    return quiz.get_url(request) + quiz.reverse_subpage(name, kwargs={"number": number})


def _context(request, quiz: QuizPage):
    """(course, enrolment, outline, progress) of the learner, or a response to return."""
    course = parent_course(quiz)
    denied = deny(request, course)
    if denied:
        return denied
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment is None:
        messages.info(request, _("Inscríbase en el curso para rendir la evaluación."))
        return redirect(course.get_url(request))
    outline = selectors.course_outline(course)
    progress = selectors.enrolment_progress(enrolment, outline)
    return course, enrolment, outline, progress


def overview(request, quiz: QuizPage):
    """The rules, the attempts so far, and the button to start (or resume) one."""
    found = _context(request, quiz)
    if not isinstance(found, tuple):
        return found
    course, enrolment, outline, progress = found
    if request.method == "POST":
        try:
            attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(quiz.get_url(request))
        return redirect(_attempt_url(request, quiz, attempt.number))
    attempts = list(
        QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number")
    )
    used = sum(1 for a in attempts if a.is_submitted)
    open_attempt = next((a for a in attempts if not a.is_submitted), None)
    left = max(quiz.max_attempts - used, 0) if quiz.max_attempts else None
    return render_private(
        request,
        "courses/quiz_page.html",
        {
            "page": quiz,
            "quiz": quiz,
            "course": course,
            "platform": course_platform(course),
            "enrolment": enrolment,
            "outline": outline,
            "progress": progress,
            "attempts": attempts,
            "open_attempt": open_attempt,
            "attempts_left": left,
            "can_start": open_attempt is None
            and progress.quiz_open
            and not progress.quiz_passed
            and (left is None or left > 0),
        },
    )


def _questions(attempt: QuizAttempt) -> list[tuple[Question, list]]:
    """The attempt's questions and alternatives, in the order drawn for it."""
    bank = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
            "choices"
        )
    }
    result = []
    for item in attempt.layout:
        question = bank.get(item["q"])
        if question is None:
            continue
        by_id = {c.pk: c for c in question.choices.all()}
        result.append((question, [by_id[c] for c in item["c"] if c in by_id]))
    return result


def take(request, quiz: QuizPage, number: int):
    """Answer an open attempt; a second submission changes nothing."""
    found = _context(request, quiz)
    if not isinstance(found, tuple):
        return found
    course, enrolment, outline, progress = found
    attempt = get_object_or_404(
        QuizAttempt, enrolment=enrolment, quiz=quiz, number=number
    )
    if attempt.is_submitted:
        if request.method == "POST":
            messages.warning(
                request,
                _("Este intento ya había sido enviado; se mantiene su puntaje."),
            )
        return redirect(_attempt_url(request, quiz, number, result=True))
    questions = _questions(attempt)
    form = AttemptForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_attempt(attempt=attempt, answers=form.answers())
        except ValidationError as exc:
            if exc.code == "submitted":
                messages.warning(request, " ".join(exc.messages))
                return redirect(_attempt_url(request, quiz, number, result=True))
            form.add_error(None, exc)
        else:
            return redirect(_attempt_url(request, quiz, number, result=True))
    return render_private(
        request,
        "courses/quiz_attempt.html",
        {
            "page": quiz,
            "quiz": quiz,
            "course": course,
            "platform": course_platform(course),
            "attempt": attempt,
            "form": form,
            "progress": progress,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def result(request, quiz: QuizPage, number: int):
    """The attempt's score and, as the quiz allows, the review of each answer."""
    found = _context(request, quiz)
    if not isinstance(found, tuple):
        return found
    course, enrolment, outline, progress = found
    attempt = get_object_or_404(
        QuizAttempt, enrolment=enrolment, quiz=quiz, number=number
    )
    if not attempt.is_submitted:
        return redirect(_attempt_url(request, quiz, number))
    review = []
    if quiz.review != QuizPage.Review.SCORE:
        answers = {a.question_id: a for a in attempt.answers.all()}
        for question, choices in _questions(attempt):
            answer = answers.get(question.pk)
            selected = set(answer.selected) if answer else set()
            review.append(
                {
                    "question": question,
                    "correct": bool(answer and answer.is_correct),
                    "choices": [
                        {"choice": c, "selected": c.pk in selected} for c in choices
                    ],
                }
            )
    used = progress.attempts_used
    left = max(quiz.max_attempts - used, 0) if quiz.max_attempts else None
    return render_private(
        request,
        "courses/quiz_result.html",
        {
            "page": quiz,
            "quiz": quiz,
            "course": course,
            "platform": course_platform(course),
            "enrolment": enrolment,
            "attempt": attempt,
            "progress": progress,
            "review": review,
            "show_answers": quiz.review == QuizPage.Review.ANSWERS,
            "attempts_left": left,
            "can_retry": not progress.quiz_passed and (left is None or left > 0),
            "certificate_url": certificate_url_of(enrolment),
        },
    )


def preview(request, quiz: QuizPage):
    course = parent_course(quiz)
    return render_private(
        request,
        "courses/quiz_page.html",
        {
            "page": quiz,
            "quiz": quiz,
            "course": course,
            "platform": course_platform(course),
            "preview": True,
            "bank_size": Question.objects.active().filter(course=course).count(),
        },
    )
