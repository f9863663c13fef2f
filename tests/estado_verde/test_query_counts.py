"""Estado Verde lists keep a constant number of queries as their rows grow."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from management.estado_verde.models import (
    PaperPurchase,
    WasteContainer,
    WasteRecord,
    WasteType,
    WaterFixture,
    WaterRecord,
)
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def grow(unit, n, offset):
    types = list(WasteType.objects.all())
    for i in range(offset, offset + n):
        PaperPurchase.objects.create(
            unit=unit, year=2025, month=i % 12 + 1, reams=5, cost_clp=1000
        )
        start = date(2025, 1, 1) + timedelta(days=i)
        WaterRecord.objects.create(
            unit=unit,
            year=2025,
            supply="red",
            meter_number=f"M{i}",
            period_start=start,
            period_end=start,
            m3=Decimal(1),
            cost_clp=10,
        )
        WasteRecord.objects.create(
            unit=unit, year=2025, month=i % 12 + 1, waste_type=types[i % 8], kg=1
        ) if not WasteRecord.objects.filter(
            unit=unit, year=2025, month=i % 12 + 1, waste_type=types[i % 8]
        ).exists() else None
        WaterFixture.objects.create(
            unit=unit,
            kind="wc",
            count=1,
            state="bueno",
            saving_device=bool(i % 2),
            observation=str(i),
        ) if i < 2 else None
        WasteContainer.objects.create(
            unit=unit,
            name=f"C{i}",
            location="Piso 1",
            count=1,
            capacity_l=50,
            kind="reciclaje",
        )
        UnitFactory(service=unit.service, other_start_year=2024)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.parametrize("name", ["ev-paper", "ev-water", "ev-waste", "estado-verde"])
def test_lists_do_not_grow(unit, gestor_client, name):
    url = (
        reverse("management:estado-verde")
        if name == "estado-verde"
        else reverse(f"management:{name}", args=[unit.pk])
    ) + "?year=2025"
    grow(unit, 3, 0)
    gestor_client.get(url)
    few = count(gestor_client, url)
    grow(unit, 20, 3)
    many = count(gestor_client, url)
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"


def grow_service(service, n, offset):
    from django.core.files.base import ContentFile

    from management.estado_verde.models import AirTrip, CommitteeMember, ServiceDocument

    for i in range(offset, offset + n):
        document = ServiceDocument(
            service=service,
            year=2025,
            stage="etapa_1",
            kind="otro",
            title=f"Documento {i}",
        )
        document.file.save(f"d{i}.pdf", ContentFile(b"%PDF-1.4"), save=True)
        CommitteeMember.objects.create(
            service=service, name=f"P{i}", role="integrante", email=f"p{i}@x.example"
        )
        AirTrip.objects.create(
            service=service,
            year=2025,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 1, 2),
            origin=f"O{i}",
            destination="D",
            round_trips=1,
            distance_km=Decimal(500 + i * 300),
        )


@pytest.mark.parametrize(
    "name", ["documents", "collaborators", "reports", "ev-completeness"]
)
def test_service_lists_do_not_grow(unit, gestor_client, name):
    url = reverse(f"management:{name}") + "?year=2025"
    grow_service(unit.service, 3, 0)
    grow(unit, 2, 0)
    gestor_client.get(url)
    few = count(gestor_client, url)
    grow_service(unit.service, 15, 3)
    grow(unit, 10, 2)
    many = count(gestor_client, url)
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"
