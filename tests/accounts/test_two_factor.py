"""Two-factor: mandatory for Gestión/Flota and staff, enrolment, single-use codes."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from tests.factories import (
    PASSWORD,
    LearnerFactory,
    ServiceFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db


def password_login(client, platform, user):
    return client.post(
        f"/{platform}/ingresar/", {"username": user.email, "password": PASSWORD}
    )


@pytest.fixture
def gestor():
    user = UserFactory()
    add_membership(user=user, service=ServiceFactory(), role=Role.GESTOR_SERVICIO)
    return user


def test_password_alone_opens_no_gestion_page(client, gestor):
    device = TOTPDeviceFactory(user=gestor)
    response = password_login(client, "gestion", gestor)
    assert response.status_code == 302
    assert response["Location"].startswith("/gestion/2fa/verificar/")
    for path in ("/gestion/", "/flota/", "/gestion/cuenta/"):
        blocked = client.get(path)
        assert blocked.status_code == 302, path
        assert "/2fa/verificar/" in blocked["Location"], path
    # Public pages treat the half-logged-in user as anonymous.
    assert client.get("/capacitacion/").status_code == 200

    verified = client.post(
        "/gestion/2fa/verificar/?next=/gestion/", {"otp_token": totp_code(device)}
    )
    assert verified.status_code == 302 and verified["Location"] == "/gestion/"
    assert client.get("/gestion/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, gestor):
    device = TOTPDeviceFactory(user=gestor)
    password_login(client, "gestion", gestor)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/gestion/2fa/verificar/", {"otp_token": wrong})
    assert response.status_code == 200
    assert "no es válido o ya fue usado" in response.content.decode()
    assert client.get("/gestion/").status_code == 302


def test_a_used_code_is_refused_the_second_time(client, gestor):
    device = TOTPDeviceFactory(user=gestor)
    code = totp_code(device)
    password_login(client, "gestion", gestor)
    assert (
        client.post("/gestion/2fa/verificar/", {"otp_token": code}).status_code == 302
    )
    client.post("/gestion/salir/")

    password_login(client, "gestion", gestor)
    replay = client.post("/gestion/2fa/verificar/", {"otp_token": code})
    assert replay.status_code == 200
    assert "ya fue usado" in replay.content.decode()
    assert client.get("/gestion/").status_code == 302


def test_first_login_enrols_a_device_with_a_local_qr_and_backup_codes(client, gestor):
    response = password_login(client, "gestion", gestor)
    assert response["Location"].startswith("/gestion/2fa/configurar/")
    # Skipping the step is not possible: every page leads back to it.
    assert (
        client.get("/gestion/", follow=True).request["PATH_INFO"]
        == "/gestion/2fa/configurar/"
    )
    setup = client.get(response["Location"])
    page = setup.content.decode()
    assert "<svg" in page and "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[
        0
    ].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=gestor, confirmed=False)

    done = client.post(
        "/gestion/2fa/configurar/?next=/gestion/", {"otp_token": totp_code(device)}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/gestion/").status_code == 200

    # A backup code opens one more session, once.
    client.post("/gestion/salir/")
    password_login(client, "gestion", gestor)
    assert (
        client.post(
            "/gestion/2fa/verificar/", {"otp_token": codes[0].upper()}
        ).status_code
        == 302
    )
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post("/gestion/salir/")
    password_login(client, "gestion", gestor)
    assert (
        client.post("/gestion/2fa/verificar/", {"otp_token": codes[0]}).status_code
        == 200
    )


def test_a_password_alone_cannot_enrol_a_second_device(client, gestor):
    TOTPDeviceFactory(user=gestor)
    password_login(client, "gestion", gestor)
    response = client.get("/gestion/2fa/configurar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/gestion/2fa/verificar/")
    assert not TOTPDevice.objects.filter(user=gestor, confirmed=False).exists()


def test_staff_cannot_enter_wagtail_admin_without_two_factor(client):
    editor = UserFactory()
    grant_staff_role(user=editor, role=Role.EDITOR)
    device = TOTPDeviceFactory(user=editor)
    # Wagtail's own login form checks the password only…
    response = client.post(
        "/admin/login/", {"username": editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    # …so the admin sends the user to the second step.
    blocked = client.get("/admin/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/gestion/2fa/verificar/")
    client.post("/gestion/2fa/verificar/", {"otp_token": totp_code(device)})
    assert client.get("/admin/").status_code == 200


def test_flota_login_uses_the_gestion_account_and_two_factor(client, gestor):
    device = TOTPDeviceFactory(user=gestor)
    response = password_login(client, "flota", gestor)
    assert response["Location"].startswith("/flota/2fa/verificar/")
    client.post("/flota/2fa/verificar/?next=/flota/", {"otp_token": totp_code(device)})
    assert client.get("/flota/").status_code == 200
    # Same realm, same session: Gestión opens too.
    assert client.get("/gestion/").status_code == 200


def test_two_factor_is_optional_for_learners_and_enforced_once_enrolled(client):
    learner = LearnerFactory(realm=Realm.CAPACITACION)
    assert (
        password_login(client, "capacitacion", learner)["Location"] == "/capacitacion/"
    )
    assert client.get("/capacitacion/cuenta/").status_code == 200
    client.post("/capacitacion/salir/")

    device = TOTPDeviceFactory(user=learner)
    response = password_login(client, "capacitacion", learner)
    assert response["Location"].startswith("/capacitacion/2fa/verificar/")
    assert client.get("/capacitacion/cuenta/").status_code == 302
    client.post("/capacitacion/2fa/verificar/", {"otp_token": totp_code(device)})
    assert client.get("/capacitacion/cuenta/").status_code == 200


def test_repeated_wrong_codes_are_throttled(client, gestor):
    from django.utils import timezone

    device = TOTPDeviceFactory(user=gestor)
    password_login(client, "gestion", gestor)
    # As after a run of wrong codes: django-otp doubles the wait after each failure.
    device.throttling_failure_count = 6
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = client.post("/gestion/2fa/verificar/", {"otp_token": totp_code(device)})
    assert response.status_code == 200
    assert "Demasiados códigos incorrectos" in response.content.decode()
    assert client.get("/gestion/").status_code == 302
