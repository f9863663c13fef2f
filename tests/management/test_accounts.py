"""Configuración > Usuarios: the Gestor de Servicio creates, edits and deactivates the
service's accounts; the Administrador also names Gestores de Servicio."""

import re

import pytest

from django.core import mail
from django.urls import reverse

from lms.accounts.models import Membership, User
from lms.accounts.roles import Role
from management.models import Unit, UnitAssignment
from tests.factories import ServiceFactory, UnitFactory, UserFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return ServiceFactory(name="Servicio Propio")


@pytest.fixture
def gestor(service):
    return person(Role.GESTOR_SERVICIO, service)


@pytest.fixture
def client(gestor):
    return client_for(gestor)


def form(service, **overrides):
    data = {
        "service": service.pk,
        "email": "Nueva.Persona@Servicio.example",
        "first_name": "Nora",
        "last_name": "Nueva",
        "rut": "12.345.678-5",
        "phone": "+56 2 2345 6789",
        "roles": [Role.GESTOR_CONSULTA],
    }
    data.update(overrides)
    return data


def test_a_new_account_gets_an_email_to_set_its_password(
    client, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("management:user-create"), form(service))
    assert response.status_code == 302
    user = User.objects.get(email="nueva.persona@servicio.example")
    assert user.rut == "12345678-5"
    assert Membership.objects.get(user=user).role == Role.GESTOR_CONSULTA
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nueva.persona@servicio.example"]
    assert "Servicio Propio" in message.subject
    link = re.search(
        r"http://testserver(/gestion/contrasena/restablecer/\S+/)", message.body
    )
    assert link, message.body
    # The link lets the person choose a password, then two-factor enrolment follows.
    from django.test import Client

    browser = Client()
    page = browser.get(link.group(1), follow=True)
    assert page.status_code == 200
    browser.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Clave-Nueva-2026!", "new_password2": "Clave-Nueva-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("Clave-Nueva-2026!")


def test_a_gestor_de_unidad_gets_units_of_the_same_service(client, service):
    mine = UnitFactory(service=service)
    theirs = UnitFactory()
    page = client.post(
        reverse("management:user-create"),
        form(service, roles=[Role.GESTOR_UNIDAD], email="gu@servicio.example"),
    )
    assert "al menos una unidad" in str(page.context["form"].errors["units"])
    page = client.post(
        reverse("management:user-create"),
        form(
            service,
            roles=[Role.GESTOR_UNIDAD],
            email="gu@servicio.example",
            units=[theirs.pk],
        ),
    )
    assert "Elija unidades de la lista." in str(page.context["form"].errors["units"])
    client.post(
        reverse("management:user-create"),
        form(
            service,
            roles=[Role.GESTOR_UNIDAD],
            email="gu@servicio.example",
            units=[mine.pk],
        ),
    )
    user = User.objects.get(email="gu@servicio.example")
    assert list(Unit.objects.visible_to(user)) == [mine]


def test_creating_an_account_in_another_service_is_refused_in_spanish(client):
    other = ServiceFactory()
    hidden = UnitFactory(service=other, name="Unidad ajena")
    page = client.post(reverse("management:user-create"), form(other))
    assert hidden.name not in page.content.decode()
    errors = page.context["form"].errors["service"]
    assert "No puede crear cuentas en ese servicio" in errors[0]
    assert 'value="Nora"' in page.content.decode()  # nothing typed is lost
    assert not User.objects.filter(email="nueva.persona@servicio.example").exists()


def test_a_gestor_de_servicio_cannot_name_another_gestor_de_servicio(client, service):
    page = client.post(
        reverse("management:user-create"), form(service, roles=[Role.GESTOR_SERVICIO])
    )
    assert "roles" in page.context["form"].errors
    assert not User.objects.filter(email="nueva.persona@servicio.example").exists()


def test_the_administrator_names_gestores_de_servicio(service):
    admin = person(Role.ADMINISTRADOR)
    client = client_for(admin)
    client.post(
        reverse("management:user-create"),
        form(service, roles=[Role.GESTOR_SERVICIO], email="gs@servicio.example"),
    )
    user = User.objects.get(email="gs@servicio.example")
    assert user.memberships.get().role == Role.GESTOR_SERVICIO


def test_an_existing_account_of_another_service_only_gains_roles(
    client, service, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="ya@existe.example", first_name="Original")
    other = ServiceFactory()
    Membership.objects.create(user=existing, service=other, role=Role.GESTOR_UNIDAD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("management:user-create"),
            form(service, email="YA@existe.example", first_name="Cambiado"),
        )
    existing.refresh_from_db()
    assert existing.first_name == "Original"
    assert set(existing.memberships.values_list("service_id", flat=True)) == {
        service.pk,
        other.pk,
    }
    assert "Nuevos perfiles" in mail.outbox[0].subject
    assert "restablecer" not in mail.outbox[0].body


def test_edit_roles_and_units_in_the_current_service(client, service):
    unit = UnitFactory(service=service)
    account = person(Role.GESTOR_CONSULTA, service)
    url = reverse("management:user-update", args=[account.pk])
    page = client.get(url)
    assert page.status_code == 200
    client.post(
        url,
        {
            "first_name": "Otro",
            "last_name": account.last_name,
            "rut": "",
            "phone": "",
            "roles": [Role.GESTOR_UNIDAD],
            "units": [unit.pk],
        },
    )
    account.refresh_from_db()
    assert account.first_name == "Otro"
    assert list(account.memberships.values_list("role", flat=True)) == [
        Role.GESTOR_UNIDAD
    ]
    assert UnitAssignment.objects.filter(user=account, unit=unit).exists()


def test_deactivate_removes_the_service_and_then_the_account(client, service, gestor):
    account = person(Role.GESTOR_FLOTA, service)
    url = reverse("management:user-deactivate", args=[account.pk])
    page = client.post(url, {"reason": ""})
    assert "Indique el motivo." in str(page.context["form"].errors)
    client.post(url, {"reason": "Dejó el servicio"})
    account.refresh_from_db()
    assert not account.is_active and account.deactivation_reason == "Dejó el servicio"
    # Yourself and other Gestores de Servicio are out of reach.
    colleague = person(Role.GESTOR_SERVICIO, service)
    page = client.post(
        reverse("management:user-deactivate", args=[colleague.pk]), {"reason": "x"}
    )
    assert "Solo el Administrador" in page.content.decode()
    page = client.post(
        reverse("management:user-deactivate", args=[gestor.pk]), {"reason": "x"}
    )
    assert "su propia cuenta" in page.content.decode()


def test_an_account_with_another_service_stays_active(client, service):
    account = person(Role.GESTOR_CONSULTA, service)
    Membership.objects.create(
        user=account, service=ServiceFactory(), role=Role.CONDUCTOR
    )
    client.post(
        reverse("management:user-deactivate", args=[account.pk]), {"reason": "Traslado"}
    )
    account.refresh_from_db()
    assert account.is_active
    assert not account.memberships.filter(service=service).exists()


def test_the_user_list_shows_only_the_current_service(client, service):
    mine = person(Role.GESTOR_CONSULTA, service, last_name="Propia")
    person(Role.GESTOR_CONSULTA, ServiceFactory(), last_name="Ajena")
    page = client.get(reverse("management:user-list"))
    html = page.content.decode()
    assert mine.email in html
    assert "Ajena" not in html
