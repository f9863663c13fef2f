"""Every list keeps a constant number of queries as its rows grow."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.models import ConsumptionJustification, UnitAssignment
from management.services import build_inventory_snapshot
from tests.factories import BuildingFactory, ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def grow(service, n, gu=None):
    """Add ``n`` units (each in its own building), accounts and justifications."""
    for i in range(n):
        unit = UnitFactory(
            service=service,
            energy_start_year=None if i % 2 else YEAR,
            other_start_year=YEAR,
        )
        if i % 2:
            ConsumptionJustification.objects.create(
                unit=unit, year=YEAR, text="Sin consumo"
            )
        if gu is not None:
            UnitAssignment.objects.create(user=gu, unit=unit)
        BuildingFactory(service=service)
        person(Role.GESTOR_CONSULTA, service)
        ServiceFactory()


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


LISTS = [
    ("management:unit-list", Role.GESTOR_SERVICIO),
    ("management:unit-home", Role.GESTOR_SERVICIO),
    ("management:unit-home", Role.GESTOR_UNIDAD),
    ("management:building-list", Role.GESTOR_SERVICIO),
    ("management:user-list", Role.GESTOR_SERVICIO),
    ("management:scope", Role.GESTOR_SERVICIO),
    ("management:consumption-status", Role.GESTOR_SERVICIO),
    ("management:aggregate", Role.GESTOR_SERVICIO),
    ("management:milestones", Role.GESTOR_SERVICIO),
    ("management:service-list", Role.ADMINISTRADOR),
    ("management:institution-list", Role.ADMINISTRADOR),
    ("management:milestone-dashboard", Role.ADMINISTRADOR),
]


@pytest.mark.parametrize(("name", "role"), LISTS)
def test_list_queries_do_not_grow_with_rows(name, role):
    service = ServiceFactory()
    user = person(role, service if role not in (Role.ADMINISTRADOR,) else None)
    gu = user if role == Role.GESTOR_UNIDAD else None
    client = client_for(user)
    url = reverse(name)
    grow(service, 3, gu)
    client.get(url)  # warm the session and per-request caches
    few = count(client, url)
    grow(service, 20, gu)
    many = count(client, url)
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"


def test_exports_do_not_grow_either():
    service = ServiceFactory()
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    url = reverse("management:unit-list") + "?export=csv"
    grow(service, 3)

    def run():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            body = b"".join(response.streaming_content)
        return len(ctx), body

    run()  # warm the session
    few, body = run()
    grow(service, 20)
    many, body = run()
    assert many == few
    assert body.decode("utf-8-sig").count("\n") == 24  # header + 23 units


def test_the_inventory_snapshot_reads_in_constant_queries():
    service = ServiceFactory()
    grow(service, 3)
    with CaptureQueriesContext(connection) as ctx:
        from management.selectors import inventory_rows

        rows = inventory_rows(service=service, year=YEAR)
    assert len(rows) == 3 and len(ctx) == 1
    snapshot = build_inventory_snapshot(
        service_id=service.pk, year=YEAR, kind="preliminar"
    )
    assert len(snapshot.rows) == 3
