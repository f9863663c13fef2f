"""Course pages open only to a session of their own platform, and only to enrolled learners."""

import pytest

from django.core.exceptions import PermissionDenied

from courses.models import Enrolment
from courses.services import enrol_learner
from lms.accounts.realms import SESSION_COOKIES, Realm
from tests.courses.factories import build_course, make_learner
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def awareness():
    return build_course(platform=Realm.CONCIENTIZACION, lessons=2, questions=4)


def pages_of(tree):
    return [tree.course.url, tree.lessons[0].url, tree.quiz.url]


def test_a_capacitacion_learner_cannot_open_concientizacion_pages(client, awareness):
    login(client, make_learner(platform=Realm.CAPACITACION))
    for url in pages_of(awareness):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/concientizacion/ingresar/?next=")


def test_a_session_cookie_moved_to_the_other_platform_opens_nothing(client, awareness):
    # A Capacitación session key presented as the Concientización cookie.
    login(client, make_learner(platform=Realm.CAPACITACION))
    key = client.cookies[SESSION_COOKIES[Realm.CAPACITACION]].value
    client.cookies[SESSION_COOKIES[Realm.CONCIENTIZACION]] = key
    for url in pages_of(awareness):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/concientizacion/ingresar/")
    assert not Enrolment.objects.exists()
    client.post(awareness.course.url + "inscribirme/")
    assert not Enrolment.objects.exists()


def test_staff_and_gestion_sessions_do_not_open_lessons(client, awareness):
    staff = UserFactory(is_staff=True, is_superuser=True)
    login(client, staff, TOTPDeviceFactory(user=staff))
    response = client.get(awareness.lessons[0].url)
    assert response.status_code == 302
    assert "/concientizacion/ingresar/" in response["Location"]


def test_anonymous_visitors_see_the_catalog_but_log_in_for_the_course(
    client, awareness
):
    catalog = client.get("/concientizacion/")
    assert catalog.status_code == 200
    assert awareness.course.title in catalog.content.decode()
    assert "Crear una cuenta" in catalog.content.decode()
    response = client.get(awareness.course.url)
    assert response.status_code == 302
    assert response["Location"] == (
        f"/concientizacion/ingresar/?next={awareness.course.url.replace('/', '%2F')}"
    )


def test_each_catalog_lists_only_its_platform(client, awareness):
    training = build_course(platform=Realm.CAPACITACION, title="Curso de gestores")
    page = client.get("/capacitacion/").content.decode()
    assert training.course.title in page and awareness.course.title not in page


def test_a_learner_not_enrolled_is_sent_to_the_course_home(client, awareness):
    login(client, make_learner())
    for url in (awareness.lessons[0].url, awareness.quiz.url):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == awareness.course.url
        assert "Inscríbase en el curso" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_marking_a_lesson_read_needs_an_enrolment(client, awareness):
    login(client, make_learner())
    client.post(awareness.lessons[0].url)
    assert not Enrolment.objects.exists()


def test_the_enrolment_service_refuses_accounts_of_another_platform(awareness):
    with pytest.raises(PermissionDenied):
        enrol_learner(
            user=make_learner(platform=Realm.CAPACITACION), course=awareness.course
        )
    with pytest.raises(PermissionDenied):
        enrol_learner(user=UserFactory(), course=awareness.course)


def test_unpublished_lessons_are_not_found(client, awareness):
    learner = make_learner()
    enrol_learner(user=learner, course=awareness.course)
    login(client, learner)
    lesson = awareness.lessons[1]
    url = lesson.url
    lesson.unpublish()
    assert client.get(url).status_code == 404


def test_course_pages_are_not_cached(client, awareness):
    learner = make_learner()
    enrol_learner(user=learner, course=awareness.course)
    login(client, learner)
    for url in pages_of(awareness):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert (
            "private" in response["Cache-Control"]
            or "no-store" in response["Cache-Control"]
        )
