"""Fuels bought without a meter: bills per unit and source, their rules, units of
measure, the monthly table, emissions by fuel factors, the form and the import."""

import datetime as dt
from datetime import date
from decimal import Decimal as D

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from lms.accounts.roles import Role
from management.models import Bill, BillImport, Distributor, MonthlyConsumption
from management.models.units import UnitEnergySource
from management.services import bills
from management.services.bills import BillData
from management.services.monthly import energy_report, rebuild_series
from tests.factories import ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unit():
    unit = UnitFactory(
        name="Liceo de Coyhaique", energy_start_year=2023, surface_m2=D("1000")
    )
    for source in ("electricidad", "lena", "glp", "diesel"):
        UnitEnergySource.objects.create(unit=unit, source=source, is_on=True)
    return unit


def data(start, end, consumption="1000", amount=150000, **extra):
    return BillData(
        period_start=start,
        period_end=end,
        issue_date=end,
        consumption=D(consumption),
        amount_clp=amount,
        **extra,
    )


def fuel(unit, source, start, end, consumption="1000", **extra):
    return bills.save_bill(
        unit=unit, source=source, data=data(start, end, consumption, **extra)
    )


# ------------------------------------------------------------------ saving and rules


def test_a_fuel_bill_is_stored_with_its_unit_source_and_kwh(unit):
    bill = fuel(unit, "lena", date(2024, 5, 1), date(2024, 5, 31), "2500")
    assert (bill.meter, bill.unit, bill.source) == (None, unit, "lena")
    assert (bill.consumption_unit, bill.kwh_factor) == ("kg", D("4.07"))
    assert bill.kwh == D("10175.000")  # 2,500 kg × 4.07 kWh/kg
    assert str(bill).startswith("Leña (sin medidor)")


def test_glp_in_litres_takes_the_bulk_factor_and_a_wrong_unit_is_refused(unit):
    bill = fuel(
        unit, "glp", date(2024, 6, 1), date(2024, 6, 30), "100", consumption_unit="L"
    )
    assert (bill.consumption_unit, bill.kwh) == ("L", D("774.000"))
    with pytest.raises(ValidationError) as refused:
        fuel(
            unit,
            "lena",
            date(2024, 6, 1),
            date(2024, 6, 30),
            consumption_unit="m³",
        )
    [message] = refused.value.message_dict["consumption_unit"]
    assert "«m³» no corresponde a Leña" in message and "use kg" in message
    assert not Bill.objects.filter(source="lena").exists()


def test_electricity_and_natural_gas_need_their_meter(unit):
    for source, label in (("electricidad", "Electricidad"), ("gas_natural", "Gas")):
        with pytest.raises(ValidationError) as refused:
            fuel(unit, source, date(2024, 1, 1), date(2024, 1, 31))
        assert label in refused.value.message_dict["meter"][0]
    assert not Bill.objects.exists()


def test_the_database_refuses_electricity_without_meter(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Bill.objects.create(
            unit=unit,
            source="electricidad",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 1, 31),
            issue_date=date(2024, 2, 5),
            consumption=D("10"),
            consumption_unit="kWh",
            kwh_factor=D("1"),
            kwh=D("10"),
            amount_clp=1500,
        )


def test_overlaps_and_duplicates_are_per_unit_and_source(unit):
    fuel(unit, "lena", date(2024, 5, 1), date(2024, 5, 31))
    with pytest.raises(ValidationError) as refused:
        fuel(unit, "lena", date(2024, 5, 20), date(2024, 6, 20))
    message = refused.value.message_dict["period_start"][0]
    assert "se superpone 12 días" in message and "Leña sin medidor" in message
    with pytest.raises(ValidationError) as refused:
        fuel(unit, "lena", date(2024, 5, 1), date(2024, 5, 31))
    assert "ya está registrada" in refused.value.message_dict["period_start"][0]
    # The reading day may be shared; another source or unit over the same days is fine.
    fuel(unit, "lena", date(2024, 5, 31), date(2024, 6, 30))
    fuel(unit, "diesel", date(2024, 5, 1), date(2024, 5, 31), "200")
    fuel(UnitFactory(service=unit.service), "lena", date(2024, 5, 1), date(2024, 5, 31))
    assert Bill.objects.count() == 4


def test_history_findings_compare_with_the_same_source_only(unit):
    for m in (1, 2, 3, 4):
        last = (date(2024, m + 1, 1) - dt.timedelta(days=1)).day
        fuel(unit, "lena", date(2024, m, 1), date(2024, m, last), "1000")
    odd = fuel(unit, "lena", date(2024, 5, 1), date(2024, 5, 31), "9000")
    assert any("fuera de lo habitual" in f for f in odd.findings)
    first_diesel = fuel(unit, "diesel", date(2024, 5, 1), date(2024, 5, 31), "9000")
    assert not any("fuera de lo habitual" in f for f in first_diesel.findings)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="exclusion constraints exist only on PostgreSQL",
)
def test_postgresql_refuses_an_unmetered_overlap_written_past_the_service(unit):
    values = {
        "unit": unit,
        "source": "lena",
        "issue_date": date(2024, 3, 5),
        "consumption": D("10"),
        "consumption_unit": "kg",
        "kwh_factor": D("4.07"),
        "kwh": D("40.7"),
        "amount_clp": 1000,
    }
    Bill.objects.create(
        period_start=date(2024, 1, 1), period_end=date(2024, 1, 31), **values
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Bill.objects.create(
            period_start=date(2024, 1, 30), period_end=date(2024, 2, 28), **values
        )
    Bill.objects.create(  # one shared reading day is allowed
        period_start=date(2024, 1, 31), period_end=date(2024, 2, 28), **values
    )
    assert Bill.objects.count() == 2


# ------------------------------------------------------------------ months and emissions


def test_monthly_rows_of_a_fuel_have_no_meter_and_rebuild_idempotently(unit):
    fuel(unit, "lena", date(2024, 5, 17), date(2024, 6, 15), "3000")
    key = (unit.pk, "lena")
    assert rebuild_series([key]) == 2
    assert rebuild_series([list(key)]) == 2  # as the worker receives it (JSON)
    rows = MonthlyConsumption.objects.filter(unit=unit).order_by("month")
    assert [(r.meter_id, r.source, r.month, r.days) for r in rows] == [
        (None, "lena", 5, 15),
        (None, "lena", 6, 15),
    ]
    assert sum(r.consumption for r in rows) == D("3000")


def test_saving_a_fuel_bill_schedules_its_series(
    unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fuel(unit, "diesel", date(2024, 7, 1), date(2024, 7, 31), "100")
    [row] = MonthlyConsumption.objects.filter(unit=unit, source="diesel")
    assert (row.meter_id, row.kwh) == (None, D("1065.000"))


def test_emissions_add_fuels_by_their_factors_and_name_those_without(
    unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fuel(unit, "diesel", date(2024, 7, 1), date(2024, 7, 31), "100")
        fuel(
            unit,
            "glp",
            date(2024, 7, 1),
            date(2024, 7, 31),
            "100",
            consumption_unit="L",
        )
        fuel(unit, "lena", date(2024, 7, 1), date(2024, 7, 31), "1000")
    units = type(unit).objects.filter(pk=unit.pk)
    report = energy_report(units=units, year=2024)
    by_source = {e["source"]: e for e in report["emissions"]}
    # 100 L diésel × 2.68 kgCO2e/L; 100 L of GLP = 774 kWh = 55.01 kg × 2.94 kgCO2e/kg.
    assert round(by_source["diesel"]["tco2e"], 4) == D("0.2680")
    glp = D("774") / D("14.07") * D("2.94") / 1000
    assert round(by_source["glp"]["tco2e"], 4) == round(glp, 4)
    assert by_source["lena"]["tco2e"] is None
    assert report["without_factor"] == ["Leña"]
    assert round(report["tco2e"], 4) == round(D("0.268") + glp, 4)
    [row] = bills.consumption_by_unit([unit], 2024)
    assert row["tco2e"] == round(D("0.268") + glp, 3)
    assert row["without_factor"] == ["Leña"]


# ------------------------------------------------------------------ the form


def test_the_form_offers_switched_on_fuels_and_keeps_what_was_typed(unit):
    gestor = person(Role.GESTOR_UNIDAD, unit.service, units=[unit])
    client = client_for(gestor)
    url = reverse("management:bill-create", args=[unit.pk])
    page = client.get(url).content.decode()
    assert "Leña · sin medidor" in page and "Diésel · sin medidor" in page
    assert "Electricidad · sin medidor" not in page
    assert "Carbón · sin medidor" not in page  # not switched on in Energéticos
    form = {
        "meter": "sin-lena",
        "period_start": "2024-05-01",
        "period_end": "2024-05-31",
        "issue_date": "2024-06-02",
        "consumption": "2.500",
        "amount_clp": "180000",
        "action": "another",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"].endswith("?medidor=sin-lena")
    bill = Bill.objects.get(source="lena")
    assert (bill.meter, bill.consumption, bill.created_by) == (None, D("2500"), gestor)
    # The next one starts where the last ended; an overlap is refused, input kept.
    page = client.get(response["Location"]).content.decode()
    assert 'value="2024-05-31"' in page
    response = client.post(
        url, {**form, "period_start": "2024-05-15", "consumption": "1.234,5"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "se superpone 17 días" in page and 'value="1.234,5"' in page
    assert Bill.objects.count() == 1
    listing = client.get(reverse("management:unit-consumption", args=[unit.pk]))
    assert "Sin medidor" in listing.content.decode()


def test_a_unit_with_no_meter_and_no_fuel_is_told_what_to_do():
    bare = UnitFactory()
    gestor = person(Role.GESTOR_UNIDAD, bare.service, units=[bare])
    page = client_for(gestor).get(reverse("management:bill-create", args=[bare.pk]))
    assert "ni energéticos sin medidor" in page.content.decode()


# ------------------------------------------------------------------ the import


HEADER = (
    "Medidor;Unidad (sin medidor);Energético (sin medidor);Unidad de medida;"
    "Inicio del periodo;Término del periodo;Fecha de emisión;Consumo;Monto total (CLP)"
)


def test_fuel_rows_import_by_unit_and_source_and_bad_ones_are_refused_by_row(
    django_capture_on_commit_callbacks,
):
    service = ServiceFactory()
    unit = UnitFactory(
        service=service, name="Liceo de Coyhaique", energy_start_year=2024
    )
    client_number = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="998877",
        tariff="BT1",
    )
    bills.create_meter(
        client_number=client_number, number="E-1", active_from=dt.date(2023, 1, 1)
    )
    gestor = person(Role.GESTOR_SERVICIO, service)
    client = client_for(gestor)

    def send(lines, name):
        text = "\n".join([HEADER, *lines]) + "\n"
        upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("management:bill-import"), {"file": upload})
        return BillImport.objects.latest("pk")

    bad = send(
        [
            ";Liceo de Coyhaique;Leña;;01-05-2025;31-05-2025;02-06-2025;2500;180000",
            ";Liceo de Temuco;Leña;;01-05-2025;31-05-2025;02-06-2025;2500;180000",
            ";Liceo de Coyhaique;Electricidad;;01-05-2025;31-05-2025;02-06-2025;10;1",
            ";Liceo de Coyhaique;Agua;;01-05-2025;31-05-2025;02-06-2025;10;1",
            ";Liceo de Coyhaique;Leña;L;01-06-2025;30-06-2025;02-07-2025;10;1",
        ],
        "malas.csv",
    )
    assert bad.status == BillImport.Status.REFUSED
    messages = {p["row"]: p["message"] for p in bad.problems if p["kind"] == "error"}
    assert "No existe la unidad «Liceo de Temuco»" in messages[3]
    assert "se registran con su medidor" in messages[4]
    assert "«Agua» no es un energético" in messages[5]
    assert "«L» no corresponde a Leña" in messages[6]
    assert not Bill.objects.exists()

    good = send(
        [
            "E-1;;;;01-05-2025;31-05-2025;02-06-2025;9000;1200000",
            ";Liceo de Coyhaique;leña;;01-05-2025;31-05-2025;02-06-2025;2.500;180000",
            ";Liceo de Coyhaique;Gas Licuado de Petróleo;L;01-05-2025;31-05-2025;"
            "02-06-2025;300;390000",
        ],
        "buenas.csv",
    )
    assert good.status == BillImport.Status.READY, good.problems
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("management:bill-import-detail", args=[good.pk]),
            {"action": "confirm"},
        )
    good.refresh_from_db()
    assert (good.status, good.imported) == (BillImport.Status.DONE, 3)
    lena = Bill.objects.get(source="lena")
    assert (lena.meter, lena.unit, lena.kwh) == (None, unit, D("10175.000"))
    glp = Bill.objects.get(source="glp")
    assert (glp.consumption_unit, glp.kwh) == ("L", D("2322.000"))
    assert MonthlyConsumption.objects.filter(unit=unit, meter__isnull=True).count() == 2
    # The template lists the units and the fuels that may go without a meter.
    import io

    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(client.get(reverse("management:bill-import-template")).content)
    )
    sheet = book["Sin medidor"]
    assert "Liceo de Coyhaique" in [c.value for c in sheet["A"]]
    fuels = [c.value for c in sheet["C"]]
    assert "Leña" in fuels and "Electricidad" not in fuels
