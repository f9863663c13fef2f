"""Conversion and emission factors as versioned data: seeded from DOMAIN.md, used by
the date of each bill, kept by the Administrador, never rewriting saved bills."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.roles import Role
from management.models import (
    Bill,
    BillImport,
    ConversionFactor,
    Distributor,
    GridFactor,
)
from management.models.energy import grid_factor, grid_factor_year, kwh_factor
from management.services import bills, factors
from management.services.bills import BillData, consumption_by_unit
from tests.factories import UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def unit():
    return UnitFactory(energy_start_year=2022)


@pytest.fixture
def gas_meter(unit):
    client = bills.create_client_number(
        unit=unit, distributor=Distributor.objects.get(name="Metrogas"), number="G-77"
    )
    return bills.create_meter(
        client_number=client, number="GM-1", active_from=date(2020, 1, 1)
    )


def gas_bill(meter, start, end, consumption="100"):
    return bills.save_bill(
        meter=meter,
        data=BillData(
            period_start=start,
            period_end=end,
            issue_date=end,
            consumption=D(consumption),
            amount_clp=90000,
        ),
    )


def new_gas_version(value="11.2", start=date(2025, 1, 1), **extra):
    return factors.add_factor_version(
        source="gas_natural",
        factor=D(value),
        valid_from=start,
        reference=extra.pop("reference", "Balance Nacional de Energía 2024"),
        **extra,
    )


# ----------------------------------------------------------------- the data


def test_seeded_factors_are_domain_figures_with_their_source():
    gas = ConversionFactor.objects.get(source="gas_natural")
    assert (gas.unit, gas.factor, gas.valid_until) == ("m³", D("10.86"), None)
    assert "Balance Nacional de Energía" in gas.reference
    assert not ConversionFactor.objects.get(source="calor").is_confirmed
    assert kwh_factor("glp") == D("14.07")
    assert {g.year: g.factor for g in GridFactor.objects.all()}[2021] == D("0.391")
    assert GridFactor.objects.get(year=2023).is_official
    assert not GridFactor.objects.get(year=2022).is_official


def test_grid_factor_reads_the_table_and_carries_the_latest_forward():
    assert grid_factor(2023) == D("0.2384")
    assert (grid_factor(2030), grid_factor_year(2030)) == (D("0.2384"), 2023)
    assert grid_factor(2015) is None
    factors.add_grid_factor(year=2024, factor=D("0.2150"), reference="Prueba")
    assert grid_factor(2030) == D("0.2150")
    assert grid_factor_year(2030) == 2024
    assert grid_factor(2023) == D("0.2384")


def test_a_new_version_closes_the_one_in_force():
    version = new_gas_version()
    first = ConversionFactor.objects.get(source="gas_natural", valid_from__year=2000)
    assert first.valid_until == date(2024, 12, 31)
    assert version.valid_until is None and version.unit == "m³"
    assert kwh_factor("gas_natural", date(2024, 12, 31)) == D("10.86")
    assert kwh_factor("gas_natural", date(2025, 1, 1)) == D("11.2")


@pytest.mark.parametrize("start", [date(2000, 1, 1), date(1999, 6, 1)])
def test_a_version_overlapping_an_existing_start_is_refused(start):
    with pytest.raises(ValidationError) as exc:
        new_gas_version(start=start)
    message = exc.value.message_dict["valid_from"][0]
    assert "Se superpone con la versión vigente del 01-01-2000" in message
    assert ConversionFactor.objects.filter(source="gas_natural").count() == 1


def test_a_version_before_a_later_one_is_refused_too():
    new_gas_version(start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        new_gas_version(value="12", start=date(2025, 1, 1))
    assert "01-01-2025" in exc.value.message_dict["valid_from"][0]
    new_gas_version(value="12", start=date(2025, 6, 1))
    versions = list(
        ConversionFactor.objects.filter(source="gas_natural").values_list(
            "valid_from", "valid_until"
        )
    )
    assert (date(2025, 1, 1), date(2025, 5, 31)) in versions
    assert (date(2025, 6, 1), None) in versions


def test_bills_use_the_factor_of_their_period_end_and_keep_it(gas_meter):
    december = gas_bill(gas_meter, date(2024, 12, 1), date(2024, 12, 31))
    new_gas_version(start=date(2024, 12, 15))
    december.refresh_from_db()
    assert december.kwh_factor == D("10.86")  # saved before: not rewritten
    assert december.kwh == D("1086")
    january = gas_bill(gas_meter, date(2025, 1, 1), date(2025, 1, 31))
    assert (january.kwh_factor, january.kwh) == (D("11.2"), D("1120"))
    november = gas_bill(gas_meter, date(2024, 11, 1), date(2024, 11, 30))
    assert november.kwh_factor == D("10.86")


def test_the_yearly_summary_uses_the_grid_factor_of_the_table(unit):
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="E-1",
        tariff="BT1",
    )
    meter = bills.create_meter(
        client_number=client, number="EM-1", active_from=date(2020, 1, 1)
    )
    bills.save_bill(
        meter=meter,
        data=BillData(
            period_start=date(2024, 3, 1),
            period_end=date(2024, 3, 31),
            issue_date=date(2024, 4, 2),
            consumption=D("2000"),
            amount_clp=300000,
        ),
    )
    (row,) = consumption_by_unit([unit], 2024)
    assert row["tco2e"] == (D("2") * D("0.2384")).quantize(D("0.001"))
    factors.add_grid_factor(year=2024, factor=D("0.2"), reference="Prueba")
    (row,) = consumption_by_unit([unit], 2024)
    assert row["tco2e"] == D("0.400")


def test_the_import_uses_the_factor_of_each_row(
    unit, gas_meter, django_capture_on_commit_callbacks
):
    new_gas_version(start=date(2025, 1, 1))
    client = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    text = (
        "Medidor;Inicio del periodo;Término del periodo;Fecha de emisión;Consumo;"
        "Monto total (CLP)\n"
        "GM-1;01-12-2024;31-12-2024;05-01-2025;100;90000\n"
        "GM-1;01-01-2025;31-01-2025;05-02-2025;100;90000\n"
    )
    upload = SimpleUploadedFile("g.csv", text.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("management:bill-import"), {"file": upload})
    record = BillImport.objects.latest("pk")
    assert record.status == BillImport.Status.READY, record.problems
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("management:bill-import-detail", args=[record.pk]),
            {"action": "confirm"},
        )
    got = dict(Bill.objects.values_list("period_end", "kwh_factor"))
    assert got == {date(2024, 12, 31): D("10.86"), date(2025, 1, 31): D("11.2")}


# ----------------------------------------------------------------- the screens


@pytest.fixture
def admin_client():
    return client_for(person(Role.ADMINISTRADOR))


def test_only_the_administrador_reaches_the_factor_screens(unit):
    gestor = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    reviewer = client_for(person(Role.REVISOR_RED))
    version = ConversionFactor.objects.first()
    for url in (
        reverse("management:factor-list"),
        reverse("management:factor-create"),
        reverse("management:factor-update", args=[version.pk]),
        reverse("management:grid-factor-list"),
    ):
        assert gestor.get(url).status_code == 403
        assert reviewer.get(url).status_code == 403
    response = gestor.post(
        reverse("management:factor-update", args=[version.pk]),
        {"reference": "hack", "is_confirmed": "on"},
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.reference != "hack"


def test_factor_list_filters_and_keeps_its_query_count(admin_client):
    url = reverse("management:factor-list")
    page = admin_client.get(url).content.decode()
    assert "Factores de conversión a kWh" in page and "10,86" in page
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for n, start in enumerate((date(2024, 1, 1), date(2025, 1, 1), date(2025, 6, 1))):
        new_gas_version(value=str(11 + n), start=start)
    with CaptureQueriesContext(connection) as more:
        page = admin_client.get(url).content.decode()
    assert len(more) == len(few)
    assert "01-01-2025" in page
    current = admin_client.get(
        url, {"source": "gas_natural", "validity": "current"}
    ).content.decode()
    assert "13" in current and "10,86" not in current and "14,07" not in current
    past = admin_client.get(
        url, {"source": "gas_natural", "validity": "past"}
    ).content.decode()
    assert "10,86" in past and "01-06-2025" not in past
    unconfirmed = admin_client.get(url, {"is_confirmed": "false"}).content.decode()
    assert "Calor</td>" in unconfirmed and "Gas Natural</td>" not in unconfirmed
    response = admin_client.get(url, {"export": "csv"})
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Fuente bibliográfica" in export


def test_new_version_form_closes_the_previous_and_refuses_overlaps(admin_client):
    url = reverse("management:factor-create")
    page = admin_client.get(url, {"energetico": "glp"}).content.decode()
    assert "Balance Nacional de Energía" in page  # the source text is suggested
    response = admin_client.post(
        url,
        {
            "source": "glp",
            "factor": "14,2",
            "valid_from": "1999-01-01",
            "reference": "Tabla nueva",
            "is_confirmed": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Se superpone con la versión vigente" in page
    assert 'value="14,2"' in page  # what was typed stays
    response = admin_client.post(
        url,
        {
            "source": "glp",
            "factor": "14,2",
            "valid_from": "01-03-2025",
            "reference": "Tabla nueva",
            "is_confirmed": "on",
        },
    )
    assert response.status_code == 302
    old, new = ConversionFactor.objects.filter(source="glp", unit="kg").order_by(
        "valid_from"
    )
    assert old.valid_until == date(2025, 2, 28)
    assert (new.factor, new.valid_until) == (D("14.2"), None)
    assert kwh_factor("glp", date(2025, 3, 1)) == D("14.2")


def test_editing_changes_only_the_text(admin_client):
    version = ConversionFactor.objects.get(source="calor")
    url = reverse("management:factor-update", args=[version.pk])
    page = admin_client.get(url).content.decode()
    assert "nueva versión" in page
    response = admin_client.post(url, {"reference": "  ", "is_confirmed": "on"})
    assert "Indique la fuente bibliográfica" in response.content.decode()
    response = admin_client.post(
        url, {"reference": "Norma de calor distrital", "factor": "9"}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.reference == "Norma de calor distrital"
    assert version.factor == D("1") and not version.is_confirmed


def test_grid_factor_screens(admin_client):
    url = reverse("management:grid-factor-create")
    response = admin_client.post(
        url, {"year": "2023", "factor": "0,2", "reference": "x"}
    )
    assert "Ya existe el factor de 2023" in response.content.decode()
    response = admin_client.post(
        url,
        {
            "year": "2024",
            "factor": "0,1987",
            "reference": "Factor 2024",
            "is_official": "on",
        },
    )
    assert response.status_code == 302
    assert GridFactor.objects.get(year=2024).factor == D("0.1987")
    assert grid_factor(2024) == D("0.1987")
    listing = admin_client.get(
        reverse("management:grid-factor-list"), {"is_official": "true"}
    ).content.decode()
    assert "2024" in listing and "2021" not in listing
    assert "2.024" not in listing  # a year, not a number with thousands
    grid = GridFactor.objects.get(year=2022)
    response = admin_client.post(
        reverse("management:grid-factor-update", args=[grid.pk]),
        {"reference": "Promedio mensual revisado", "is_official": ""},
    )
    assert response.status_code == 302
    grid.refresh_from_db()
    assert grid.reference == "Promedio mensual revisado" and grid.factor == D("0.301")
