"""Roles as groups with permissions; the scoping layer every module relies on."""

import pytest

from django.contrib.auth.models import Group

from lms.accounts.roles import ROLE_PERMISSIONS, Role, group_name
from lms.accounts.scoping import scope_for
from lms.accounts.services import add_membership, grant_staff_role
from management.models import Service
from tests.factories import (
    LearnerFactory,
    ServiceFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db


def test_every_role_of_the_product_has_its_group():
    names = set(Group.objects.values_list("name", flat=True))
    expected = {
        "Administrador",
        "Revisor de la Red",
        "Gestor de Servicio",
        "Gestor de Unidad",
        "Gestor de Consulta",
        "Encargado Comité Estado Verde",
        "Gestor de Flota",
        "Conductor",
        "Editor",
        "Publicador",
        "Agente de soporte",
    }
    assert expected <= names


def test_groups_carry_the_declared_permissions():
    editor = Group.objects.get(name=group_name(Role.EDITOR))
    perms = {
        f"{p.content_type.app_label}.{p.codename}" for p in editor.permissions.all()
    }
    assert "wagtailadmin.access_admin" in perms
    assert perms == set(ROLE_PERMISSIONS[Role.EDITOR])
    conductor = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name(Role.CONDUCTOR)).permissions.all()
    }
    assert conductor == set(ROLE_PERMISSIONS[Role.CONDUCTOR])
    # A Conductor reaches the fleet and nothing of the management platform.
    assert conductor and all(p.startswith("fleet.") for p in conductor)


def test_a_service_role_grants_its_group_permissions_only_through_membership():
    user = UserFactory()
    assert not user.has_perm("management.view_service")
    add_membership(user=user, service=ServiceFactory(), role=Role.GESTOR_SERVICIO)
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("management.view_service")
    assert not user.has_perm("management.change_service")


@pytest.fixture
def two_services():
    return ServiceFactory(), ServiceFactory()


def test_service_users_see_only_their_services(two_services):
    own, other = two_services
    gestor = UserFactory()
    add_membership(user=gestor, service=own, role=Role.GESTOR_CONSULTA)
    assert list(Service.objects.visible_to(gestor)) == [own]
    assert other not in Service.objects.visible_to(gestor)
    # Scoping by role: a reader is not a manager.
    assert not Service.objects.visible_to(gestor, roles=[Role.GESTOR_SERVICIO]).exists()


def test_national_roles_see_every_service(two_services):
    revisor = UserFactory()
    grant_staff_role(user=revisor, role=Role.REVISOR_RED)
    assert set(Service.objects.visible_to(revisor)) == set(two_services)
    # …but not through roles they do not hold (e.g. writing as Gestor de Servicio).
    assert not Service.objects.visible_to(
        revisor, roles=[Role.GESTOR_SERVICIO]
    ).exists()


def test_editors_and_learners_see_no_service(two_services):
    editor = UserFactory()
    grant_staff_role(user=editor, role=Role.EDITOR)
    assert not Service.objects.visible_to(editor).exists()
    assert not Service.objects.visible_to(LearnerFactory()).exists()


def test_deactivated_users_and_services_reach_nothing(two_services):
    own, _ = two_services
    gestor = UserFactory()
    add_membership(user=gestor, service=own, role=Role.GESTOR_SERVICIO)
    own.is_active = False
    own.save()
    assert not scope_for(gestor).service_ids
    gestor.is_active = False
    assert scope_for(gestor).service_ids == frozenset()


def test_staff_roles_cannot_be_given_through_a_service():
    with pytest.raises(ValueError):
        add_membership(
            user=UserFactory(), service=ServiceFactory(), role=Role.ADMINISTRADOR
        )
    with pytest.raises(ValueError):
        grant_staff_role(user=LearnerFactory(), role=Role.EDITOR)


def test_the_service_selector_switches_only_to_own_services(client, two_services):
    own, other = two_services
    second = ServiceFactory()
    gestor = UserFactory()
    add_membership(user=gestor, service=own, role=Role.GESTOR_SERVICIO)
    add_membership(user=gestor, service=second, role=Role.GESTOR_UNIDAD)
    login(client, gestor, TOTPDeviceFactory(user=gestor))
    page = client.get("/gestion/")
    assert page.context["current_service"] in (own, second)
    client.post("/gestion/servicio/", {"service": second.pk, "next": "/gestion/"})
    assert client.get("/gestion/").context["current_service"] == second
    response = client.post(
        "/gestion/servicio/", {"service": other.pk, "next": "/gestion/"}, follow=True
    )
    assert "no está disponible" in response.content.decode()
    assert response.context["current_service"] == second


def test_the_sidebar_lists_only_installed_modules(client):
    gestor = UserFactory()
    login(client, gestor, TOTPDeviceFactory(user=gestor))
    sidebar = client.get("/gestion/").context["sidebar"]
    labels = [entry["label"] for entry in sidebar]
    assert labels[0] == "Inicio"
    from django.urls import NoReverseMatch, reverse

    for entry in sidebar:
        assert entry["url"]
    for name in ("management:consumption", "management:estado-verde"):
        try:
            reverse(name)
        except NoReverseMatch:
            assert all(name.split(":")[1] not in e["url"] for e in sidebar)
