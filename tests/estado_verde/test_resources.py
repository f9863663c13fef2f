"""Papel, Agua y Residuos: the rules that block saving, the figures, the screens."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.estado_verde import selectors
from management.estado_verde.models import (
    PaperPurchase,
    UnitModuleNote,
    WasteRecord,
    WasteType,
    WaterRecord,
)
from management.estado_verde.services import resources as services
from tests.factories import ServiceFactory, UnitFactory
from tests.management.conftest import client_for, person

pytestmark = pytest.mark.django_db


def paper(unit, **fields):
    values = {"year": 2025, "month": 1, "reams": 10, "recycled_reams": 0}
    values["cost_clp"] = 3500 * fields.get("reams", values["reams"])
    values.update(fields)
    return services.save_paper_purchase(purchase=PaperPurchase(unit=unit, **values))


def water(unit, start, end, m3, supply="red", meter="A-1"):
    return services.save_water_record(
        record=WaterRecord(
            unit=unit,
            supply=supply,
            meter_number=meter,
            period_start=start,
            period_end=end,
            m3=Decimal(m3),
            cost_clp=1000,
        )
    )


def waste(unit, name, kg, month=None, year=2025):
    return services.save_waste_record(
        record=WasteRecord(
            unit=unit,
            year=year,
            month=month,
            waste_type=WasteType.objects.get(name=name),
            kg=Decimal(kg),
        )
    )


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.message_dict


# ---------------------------------------------------------------- paper


def test_paper_totals_and_reams_per_collaborator(unit):
    paper(unit, month=1, reams=10, recycled_reams=4, cost_clp=35000)
    paper(unit, month=3, reams=15, cost_clp=52500)
    paper(unit, year=2024, month=5, reams=99)  # another year: not counted
    s = selectors.unit_summary(unit, 2025)
    assert (s["reams"], s["recycled_reams"], s["paper_cost"]) == (25, 4, 87500)
    # 25 reams / 10 collaborators; 4 of 25 recycled = 16 %.
    assert s["reams_per_collaborator"] == Decimal("2.50")
    assert s["recycled_paper_share"] == Decimal("16.0")


def test_recycled_reams_cannot_exceed_reams(unit):
    errors = errors_of(lambda: paper(unit, reams=5, recycled_reams=6))
    assert "no pueden superar" in errors["recycled_reams"][0]
    assert paper(unit, reams=5, recycled_reams=5).recycled_reams == 5


def test_paper_only_from_the_units_start_year(unit):
    errors = errors_of(lambda: paper(unit, year=2023))
    assert "desde 2024" in errors["year"][0]
    unit.other_start_year = None
    unit.save()
    errors = errors_of(lambda: paper(unit, year=2025))
    assert "Alcance" in errors["year"][0]


def test_paper_no_future_month(unit):
    today = timezone.localdate()
    if today.month == 12:
        pytest.skip("no future month left in December")
    unit.other_start_year = today.year
    unit.save()
    errors = errors_of(lambda: paper(unit, year=today.year, month=today.month + 1))
    assert "futuros" in errors["month"][0]
    assert paper(unit, year=today.year, month=today.month).pk


def test_monthly_and_yearly_paper_do_not_mix(unit):
    paper(unit, month=2)
    errors = errors_of(lambda: paper(unit, month=None))
    assert "registros mensuales" in errors["month"][0]
    paper(unit, year=2024, month=None)
    errors = errors_of(lambda: paper(unit, year=2024, month=4))
    assert "total anual" in errors["month"][0]


def test_a_purchase_id_is_registered_once(unit):
    paper(unit, purchase_id="2345-12-CM25")
    errors = errors_of(lambda: paper(unit, month=2, purchase_id="2345-12-CM25"))
    assert "ya está registrada" in errors["purchase_id"][0]


def test_no_paper_when_the_unit_declared_it_does_not_manage_it(unit):
    services.save_unit_note(
        note=UnitModuleNote(
            unit=unit,
            year=2025,
            module="papel",
            not_managed=True,
            observation="Lo compra la Dirección Regional",
        )
    )
    errors = errors_of(lambda: paper(unit))
    assert "no gestiona" in errors["year"][0]


def test_not_managed_needs_a_reason_and_no_records(unit):
    note = UnitModuleNote(unit=unit, year=2025, module="papel", not_managed=True)
    assert (
        "Explique"
        in errors_of(lambda: services.save_unit_note(note=note))["observation"][0]
    )
    paper(unit)
    note.observation = "Otra unidad compra el papel"
    assert (
        "ya tiene registros"
        in errors_of(lambda: services.save_unit_note(note=note))["not_managed"][0]
    )


# ---------------------------------------------------------------- water


def test_water_totals_per_collaborator_and_per_m2(unit):
    water(unit, date(2025, 1, 1), date(2025, 1, 31), "12.5")
    # One shared boundary day with the previous reading is allowed.
    water(unit, date(2025, 1, 31), date(2025, 2, 28), "7.5")
    water(unit, date(2025, 3, 10), date(2025, 3, 10), "0.4", supply="comprada")
    s = selectors.unit_summary(unit, 2025)
    assert s["m3"] == Decimal("20.4")
    assert s["m3_per_collaborator"] == Decimal("2.04")  # 20,4 / 10
    assert s["m3_per_m2"] == Decimal("0.082")  # 20,4 / 250 = 0,0816


def test_water_period_rules(unit):
    e = errors_of(lambda: water(unit, date(2025, 2, 1), date(2025, 1, 1), "3"))
    assert "anterior al inicio" in e["period_end"][0]
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)
    e = errors_of(lambda: water(unit, date(2025, 2, 1), future, "3"))
    assert "futuro" in e["period_end"][0]
    e = errors_of(
        lambda: water(unit, date(2025, 2, 1), date(2025, 2, 28), "3", meter="")
    )
    assert "medidor" in e["meter_number"][0]


def test_water_periods_of_a_meter_do_not_overlap(unit):
    water(unit, date(2025, 1, 1), date(2025, 1, 31), "10")
    e = errors_of(lambda: water(unit, date(2025, 1, 20), date(2025, 2, 20), "10"))
    assert "se cruza" in e["period_start"][0]
    # Another meter may cover the same days.
    assert water(unit, date(2025, 1, 20), date(2025, 2, 20), "10", meter="B-2").pk


def test_purchased_water_keeps_no_meter_and_takes_the_year_of_its_end(unit):
    record = water(
        unit, date(2024, 12, 20), date(2025, 1, 5), "1", supply="comprada", meter="X"
    )
    assert (record.meter_number, record.year) == ("", 2025)


# ---------------------------------------------------------------- waste


def test_waste_total_and_recycling_rate(unit):
    waste(unit, "Papel y cartón", "30")
    waste(unit, "Plásticos", "12.5")
    waste(unit, "Residuos NO reciclados", "57.5")
    s = selectors.unit_summary(unit, 2025)
    assert (s["waste_kg"], s["recycled_kg"]) == (Decimal("100"), Decimal("42.5"))
    assert s["recycling_rate"] == Decimal("42.5")


def test_one_waste_row_per_type_and_month(unit):
    waste(unit, "Vidrio", "5", month=3)
    e = errors_of(lambda: waste(unit, "Vidrio", "6", month=3))
    assert "Ya hay un registro de Vidrio para Marzo" in e["month"][0]
    e = errors_of(lambda: waste(unit, "Vidrio", "60"))
    assert "registros mensuales" in e["month"][0]
    assert waste(unit, "Vidrio", "6", month=4).pk


def test_ratios_without_collaborators_are_empty(unit):
    unit.staff_count = unit.other_collaborators_count = 0
    unit.save()
    paper(unit)
    assert selectors.unit_summary(unit, 2025)["reams_per_collaborator"] is None


# ---------------------------------------------------------------- screens


def test_the_paper_form_explains_bad_numbers_and_keeps_what_was_typed(
    unit, gestor_client
):
    url = reverse("management:ev-paper-create", args=[unit.pk])
    response = gestor_client.post(
        url,
        {
            "year": "2025",
            "month": "3",
            "reams": "diez",
            "recycled_reams": "-1",
            "cost_clp": "35.000",
            "observation": "Compra de marzo",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Escriba un número entero" in html
    assert "No puede ser negativo." in html
    assert "Compra de marzo" in html and 'value="diez"' in html
    assert not PaperPurchase.objects.exists()


def test_the_gestor_records_paper_and_sees_the_totals(unit, gestor_client):
    url = reverse("management:ev-paper-create", args=[unit.pk])
    response = gestor_client.post(
        url,
        {
            "year": "2025",
            "month": "3",
            "reams": "1.200",
            "recycled_reams": "200",
            "cost_clp": "4.200.000",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert PaperPurchase.objects.get().reams == 1200
    page = gestor_client.get(response["Location"]).content.decode()
    assert 'data-testid="total-reams">1.200<' in page
    assert 'data-testid="reams-per-collaborator">120,00<' in page


def test_water_form_refuses_a_file_that_is_not_what_it_says(unit, gestor_client):
    url = reverse("management:ev-water-create", args=[unit.pk])
    response = gestor_client.post(
        url,
        {
            "supply": "red",
            "meter_number": "A-1",
            "period_start": "2025-01-01",
            "period_end": "2025-01-31",
            "m3": "12,5",
            "cost_clp": "20000",
            "invoice": SimpleUploadedFile("boleta.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "no corresponde a un tipo permitido" in response.content.decode()
    assert not WaterRecord.objects.exists()


def test_other_services_and_readers(unit):
    other = client_for(person(Role.GESTOR_SERVICIO, ServiceFactory()))
    record = paper(unit)
    for name, pk in (
        ("management:ev-paper", unit.pk),
        ("management:ev-paper-update", record.pk),
        ("management:ev-paper-create", unit.pk),
    ):
        assert other.get(reverse(name, args=[pk])).status_code == 404
    reader = client_for(person(Role.GESTOR_CONSULTA, unit.service))
    assert reader.get(reverse("management:ev-paper", args=[unit.pk])).status_code == 200
    assert (
        reader.get(reverse("management:ev-paper-create", args=[unit.pk])).status_code
        == 403
    )
    # A Gestor de Unidad writes only the units assigned to them.
    neighbour = UnitFactory(service=unit.service, other_start_year=2024)
    gu = client_for(person(Role.GESTOR_UNIDAD, unit.service, units=[unit]))
    assert (
        gu.get(reverse("management:ev-paper-create", args=[unit.pk])).status_code == 200
    )
    assert (
        gu.get(reverse("management:ev-paper-create", args=[neighbour.pk])).status_code
        == 404
    )
    assert (
        gu.post(reverse("management:ev-paper-delete", args=[record.pk])).status_code
        == 302
    )
    assert not PaperPurchase.objects.exists()


def test_service_page_lists_reporting_units_and_exports(unit, gestor_client):
    UnitFactory(service=unit.service, name="Bodega sin ítemes", other_start_year=None)
    paper(unit, reams=30)
    response = gestor_client.get(reverse("management:estado-verde") + "?year=2025")
    html = response.content.decode()
    assert "Oficina central" in html and "Bodega sin ítemes" not in html
    assert 'data-testid="service-reams">30 resmas' in html
    export = gestor_client.get(
        reverse("management:estado-verde") + "?year=2025&export=csv"
    )
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Oficina central" in body.splitlines()[1]
    assert body.splitlines()[1].split(";")[4] == "30"


def test_a_water_period_is_at_most_a_year(unit):
    e = errors_of(lambda: water(unit, date(2024, 1, 1), date(2025, 1, 5), "3"))
    assert "más de un año" in e["period_end"][0]
    assert water(unit, date(2024, 1, 6), date(2025, 1, 5), "3").pk


def test_fixture_and_container_lines_are_not_duplicated(unit):
    from management.estado_verde.models import WasteContainer, WaterFixture

    services.save_fixture(
        fixture=WaterFixture(unit=unit, kind="wc", count=3, state="bueno")
    )
    e = errors_of(
        lambda: services.save_fixture(
            fixture=WaterFixture(unit=unit, kind="wc", count=1, state="bueno")
        )
    )
    assert "corrija su cantidad" in e["kind"][0]
    assert services.save_fixture(
        fixture=WaterFixture(unit=unit, kind="wc", count=1, state="filtracion")
    ).pk
    box = {"name": "Punto limpio", "location": "Patio", "count": 1, "capacity_l": 60}
    services.save_container(
        container=WasteContainer(unit=unit, kind="punto_limpio", **box)
    )
    e = errors_of(
        lambda: services.save_container(
            container=WasteContainer(unit=unit, kind="reciclaje", **box)
        )
    )
    assert "Ya hay un contenedor" in e["name"][0]


def test_water_note_starts_from_the_units_flags(unit):
    unit.shares_water_meter = True
    unit.save()
    note = services.note_for(unit, 2025, "agua")
    assert note.shared_meter and not note.no_invoice_access
    assert services.save_unit_note(note=note).pk


def test_water_form_asks_for_the_meter_of_network_water(unit, gestor_client):
    url = reverse("management:ev-water-create", args=[unit.pk])
    response = gestor_client.post(
        url,
        {
            "supply": "red",
            "meter_number": " ",
            "period_start": "01-01-2025",
            "period_end": "31-01-2025",
            "m3": "12,5",
            "cost_clp": "20.000",
        },
    )
    html = response.content.decode()
    assert "escriba su número" in html and "Constraint" not in html
    assert 'value="12,5"' in html
    response = gestor_client.post(
        url,
        {
            "supply": "comprada",
            "period_start": "10-03-2025",
            "period_end": "10-03-2025",
            "m3": "0,4",
            "cost_clp": "12.000",
        },
    )
    assert response.status_code == 302
    assert WaterRecord.objects.get().m3 == Decimal("0.4")
