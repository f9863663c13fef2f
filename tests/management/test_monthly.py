"""Bills spread over calendar months by days, the monthly table kept current by the
worker, and the consumption report read from it (checked against hand-computed values)."""

import datetime as dt
from decimal import Decimal

import pytest

from django.urls import reverse

from lms.accounts.roles import Role
from management.models import Bill, Distributor, MonthlyConsumption
from management.models.energy import grid_factor
from management.services import bills
from management.services.monthly import (
    energy_report,
    expected_months,
    meter_months,
    prorate,
    rebuild_meter,
)
from tests.factories import ServiceFactory, UnitFactory

from .conftest import client_for, person

D = Decimal


def months(start, stop, total):
    return [
        (y, m, n, v["kwh"]) for y, m, n, v in prorate(start, stop, {"kwh": D(total)})
    ]


def test_a_bill_across_a_month_boundary_splits_by_days():
    # 15 Jan – 14 Feb: 17 days in January, 14 in February.
    assert months(dt.date(2025, 1, 15), dt.date(2025, 2, 15), 3100) == [
        (2025, 1, 17, D("1700.000")),
        (2025, 2, 14, D("1400.000")),
    ]


def test_across_a_year_boundary_and_a_leap_february():
    # 20 Dec 2023 – 10 Mar 2024: 12 + 31 + 29 + 10 = 82 days at 100 kWh a day.
    assert months(dt.date(2023, 12, 20), dt.date(2024, 3, 11), 8200) == [
        (2023, 12, 12, D("1200.000")),
        (2024, 1, 31, D("3100.000")),
        (2024, 2, 29, D("2900.000")),
        (2024, 3, 10, D("1000.000")),
    ]


def test_rounded_parts_add_up_exactly():
    parts = months(dt.date(2025, 1, 10), dt.date(2025, 4, 3), 1000)
    assert sum(p[3] for p in parts) == D("1000")
    assert [p[2] for p in parts] == [22, 28, 31, 2]
    assert parts[0][3] == D("265.060")  # 1000 × 22 / 83


class FakeBill:
    def __init__(self, start, end, kwh, amount=1000):
        self.period_start, self.period_end = start, end
        self.consumption = self.kwh = D(kwh)
        self.amount_clp = amount


def test_a_shared_boundary_day_belongs_to_the_later_bill():
    first = FakeBill(dt.date(2025, 1, 1), dt.date(2025, 1, 31), 3000)
    second = FakeBill(dt.date(2025, 1, 31), dt.date(2025, 2, 28), 2900)
    result = meter_months([second, first])
    # January: the first bill's 30 days (all of it) + 1 day of the second (100).
    assert result[(2025, 1)]["kwh"] == D("3100.000")
    assert result[(2025, 1)]["days"] == 31
    assert result[(2025, 2)]["kwh"] == D("2800.000")
    assert result[(2025, 2)]["days"] == 28


def test_expected_months_of_past_current_and_future_years():
    today = dt.date(2026, 5, 20)
    assert expected_months(2025, today) == list(range(1, 13))
    assert expected_months(2026, today) == [1, 2, 3, 4]
    assert expected_months(2027, today) == []


# With the database ------------------------------------------------------------------


def make_meter(unit, number):
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number=f"C-{number}",
        tariff="BT1",
    )
    return bills.create_meter(
        client_number=client, number=number, active_from=dt.date(2020, 1, 1)
    )


def bill(meter, start, end, kwh, amount):
    return bills.save_bill(
        meter=meter,
        data=bills.BillData(
            period_start=start,
            period_end=end,
            issue_date=end + dt.timedelta(days=5),
            consumption=D(kwh),
            amount_clp=amount,
        ),
    )


@pytest.fixture
def world(db):
    service = ServiceFactory(name="Subsecretaría de Energía")
    counted = UnitFactory(
        service=service, name="Oficinas", energy_start_year=2023, surface_m2=1000
    )
    shared = UnitFactory(
        service=service,
        name="Bodega compartida",
        energy_start_year=2023,
        surface_m2=500,
        shares_electricity_meter=True,
    )
    return {
        "service": service,
        "counted": counted,
        "shared": shared,
        "meter": make_meter(counted, "E-1"),
        "shared_meter": make_meter(shared, "E-2"),
    }


def test_the_table_follows_every_change_of_a_bill(
    world, django_capture_on_commit_callbacks
):
    meter = world["meter"]
    with django_capture_on_commit_callbacks(execute=True):
        first = bill(meter, dt.date(2025, 1, 15), dt.date(2025, 2, 14), 3100, 310_000)
    rows = MonthlyConsumption.objects.filter(meter=meter).order_by("month")
    assert [(r.month, r.kwh, r.amount_clp) for r in rows] == [
        (1, D("1700.000"), D("170000.00")),
        (2, D("1400.000"), D("140000.00")),
    ]
    assert rows[0].unit == world["counted"] and rows[0].source == "electricidad"
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert not MonthlyConsumption.objects.filter(meter=meter).exists()


def test_drafts_do_not_count_and_a_rebuild_is_idempotent(world):
    meter = world["meter"]
    draft = bill(meter, dt.date(2025, 3, 1), dt.date(2025, 3, 31), 900, 90_000)
    Bill.objects.filter(pk=draft.pk).update(status=Bill.Status.DRAFT)
    bill(meter, dt.date(2025, 4, 1), dt.date(2025, 4, 30), 3000, 300_000)
    assert rebuild_meter(meter.pk) == 1
    assert rebuild_meter(meter.pk) == 1
    assert MonthlyConsumption.objects.get(meter=meter).month == 4


def test_the_report_adds_up_against_hand_computed_figures(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for month in (1, 2):
            last = 31 if month == 1 else 28
            bill(
                world["meter"],
                dt.date(2024, month, 1),
                dt.date(2024, month, last - 1 if month == 2 else last),
                1000,
                100_000,
            )
        bill(world["meter"], dt.date(2025, 1, 1), dt.date(2025, 1, 31), 1200, 150_000)
        bill(world["meter"], dt.date(2025, 2, 1), dt.date(2025, 2, 28), 800, 100_000)
        bill(
            world["shared_meter"],
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 31),
            500,
            50_000,
        )
    from management.models import Unit

    units = Unit.objects.filter(service=world["service"])
    report = energy_report(units=units, year=2025)
    january, february = report["rows"][0], report["rows"][1]
    assert january["kwh"] == D("1700") and february["kwh"] == D("800")
    assert january["previous_kwh"] == D("1000")
    assert january["change"] == D("70")  # (1700 − 1000) / 1000
    assert report["total_kwh"] == D("2500")
    assert report["total_amount"] == D("300000")
    assert report["clp_per_kwh"] == D("120")
    assert report["previous_kwh"] == D("2000")
    assert report["tco2e"] == D("2.5") * grid_factor(2025)
    # Intensity: only the unit that counts (no shared meter): 2000 kWh / 1000 m².
    assert report["intensity"] == D("2")
    assert report["counted_surface"] == D("1000")
    assert report["missing"]["count"] == 2
    missing = {m["unit"].name: m["months"] for m in report["missing"]["units"]}
    assert missing["Oficinas"] == list(range(3, 13))
    assert missing["Bodega compartida"] == list(range(2, 13))
    # By source: only electricity here, in kWh and native units.
    assert [s for s, _l, _u in report["sources"]] == ["electricidad"]
    assert january["native"] == [D("1700")]


def test_the_report_page_for_the_service_and_for_the_nation(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bill(world["meter"], dt.date(2025, 1, 1), dt.date(2025, 1, 31), 1234, 150_000)
    other = ServiceFactory(name="Otro servicio")
    other_unit = UnitFactory(service=other, energy_start_year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        bill(
            make_meter(other_unit, "X-9"),
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 31),
            1000,
            1,
        )
    url = reverse("management:energy-report")
    gestor = client_for(person(Role.GESTOR_SERVICIO, world["service"]))
    page = gestor.get(url, {"year": "2025", "nivel": "nacional"})
    html = page.content.decode()
    assert page.context["level"] == "servicio"  # not the ministry: own service only
    assert "1.234 kWh" in html and "<svg" in html
    export = gestor.get(url, {"year": "2025", "export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1].startswith("Enero;1234")
    red = client_for(person(Role.REVISOR_RED))
    page = red.get(url, {"year": "2025"})
    assert page.context["level"] == "nacional"
    assert page.context["report"]["total_kwh"] == D("2234")
