"""Security events are recorded for logins, failures, lockouts, two-factor, roles, exports."""

import pytest

from lms.accounts.models import SecurityEvent
from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from tests.factories import PASSWORD, ServiceFactory, TOTPDeviceFactory, UserFactory
from tests.helpers import login, totp_code

pytestmark = pytest.mark.django_db


def kinds():
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_login_failure_and_two_factor_are_recorded_without_the_typed_email(client):
    user = UserFactory()
    device = TOTPDeviceFactory(user=user)
    client.post("/gestion/ingresar/", {"username": "nadie@x.example", "password": "x"})
    client.post("/gestion/ingresar/", {"username": user.email, "password": PASSWORD})
    client.post(
        "/gestion/2fa/verificar/",
        {"otp_token": "000000" if totp_code(device) != "000000" else "111111"},
    )
    client.post("/gestion/2fa/verificar/", {"otp_token": totp_code(device)})
    assert kinds() == ["login_failed", "login", "2fa_failed"]
    failed = SecurityEvent.objects.get(kind="login_failed")
    assert failed.realm == "gestion" and failed.ip == "127.0.0.1"
    assert "nadie@x.example" not in str(failed.detail)


def test_a_lockout_is_recorded(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/gestion/ingresar/", {"username": user.email, "password": "mala"})
    assert SecurityEvent.objects.filter(kind="locked_out").exists()


def test_enrolment_and_role_changes_are_recorded(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    manager = UserFactory()
    user = UserFactory()
    add_membership(
        user=user,
        service=ServiceFactory(),
        role=Role.GESTOR_CONSULTA,
        created_by=manager,
    )
    grant_staff_role(user=UserFactory(), role=Role.EDITOR)
    granted = SecurityEvent.objects.filter(kind="role_granted").order_by("pk")
    assert granted.count() == 2
    assert granted.first().detail["role"] == "gestor_consulta"
    assert granted.first().user == manager

    client.post("/gestion/ingresar/", {"username": user.email, "password": PASSWORD})
    client.get("/gestion/2fa/configurar/")
    device = TOTPDevice.objects.get(user=user)
    client.post("/gestion/2fa/configurar/", {"otp_token": totp_code(device)})
    assert SecurityEvent.objects.filter(kind="2fa_enrolled", user=user).exists()


def test_exports_of_lists_are_recorded(client):
    from tests.management.conftest import person

    service = ServiceFactory()
    gestor = person(Role.GESTOR_SERVICIO, service)
    login(client, gestor, TOTPDeviceFactory(user=gestor))
    response = client.get("/gestion/configuracion/unidades/?export=csv")
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind="export")
    assert event.user == gestor and event.detail["format"] == "csv"


def test_the_event_log_is_readable_by_the_administrator_only(client):
    admin = UserFactory()
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    editor = UserFactory()
    grant_staff_role(user=editor, role=Role.EDITOR)
    login(client, admin, TOTPDeviceFactory(user=admin))
    response = client.get("/admin/security_events/")
    assert response.status_code == 200
    assert client.get("/admin/security_events/new/").status_code in (302, 403)
    client.logout()
    login(client, editor, TOTPDeviceFactory(user=editor))
    assert client.get("/admin/security_events/").status_code in (302, 403)
