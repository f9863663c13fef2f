"""Password reset by e-mail (through the worker), per realm, single use."""

import re

import pytest

from django.core import mail

from lms.accounts.realms import Realm
from lms.core.models import OutgoingEmail
from tests.factories import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nueva-Clave-Larga-2026"


def request_reset(client, platform, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/{platform}/contrasena/olvido/", {"email": email})


def reset_link():
    assert len(mail.outbox) == 1
    match = re.search(r"http://testserver(/\S+/)", mail.outbox[0].body)
    return match.group(1)


def test_reset_link_arrives_by_email_and_works_once(
    client, django_capture_on_commit_callbacks
):
    user = LearnerFactory(realm=Realm.CONCIENTIZACION)
    response = request_reset(
        client, "concientizacion", user.email, django_capture_on_commit_callbacks
    )
    assert response["Location"] == "/concientizacion/contrasena/olvido/enviado/"
    link = reset_link()
    assert link.startswith("/concientizacion/contrasena/restablecer/")
    # The stored copy keeps no one-time link once sent.
    assert OutgoingEmail.objects.get().body_text == ""

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert "ya no es válido" in again.content.decode()


def test_unknown_email_gets_the_same_page_and_no_mail(
    client, django_capture_on_commit_callbacks
):
    response = request_reset(
        client, "gestion", "nadie@servicio.example", django_capture_on_commit_callbacks
    )
    assert response["Location"] == "/gestion/contrasena/olvido/enviado/"
    assert mail.outbox == []


def test_reset_of_one_platform_never_touches_another(
    client, django_capture_on_commit_callbacks
):
    gestion = UserFactory()
    learner = LearnerFactory(realm=Realm.CAPACITACION, email=gestion.email)
    request_reset(
        client, "capacitacion", gestion.email, django_capture_on_commit_callbacks
    )
    link = reset_link()
    # The same token presented under another platform's prefix is refused.
    foreign = client.get(link.replace("/capacitacion/", "/gestion/"), follow=True)
    assert not foreign.context["validlink"]
    assert client.get(link, follow=True).context["validlink"]
    assert learner.pk != gestion.pk


def test_a_tampered_token_shows_the_expired_link_page(client):
    user = UserFactory()
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(
        f"/gestion/contrasena/restablecer/{uid}/abc-123/", follow=True
    )
    assert response.status_code == 200
    assert "venció o ya fue usado" in response.content.decode()


def test_new_password_must_pass_the_validators(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    request_reset(client, "gestion", user.email, django_capture_on_commit_callbacks)
    page = client.get(reset_link(), follow=True)
    response = client.post(
        page.request["PATH_INFO"], {"new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
