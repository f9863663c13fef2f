"""A Gestor de Unidad loads a year of bills from the template: a file with a mistake is
refused row by row, the corrected file is checked, imported, and the year adds up."""

import calendar
import datetime as dt

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.accounts.services import add_membership
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
        client_number=client, number="E-20931", active_from=dt.date(2023, 1, 1)
    )
    gu = UserFactory(first_name="Ulises", last_name="Unidad")
    add_membership(user=gu, service=service, role=Role.GESTOR_UNIDAD)
    UnitAssignment.objects.create(user=gu, unit=unit)
    return {"gu": (gu, TOTPDeviceFactory(user=gu))}


def fill(template_path, target, *, mistake=False):
    book = load_workbook(template_path)
    sheet = book["Boletas"]
    meter = book["Medidores"]["A2"].value
    for month in range(1, 13):
        last = calendar.monthrange(2025, month)[1]
        end = dt.datetime(2025, month, last)
        sheet.append(
            [
                meter,
                None,
                dt.datetime(2025, month, 1),
                "31-02-2025" if mistake and month == 7 else end,
                end + dt.timedelta(days=6),
                8000 + 100 * month,
                1_100_000 + 10_000 * month,
                "",
            ]
        )
    book.save(target)


def test_gestor_loads_a_year_of_bills_from_the_template(
    live_server, page, shot, world, tmp_path
):
    base = live_server.url
    log_in(page, base, *world["gu"])
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Consumo"
    ).click()
    page.get_by_role("link", name="Importar boletas").click()
    expect(page.get_by_text("trae los 1 medidor", exact=False)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargue la plantilla").click()
    template = tmp_path / "plantilla.xlsx"
    download.value.save_as(template)

    wrong = tmp_path / "boletas-2025.xlsx"
    fill(template, wrong, mistake=True)
    page.get_by_label("Archivo de boletas").set_input_files(str(wrong))
    page.get_by_role("button", name="Subir y revisar").click()
    expect(page.get_by_test_id("import-status")).to_have_text(
        "Con errores, no importada"
    )
    expect(page.get_by_test_id("import-errors")).to_contain_text("31-02-2025")
    shot(page, "refused")
    assert not Bill.objects.exists()

    right = tmp_path / "boletas-2025-corregido.xlsx"
    fill(template, right)
    page.get_by_role("link", name="Importar otro archivo").click()
    page.get_by_label("Archivo de boletas").set_input_files(str(right))
    page.get_by_role("button", name="Subir y revisar").click()
    expect(page.get_by_test_id("import-status")).to_have_text("Revisada, por confirmar")
    shot(page, "checked")
    page.get_by_role("button", name="Importar 12 boletas").click()
    expect(page.get_by_test_id("import-done")).to_contain_text("12 boletas importadas")
    shot(page, "imported")
    assert Bill.objects.count() == 12

    page.goto(f"{base}/gestion/consumo/?year=2025")
    total = sum(8000 + 100 * m for m in range(1, 13))
    expect(page.get_by_test_id("total-kwh")).to_contain_text(
        f"{total:,}".replace(",", ".") + " kWh"
    )
    shot(page, "consumption-2025")

    # The monthly report reads the same bills, month by month.
    page.get_by_role("link", name="Reporte mensual").click()
    expect(page.get_by_test_id("report-kwh")).to_contain_text(
        f"{total:,}".replace(",", ".") + " kWh"
    )
    expect(page.get_by_test_id("report-table")).to_contain_text("Diciembre")
    shot(page, "monthly-report")
