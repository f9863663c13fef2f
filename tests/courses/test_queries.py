"""The learner's pages run a fixed number of queries, however many learners there are."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from tests.courses.factories import build_course, correct_answers, make_learner
from tests.factories import ServiceFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def crowd(tree, size: int):
    """``size`` other learners with lessons read and quiz attempts."""
    service = ServiceFactory()
    for n in range(size):
        enrolment = services.enrol_learner(
            user=make_learner(service=service), course=tree.course
        )
        for lesson in tree.lessons[: 1 + n % len(tree.lessons)]:
            enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
        if n % 2 == 0 and len(tree.lessons) <= 1 + n % len(tree.lessons):
            attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
            services.submit_attempt(attempt=attempt, answers=correct_answers(attempt))


@pytest.fixture
def setting():
    tree = build_course(lessons=3, questions=6)
    learner = make_learner()
    enrolment = services.enrol_learner(user=learner, course=tree.course)
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[0])
    return tree, learner


def test_lesson_and_course_home_do_not_grow_with_learners(client, setting):
    tree, learner = setting
    login(client, learner)
    urls = [tree.lessons[1].url, tree.course.url, tree.quiz.url]
    for url in urls:
        count(client, url)  # warm the site and content-type caches
    before = {url: count(client, url) for url in urls}
    crowd(tree, 12)
    assert {url: count(client, url) for url in urls} == before


def test_my_courses_does_not_grow_with_enrolments(client, setting):
    tree, learner = setting
    login(client, learner)
    url = "/concientizacion/mis-cursos/"
    count(client, url)
    before = count(client, url)
    for n in range(3):
        other = build_course(title=f"Curso {n}", lessons=2, questions=4)
        enrolment = services.enrol_learner(user=learner, course=other.course)
        services.complete_lesson(enrolment=enrolment, lesson=other.lessons[0])
    crowd(tree, 6)
    page = client.get(url).content.decode()
    assert page.count('class="card course-card"') == 4
    assert count(client, url) == before
