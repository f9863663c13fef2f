"""A Gestor de Unidad in the south switches on leña and diésel, loads purchases
without meter (one refused for overlap), and reads their emissions in the report."""

import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from management.models import Bill, MonthlyConsumption, UnitAssignment
from tests.browser.test_inventory_journey import log_in
from tests.factories import ServiceFactory, TOTPDeviceFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(transactional_db):
    service = ServiceFactory(name="Servicio Local de Educación Pública Aysén")
    unit = UnitFactory(
        service=service, name="Liceo de Coyhaique", energy_start_year=2024
    )
    gu = UserFactory(first_name="Úrsula", last_name="Unidad")
    add_membership(user=gu, service=service, role=Role.GESTOR_UNIDAD)
    UnitAssignment.objects.create(user=gu, unit=unit)
    return {"unit": unit, "gu": (gu, TOTPDeviceFactory(user=gu))}


def fill(page, start, end, issue, consumption, amount):
    page.get_by_label("Inicio del periodo de lectura").fill(start)
    page.get_by_label("Término del periodo de lectura").fill(end)
    page.get_by_label("Fecha de emisión").fill(issue)
    page.get_by_label("Consumo", exact=True).fill(consumption)
    page.get_by_label("Monto total (CLP)").fill(amount)


def test_gestor_loads_fuels_without_meter_and_reads_their_emissions(
    live_server, page, shot, world
):
    base = live_server.url
    unit = world["unit"]
    log_in(page, base, *world["gu"])
    page.goto(f"{base}/gestion/mi-unidad/{unit.pk}/energeticos/")
    for label in ("Leña", "Diésel"):
        page.get_by_role("button", name=f"Encender {label}").click()
        expect(page.get_by_text("Energéticos actualizados.")).to_be_visible()
    shot(page, "energeticos")

    page.get_by_role("link", name="Medidores y boletas").first.click()
    page.get_by_role("link", name="Agregar boleta").click()
    choice = page.get_by_label("Medidor o energético")
    choice.select_option(label="Leña · sin medidor")
    fill(page, "2025-05-01", "2025-05-31", "2025-06-02", "3.200", "240000")
    page.get_by_role("button", name="Guardar y agregar otra").click()
    expect(page.get_by_text("guardada", exact=False)).to_be_visible()
    # The next purchase starts where the last ended, on the same fuel.
    assert page.get_by_label("Inicio del periodo de lectura").input_value() == (
        "2025-05-31"
    )
    assert page.get_by_label("Medidor o energético").input_value() == "sin-lena"
    fill(page, "2025-05-20", "2025-06-30", "2025-07-02", "2.900", "218000")
    page.get_by_role("button", name="Guardar y agregar otra").click()
    expect(page.get_by_text("se superpone 12 días", exact=False)).to_be_visible()
    assert page.get_by_label("Consumo", exact=True).input_value() in ("2.900", "2900")
    shot(page, "overlap-refused")
    page.get_by_label("Inicio del periodo de lectura").fill("2025-06-01")
    page.get_by_role("button", name="Guardar y agregar otra").click()
    expect(page.get_by_text("guardada", exact=False)).to_be_visible()

    page.get_by_label("Medidor o energético").select_option(
        label="Diésel · sin medidor"
    )
    fill(page, "2025-01-01", "2025-06-30", "2025-07-01", "400", "436000")
    page.get_by_label("Observación").fill("Grupo electrógeno")
    page.get_by_role("button", name="Guardar y enviar").click()
    expect(page.get_by_text("Periodo de 181 días", exact=False).first).to_be_visible()
    expect(page.get_by_role("cell", name="Sin medidor").first).to_be_visible()
    shot(page, "unit-bills")
    assert Bill.objects.filter(unit=unit, meter__isnull=True).count() == 3

    # The worker's monthly table, as it runs after each save.
    from management.services.monthly import rebuild_series

    rebuild_series([(unit.pk, "lena"), (unit.pk, "diesel")])
    assert MonthlyConsumption.objects.filter(unit=unit, meter__isnull=True).exists()
    page.goto(f"{base}/gestion/consumo/reporte/?year=2025")
    table = page.get_by_test_id("emissions-table")
    expect(table.get_by_role("row", name="Diésel", exact=False)).to_contain_text("1,07")
    expect(table.get_by_role("row", name="Leña", exact=False)).to_contain_text(
        "Sin factor de emisión"
    )
    expect(page.get_by_text("Sin factor de emisión (no suman): Leña")).to_be_visible()
    shot(page, "report-emissions")
