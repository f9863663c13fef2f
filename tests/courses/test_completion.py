"""The completion event: once per enrolment, then the handlers in their order."""

import threading

import pytest

from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
)
from django.utils import timezone

from courses import completion, services
from courses.models import Enrolment
from tests.courses.factories import build_course, correct_answers, make_learner

CALLS: list[tuple[str, int]] = []


def record(*, enrolment):
    CALLS.append(("record", enrolment.pk))


def record_second(*, enrolment):
    assert enrolment.completed_at is not None
    CALLS.append(("second", enrolment.pk))


def explode(*, enrolment):
    raise RuntimeError("handler failed")


@pytest.fixture
def handlers(monkeypatch):
    CALLS.clear()
    monkeypatch.setattr(
        completion,
        "COMPLETION_HANDLERS",
        [f"{__name__}.record", f"{__name__}.record_second"],
    )
    yield CALLS
    CALLS.clear()


@pytest.fixture
def enrolment(db):
    tree = build_course(lessons=1, questions=4)
    return services.enrol_learner(user=make_learner(), course=tree.course)


def test_the_certificate_is_the_first_handler():
    assert completion.COMPLETION_HANDLERS[0] == (
        "certificates.services.issue_for_enrolment"
    )


@pytest.mark.django_db
def test_an_enrolment_is_completed_once_and_handlers_run_once_in_order(
    handlers, enrolment
):
    done = services.complete_enrolment(enrolment=enrolment)
    stamp = done.completed_at
    assert stamp is not None
    assert handlers == [("record", enrolment.pk), ("second", enrolment.pk)]
    again = services.complete_enrolment(enrolment=enrolment)
    assert again.completed_at == stamp
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at == stamp
    assert len(handlers) == 2


@pytest.mark.django_db
def test_a_failing_handler_rolls_the_completion_back(monkeypatch, handlers, enrolment):
    monkeypatch.setattr(
        completion,
        "COMPLETION_HANDLERS",
        [f"{__name__}.record", f"{__name__}.explode"],
    )
    with pytest.raises(RuntimeError):
        services.complete_enrolment(enrolment=enrolment)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is None
    monkeypatch.setattr(completion, "COMPLETION_HANDLERS", [f"{__name__}.record"])
    handlers.clear()
    services.complete_enrolment(enrolment=enrolment)
    assert handlers == [("record", enrolment.pk)]


@pytest.mark.django_db
def test_passing_the_quiz_completes_the_course_through_the_service(handlers):
    tree = build_course(lessons=2, questions=4)
    enrolment = services.enrol_learner(user=make_learner(), course=tree.course)
    for lesson in tree.lessons:
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    assert handlers == []
    attempt = services.start_attempt(enrolment=enrolment, quiz=tree.quiz)
    services.submit_attempt(attempt=attempt, answers=correct_answers(attempt))
    assert handlers == [("record", enrolment.pk), ("second", enrolment.pk)]
    # Reading a lesson again after completion triggers nothing more.
    services.complete_lesson(enrolment=enrolment, lesson=tree.lessons[0])
    assert len(handlers) == 2


@pytest.mark.django_db
def test_the_database_refuses_a_completion_before_the_enrolment(enrolment):
    with pytest.raises(IntegrityError):
        Enrolment.objects.filter(pk=enrolment.pk).update(
            completed_at=enrolment.enrolled_at - timezone.timedelta(days=1)
        )


@pytest.mark.django_db
def test_one_enrolment_per_learner_and_course(enrolment):
    with pytest.raises(IntegrityError):
        Enrolment.objects.create(
            user=enrolment.user, course=enrolment.course, enrolled_at=timezone.now()
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_completions_complete_once(handlers, enrolment):
    """Two requests completing the same enrolment at once run the handlers once."""
    barrier = threading.Barrier(2)
    errors = []

    def complete():
        try:
            barrier.wait()
            services.complete_enrolment(
                enrolment=Enrolment.objects.get(pk=enrolment.pk)
            )
        except OperationalError as exc:  # SQLite may refuse the loser's write
            if connection.vendor != "sqlite":
                errors.append(exc)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    assert handlers == [("record", enrolment.pk), ("second", enrolment.pk)]
