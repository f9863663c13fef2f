"""A learner downloads their data and erases their account."""

import json

import pytest

from lms.accounts.models import SecurityEvent, User
from lms.accounts.realms import Realm
from tests.courses.factories import build_course, make_learner
from tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    user = make_learner(
        Realm.CONCIENTIZACION, first_name="Ñandú", last_name="Pérez", rut="12345678-5"
    )
    from courses.services import enrol_learner

    enrol_learner(user=user, course=build_course().course)
    return user


def test_a_learner_downloads_everything_kept_about_them(client, learner):
    login(client, learner)
    response = client.get("/concientizacion/cuenta/mis-datos/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert (
        data["cuenta"]["nombres"] == "Ñandú" and data["cuenta"]["rut"] == "12345678-5"
    )
    assert data["perfil"]["servicio"]
    assert [c["curso"] for c in data["cursos"]] == ["Curso de prueba"]
    assert SecurityEvent.objects.filter(kind="data_download", user=learner).exists()


def test_erasing_asks_for_the_password_and_keeps_what_was_typed(client, learner):
    login(client, learner)
    response = client.post(
        "/concientizacion/cuenta/eliminar/", {"password": "mala", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "La contraseña no es correcta." in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active and learner.first_name == "Ñandú"


def test_erasing_removes_the_identity_and_signs_out(client, learner):
    login(client, learner)
    email = learner.email
    response = client.post(
        "/concientizacion/cuenta/eliminar/", {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    user = User.objects.get(pk=learner.pk)
    assert (user.first_name, user.last_name, user.rut, user.phone) == ("", "", "", "")
    assert user.email != email and not user.is_active and not user.has_usable_password()
    assert user.enrolments.count() == 1  # kept, without identity, for the statistics
    assert client.get("/concientizacion/cuenta/").status_code == 302
    # The e-mail is free again: the person may register anew later.
    assert not User.objects.with_email(email, Realm.CONCIENTIZACION).exists()
    assert (
        client.post(
            "/concientizacion/ingresar/", {"username": email, "password": PASSWORD}
        ).status_code
        == 200
    )


def test_gestion_accounts_are_deactivated_by_their_service_not_erased(client):
    user = UserFactory()
    login(client, user, TOTPDeviceFactory(user=user))
    response = client.post(
        "/gestion/cuenta/eliminar/", {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.is_active


def test_erased_learners_certificates_still_verify_without_the_name(client, learner):
    from certificates.models import Certificate
    from courses.services import complete_enrolment

    complete_enrolment(enrolment=learner.enrolments.get())
    certificate = Certificate.objects.get(enrolment__user=learner)
    login(client, learner)
    data = json.loads(client.get("/concientizacion/cuenta/mis-datos/").content)
    assert [c["codigo"] for c in data["certificados"]] == [certificate.display_code]

    client.post(
        "/concientizacion/cuenta/eliminar/", {"password": PASSWORD, "confirm": "on"}
    )
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert "Ñandú" not in certificate.full_name and certificate.rut == ""
    page = client.get(
        certificate.get_verification_url().replace("http://testserver", "")
    )
    body = page.content.decode()
    assert page.status_code == 200 and "Válido" in body
    assert "Nombre reservado" in body and "Ñandú" not in body and "Pérez" not in body
