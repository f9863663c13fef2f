"""Separate accounts per platform: same e-mail, separate passwords and sessions."""

import pytest

from django.db import IntegrityError

from lms.accounts.models import User
from lms.accounts.realms import SESSION_COOKIES, Realm
from tests.factories import PASSWORD, LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "colaboradora@servicio.example"


def post_login(client, platform, email, password):
    return client.post(
        f"/{platform}/ingresar/",
        {"username": email, "password": password},
        follow=False,
    )


def test_same_email_holds_one_account_per_platform_with_its_own_password(client):
    cap = LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    con = LearnerFactory(
        realm=Realm.CONCIENTIZACION, email=EMAIL, password="Otra-Clave-2026"
    )
    assert User.objects.filter(email=EMAIL).count() == 2
    assert cap.check_password(PASSWORD) and not cap.check_password("Otra-Clave-2026")
    assert con.check_password("Otra-Clave-2026") and not con.check_password(PASSWORD)

    # Each platform accepts only its own account's password.
    assert post_login(client, "concientizacion", EMAIL, PASSWORD).status_code == 200
    response = post_login(client, "capacitacion", EMAIL, PASSWORD)
    assert response.status_code == 302
    assert response.cookies[SESSION_COOKIES[Realm.CAPACITACION]].value
    assert SESSION_COOKIES[Realm.CONCIENTIZACION] not in response.cookies


def test_a_session_on_one_platform_does_not_open_another(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    LearnerFactory(realm=Realm.CONCIENTIZACION, email=EMAIL)
    post_login(client, "capacitacion", EMAIL, PASSWORD)

    own = client.get("/capacitacion/cuenta/")
    assert own.status_code == 200
    assert own.context["user"].realm == Realm.CAPACITACION

    other = client.get("/concientizacion/cuenta/")
    assert other.status_code == 302
    assert other["Location"].startswith("/concientizacion/ingresar/")
    assert client.get("/gestion/").status_code == 302


def test_logging_out_of_one_platform_keeps_the_other_open(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    LearnerFactory(realm=Realm.CONCIENTIZACION, email=EMAIL)
    post_login(client, "capacitacion", EMAIL, PASSWORD)
    post_login(client, "concientizacion", EMAIL, PASSWORD)
    client.post("/capacitacion/salir/")
    assert client.get("/capacitacion/cuenta/").status_code == 302
    assert client.get("/concientizacion/cuenta/").status_code == 200


def test_a_learner_account_cannot_log_in_on_gestion(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    response = post_login(client, "gestion", EMAIL, PASSWORD)
    assert response.status_code == 200
    assert "no son correctos" in response.content.decode()
    assert client.get("/gestion/").status_code == 302


def test_a_gestion_account_cannot_log_in_on_a_course_platform(client):
    UserFactory(email=EMAIL)
    response = post_login(client, "concientizacion", EMAIL, PASSWORD)
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_email_is_unique_within_a_realm_whatever_its_case():
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    with pytest.raises(IntegrityError):
        User.objects.create(realm=Realm.CAPACITACION, email=EMAIL.upper())


def test_email_is_stored_lower_case_and_found_in_any_case(client):
    user = User.objects.create_user(
        "Persona.Mayuscula@Servicio.EXAMPLE", PASSWORD, realm=Realm.CONCIENTIZACION
    )
    assert user.email == "persona.mayuscula@servicio.example"
    assert (
        post_login(
            client, "concientizacion", "PERSONA.mayuscula@servicio.example", PASSWORD
        ).status_code
        == 302
    )


def test_wrong_password_and_unknown_email_get_the_same_answer(client):
    UserFactory(email=EMAIL)
    wrong = post_login(client, "gestion", EMAIL, "no-es-la-clave")
    unknown = post_login(client, "gestion", "nadie@servicio.example", "no-es-la-clave")
    assert wrong.status_code == unknown.status_code == 200
    assert (
        wrong.context["form"].non_field_errors()
        == unknown.context["form"].non_field_errors()
    )
    assert "no son correctos" in str(wrong.context["form"].non_field_errors())


def test_inactive_accounts_get_the_generic_answer(client):
    UserFactory(email=EMAIL, is_active=False)
    response = post_login(client, "gestion", EMAIL, PASSWORD)
    assert "no son correctos" in response.content.decode()


def test_login_form_keeps_the_email_typed_and_explains_bad_input(client):
    response = client.post(
        "/gestion/ingresar/", {"username": "no-es-correo", "password": ""}
    )
    body = response.content.decode()
    assert 'value="no-es-correo"' in body
    assert "Ingrese un correo electrónico válido" in body
    assert "Ingrese su contraseña." in body


def test_login_redirect_never_leaves_the_site(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    response = client.post(
        "/capacitacion/ingresar/?next=https://malicioso.example/",
        {"username": EMAIL, "password": PASSWORD},
    )
    assert response["Location"] == "/capacitacion/"


def test_remember_me_unticked_ends_the_session_with_the_browser(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    response = post_login(client, "capacitacion", EMAIL, PASSWORD)
    cookie = response.cookies[SESSION_COOKIES[Realm.CAPACITACION]]
    assert not cookie["max-age"] and not cookie["expires"]


def test_remember_me_ticked_keeps_a_learner_session(client, settings):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    response = client.post(
        "/capacitacion/ingresar/",
        {"username": EMAIL, "password": PASSWORD, "remember_me": "on"},
    )
    cookie = response.cookies[SESSION_COOKIES[Realm.CAPACITACION]]
    assert int(cookie["max-age"]) == settings.LEARNER_REMEMBER_AGE


def test_logout_is_post_only(client):
    LearnerFactory(realm=Realm.CAPACITACION, email=EMAIL)
    post_login(client, "capacitacion", EMAIL, PASSWORD)
    assert client.get("/capacitacion/salir/").status_code == 405
    assert client.get("/capacitacion/cuenta/").status_code == 200
