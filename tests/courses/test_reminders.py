"""Reminders to learners who stalled: scheduled, at most once per period, with a way out."""

import re
from datetime import timedelta

import pytest

from django.conf import settings
from django.core import mail
from django.utils import timezone

from courses import services
from courses.models import Enrolment, LearnerProfile
from courses.reminders import remind_stalled_learners, stalled_enrolments
from courses.tasks import send_stall_reminders
from lms.celery import app
from tests.courses.factories import build_course, make_learner

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def tree():
    return build_course(lessons=2, questions=4)


def enrol(tree, *, days_ago: int, active_days_ago: int | None = None, **fields):
    learner = make_learner(**fields)
    enrolment = services.enrol_learner(user=learner, course=tree.course)
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=now - days_ago * DAY,
        last_activity_at=None
        if active_days_ago is None
        else now - active_days_ago * DAY,
    )
    return Enrolment.objects.get(pk=enrolment.pk)


def run(capture, now=None):
    with capture(execute=True):
        return remind_stalled_learners(now=now)


def test_the_reminder_task_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["courses-stall-reminders"]
    assert entry["task"] == "courses.send_stall_reminders"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {9} and entry["schedule"].minute == {30}


def test_only_stalled_open_enrolments_are_reminded(
    tree, django_capture_on_commit_callbacks
):
    stalled = enrol(tree, days_ago=30, email="quieto@servicio.example")
    stalled_after_start = enrol(
        tree, days_ago=40, active_days_ago=20, email="empezo@servicio.example"
    )
    enrol(tree, days_ago=30, active_days_ago=2, email="activo@servicio.example")
    enrol(tree, days_ago=3, email="nuevo@servicio.example")
    done = enrol(tree, days_ago=30, email="listo@servicio.example")
    Enrolment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    off = enrol(tree, days_ago=30, email="no-quiere@servicio.example")
    LearnerProfile.objects.filter(user=off.user).update(reminders_opt_out=True)
    gone = enrol(tree, days_ago=30, email="inactivo@servicio.example")
    gone.user.is_active = False
    gone.user.save()
    assert run(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [stalled.user.email, stalled_after_start.user.email]
    )
    message = mail.outbox[0]
    assert tree.course.title in message.subject
    assert f"http://testserver{tree.course.url}continuar/" in message.body
    assert "/concientizacion/recordatorios/baja/" in message.body


def test_at_most_one_reminder_per_period(tree, django_capture_on_commit_callbacks):
    enrolment = enrol(tree, days_ago=30)
    now = timezone.now()
    assert run(django_capture_on_commit_callbacks, now) == 1
    assert run(django_capture_on_commit_callbacks, now + DAY) == 0
    # Each enrolment is claimed before its e-mail is queued: a second worker finds none.
    assert not stalled_enrolments(now=now + DAY).exists()
    later = now + (settings.COURSES_REMINDER_EVERY_DAYS + 1) * DAY
    assert run(django_capture_on_commit_callbacks, later) == 1
    assert len(mail.outbox) == 2
    enrolment.refresh_from_db()
    assert enrolment.reminder_sent_at == later


def test_the_days_come_from_settings(
    tree, settings, django_capture_on_commit_callbacks
):
    settings.COURSES_REMINDER_AFTER_DAYS = 5
    enrol(tree, days_ago=6)
    assert run(django_capture_on_commit_callbacks) == 1
    settings.COURSES_REMINDER_AFTER_DAYS = 60
    enrol(tree, days_ago=30)
    assert run(django_capture_on_commit_callbacks) == 0


def test_the_task_sends_the_reminders(tree, django_capture_on_commit_callbacks):
    enrol(tree, days_ago=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_stall_reminders.apply().get() == 1
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_asks_then_turns_reminders_off(
    client, tree, django_capture_on_commit_callbacks
):
    enrolment = enrol(tree, days_ago=30)
    run(django_capture_on_commit_callbacks)
    link = re.search(
        r"http://testserver(\S+/recordatorios/baja/\S+/)", mail.outbox[0].body
    )
    url = link.group(1)
    page = client.get(url)
    assert (
        page.status_code == 200
        and "no enviar más recordatorios" in page.content.decode()
    )
    profile = LearnerProfile.objects.get(user=enrolment.user)
    assert not profile.reminders_opt_out  # a mail scanner's GET changes nothing
    done = client.post(url)
    assert "no le enviaremos más recordatorios" in done.content.decode()
    profile.refresh_from_db()
    assert profile.reminders_opt_out
    later = timezone.now() + 60 * DAY
    assert run(django_capture_on_commit_callbacks, later) == 0


def test_a_forged_unsubscribe_link_is_refused(client):
    learner = make_learner()
    response = client.post(f"/concientizacion/recordatorios/baja/{learner.pk}:falso/")
    assert response.status_code == 400
    assert not LearnerProfile.objects.get(user=learner).reminders_opt_out
