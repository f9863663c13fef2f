"""Demand (kW) where the tariff bills it, the «estimada» flag, and on PostgreSQL the
database's own refusal of overlapping bills of one meter."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from lms.accounts.roles import Role
from management.models import Bill, BillImport, Distributor
from management.services import bills
from management.services.bill_import import parse_yes_no
from management.services.bills import BillData
from tests.factories import UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unit():
    return UnitFactory(energy_start_year=2022)


def make_meter(unit, number, tariff, distributor="Enel Distribución"):
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name=distributor),
        number=f"C-{number}",
        tariff=tariff,
    )
    return bills.create_meter(
        client_number=client, number=number, active_from=date(2020, 1, 1)
    )


def data(start=date(2024, 3, 1), end=date(2024, 3, 31), **extra):
    return BillData(
        period_start=start,
        period_end=end,
        issue_date=end,
        consumption=Decimal("1000"),
        amount_clp=150000,
        **extra,
    )


def post(meter, **extra):
    return {
        "meter": meter.pk,
        "period_start": "2024-03-01",
        "period_end": "2024-03-31",
        "issue_date": "2024-04-05",
        "consumption": "1.234,5",
        "amount_clp": "150000",
        "observation": "",
        "action": "submit",
        **extra,
    }


# ----------------------------------------------------------------- the rules


def test_demand_is_stored_for_a_demand_tariff(unit):
    meter = make_meter(unit, "AT-1", "AT4.3")
    bill = bills.save_bill(meter=meter, data=data(demand_kw=Decimal("85.5")))
    bill.refresh_from_db()
    assert bill.demand_kw == Decimal("85.5")
    assert bill.is_estimated is False


def test_demand_is_refused_for_bt1_with_the_tariff_named(unit):
    meter = make_meter(unit, "BT-1", "BT1")
    with pytest.raises(ValidationError) as exc:
        bills.save_bill(meter=meter, data=data(demand_kw=Decimal("10")))
    message = " ".join(exc.value.message_dict["demand_kw"])
    assert "BT1" in message and "no factura demanda" in message
    assert not Bill.objects.exists()
    # Without demand the same bill is fine.
    assert bills.save_bill(meter=meter, data=data()).demand_kw is None


def test_demand_is_refused_for_gas_and_when_not_positive(unit):
    gas = make_meter(unit, "G-1", "", distributor="Metrogas")
    with pytest.raises(ValidationError) as exc:
        bills.save_bill(meter=gas, data=data(demand_kw=Decimal("3")))
    assert "Solo las boletas de electricidad" in exc.value.message_dict["demand_kw"][0]
    at = make_meter(unit, "AT-2", "BT4.3")
    with pytest.raises(ValidationError) as exc:
        bills.save_bill(meter=at, data=data(demand_kw=Decimal("0")))
    assert "mayor que cero" in exc.value.message_dict["demand_kw"][0]


def test_estimated_flag_is_kept(unit):
    meter = make_meter(unit, "BT-2", "BT1")
    bill = bills.save_bill(meter=meter, data=data(is_estimated=True))
    assert Bill.objects.get(pk=bill.pk).is_estimated is True


# ----------------------------------------------------------------- the screens


def test_form_asks_demand_only_when_a_meter_bills_it(unit):
    meter = make_meter(unit, "BT-3", "BT1")
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    client = client_for(gs)
    url = reverse("management:bill-create", args=[unit.pk])
    page = client.get(url).content.decode()
    assert 'name="demand_kw"' not in page
    assert 'name="is_estimated"' in page
    # A BT1-only unit cannot slip a demand in either: the field is ignored.
    response = client.post(url, post(meter, demand_kw="40", is_estimated="on"))
    assert response.status_code == 302
    bill = Bill.objects.get()
    assert bill.demand_kw is None and bill.is_estimated is True
    make_meter(unit, "AT-3", "AT2")
    page = client.get(url).content.decode()
    assert 'name="demand_kw"' in page


def test_form_refuses_demand_on_bt1_and_keeps_the_input(unit):
    bt1 = make_meter(unit, "BT-4", "BT1")
    at = make_meter(unit, "AT-4", "AT4.1")
    client = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    url = reverse("management:bill-create", args=[unit.pk])
    response = client.post(url, post(bt1, demand_kw="42,5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "no factura demanda" in page
    assert 'value="42,5"' in page
    assert not Bill.objects.exists()
    response = client.post(url, post(at, demand_kw="42,5", is_estimated="on"))
    assert response.status_code == 302
    bill = Bill.objects.get()
    assert bill.demand_kw == Decimal("42.5") and bill.is_estimated
    # The correction form shows both values back.
    page = client.get(reverse("management:bill-update", args=[bill.pk])).content
    page = page.decode()
    assert 'value="42,500"' in page
    checkbox = page.split('name="is_estimated"')[1].split(">")[0]
    assert "checked" in checkbox


def test_list_shows_and_filters_estimated_bills(unit):
    meter = make_meter(unit, "AT-5", "AT4.3")
    bills.save_bill(
        meter=meter,
        data=data(date(2024, 1, 1), date(2024, 1, 31), is_estimated=True),
    )
    bills.save_bill(
        meter=meter,
        data=data(date(2024, 2, 1), date(2024, 2, 29), demand_kw=Decimal("77")),
    )
    client = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    url = reverse("management:unit-consumption", args=[unit.pk])
    page = client.get(url).content.decode()
    assert "Demanda (kW)" in page and ">77<" in page.replace(" ", "")
    assert page.count("badge badge-warn") >= 1
    only = client.get(url, {"is_estimated": "1"}).content.decode()
    assert "31-01-2024" in only and "29-02-2024" not in only
    read = client.get(url, {"is_estimated": "0"}).content.decode()
    assert "29-02-2024" in read and "31-01-2024" not in read


# ----------------------------------------------------------------- the import


@pytest.mark.parametrize(
    "text,expected",
    [("sí", True), ("Si", True), ("S", True), ("x", True), ("", False), ("No", False)],
)
def test_yes_no_cells(text, expected):
    assert parse_yes_no(text) is expected


def test_yes_no_refuses_anything_else():
    with pytest.raises(ValueError):
        parse_yes_no("quizás")


HEADER = (
    "Medidor;Inicio del periodo;Término del periodo;Fecha de emisión;Consumo;"
    "Monto total (CLP);Demanda (kW);Estimada (sí/no)"
)


def run_file(client, lines, capture):
    text = "\n".join([HEADER, *lines]) + "\n"
    upload = SimpleUploadedFile("b.csv", text.encode(), content_type="text/csv")
    with capture(execute=True):
        client.post(reverse("management:bill-import"), {"file": upload})
    record = BillImport.objects.latest("pk")
    return record


def test_import_reads_demand_and_estimated(unit, django_capture_on_commit_callbacks):
    make_meter(unit, "AT-6", "AT4.3")
    make_meter(unit, "BT-6", "BT1")
    gs = person(Role.GESTOR_SERVICIO, unit.service)
    client = client_for(gs)
    session = client.session
    session["service_id"] = unit.service_id
    session.save()
    record = run_file(
        client,
        [
            "AT-6;01-01-2024;31-01-2024;05-02-2024;1000;150000;55,5;sí",
            "BT-6;01-01-2024;31-01-2024;05-02-2024;900;120000;12;no",
            "BT-6;01-02-2024;29-02-2024;05-03-2024;900;120000;;tal vez",
        ],
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.REFUSED
    by_row = {(p["row"], p["column"]): p["message"] for p in record.problems}
    assert "no factura demanda" in by_row[(3, "Demanda (kW)")]
    assert "sí o no" in by_row[(4, "Estimada (sí/no)")]
    assert not Bill.objects.exists()
    record = run_file(
        client,
        [
            "AT-6;01-01-2024;31-01-2024;05-02-2024;1000;150000;55,5;sí",
            "BT-6;01-01-2024;31-01-2024;05-02-2024;900;120000;;",
        ],
        django_capture_on_commit_callbacks,
    )
    assert record.status == BillImport.Status.READY, record.problems
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("management:bill-import-detail", args=[record.pk]),
            {"action": "confirm"},
        )
    at = Bill.objects.get(meter__number="AT-6")
    bt = Bill.objects.get(meter__number="BT-6")
    assert at.demand_kw == Decimal("55.5") and at.is_estimated is True
    assert bt.demand_kw is None and bt.is_estimated is False


# ----------------------------------------------------------------- PostgreSQL


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraint exists only on PostgreSQL",
)
def test_postgresql_refuses_an_overlap_written_past_the_service(unit):
    meter = make_meter(unit, "PG-1", "BT1")
    first = bills.save_bill(meter=meter, data=data(date(2024, 1, 1), date(2024, 1, 31)))
    values = {
        f: getattr(first, f)
        for f in (
            "unit",
            "source",
            "issue_date",
            "consumption",
            "consumption_unit",
            "kwh_factor",
            "kwh",
            "amount_clp",
        )
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Bill.objects.create(
            meter=meter,
            period_start=date(2024, 1, 30),
            period_end=date(2024, 2, 28),
            **values,
        )
    # One shared reading day is allowed.
    Bill.objects.create(
        meter=meter,
        period_start=date(2024, 1, 31),
        period_end=date(2024, 2, 29),
        **values,
    )
    # Another meter's bill over the same days is no overlap.
    other = make_meter(unit, "PG-2", "BT1")
    Bill.objects.create(
        meter=other,
        period_start=date(2024, 1, 10),
        period_end=date(2024, 2, 10),
        **values,
    )
    assert Bill.objects.count() == 3
