"""A Gestor de Unidad enters a bill, is told what to fix, fixes it; the Red validates it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from management.models import Bill, Distributor, UnitAssignment
from management.services import bills
from tests.browser.test_inventory_journey import log_in
from tests.factories import ServiceFactory, TOTPDeviceFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(transactional_db):
    service = ServiceFactory(name="Subsecretaría de Energía")
    unit = UnitFactory(
        service=service, name="Oficinas centrales", energy_start_year=2024
    )
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="4471203",
        tariff="BT1",
    )
    bills.create_meter(
        client_number=client, number="E-20931", active_from=date(2023, 1, 1)
    )
    gu = UserFactory(first_name="Ulises", last_name="Unidad")
    add_membership(user=gu, service=service, role=Role.GESTOR_UNIDAD)
    UnitAssignment.objects.create(user=gu, unit=unit)
    red = UserFactory(first_name="Rosa", last_name="Revisora")
    grant_staff_role(user=red, role=Role.REVISOR_RED)
    return {
        "unit": unit,
        "gu": (gu, TOTPDeviceFactory(user=gu)),
        "red": (red, TOTPDeviceFactory(user=red)),
    }


def test_gestor_enters_a_bill_fixes_it_and_the_red_validates_it(
    live_server, page, shot, world
):
    base = live_server.url
    log_in(page, base, *world["gu"])
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Consumo"
    ).click()
    expect(page.get_by_role("heading", name="Consumo", exact=False)).to_be_visible()
    page.get_by_role("link", name="Oficinas centrales", exact=False).click()
    page.get_by_role("link", name="Agregar boleta").click()

    page.get_by_label("Inicio del periodo de lectura").fill("2025-03-31")
    page.get_by_label("Término del periodo de lectura").fill("2025-03-01")
    page.get_by_label("Fecha de emisión").fill("2025-04-05")
    page.get_by_label("Consumo").fill("9.450,5")
    page.get_by_label("Monto total (CLP)").fill("1436476")
    page.get_by_role("button", name="Guardar y enviar").click()
    expect(page.get_by_text("es anterior a su inicio", exact=False)).to_be_visible()
    # What the person typed is still there.
    assert page.get_by_label("Consumo").input_value() in ("9.450,5", "9450,5", "9450.5")
    shot(page, "bill-error")
    assert not Bill.objects.exists()

    page.get_by_label("Inicio del periodo de lectura").fill("2025-03-01")
    page.get_by_label("Término del periodo de lectura").fill("2025-03-31")
    page.get_by_role("button", name="Guardar y enviar").click()
    expect(page.get_by_text("guardada", exact=False)).to_be_visible()
    shot(page, "unit-consumption")
    bill = Bill.objects.get()
    assert bill.kwh == bill.consumption == 9450.5

    page.goto(f"{base}/gestion/consumo/?year=2025")
    expect(page.get_by_test_id("total-kwh")).to_contain_text("9.451 kWh")
    shot(page, "consumption-summary")

    page.context.clear_cookies()
    log_in(page, base, *world["red"])
    page.goto(f"{base}/gestion/consumo/revision/")
    expect(page.get_by_text("1 registro", exact=False)).to_be_visible()
    # The region filter: another region's queue is empty, the unit's shows the bill.
    page.get_by_label("Región").select_option(
        label="Región de Aysén del General Carlos Ibáñez del Campo"
    )
    page.get_by_role("button", name="Filtrar").click()
    expect(
        page.get_by_text("No hay boletas por revisar con estos filtros.")
    ).to_be_visible()
    page.get_by_label("Región").select_option(label="Región Metropolitana de Santiago")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("1 registro", exact=False)).to_be_visible()
    shot(page, "review-queue")
    page.get_by_role("button", name="Validar").click()
    expect(page.get_by_text("validada", exact=False).first).to_be_visible()
    bill.refresh_from_db()
    assert bill.status == Bill.Status.APPROVED
