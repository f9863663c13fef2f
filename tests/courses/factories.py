"""Builders for course trees, learners and their progress."""

from dataclasses import dataclass, field
from itertools import count

from django.utils import timezone

from cms.demo import ensure_home
from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearnerProfile,
    LessonPage,
    Question,
    QuizPage,
)
from lms.accounts.realms import Realm
from tests.factories import LearnerFactory, ServiceFactory

_serial = count(1)


def course_index(platform: str) -> CourseIndexPage:
    index = CourseIndexPage.objects.filter(platform=platform).first()
    if index is None:
        index = CourseIndexPage(
            title=f"Cursos {platform}", slug=platform, platform=platform
        )
        ensure_home().add_child(instance=index)
    return index


@dataclass
class CourseTree:
    course: CoursePage
    lessons: list[LessonPage] = field(default_factory=list)
    quiz: QuizPage | None = None
    questions: list[Question] = field(default_factory=list)


def build_course(
    *,
    platform: str = Realm.CONCIENTIZACION,
    title: str = "Curso de prueba",
    slug: str | None = None,
    lessons: int = 3,
    questions: int = 6,
    quiz: bool = True,
    multiple_every: int = 3,
    **quiz_fields,
) -> CourseTree:
    """A published course with ``lessons`` lessons, a quiz and a bank of ``questions``.

    Every ``multiple_every``-th question is multiple choice with two correct
    alternatives; the others have one correct alternative, always the first one.
    """
    index = course_index(platform)
    course = CoursePage(
        title=title,
        slug=slug or f"curso-{next(_serial)}",
        summary="Resumen del curso.",
        hours=2,
        audience="Todos los colaboradores",
    )
    index.add_child(instance=course)
    tree = CourseTree(course=course)
    for n in range(1, lessons + 1):
        lesson = LessonPage(
            title=f"Lección {n}",
            slug=f"leccion-{n}",
            body=[("text", f"<p>Contenido de la lección {n}.</p>")],
        )
        course.add_child(instance=lesson)
        tree.lessons.append(lesson)
    if quiz:
        settings = {"questions_per_attempt": 4, "pass_mark": 60, **quiz_fields}
        tree.quiz = QuizPage(title="Evaluación final", slug="evaluacion", **settings)
        course.add_child(instance=tree.quiz)
    for n in range(1, questions + 1):
        multiple = multiple_every and n % multiple_every == 0
        question = Question.objects.create(
            course=course,
            text=f"Pregunta {n}",
            kind=Question.Kind.MULTIPLE if multiple else Question.Kind.SINGLE,
            feedback=f"Explicación {n}",
        )
        Choice.objects.create(
            question=question, text=f"P{n} correcta A", is_correct=True, sort_order=0
        )
        Choice.objects.create(
            question=question,
            text=f"P{n} alternativa B",
            is_correct=bool(multiple),
            sort_order=1,
        )
        Choice.objects.create(
            question=question, text=f"P{n} incorrecta C", sort_order=2
        )
        tree.questions.append(question)
    return tree


def make_learner(platform: str = Realm.CONCIENTIZACION, service=None, **fields):
    """An active, confirmed learner of ``platform`` with a profile."""
    user = LearnerFactory(realm=platform, **fields)
    service = service or ServiceFactory()
    now = timezone.now()
    LearnerProfile.objects.create(
        user=user,
        institution=service.institution,
        service=service,
        privacy_accepted_at=now,
        email_confirmed_at=now,
    )
    return user


def correct_answers(attempt) -> dict[int, list[int]]:
    """The right alternatives of every question drawn in ``attempt``."""
    ids = attempt.question_ids
    right: dict[int, list[int]] = {q: [] for q in ids}
    for question_id, choice_id in Choice.objects.filter(
        question_id__in=ids, is_correct=True
    ).values_list("question_id", "pk"):
        right[question_id].append(choice_id)
    return right


def wrong_answers(attempt) -> dict[int, list[int]]:
    """An incorrect alternative for every question drawn in ``attempt``."""
    ids = attempt.question_ids
    return {
        q: [
            Choice.objects.filter(question_id=q, is_correct=False)
            .values_list("pk", flat=True)
            .first()
        ]
        for q in ids
    }


def enrolment_for(user, tree: CourseTree) -> Enrolment:
    from courses.services import enrol_learner

    return enrol_learner(user=user, course=tree.course)
