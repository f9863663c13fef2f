"""Login throttling: username + IP locks with a cool-off, never for good."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.utils import timezone

from lms.accounts.realms import Realm
from tests.factories import PASSWORD, LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def attempt(client, user, password, ip="10.0.0.1", platform="gestion"):
    return client.post(
        f"/{platform}/ingresar/",
        {"username": user.email, "password": password},
        REMOTE_ADDR=ip,
    )


def test_lock_after_repeated_failures_then_unlock_after_cool_off(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user, "mala-clave")
    locked = attempt(client, user, PASSWORD)
    assert locked.status_code == 429
    assert "bloqueada" in locked.content.decode()
    assert "minutos" in locked.content.decode()

    # The same account from another IP (same public office NAT aside) is not locked.
    assert attempt(client, user, PASSWORD, ip="10.0.0.2").status_code == 302
    client.post("/gestion/salir/")

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert attempt(client, user, PASSWORD).status_code == 302


def test_other_accounts_behind_the_same_ip_are_not_locked(client, settings):
    victim, neighbour = UserFactory(), UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(client, victim, "mala-clave")
    assert attempt(client, neighbour, PASSWORD).status_code == 302


def test_a_lock_on_one_platform_leaves_the_same_email_elsewhere_alone(client, settings):
    cap = LearnerFactory(realm=Realm.CAPACITACION)
    LearnerFactory(realm=Realm.CONCIENTIZACION, email=cap.email)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, cap, "mala-clave", platform="capacitacion")
    assert attempt(client, cap, PASSWORD, platform="capacitacion").status_code == 429
    assert attempt(client, cap, PASSWORD, platform="concientizacion").status_code == 302


def test_the_lock_message_gives_no_hint_the_account_exists(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/gestion/ingresar/", {"username": "nadie@x.example", "password": "x"}
        )
    response = client.post(
        "/gestion/ingresar/", {"username": "nadie@x.example", "password": "x"}
    )
    assert response.status_code == 429
