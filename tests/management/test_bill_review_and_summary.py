"""The Red's review of bills and the yearly consumption summary (kWh, CLP, kWh/m², tCO2e)."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.roles import Role
from management.models import Bill, Distributor
from management.services import bills
from management.services.bills import BillData, consumption_by_unit
from management.views.energy import year_choices
from tests.factories import UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db


def electricity_meter(unit, number="1"):
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="CGE"),
        number=f"C-{unit.pk}-{number}",
        tariff="BT1",
    )
    return bills.create_meter(
        client_number=client, number=f"M-{number}", active_from=date(2018, 1, 1)
    )


def gas_meter(unit):
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Metrogas"),
        number=f"G{unit.pk}",
    )
    return bills.create_meter(
        client_number=client, number="G", active_from=date(2018, 1, 1)
    )


def add(meter, start, end, consumption, amount, submit=True):
    return bills.save_bill(
        meter=meter,
        submit=submit,
        data=BillData(
            period_start=start,
            period_end=end,
            issue_date=end,
            consumption=Decimal(consumption),
            amount_clp=amount,
        ),
    )


# ----------------------------------------------------------------- review


def test_red_approves_and_observes_with_history(client):
    unit = UnitFactory()
    meter = electricity_meter(unit)
    first = add(meter, date(2023, 1, 1), date(2023, 1, 31), "1000", 100000)
    second = add(meter, date(2023, 1, 31), date(2023, 2, 28), "900", 95000)
    red = person(Role.REVISOR_RED)
    c = client_for(red)
    queue = c.get(reverse("management:bill-review-list")).content.decode()
    assert "2 registros" in queue
    url = reverse("management:bill-review", args=[first.pk])
    assert c.post(url, {"decision": "approve"}).status_code == 302
    # Observing without a reason is refused and changes nothing.
    response = c.post(
        reverse("management:bill-review", args=[second.pk]),
        {"decision": "observe"},
        follow=True,
    )
    assert "Escriba qué debe corregir" in response.content.decode()
    second.refresh_from_db()
    assert second.status == Bill.Status.SUBMITTED
    c.post(
        reverse("management:bill-review", args=[second.pk]),
        {"decision": "observe", "note": "El monto no coincide con la boleta."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Bill.Status.APPROVED and first.reviewed_by == red
    assert second.status == Bill.Status.OBSERVED
    # The queue shows what is left to review (nothing) by default.
    assert (
        "No hay boletas por revisar"
        in c.get(reverse("management:bill-review-list")).content.decode()
    )
    # The service sees the observation, corrects the bill and it goes back to the queue.
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    g = client_for(gs)
    page = g.get(reverse("management:bill-update", args=[second.pk])).content.decode()
    assert "El monto no coincide con la boleta." in page
    response = g.post(
        reverse("management:bill-update", args=[second.pk]),
        {
            "meter": meter.pk,
            "period_start": "2023-01-31",
            "period_end": "2023-02-28",
            "issue_date": "2023-03-02",
            "consumption": "900",
            "amount_clp": "97000",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Bill.Status.SUBMITTED and second.amount_clp == 97000
    statuses = list(
        second.history.order_by("history_date").values_list("status", flat=True)
    )
    assert statuses == ["submitted", "observed", "submitted"]
    page = g.get(reverse("management:bill-update", args=[second.pk])).content.decode()
    assert "Historial de la boleta" in page
    # A validated bill is not editable any more.
    response = g.post(
        reverse("management:bill-update", args=[first.pk]),
        {
            "meter": meter.pk,
            "period_start": "2023-01-01",
            "period_end": "2023-01-31",
            "issue_date": "2023-02-02",
            "consumption": "1",
            "amount_clp": "1",
        },
    )
    assert "validada por la Red" in response.content.decode()


def test_only_submitted_bills_are_reviewed():
    meter = electricity_meter(UnitFactory())
    draft = add(meter, date(2023, 1, 1), date(2023, 1, 31), "10", 1000, submit=False)
    with pytest.raises(ValidationError, match="Solo se revisan boletas enviadas"):
        bills.review_bill(bill=draft, user=None, approve=True)


def test_service_roles_cannot_review():
    unit = UnitFactory()
    bill = add(electricity_meter(unit), date(2023, 1, 1), date(2023, 1, 31), "10", 1000)
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    response = client_for(gs).post(
        reverse("management:bill-review", args=[bill.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    bill.refresh_from_db()
    assert bill.status == Bill.Status.SUBMITTED


def test_review_queue_query_count_is_constant():
    red = person(Role.REVISOR_RED)
    c = client_for(red)
    url = reverse("management:bill-review-list")
    unit = UnitFactory()
    add(electricity_meter(unit), date(2023, 1, 1), date(2023, 1, 31), "10", 1000)
    c.get(url)
    with CaptureQueriesContext(connection) as small:
        c.get(url)
    for n in range(5):
        u = UnitFactory()
        m = electricity_meter(u, str(n))
        for month in range(1, 5):
            add(m, date(2023, month, 1), date(2023, month, 27), "10", 1000)
    with CaptureQueriesContext(connection) as large:
        assert "21 registros" in c.get(url).content.decode()
    assert len(large) == len(small), (len(small), len(large))


# ----------------------------------------------------------------- summary


def test_summary_figures_by_hand():
    unit = UnitFactory(surface_m2=200)
    meter = electricity_meter(unit)
    # 2023 electricity: 3,000 kWh for 450,000 CLP in two bills.
    add(meter, date(2023, 3, 1), date(2023, 3, 31), "1000", 150000)
    add(meter, date(2023, 4, 1), date(2023, 4, 30), "2000", 300000)
    # 100 m³ of natural gas = 1,086 kWh (10.86 kWh/m³).
    add(gas_meter(unit), date(2023, 5, 1), date(2023, 5, 31), "100", 80000)
    # A draft does not count.
    add(meter, date(2023, 5, 1), date(2023, 5, 31), "5000", 1, submit=False)
    [row] = consumption_by_unit([unit], 2023)
    assert row["kwh"] == Decimal("4086")
    assert row["amount_clp"] == 530000
    assert row["kwh_m2"] == Decimal("20.43")  # 4,086 / 200
    # 3,000 kWh = 3 MWh × 0.2384 tCO2e/MWh (SEN 2023) = 0.7152 t, plus the gas:
    # 100 m³ × 2.02 kgCO2e/m³ (Estado Verde's natural gas factor) = 0.202 t.
    assert row["tco2e"] == Decimal("0.917")
    assert row["without_factor"] == []
    assert row["bills"] == 3


def test_bill_across_new_year_is_split_by_days():
    unit = UnitFactory(surface_m2=100)
    meter = electricity_meter(unit)
    # 31 days: 16 in December 2022, 15 in January 2023.
    add(meter, date(2022, 12, 16), date(2023, 1, 15), "3100", 310000)
    [y2022] = consumption_by_unit([unit], 2022)
    [y2023] = consumption_by_unit([unit], 2023)
    assert y2022["kwh"] == Decimal("1600")
    assert y2023["kwh"] == Decimal("1500")
    assert y2022["amount_clp"] + y2023["amount_clp"] == 310000
    assert y2022["tco2e"] == Decimal("0.482")  # 1.6 MWh × 0.301


def test_consumption_page_scoped_exported_and_constant_queries():
    unit = UnitFactory(name="Oficina Norte")
    hidden = UnitFactory(service=unit.service, name="Oficina Sur")
    stranger = UnitFactory(name="Oficina Ajena")
    year = year_choices()[1][0]
    for u in (unit, hidden, stranger):
        add(electricity_meter(u), date(year, 1, 1), date(year, 1, 31), "1000", 100000)
    gu = person(Role.GESTOR_UNIDAD, unit.service, units=[unit])
    page = (
        client_for(gu)
        .get(reverse("management:consumption"), {"year": year})
        .content.decode()
    )
    assert "Oficina Norte" in page and "Oficina Sur" not in page and "Ajena" not in page
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    c = client_for(gs)
    url = reverse("management:consumption")
    page = c.get(url, {"year": year}).content.decode()
    assert "Oficina Norte" in page and "Oficina Sur" in page and "Ajena" not in page
    assert "2.000 kWh" in page
    export = c.get(url, {"year": year, "export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Oficina Sur" in body and "Ajena" not in body
    with CaptureQueriesContext(connection) as small:
        c.get(url, {"year": year})
    for n in range(6):
        u = UnitFactory(service=unit.service)
        m = electricity_meter(u, f"x{n}")
        for month in range(1, 4):
            add(m, date(year, month, 1), date(year, month, 27), "10", 1000)
    with CaptureQueriesContext(connection) as large:
        c.get(url, {"year": year})
    assert len(large) == len(small), (len(small), len(large))


def test_demo_loads_two_years_of_bills_and_fuels_once():
    from management import demo, demo_energy

    demo.load()
    demo_energy.load()
    demo_energy.load()
    found = Bill.objects.filter(meter__client_number__number="DEMO-4471203")
    assert found.count() == 24
    assert found.filter(status=Bill.Status.APPROVED).count() == 20
    assert found.filter(status=Bill.Status.OBSERVED).count() == 1
    assert found.filter(status=Bill.Status.DRAFT).count() == 1
    unit = found.first().unit
    fuels = Bill.objects.filter(unit=unit, meter__isnull=True)
    # Two winters of gas cylinders (five months each) and a diésel purchase each
    # January and July after the first month.
    assert fuels.filter(source="glp").count() == 10
    assert set(fuels.values_list("consumption_unit", flat=True)) == {"kg", "L"}
    diesel = fuels.filter(source="diesel")
    assert diesel.count() in (3, 4)
    assert all(any("más largo" in f for f in b.findings) for b in diesel)
    [row] = consumption_by_unit(
        [unit], found.order_by("period_end").last().period_end.year
    )
    assert row["kwh"] > 0


def test_review_queue_filters_by_region_and_shows_fuels_without_meter():
    from management.models import Comuna, Region
    from tests.factories import BuildingFactory

    red = person(Role.REVISOR_RED)
    santiago = UnitFactory()
    coyhaique = BuildingFactory(comuna=Comuna.objects.get(code="11101"))
    aysen = UnitFactory(name="Liceo de Coyhaique", building=coyhaique)
    add(electricity_meter(santiago), date(2024, 1, 1), date(2024, 1, 31), "10", 1000)
    bills.save_bill(
        unit=aysen,
        source="lena",
        data=BillData(
            period_start=date(2024, 5, 1),
            period_end=date(2024, 5, 31),
            issue_date=date(2024, 6, 1),
            consumption=Decimal("2500"),
            amount_clp=180000,
        ),
    )
    url = reverse("management:bill-review-list")
    c = client_for(red)
    assert "2 registros" in c.get(url).content.decode()
    region = Region.objects.get(code="11")
    page = c.get(url, {"region": region.pk}).content.decode()
    assert "1 registro" in page and "Liceo de Coyhaique" in page and "Leña" in page
    page = c.get(url, {"region": Region.objects.get(code="13").pk}).content.decode()
    assert "1 registro" in page and "Liceo de Coyhaique" not in page
