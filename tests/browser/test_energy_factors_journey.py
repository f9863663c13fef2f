"""The Administrador adds a factor version (an overlap is refused first); a Gestor de
Servicio enters a bill with demand and the «estimada» flag."""

from datetime import date

import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from management.models import Bill, ConversionFactor, Distributor
from management.services import bills
from tests.browser.test_inventory_journey import log_in
from tests.factories import ServiceFactory, TOTPDeviceFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_administrador_adds_a_factor_version(live_server, page, shot):
    admin = UserFactory(first_name="Ana", last_name="Administradora")
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    base = live_server.url
    log_in(page, base, admin, TOTPDeviceFactory(user=admin))
    page.goto(f"{base}/gestion/configuracion/")
    page.get_by_role("link", name="Factores de conversión y de emisión").click()
    expect(
        page.get_by_role("heading", name="Factores de conversión a kWh")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="10,86")).to_be_visible()
    shot(page, "factor-list")

    page.get_by_role("link", name="Nueva versión").first.click()
    page.get_by_label("Energético").select_option(label="Gas Natural")
    page.get_by_label("kWh por unidad").fill("11,02")
    page.get_by_label("Vigente desde").fill("1999-01-01")
    page.get_by_label("Fuente bibliográfica").fill("Balance Nacional de Energía 2024")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Se superpone con la versión vigente")).to_be_visible()
    expect(page.get_by_label("kWh por unidad")).to_have_value("11,02")
    page.get_by_label("Vigente desde").fill("2026-01-01")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("vigente desde el 01-01-2026 guardado")).to_be_visible()
    expect(page.get_by_role("cell", name="31-12-2025")).to_be_visible()
    shot(page, "factor-list-new-version")
    assert ConversionFactor.objects.filter(source="gas_natural").count() == 2

    # GLP bought in bulk is billed in litres: a version for litres, after one refused
    # for a unit GLP is not billed in.
    page.get_by_role("link", name="Nueva versión").first.click()
    page.get_by_label("Energético").select_option(label="Gas Licuado de Petróleo")
    page.get_by_label("Unidad de medida").select_option("m³")
    page.get_by_label("kWh por unidad").fill("7,80")
    page.get_by_label("Vigente desde").fill("2026-01-01")
    page.get_by_label("Fuente bibliográfica").fill("Balance Nacional de Energía 2024")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("se factura en kg o L, no en «m³»")).to_be_visible()
    expect(page.get_by_label("kWh por unidad")).to_have_value("7,80")
    shot(page, "factor-unit-refused")
    page.get_by_label("Unidad de medida").select_option("L")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("vigente desde el 01-01-2026 guardado")).to_be_visible()
    litres = ConversionFactor.objects.filter(source="glp", unit="L")
    assert [str(f.factor) for f in litres.order_by("valid_from")] == [
        "7.7400",
        "7.8000",
    ]


def test_gestor_enters_a_bill_with_demand_and_estimated(live_server, page, shot):
    service = ServiceFactory(name="Subsecretaría de Energía")
    unit = UnitFactory(
        service=service, name="Oficinas centrales", energy_start_year=2024
    )
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="4471203",
        tariff="AT4.3",
    )
    bills.create_meter(
        client_number=client, number="E-20931", active_from=date(2023, 1, 1)
    )
    gestor = UserFactory(first_name="Gabriela", last_name="Gestora")
    add_membership(user=gestor, service=service, role=Role.GESTOR_SERVICIO)
    base = live_server.url
    log_in(page, base, gestor, TOTPDeviceFactory(user=gestor))
    page.goto(f"{base}/gestion/mi-unidad/{unit.pk}/consumo/boleta/")
    page.get_by_label("Inicio del periodo de lectura").fill("2025-03-01")
    page.get_by_label("Término del periodo de lectura").fill("2025-03-31")
    page.get_by_label("Fecha de emisión").fill("2025-04-05")
    page.get_by_label("Consumo").fill("9.450,5")
    page.get_by_label("Demanda (kW)").fill("52,5")
    page.get_by_label("Monto total (CLP)").fill("1.436.476")
    page.get_by_label("Boleta estimada").check()
    shot(page, "bill-form")
    page.get_by_role("button", name="Guardar y enviar").click()
    expect(page.get_by_text("guardada", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name="52,5")).to_be_visible()
    shot(page, "bill-list")
    bill = Bill.objects.get()
    assert bill.is_estimated and str(bill.demand_kw) == "52.500"
