"""On a phone, a Conductor records a trip and a fuel load for their vehicle; a
Gestor de Flota sees the vehicle's km/L and assigns it to a unit."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from management.fleet import services
from management.fleet.models import FuelLoad, Trip, Vehicle
from tests.browser.conftest import PHONE
from tests.factories import (
    PASSWORD,
    ServiceFactory,
    TOTPDeviceFactory,
    UnitFactory,
    UserFactory,
)
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(transactional_db):
    service = ServiceFactory(name="Subsecretaría de Energía")
    UnitFactory(service=service, name="Oficinas centrales")
    conductor = UserFactory(first_name="Conrado", last_name="Conductor")
    add_membership(user=conductor, service=service, role=Role.CONDUCTOR)
    driver = services.save_driver(
        service=service,
        user=conductor,
        licence_class="B",
        licence_expiry=date.today() + timedelta(days=12),
    )
    manager = UserFactory(first_name="Flor", last_name="Flota")
    add_membership(user=manager, service=service, role=Role.GESTOR_FLOTA)
    vehicle = services.create_vehicle(
        service=service,
        data={
            "plate": "BBCD12",
            "brand": "Toyota",
            "model_name": "Hilux",
            "year": 2022,
            "vehicle_type": Vehicle.Type.PICKUP,
            "motor": Vehicle.Motor.DIESEL,
            "ownership": Vehicle.Ownership.OWN,
            "initial_odometer": 9_000,
        },
    )
    services.assign_vehicle(vehicle=vehicle, units=[], drivers=[driver])
    now = timezone.now()
    for days, km in ((10, 10_000), (5, 10_600)):
        services.record_fuel_load(
            vehicle=vehicle,
            driver=driver,
            data=services.LoadData(
                loaded_at=now - timedelta(days=days),
                odometer=km,
                quantity=Decimal(40),
                cost_clp=42_000,
            ),
        )
    return {
        "vehicle": vehicle,
        "conductor": (conductor, TOTPDeviceFactory(user=conductor)),
        "manager": (manager, TOTPDeviceFactory(user=manager)),
    }


def log_in_flota(page, base, user, device):
    page.goto(f"{base}/flota/ingresar/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/flota/2fa/verificar/**")
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/flota/")


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_conductor_logs_a_trip_and_a_load_and_the_manager_assigns_the_vehicle(
    live_server, browser, shot, axe_check, world
):
    base = live_server.url
    context = browser.new_context(viewport=PHONE, locale="es-CL", is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in_flota(page, base, *world["conductor"])
    expect(page.get_by_test_id("licence-warning")).to_contain_text("vence en 12 días")
    expect(page.get_by_role("heading", name="BBCD12")).to_be_visible()
    shot(page, "conductor-home")

    # A trip that ends before it starts: a clear error, nothing typed is lost.
    page.get_by_role("link", name="Registrar viaje").click()
    now = timezone.now()
    page.get_by_label("Salida (fecha y hora)").fill(local(now - timedelta(hours=2)))
    page.get_by_label("Odómetro de salida (km)").fill("10.600")
    page.get_by_label("Llegada (fecha y hora)").fill(local(now - timedelta(hours=3)))
    page.get_by_label("Odómetro de llegada (km)").fill("10.680")
    page.get_by_label("Origen").fill("Santiago")
    page.get_by_label("Destino").fill("Rancagua")
    page.get_by_label("Motivo del viaje").fill("Visita técnica")
    page.get_by_label("Pasajeros").fill("2")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("debe ser posterior a la salida")).to_be_visible()
    assert page.get_by_label("Destino").input_value() == "Rancagua"
    assert not Trip.objects.exists()
    shot(page, "trip-error")
    page.get_by_label("Llegada (fecha y hora)").fill(local(now - timedelta(hours=1)))
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Viaje a Rancagua guardado: 80 km")).to_be_visible()

    # The fuel load: 300 km since the last full tank with 25 L → 12,0 km/L.
    page.get_by_role("link", name="Registrar carga").first.click()
    axe_check(page)
    page.get_by_label("Odómetro (km)").fill("10.900")
    page.get_by_label("Litros (kWh si es eléctrico)").fill("25")
    page.get_by_label("Costo total (CLP)").fill("26.250")
    expect(page.get_by_label("Llené el estanque")).to_be_checked()
    shot(page, "fuel-form")
    page.get_by_role("button", name="Guardar").click()
    expect(page.locator(".messages")).to_contain_text(
        "Carga de 25 L en BBCD12 guardada. Rendimiento desde el último estanque "
        "lleno: 12,0 km/L."
    )
    shot(page, "conductor-vehicle")
    load = FuelLoad.objects.get(odometer=10_900)
    assert load.driver.user == world["conductor"][0] and load.efficiency == 12
    context.close()

    # The Gestor de Flota, also on a phone: (600 + 300) km / (40 + 25) L = 13,8 km/L.
    context = browser.new_context(viewport=PHONE, locale="es-CL", is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in_flota(page, base, *world["manager"])
    shot(page, "manager-home")
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Vehículos"
    ).click()
    shot(page, "vehicle-list")
    page.get_by_role("link", name="BBCD12").click()
    expect(page.get_by_test_id("km-per-litre")).to_have_text("13,8 km/L")
    axe_check(page)
    page.get_by_role("link", name="Unidades y conductores").click()
    page.get_by_label("Oficinas centrales").check()
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_test_id("vehicle-units")).to_contain_text("Oficinas centrales")
    shot(page, "manager-vehicle")
    assert world["vehicle"].units.get().name == "Oficinas centrales"
    page.goto(f"{base}/flota/reportes/?nivel=unidad")
    expect(page.get_by_test_id("total-kml")).to_have_text("13,8 km/L")
    shot(page, "reports")
    context.close()
