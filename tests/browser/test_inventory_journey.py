"""A Gestor de Servicio registers a building and a unit in Punta Arenas, sets its
Alcance and finds it in the filtered list; the pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from management.models import Building, Unit
from tests.factories import PASSWORD, ServiceFactory, TOTPDeviceFactory, UserFactory
from tests.helpers import load_demo, totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

YEAR = timezone.localdate().year


@pytest.fixture
def gestor(transactional_db):
    service = ServiceFactory(name="Subsecretaría de Energía")
    user = UserFactory(first_name="Gastón", last_name="Eficiente")
    add_membership(user=user, service=service, role=Role.GESTOR_SERVICIO)
    return user, TOTPDeviceFactory(user=user), service


def log_in(page, base, user, device):
    page.goto(f"{base}/gestion/ingresar/")
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/gestion/")


def choose(page, label, option):
    """Pick an option; the small script re-sends the form to narrow the next list."""
    with page.expect_navigation():
        page.get_by_label(label, exact=True).select_option(label=option)


def test_gestor_registers_a_building_and_a_unit_in_punta_arenas(
    live_server, page, shot, axe_check, gestor
):
    user, device, service = gestor
    base = live_server.url
    log_in(page, base, user, device)

    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Configuración"
    ).click()
    page.get_by_role("link", name="Unidades", exact=True).click()
    page.get_by_role("link", name="Crear nueva").click()
    page.get_by_role("link", name="Crear Edificio").click()
    page.get_by_label("Calle").fill("Avenida Colón")
    page.get_by_label("N°").fill("1020")
    choose(page, "Región", "Región de Magallanes y de la Antártica Chilena")
    assert page.get_by_label("Calle").input_value() == "Avenida Colón"
    choose(page, "Provincia", "Magallanes")
    page.get_by_label("Comuna", exact=True).select_option(label="Punta Arenas")
    axe_check(page)
    shot(page, "building-form")
    page.get_by_role("button", name="Crear", exact=True).click()

    # Back in "Crear nueva Unidad" with the new building chosen.
    page.wait_for_url("**/configuracion/unidades/nueva/?edificio=*")
    expect(page.get_by_role("heading", name="Crear Unidad", exact=True)).to_be_visible()
    building = Building.objects.get(street="Avenida Colón")
    assert building.comuna.code == "12101"
    page.get_by_label("Nombre de la unidad").fill("Seremi de Energía Magallanes")
    page.get_by_label("Tipo de uso").select_option(label="Oficinas administrativas")
    page.get_by_label("Pisos").fill("1, 2")
    page.get_by_label("Superficie (m²)").fill("420,5")
    page.get_by_label("Tipo de propiedad").select_option(label="Arrendado")
    page.get_by_label("No posee rol").check()
    page.get_by_label("Justificación de no poseer rol").fill(
        "Oficina arrendada en edificio sin rol propio"
    )
    page.get_by_label("Año de construcción").fill(str(YEAR + 3))
    page.get_by_role("button", name="Crear Unidad").click()
    # A bad year is refused in Spanish and nothing typed is lost.
    expect(page.get_by_text("no puede ser posterior")).to_be_visible()
    assert (
        page.get_by_label("Nombre de la unidad").input_value()
        == "Seremi de Energía Magallanes"
    )
    axe_check(page)
    shot(page, "unit-form-error")
    page.get_by_label("Año de construcción").fill("1985")
    page.get_by_role("button", name="Crear Unidad").click()
    page.wait_for_url("**/energeticos/")
    unit = Unit.objects.get(name="Seremi de Energía Magallanes")
    assert unit.building == building and str(unit.surface_m2) == "420.50"
    page.get_by_role("button", name="Encender Electricidad").click()
    expect(page.get_by_text("Energéticos actualizados.")).to_be_visible()
    shot(page, "sources")

    # Información > Alcance: the years of the new unit.
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Información"
    ).click()
    page.get_by_role("link", name="Alcance").click()
    row_label = f"Año inicio Gestión Energética – {building.address}"
    page.get_by_label(row_label).select_option(str(YEAR))
    page.get_by_label(f"Año inicio resto Ítemes – {building.address}").select_option(
        str(YEAR + 1)
    )
    page.get_by_label("Justificación unidades sin diagnóstico en el año").fill(
        "Las demás unidades se incorporan el próximo año."
    )
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Alcance guardado.")).to_be_visible()
    expect(page.get_by_text("Completo")).to_be_visible()
    unit.refresh_from_db()
    assert (unit.energy_start_year, unit.other_start_year) == (YEAR, YEAR + 1)
    axe_check(page)
    shot(page, "scope")

    # The unit list, filtered by region and start year.
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Configuración"
    ).click()
    page.get_by_role("link", name="Unidades", exact=True).click()
    page.get_by_label("Región").select_option(
        label="Región de Magallanes y de la Antártica Chilena"
    )
    page.get_by_label("Año inicio gestión energética").fill(str(YEAR))
    page.get_by_role("button", name="Filtrar").click()
    table = page.locator("table.table")
    expect(table.get_by_text("Seremi de Energía Magallanes")).to_be_visible()
    expect(table.get_by_text("Punta Arenas")).to_be_visible()
    axe_check(page)
    shot(page, "unit-list")
    page.get_by_label("Región").select_option(label="Región de Ñuble")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("No hay unidades que coincidan")).to_be_visible()


def test_pages_work_without_javascript_and_on_a_phone(
    browser, live_server, shot, gestor
):
    from tests.browser.conftest import PHONE

    user, device, _ = gestor
    context = browser.new_context(
        viewport=PHONE, locale="es-CL", java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, live_server.url, user, device)
    page.goto(f"{live_server.url}/gestion/configuracion/edificios/nuevo/")
    page.get_by_label("Región").select_option(label="Región de Ñuble")
    page.get_by_role("button", name="Actualizar listas").click()
    page.get_by_label("Provincia").select_option(label="Diguillín")
    page.get_by_role("button", name="Actualizar listas").click()
    page.get_by_label("Comuna", exact=True).select_option(label="Chillán")
    page.get_by_label("Calle").fill("Arauco")
    page.get_by_label("N°").fill("878")
    shot(page, "building-no-js")
    page.get_by_role("button", name="Crear", exact=True).click()
    expect(page.get_by_text("Edificio creado.")).to_be_visible()
    assert Building.objects.get(street="Arauco").comuna.code == "16101"
    context.close()


@pytest.fixture
def demo(transactional_db):

    load_demo()


MANAGEMENT_PAGES = [
    "/gestion/mi-unidad/",
    "/gestion/mi-unidad/{unit}/",
    "/gestion/mi-unidad/{unit}/energeticos/",
    "/gestion/configuracion/",
    "/gestion/configuracion/unidades/nueva/?region={region}",
    "/gestion/configuracion/unidades/{unit}/editar/",
    "/gestion/configuracion/unidades/{unit}/historial/",
    "/gestion/configuracion/edificios/",
    "/gestion/configuracion/usuarios/",
    "/gestion/configuracion/usuarios/nuevo/",
    "/gestion/configuracion/estado-reporte/",
    "/gestion/informacion/agregada/",
    "/gestion/informacion/hitos/",
    "/gestion/hitos/",
    "/gestion/configuracion/servicios/",
]


def test_management_pages_pass_axe(live_server, page, shot, axe_check, demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.accounts.demo import DEMO_PASSWORD, demo_email
    from management.models import Region

    email = demo_email("admin")
    page.goto(f"{live_server.url}/gestion/ingresar/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/2fa/verificar/**")
    page.get_by_label("Código de verificación").fill(
        totp_code(TOTPDevice.objects.get(user__email=email))
    )
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/gestion/")
    page.get_by_label("Servicio").select_option(label="Subsecretaría de Energía")
    page.get_by_role("button", name="Cambiar").click()
    unit = Unit.objects.filter(service__code="SUBENERGIA").order_by("pk").first()
    region = Region.objects.get(code="12").pk
    for path in MANAGEMENT_PAGES:
        page.goto(live_server.url + path.format(unit=unit.pk, region=region))
        assert page.locator("h1").count() == 1, path
        axe_check(page)
        shot(
            page, path.split("?")[0].strip("/").replace("/", "-").replace("{unit}", "u")
        )
