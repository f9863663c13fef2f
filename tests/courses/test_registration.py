"""Registration on a course platform, e-mail confirmation, and no e-mail enumeration."""

import re

import pytest

from django.core import mail

from courses import registration
from courses.models import LearnerProfile
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.core.models import OutgoingEmail
from tests.courses.factories import make_learner
from tests.factories import InstitutionFactory, ServiceFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db

URL = "/concientizacion/registro/"
LINK = re.compile(r"http://testserver(/\S+/registro/confirmar/\S+/)")


@pytest.fixture
def service():
    institution = InstitutionFactory(name="Ministerio de Energía", code="MEN")
    return ServiceFactory(
        institution=institution, name="Subsecretaría de Energía", code="SUBE"
    )


def form_data(**overrides):
    data = {
        "first_name": "Ana María",
        "last_name": "González Tapia",
        "email": "Ana.Gonzalez@Servicio.example",
        "rut": "12.345.678-5",
        "service_name": "Subsecretaría de Energía",
        "password1": "Sol-de-Invierno-44",
        "password2": "Sol-de-Invierno-44",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def register(client, data, capture):
    with capture(execute=True):
        return client.post(URL, data)


def confirmation_link(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return LINK.search(message.body).group(1)


def test_the_form_offers_every_active_service_by_name(client, service):
    ServiceFactory(name="Servicio cerrado", is_active=False)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'list="service-options"' in html
    assert "Subsecretaría de Energía (Ministerio de Energía)" in html
    assert "Servicio cerrado" not in html


def test_registration_creates_an_inactive_account_and_mails_a_link(
    client, service, django_capture_on_commit_callbacks
):
    response = register(client, form_data(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/concientizacion/registro/enviado/"
    user = User.objects.get(realm=Realm.CONCIENTIZACION)
    assert user.email == "ana.gonzalez@servicio.example"
    assert not user.is_active
    assert user.rut == "12345678-5"
    assert (user.first_name, user.last_name) == ("Ana María", "González Tapia")
    profile = user.learner_profile
    assert profile.service == service and profile.institution == service.institution
    assert profile.privacy_accepted_at and profile.email_confirmed_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert "Plataforma de Concientización" in mail.outbox[0].subject
    sent = client.get(response["Location"])
    assert "ana.gonzalez@servicio.example" in sent.content.decode().lower()
    # Not confirmed yet: the password does not open the platform.
    denied = client.post(
        "/concientizacion/ingresar/",
        {"username": user.email, "password": "Sol-de-Invierno-44"},
    )
    assert denied.status_code == 200 and "no son correctos" in denied.content.decode()


def test_the_link_activates_signs_in_and_works_only_once(
    client, service, django_capture_on_commit_callbacks
):
    register(client, form_data(), django_capture_on_commit_callbacks)
    link = confirmation_link("ana.gonzalez@servicio.example")
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/concientizacion/"
    user = User.objects.get(realm=Realm.CONCIENTIZACION)
    assert user.is_active and user.learner_profile.email_confirmed_at is not None
    home = client.get("/concientizacion/")
    assert "Sesión iniciada como" in home.content.decode()
    assert "Su cuenta está activa" in home.content.decode()
    again = client.get(link)
    assert again.status_code == 400
    assert "ya fue usado" in again.content.decode()


def test_a_link_of_one_platform_does_not_confirm_on_the_other(
    client, service, django_capture_on_commit_callbacks
):
    register(client, form_data(), django_capture_on_commit_callbacks)
    link = confirmation_link("ana.gonzalez@servicio.example")
    response = client.get(link.replace("/concientizacion/", "/capacitacion/"))
    assert response.status_code == 400
    assert not User.objects.get(realm=Realm.CONCIENTIZACION).is_active


def test_expired_and_tampered_links_are_refused(
    client, service, django_capture_on_commit_callbacks, monkeypatch
):
    register(client, form_data(), django_capture_on_commit_callbacks)
    link = confirmation_link("ana.gonzalez@servicio.example")
    tampered = client.get(link[:-3] + "xx/")
    assert tampered.status_code == 400 and "no es válido" in tampered.content.decode()
    monkeypatch.setattr(registration, "CONFIRM_MAX_AGE", -1)
    expired = client.get(link)
    assert expired.status_code == 400 and "venció" in expired.content.decode()
    assert not User.objects.get(realm=Realm.CONCIENTIZACION).is_active


def test_an_existing_account_is_never_revealed_on_screen(
    client, service, django_capture_on_commit_callbacks
):
    owner = make_learner(email="ana.gonzalez@servicio.example", service=service)
    new = register(
        client,
        form_data(email="nueva.persona@servicio.example"),
        django_capture_on_commit_callbacks,
    )
    taken = register(client, form_data(), django_capture_on_commit_callbacks)
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    # Only the owner learns it, by e-mail, with the way in instead of a link to confirm.
    assert User.objects.filter(realm=Realm.CONCIENTIZACION).count() == 2
    notice = next(m for m in mail.outbox if m.to == [owner.email])
    assert "Ya tiene una cuenta" in notice.subject
    assert "/concientizacion/contrasena/olvido/" in notice.body
    assert "confirmar" not in notice.body
    owner.refresh_from_db()
    assert owner.check_password("Clave-Segura-2026")


def test_the_same_email_may_register_on_the_other_platform(
    client, service, django_capture_on_commit_callbacks
):
    make_learner(
        platform=Realm.CAPACITACION,
        email="ana.gonzalez@servicio.example",
        service=service,
    )
    register(client, form_data(), django_capture_on_commit_callbacks)
    assert User.objects.filter(email="ana.gonzalez@servicio.example").count() == 2
    assert "Confirme su correo" in mail.outbox[-1].subject


def test_a_pending_registration_sent_again_keeps_one_account_and_one_link(
    client, service, django_capture_on_commit_callbacks
):
    register(client, form_data(), django_capture_on_commit_callbacks)
    register(
        client,
        form_data(
            first_name="Ana", password1="Otra-Clave-987", password2="Otra-Clave-987"
        ),
        django_capture_on_commit_callbacks,
    )
    user = User.objects.get(realm=Realm.CONCIENTIZACION)
    assert user.first_name == "Ana" and user.check_password("Otra-Clave-987")
    # The second e-mail is held back (anti-spam); the first link activates the newest data.
    assert len(mail.outbox) == 1
    client.get(confirmation_link(user.email))
    user.refresh_from_db()
    assert user.is_active


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rut", "12.345.678-9", "dígito verificador"),
        ("rut", "abc", "Ingrese un RUT válido"),
        ("email", "no-es-correo", "correo válido"),
        ("password1", "1234567890", "completamente numérica"),
        ("password1", "corta", "demasiado corta"),
        ("accept_privacy", "", "aviso de privacidad"),
        ("service_name", "Servicio que no existe", "No encontramos un servicio"),
        ("first_name", "", "Ingrese sus nombres"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    client, service, field, value, message
):
    data = form_data(**{field: value})
    if field == "password1":
        data["password2"] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="González Tapia"' in html
    assert not User.objects.filter(realm=Realm.CONCIENTIZACION).exists()


def test_passwords_must_match(client, service):
    response = client.post(URL, form_data(password2="Otra-Distinta-55"))
    assert "no coinciden" in response.content.decode()


def test_a_password_like_the_name_is_refused(client, service):
    data = form_data(password1="González Tapia", password2="González Tapia")
    assert "demasiado similar" in client.post(URL, data).content.decode()


def test_a_service_is_found_by_part_of_its_name_without_accents(
    client, service, django_capture_on_commit_callbacks
):
    ServiceFactory(name="Servicio de Salud Ñuble")
    response = register(
        client,
        form_data(service_name="subsecretaria energia"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert LearnerProfile.objects.get().service == service


def test_several_matches_are_listed_to_choose_from(
    client, service, django_capture_on_commit_callbacks
):
    other = ServiceFactory(name="Superintendencia de Electricidad y Combustibles")
    first = client.post(URL, form_data(service_name="de e"))
    html = first.content.decode()
    assert first.status_code == 200 and "elija el suyo en la lista" in html
    assert f'name="service" id="id_service_{service.pk}"' in html
    assert f'value="{other.pk}"' in html
    response = register(
        client,
        form_data(service_name="de e", service=str(other.pk)),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert LearnerProfile.objects.get().service == other


def test_resend_is_silent_about_unknown_addresses(
    client, service, django_capture_on_commit_callbacks
):
    register(client, form_data(), django_capture_on_commit_callbacks)
    profile = LearnerProfile.objects.get()
    profile.confirmation_sent_at = None
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            "/concientizacion/registro/reenviar/",
            {"email": "ana.gonzalez@servicio.example"},
        )
        unknown = client.post(
            "/concientizacion/registro/reenviar/", {"email": "nadie@servicio.example"}
        )
    assert known.status_code == unknown.status_code == 302
    assert [m.to for m in mail.outbox] == [["ana.gonzalez@servicio.example"]] * 2
    assert OutgoingEmail.objects.count() == 2


def test_a_signed_in_learner_is_sent_to_the_platform(client):
    login(client, make_learner())
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/concientizacion/"
