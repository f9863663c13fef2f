"""Demo content: both real courses, the demo learner enrolled in each, a few classmates.

Every person here is fictitious; e-mails use the reserved ``.example`` domain.
"""

import json
import uuid

from django.utils import timezone

from cms.demo import ensure_home
from lms.accounts.demo import DEMO_PASSWORD, demo_email
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.core.rut import check_digit
from management.demo import demo_service

from .. import services
from ..models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    LearnerProfile,
    LessonPage,
    Question,
    QuizPage,
)
from . import capacitacion, concientizacion

CONTENT = {
    Realm.CAPACITACION: capacitacion,
    Realm.CONCIENTIZACION: concientizacion,
}
# (first name, last name, RUT number, lessons read, passes the quiz)
CLASSMATES = {
    Realm.CONCIENTIZACION: [
        ("Camila", "Rojas Fuentes", 16_234_567, 6, True),
        ("Diego", "Muñoz Araya", 17_345_678, 6, True),
        ("Valentina", "Soto Pizarro", 18_456_789, 3, False),
        ("Matías", "Contreras Vega", 15_567_890, 1, False),
        ("Javiera", "Silva Reyes", 19_678_901, 0, False),
        ("Benjamín", "Morales Díaz", 14_789_012, 0, False),
    ],
    Realm.CAPACITACION: [
        ("Ignacio", "Fuentes Lagos", 13_890_123, 4, True),
        ("Francisca", "Castillo Núñez", 12_901_234, 2, False),
    ],
}


def _rut(number: int) -> str:
    return f"{number}-{check_digit(number)}"


def _stream(blocks) -> str:
    """Raw StreamField JSON for (type, value) pairs; list items get their own ids."""
    raw = []
    for kind, value in blocks:
        if kind == "self_check":
            value = {
                **value,
                "choices": [
                    {"type": "item", "value": c, "id": str(uuid.uuid4())}
                    for c in value["choices"]
                ],
            }
        raw.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
    return json.dumps(raw)


def _publish(page) -> None:
    page.save_revision().publish()


def ensure_course(platform: str) -> CoursePage:
    """The platform's catalog and course, with its lessons, quiz and question bank."""
    content = CONTENT[platform]
    home = ensure_home()
    index = CourseIndexPage.objects.filter(platform=platform).first()
    if index is None:
        index = CourseIndexPage(
            title=f"Cursos de {Realm(platform).label}",
            slug=platform,
            platform=platform,
            intro=content.INDEX_INTRO,
            show_in_menus=False,
        )
        home.add_child(instance=index)
        _publish(index)
    course = (
        CoursePage.objects.child_of(index).filter(slug=content.COURSE["slug"]).first()
    )
    if course is None:
        course = CoursePage(**content.COURSE)
        index.add_child(instance=course)
        _publish(course)
    for lesson_data in content.LESSONS:
        if (
            not LessonPage.objects.child_of(course)
            .filter(slug=lesson_data["slug"])
            .exists()
        ):
            lesson = LessonPage(**{**lesson_data, "body": _stream(lesson_data["body"])})
            course.add_child(instance=lesson)
            _publish(lesson)
    if not QuizPage.objects.child_of(course).exists():
        quiz = QuizPage(
            **content.QUIZ,
            questions_per_attempt=10,
            pass_mark=60,
            max_attempts=0,
            grading=QuizPage.Grading.HIGHEST,
            review=QuizPage.Review.MARKS,
        )
        course.add_child(instance=quiz)
        _publish(quiz)
    if not course.questions.exists():
        for text, kind, alternatives, feedback in content.QUESTIONS:
            question = Question.objects.create(
                course=course, text=text, kind=kind, feedback=feedback
            )
            Choice.objects.bulk_create(
                Choice(question=question, text=alt, is_correct=ok, sort_order=n)
                for n, (alt, ok) in enumerate(alternatives)
            )
    return course


def _learner(email: str, platform: str, first: str, last: str, rut: str) -> User:
    user = User.objects.with_email(email, platform).first()
    if user is None:
        user = User(email=email, realm=platform, first_name=first, last_name=last)
        user.set_password(DEMO_PASSWORD)
    if not user.rut:
        user.rut = rut
    user.is_active = True
    user.save()
    service = demo_service()
    now = timezone.now()
    LearnerProfile.objects.get_or_create(
        user=user,
        defaults={
            "institution": service.institution,
            "service": service,
            "privacy_accepted_at": now,
            "email_confirmed_at": now,
        },
    )
    return user


def _advance(user: User, course: CoursePage, lessons_read: int, passes: bool) -> None:
    """Take a classmate through the course with the same services a learner uses."""
    enrolment = services.enrol_learner(user=user, course=course)
    if enrolment.completed_at is not None:
        return
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    for lesson in lessons[:lessons_read]:
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.live().child_of(course).first()
    if passes and quiz is not None and enrolment.completed_at is None:
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        right = {}
        for question_id in attempt.question_ids:
            right[question_id] = list(
                Choice.objects.filter(
                    question_id=question_id, is_correct=True
                ).values_list("pk", flat=True)
            )
        services.submit_attempt(attempt=attempt, answers=right)


def load() -> list[str]:
    lines = ["", "Cursos de demostración:"]
    for platform in (Realm.CAPACITACION, Realm.CONCIENTIZACION):
        course = ensure_course(platform)
        learner = _learner(
            demo_email("aprendiz"), platform, "Lucía", "Aprendiz", _rut(11_111_111)
        )
        enrolment = services.enrol_learner(user=learner, course=course)
        if platform == Realm.CAPACITACION:
            first = LessonPage.objects.live().child_of(course).order_by("path").first()
            if first is not None:
                services.complete_lesson(enrolment=enrolment, lesson=first)
        for first_name, last_name, number, read, passes in CLASSMATES[platform]:
            local = (
                f"{first_name}.{last_name.split()[0]}".lower()
                .replace("í", "i")
                .replace("ñ", "n")
                .replace("á", "a")
            )
            classmate = _learner(
                demo_email(local), platform, first_name, last_name, _rut(number)
            )
            _advance(classmate, course, read, passes)
        lines.append(f"  {Realm(platform).label:<18} {course.title} → {course.url}")
    lines.append(
        "  La cuenta aprendiz@… está inscrita en ambos cursos; informes en "
        "/admin/informes-cursos/."
    )
    return lines
