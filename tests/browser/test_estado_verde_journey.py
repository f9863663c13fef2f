"""A Gestor de Servicio fills Estado Verde, the Red observes it, the Encargado answers."""

import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from management.estado_verde.models import CommutingSurvey, ModuleReview, PaperPurchase
from tests.browser.test_inventory_journey import log_in
from tests.factories import ServiceFactory, TOTPDeviceFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(transactional_db):
    service = ServiceFactory(name="Subsecretaría del Medio Ambiente")
    unit = UnitFactory(
        service=service,
        name="Oficinas centrales",
        other_start_year=2024,
        staff_count=40,
        other_collaborators_count=10,
    )
    gs = UserFactory(first_name="Gabriela", last_name="Servicio")
    add_membership(user=gs, service=service, role=Role.GESTOR_SERVICIO)
    ec = UserFactory(first_name="Elena", last_name="Comité")
    add_membership(user=ec, service=service, role=Role.ENCARGADO_COMITE)
    red = UserFactory(first_name="Rosa", last_name="Revisora")
    grant_staff_role(user=red, role=Role.REVISOR_RED)
    return {
        "service": service,
        "unit": unit,
        "gs": (gs, TOTPDeviceFactory(user=gs)),
        "ec": (ec, TOTPDeviceFactory(user=ec)),
        "red": (red, TOTPDeviceFactory(user=red)),
    }


def test_paper_survey_review_and_answer(live_server, page, shot, axe_check, world):
    base = live_server.url
    log_in(page, base, *world["gs"])
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Estado Verde"
    ).click()
    page.get_by_label("Año").select_option("2025")
    page.get_by_role("button", name="Ver").click()
    shot(page, "estado-verde-home")
    page.get_by_role("link", name="Papel").click()
    page.get_by_role("link", name="Registrar compra").click()

    page.get_by_label("Mes").select_option(label="Marzo")
    page.get_by_label("Resmas compradas").fill("120")
    page.get_by_label("De ellas, resmas de papel reciclado").fill("150")
    page.get_by_label("Costo total (CLP)").fill("466.800")
    page.get_by_role("button", name="Guardar", exact=True).click()
    expect(page.get_by_text("no pueden superar las resmas compradas")).to_be_visible()
    assert page.get_by_label("Costo total (CLP)").input_value() == "466.800"
    shot(page, "paper-error")
    assert not PaperPurchase.objects.exists()

    page.get_by_label("De ellas, resmas de papel reciclado").fill("40")
    page.get_by_role("button", name="Guardar", exact=True).click()
    # 120 reams / 50 collaborators
    expect(page.get_by_test_id("reams-per-collaborator")).to_have_text("2,40")
    axe_check(page)
    shot(page, "unit-paper")

    page.goto(f"{base}/gestion/informacion/colaboradores/encuesta/?year=2025")
    page.get_by_label("N° de personas que respondieron").fill("45")
    page.get_by_label("Metro: n° de colaboradores").fill("30")
    page.get_by_label("Metro: distancia promedio de ida (km)").fill("12")
    page.get_by_label("Auto propio a gasolina: n° de colaboradores").fill("10")
    page.get_by_label("Auto propio a gasolina: distancia promedio de ida (km)").fill(
        "18,5"
    )
    shot(page, "survey-form")
    page.get_by_role("button", name="Guardar", exact=True).click()
    # 30×2×12×220 × 0,02781 + 10×2×18,5×220 × 0,16449 = 4.405,1 + 13.389,5 kg
    expect(page.get_by_test_id("commuting-t")).to_have_text("17,795")
    assert CommutingSurvey.objects.get().entries.count() == 2
    axe_check(page)
    shot(page, "collaborators")
    page.goto(f"{base}/gestion/informacion/documentos/?year=2025")
    expect(page.get_by_text("Documentos exigidos 2025")).to_be_visible()
    axe_check(page)
    shot(page, "documents")
    page.get_by_role("button", name="Salir").click()

    log_in(page, base, *world["red"])
    page.goto(f"{base}/gestion/estado-verde/avance/servicios/?year=2025")
    shot(page, "national-progress")
    page.get_by_role("row", name="Subsecretaría del Medio Ambiente").get_by_role(
        "link"
    ).first.click()
    page.get_by_label("Observado").check()
    page.get_by_label("Comentario para el servicio").fill(
        "Falta el papel de los demás meses."
    )
    page.get_by_role("button", name="Guardar revisión").click()
    expect(page.get_by_text("revisión guardada")).to_be_visible()
    assert ModuleReview.objects.get().status == "observed"
    page.get_by_role("button", name="Salir").click()

    # The Encargado Comité Estado Verde answers for the service.
    log_in(page, base, *world["ec"])
    page.goto(f"{base}/gestion/estado-verde/avance/?year=2025")
    expect(page.get_by_text("Falta el papel de los demás meses.")).to_be_visible()
    page.get_by_role("link", name="Responder").click()
    page.get_by_label("Respuesta del servicio").fill(
        "Los demás meses los compró la DAF."
    )
    page.get_by_role("button", name="Guardar", exact=True).click()
    expect(page.get_by_text("Respuesta enviada a la Red")).to_be_visible()
    shot(page, "service-progress")
    page.goto(f"{base}/gestion/reportes/?year=2025")
    expect(page.get_by_test_id("report-reams")).to_have_text("2,40")
    shot(page, "report")
