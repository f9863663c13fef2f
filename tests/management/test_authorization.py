"""Role × view × own/other service → expected status.

Roles that may not open a screen get 403; objects of another service are simply not
found (404), whatever id is guessed. National roles without a chosen service get 404
on screens that are about one service.
"""

import pytest

from django.urls import reverse

from lms.accounts.roles import Role
from tests.factories import BuildingFactory, ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

A, R, GS, GU, GC, EC, GF, CD = (
    Role.ADMINISTRADOR,
    Role.REVISOR_RED,
    Role.GESTOR_SERVICIO,
    Role.GESTOR_UNIDAD,
    Role.GESTOR_CONSULTA,
    Role.ENCARGADO_COMITE,
    Role.GESTOR_FLOTA,
    Role.CONDUCTOR,
)
ROLES = (A, R, GS, GU, GC, EC, GF, CD)


def expect(*pairs, default=403):
    table = dict.fromkeys(ROLES, default)
    for roles, status in pairs:
        for role in roles if isinstance(roles, tuple) else (roles,):
            table[role] = status
    return table


READERS = (A, R, GS, GU, GC, EC)
SERVICE_READERS = (GS, GC, EC)

# Screens without an object: {role: status}.
PAGES = {
    "management:unit-home": expect((READERS, 200)),
    "management:unit-list": expect((READERS, 200)),
    "management:building-list": expect((READERS, 200)),
    "management:configuration": expect((READERS, 200)),
    "management:information": expect(((A, R, GS, GC, EC), 200)),
    "management:scope": expect((SERVICE_READERS, 200), ((A, R), 404)),
    "management:aggregate": expect((SERVICE_READERS, 200), ((A, R), 404)),
    "management:milestones": expect((SERVICE_READERS, 200), ((A, R), 404)),
    "management:consumption-status": expect((SERVICE_READERS, 200), ((A, R), 404)),
    "management:user-list": expect(((A, GS), 200)),
    "management:user-create": expect(((A, GS), 200)),
    "management:unit-create": expect((GS, 200), (A, 404)),
    "management:building-create": expect((GS, 200), (A, 404)),
    "management:service-list": expect(((A, R), 200)),
    "management:institution-list": expect(((A, R), 200)),
    "management:milestone-dashboard": expect(((A, R), 200)),
    "management:milestone-unlock": expect((A, 200)),
}

# Screens of one object: {role: (status for own service, status for the other one)}.
ON_UNIT_READ = {
    **dict.fromkeys((A, R), (200, 200)),
    **dict.fromkeys((GS, GU, GC, EC), (200, 404)),
    **dict.fromkeys((GF, CD), (403, 403)),
}
ON_UNIT_MANAGE = {
    A: (200, 200),
    GS: (200, 404),
    **dict.fromkeys((R, GU, GC, EC, GF, CD), (403, 403)),
}
ON_SERVICE_READ = {
    **dict.fromkeys((A, R), (200, 200)),
    **dict.fromkeys((GS, GC, EC), (200, 404)),
    **dict.fromkeys((GU, GF, CD), (403, 403)),
}
OBJECT_PAGES = {
    "management:unit-detail": ("unit", ON_UNIT_READ),
    "management:unit-sources": ("unit", ON_UNIT_READ),
    "management:unit-history": ("unit", ON_UNIT_READ),
    "management:unit-update": ("unit", ON_UNIT_MANAGE),
    "management:unit-deactivate": ("unit", ON_UNIT_MANAGE),
    "management:building-detail": ("building", ON_UNIT_READ),
    "management:building-history": ("building", ON_UNIT_READ),
    "management:building-update": ("building", ON_UNIT_MANAGE),
    "management:consumption-justify": ("unit", ON_SERVICE_READ),
    "management:service-detail": ("service", ON_SERVICE_READ),
    "management:user-update": (
        "account",
        {
            **dict.fromkeys((A, GS), (200, 404)),
            **dict.fromkeys((R, GU, GC, EC, GF, CD), (403, 403)),
        },
    ),
}


@pytest.fixture
def world():
    own, other = ServiceFactory(), ServiceFactory()
    unit = UnitFactory(service=own)
    other_unit = UnitFactory(service=other)
    objects = {
        "own": {
            "unit": unit,
            "building": unit.building,
            "service": own,
            "account": person(GC, own),
        },
        "other": {
            "unit": other_unit,
            "building": BuildingFactory(service=other),
            "service": other,
            "account": person(GC, other),
        },
    }
    people = {
        role: person(role, own, units=[unit] if role == GU else ()) for role in ROLES
    }
    return people, objects


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(world, role):
    people, _ = world
    client = client_for(people[role])
    got = {name: client.get(reverse(name)).status_code for name in PAGES}
    wanted = {name: table[role] for name, table in PAGES.items()}
    assert got == wanted


@pytest.mark.parametrize("role", ROLES)
def test_object_pages_by_role_own_and_other_service(world, role):
    people, objects = world
    client = client_for(people[role])
    got, wanted = {}, {}
    for name, (kind, table) in OBJECT_PAGES.items():
        for side, index in (("own", 0), ("other", 1)):
            url = reverse(name, args=[objects[side][kind].pk])
            if role in (A, R):
                # Opening a unit makes its service the current one: start from "own".
                client.post(
                    reverse("management:select-service"),
                    {"service": objects["own"]["service"].pk},
                )
            got[(name, side)] = client.get(url).status_code
            wanted[(name, side)] = table[role][index]
    assert got == wanted


def test_anonymous_users_are_sent_to_the_gestion_login(client, world):
    _, objects = world
    response = client.get(
        reverse("management:unit-detail", args=[objects["own"]["unit"].pk])
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/gestion/ingresar/")


@pytest.mark.parametrize(
    ("role", "target", "status"),
    [
        (GS, "own", 302),
        (GS, "other", 404),
        (GU, "own", 302),
        (GU, "unassigned", 404),
        (GC, "own", 404),
        (EC, "own", 404),
        (R, "own", 404),
        (A, "other", 302),
    ],
)
def test_switching_an_energy_source(world, role, target, status):
    people, objects = world
    if target == "unassigned":
        unit = UnitFactory(service=objects["own"]["service"])
    else:
        unit = objects[target]["unit"]
    response = client_for(people[role]).post(
        reverse("management:unit-sources", args=[unit.pk]),
        {"source": "electricidad", "is_on": "1"},
    )
    assert response.status_code == status
    assert unit.energy_sources.filter(is_on=True).exists() == (status == 302)


@pytest.mark.parametrize(("role", "status"), [(GS, 404), (A, 302)])
def test_writes_on_another_services_unit_are_not_found(world, role, status):
    people, objects = world
    unit = objects["other"]["unit"]
    response = client_for(people[role]).post(
        reverse("management:unit-deactivate", args=[unit.pk]), {"reason": "Se cerró"}
    )
    assert response.status_code == status
    unit.refresh_from_db()
    assert unit.is_active == (status == 404)
