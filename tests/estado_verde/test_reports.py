"""Reportes per unit, service and nation: figures, charts, exports, query counts."""

from datetime import date
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.roles import Role
from management.estado_verde.models import (
    AirTrip,
    PaperPurchase,
    WasteRecord,
    WasteType,
    WaterRecord,
)
from tests.factories import UnitFactory
from tests.management.conftest import client_for, person

pytestmark = pytest.mark.django_db


def fill(unit):
    PaperPurchase.objects.create(unit=unit, year=2025, month=1, reams=12, cost_clp=1)
    PaperPurchase.objects.create(unit=unit, year=2025, month=2, reams=8, cost_clp=1)
    WaterRecord.objects.create(
        unit=unit,
        year=2025,
        supply="red",
        meter_number="A",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 1, 31),
        m3=Decimal("50"),
        cost_clp=1,
    )
    WasteRecord.objects.create(
        unit=unit,
        year=2025,
        month=1,
        waste_type=WasteType.objects.get(name="Vidrio"),
        kg=Decimal("25"),
    )
    WasteRecord.objects.create(
        unit=unit,
        year=2025,
        month=1,
        waste_type=WasteType.objects.get(name="Residuos NO reciclados"),
        kg=Decimal("75"),
    )


def test_service_report_figures_chart_and_export(unit):
    fill(unit)
    AirTrip.objects.create(
        service=unit.service,
        year=2025,
        period_start=date(2025, 5, 1),
        period_end=date(2025, 5, 2),
        origin="Santiago",
        destination="Arica",
        round_trips=1,
        distance_km=Decimal("1660"),
    )
    client = client_for(person(Role.GESTOR_CONSULTA, unit.service))
    html = client.get(reverse("management:reports") + "?year=2025").content.decode()
    # 20 reams / 10 collaborators
    assert 'data-testid="report-reams">2,00<' in html
    assert "<svg" in html and "Papel comprado por mes" in html
    # 2 × 1.660 km × 0,18592 = 617,2544 kg → 0,617 t
    assert "0,617" in html
    body = b"".join(
        client.get(
            reverse("management:reports") + "?year=2025&export=csv"
        ).streaming_content
    ).decode("utf-8-sig")
    line = body.splitlines()[1].split(";")
    # m³ per m²: 50 / 250 = 0,200; recycling 25 of 100 kg
    assert line[0] == "Oficina central"
    assert (line[11], line[14]) == ("0.200", "25.0")


def test_unit_report_by_month(unit, gestor_client):
    fill(unit)
    url = reverse("management:report-unit", args=[unit.pk]) + "?year=2025"
    assert "Residuos y reciclaje por mes" in gestor_client.get(url).content.decode()
    response = gestor_client.get(url + "&export=xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][:4] == ("Enero", 12, 100, 25)
    assert rows[2][1] == 8


def test_nation_report_groups_by_service_with_constant_queries(unit):
    red = client_for(person(Role.REVISOR_RED))
    url = reverse("management:report-nation") + "?year=2025"
    fill(unit)
    red.get(url)
    with CaptureQueriesContext(connection) as few:
        html = red.get(url).content.decode()
    assert 'data-testid="nation-services">1<' in html
    for _i in range(12):
        fill(UnitFactory(other_start_year=2024, staff_count=5))
    with CaptureQueriesContext(connection) as many:
        html = red.get(url).content.decode()
    assert 'data-testid="nation-services">13<' in html
    assert len(many) == len(few)
    assert (
        client_for(person(Role.GESTOR_SERVICIO, unit.service)).get(url).status_code
        == 403
    )
