"""Enrolment, lesson progress, the progress bar, "Continuar" and "Mis cursos"."""

import pytest

from django.core.exceptions import ValidationError

from courses import selectors, services
from courses.models import CoursePage, Enrolment, LessonCompletion
from lms.accounts.realms import Realm
from tests.courses.factories import build_course, correct_answers, make_learner
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_course(lessons=3, questions=6)


@pytest.fixture
def learner():
    return make_learner()


@pytest.fixture
def enrolment(learner, tree):
    return services.enrol_learner(user=learner, course=tree.course)


def progress(enrolment, tree):
    enrolment.refresh_from_db()
    return selectors.enrolment_progress(
        enrolment, selectors.course_outline(tree.course)
    )


def test_one_click_enrols_once_and_keeps_where_the_learner_works(client, learner, tree):
    login(client, learner)
    url = tree.course.url + "inscribirme/"
    assert client.get(url).status_code == 302
    assert not Enrolment.objects.exists()  # a link (GET) never enrols
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"] == tree.course.url
    enrolment = Enrolment.objects.get()
    profile = learner.learner_profile
    assert (enrolment.service, enrolment.institution) == (
        profile.service,
        profile.institution,
    )
    page = client.get(tree.course.url).content.decode()
    assert "Comenzar el curso" in page and "0 %" in page


def test_the_catalog_enrols_in_one_click(client, learner, tree):
    login(client, learner)
    catalog = client.get("/concientizacion/").content.decode()
    assert f'action="{tree.course.url}inscribirme/"' in catalog
    client.post(tree.course.url + "inscribirme/")
    assert "Continuar" in client.get("/concientizacion/").content.decode()


def test_marking_read_records_once_and_moves_to_the_next_step(
    client, learner, tree, enrolment
):
    login(client, learner)
    first, second, third = tree.lessons
    response = client.post(first.url)
    assert response["Location"] == second.url
    client.post(first.url)
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1
    assert client.post(third.url)["Location"] == tree.quiz.url
    enrolment.refresh_from_db()
    assert enrolment.last_activity_at is not None and enrolment.completed_at is None
    page = client.get(first.url).content.decode()
    assert "Ya marcó esta lección como leída" in page
    assert f'href="{second.url}"' in page


def test_resume_goes_to_the_first_unread_lesson_then_the_quiz(
    client, learner, tree, enrolment
):
    login(client, learner)
    resume = tree.course.url + "continuar/"
    assert client.get(resume)["Location"] == tree.lessons[0].url
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[0])
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[2])
    assert client.get(resume)["Location"] == tree.lessons[1].url
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[1])
    assert client.get(resume)["Location"] == tree.quiz.url


def test_progress_counts_required_lessons_and_the_quiz(tree, enrolment):
    assert (
        progress(enrolment, tree).steps_done,
        progress(enrolment, tree).steps_total,
    ) == (0, 4)
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[0])
    assert progress(enrolment, tree).percent == 25
    for lesson in tree.lessons[1:]:
        services.complete_lesson(enrolment=enrolment, lesson=lesson)
    assert progress(enrolment, tree).percent == 75
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=attempt, answers=correct_answers(attempt))
    assert progress(enrolment, tree).percent == 100


def test_optional_lessons_do_not_hold_back_completion(learner):
    tree = build_course(lessons=2, questions=0, quiz=False)
    tree.course.completion_rule = CoursePage.CompletionRule.LESSONS
    tree.course.save()
    optional = tree.lessons[1]
    optional.is_required = False
    optional.save_revision().publish()
    enrolment = services.enrol_learner(user=learner, course=tree.course)
    assert progress(enrolment, tree).steps_total == 1
    enrolment = services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[0])
    assert enrolment.completed_at is not None


def test_a_lesson_of_another_course_is_refused(learner, tree, enrolment):
    other = build_course(title="Otro curso")
    with pytest.raises(ValidationError):
        services.complete_lesson(enrolment=enrolment, lesson=other.lessons[0])
    assert not LessonCompletion.objects.exists()


def test_my_courses_lists_every_enrolment_with_state_and_progress(
    client, learner, tree, enrolment
):
    other = build_course(title="Segundo curso", lessons=2)
    second = services.enrol_learner(user=learner, course=other.course)
    services.complete_lesson(enrolment=second, lesson=other.lessons[0])
    capacitacion = build_course(platform=Realm.CAPACITACION, title="De otra plataforma")
    login(client, learner)
    page = client.get("/concientizacion/mis-cursos/").content.decode()
    assert tree.course.title in page and other.course.title in page
    assert capacitacion.course.title not in page
    assert "Sin iniciar" in page and "En curso" in page
    assert 'value="33"' in page  # 1 of 3 steps of the second course


def test_my_courses_needs_a_session_of_the_platform(client):
    response = client.get("/concientizacion/mis-cursos/")
    assert response.status_code == 302
    assert response["Location"].startswith("/concientizacion/ingresar/")
    login(client, make_learner(platform=Realm.CAPACITACION))
    assert client.get("/concientizacion/mis-cursos/").status_code == 302
    assert client.get("/capacitacion/mis-cursos/").status_code == 200
