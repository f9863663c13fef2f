"""Idle and absolute time limits of Gestión sessions; CSRF failures in Spanish."""

import time

import pytest

from django.test import Client

from lms.accounts.middleware import LAST_SEEN_KEY, LOGIN_AT_KEY
from lms.accounts.realms import Realm
from tests.factories import LearnerFactory, TOTPDeviceFactory, UserFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


def age_session(client, key, seconds):
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_gestion_session_ends_after_thirty_idle_minutes(client, settings):
    assert settings.GESTION_IDLE_TIMEOUT == 30 * 60
    user = UserFactory()
    login(client, user, TOTPDeviceFactory(user=user))
    assert client.get("/gestion/").status_code == 200
    age_session(client, LAST_SEEN_KEY, settings.GESTION_IDLE_TIMEOUT - 60)
    assert client.get("/gestion/").status_code == 200

    age_session(client, LAST_SEEN_KEY, settings.GESTION_IDLE_TIMEOUT + 1)
    response = client.get("/gestion/", follow=True)
    assert response.request["PATH_INFO"] == "/gestion/ingresar/"
    assert "inactividad" in response.content.decode()
    assert client.get("/gestion/").status_code == 302


def test_gestion_session_has_an_absolute_limit(client, settings):
    user = UserFactory()
    login(client, user, TOTPDeviceFactory(user=user))
    client.get("/gestion/")
    age_session(client, LOGIN_AT_KEY, settings.GESTION_ABSOLUTE_TIMEOUT + 1)
    response = client.get("/gestion/", follow=True)
    assert "tiempo máximo" in response.content.decode()


def test_learner_sessions_have_no_thirty_minute_limit(client, settings):
    learner = LearnerFactory(realm=Realm.CONCIENTIZACION)
    login(client, learner)
    client.get("/concientizacion/cuenta/")
    age_session(client, LAST_SEEN_KEY, settings.GESTION_IDLE_TIMEOUT + 600)
    assert client.get("/concientizacion/cuenta/").status_code == 200


def test_a_form_without_csrf_token_gets_a_spanish_page():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/gestion/ingresar/", {"username": "a@b.example", "password": "x"}
    )
    assert response.status_code == 403
    assert "El formulario expiró" in response.content.decode()
