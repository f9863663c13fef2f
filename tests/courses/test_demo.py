"""The demo courses: complete, well-formed, and loaded the same way twice."""

import pytest

from django.core.management import call_command
from django.db import transaction

from courses.demo import ensure_course
from courses.models import (
    Choice,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    Question,
    QuizAttempt,
    QuizPage,
)
from lms.accounts.demo import demo_email
from lms.accounts.realms import Realm

pytestmark = pytest.mark.django_db

TITLES = {
    Realm.CAPACITACION: "Introducción a la Gestión de Energía",
    Realm.CONCIENTIZACION: "Concientización en gestión sustentable del Sector Público",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", force=True, quiet=True)
        counts = _counts()
        call_command("load_demo", force=True, quiet=True)
        yield counts
        transaction.set_rollback(True)


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            CoursePage,
            LessonPage,
            QuizPage,
            Question,
            Choice,
            Enrolment,
            LessonCompletion,
            QuizAttempt,
        )
    )


def test_loading_twice_changes_nothing(demo):
    assert _counts() == demo


@pytest.mark.parametrize("platform", list(TITLES))
def test_each_platform_has_its_real_course(demo, platform):
    course = CoursePage.objects.get(platform=platform)
    assert course.title == TITLES[platform] and course.live
    assert course.url.startswith(f"/{platform}/")
    lessons = LessonPage.objects.live().child_of(course)
    assert lessons.count() >= 4
    for lesson in lessons:
        kinds = [block.block_type for block in lesson.body]
        assert "text" in kinds and "self_check" in kinds
        words = sum(
            len(block.value.source.split())
            for block in lesson.body
            if block.block_type == "text"
        )
        assert words >= 100, lesson.title
    quiz = QuizPage.objects.child_of(course).get()
    assert (quiz.questions_per_attempt, quiz.pass_mark) == (10, 60)


@pytest.mark.parametrize("platform", list(TITLES))
def test_each_bank_has_at_least_fifteen_well_formed_questions(demo, platform):
    questions = Question.objects.filter(course__platform=platform)
    assert questions.active().count() >= 15
    for question in questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        right = sum(c.is_correct for c in choices)
        assert len(choices) >= 2 and question.feedback
        if question.kind == Question.Kind.SINGLE:
            assert right == 1, question.text
        else:
            assert 1 <= right < len(choices), question.text


@pytest.mark.parametrize("platform", list(TITLES))
def test_the_demo_learner_is_enrolled_on_both_platforms(demo, platform):
    enrolment = Enrolment.objects.get(
        user__email=demo_email("aprendiz"), user__realm=platform
    )
    assert enrolment.course.platform == platform
    assert enrolment.user.learner_profile.email_confirmed_at is not None


def test_classmates_show_every_state_in_the_reports(demo):
    course = CoursePage.objects.get(platform=Realm.CONCIENTIZACION)
    enrolments = Enrolment.objects.filter(course=course)
    assert enrolments.completed().count() >= 2
    assert enrolments.filter(
        completed_at__isnull=True, last_activity_at__isnull=False
    ).exists()
    assert enrolments.filter(last_activity_at__isnull=True).exists()


def test_ensure_course_is_idempotent(demo):
    before = _counts()
    ensure_course(Realm.CAPACITACION)
    assert _counts() == before
