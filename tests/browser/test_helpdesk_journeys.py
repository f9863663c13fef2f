"""A visitor opens a ticket, an agent answers it, the visitor reads the answer."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from lms.helpdesk.models import Ticket
from tests.browser.conftest import PHONE
from tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from tests.helpers import load_demo, totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LINK_RE = re.compile(r"http://testserver(/soporte/ticket/[A-Za-z0-9_-]+/)")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def agent(transactional_db):
    user = UserFactory(first_name="Sofía", last_name="Soporte", is_staff=True)
    grant_staff_role(user=user, role=Role.AGENTE_SOPORTE)
    TOTPDeviceFactory(user=user)
    return user


def private_link(to: str) -> str:
    bodies = [m.body for m in mail.outbox if m.to == [to]]
    assert bodies, f"no e-mail to {to}"
    return LINK_RE.findall(bodies[-1])[-1]


def test_visitor_opens_a_ticket_and_reads_the_agents_reply(
    live_server, browser, page, shot, axe_check, agent
):
    base = live_server.url
    # 1. The visitor writes the subject first, then the full form.
    page.goto(f"{base}/soporte/")
    axe_check(page)
    shot(page, "1-home")
    page.get_by_label("Tema de ayuda").select_option(label="Cambio de Medidor")
    page.get_by_label("Asunto").fill("Cambio de medidor en el edificio central")
    page.get_by_role("button", name="Continuar").click()
    page.wait_for_url("**/soporte/nuevo/**")
    assert page.get_by_label("Asunto").input_value() == (
        "Cambio de medidor en el edificio central"
    )
    page.get_by_label("Correo electrónico").fill("tomas.fuentes@municipio.example")
    page.get_by_label("Nombre completo").fill("Tomás Fuentes Araya")
    page.get_by_label("Número de teléfono").fill("+56 2 2345 6789")
    page.get_by_label("Anexo").fill("204")
    page.get_by_label("Mensaje").fill(
        "La distribuidora cambió el medidor. Adjunto el acta con el número nuevo."
    )
    page.get_by_label("Adjuntos").set_input_files(
        [{"name": "acta-cambio.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    axe_check(page)
    shot(page, "2-form")
    page.get_by_role("button", name="Crear ticket").click()
    page.wait_for_url("**/soporte/enviado/")
    ticket = Ticket.objects.get()
    assert page.get_by_role(
        "heading", name=f"Creamos su ticket #{ticket.display_number}"
    ).is_visible()
    axe_check(page)
    shot(page, "3-created")

    # 2. The e-mailed private link opens the ticket.
    link = private_link("tomas.fuentes@municipio.example")
    page.goto(f"{base}{link}")
    expect(page.get_by_text("Abierto", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="acta-cambio.pdf")).to_be_visible()
    axe_check(page)
    shot(page, "4-requester-view")

    # 3. An agent signs in with two-factor and answers from the queue.
    agent_context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="es-CL"
    )
    staff = agent_context.new_page()
    staff.goto(f"{base}/admin/login/")
    staff.locator("#id_username").fill(agent.email)
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("button[type=submit]").click()
    staff.wait_for_url("**/gestion/2fa/verificar/**")
    staff.get_by_label("Código de verificación").fill(
        totp_code(agent.totpdevice_set.get())
    )
    staff.get_by_role("button", name="Verificar").click()
    staff.wait_for_url("**/admin/")
    staff.goto(f"{base}/admin/mesa-de-ayuda/?status=activos")
    staff.get_by_role("link", name=f"#{ticket.display_number}").click()
    staff.wait_for_url(f"**/admin/mesa-de-ayuda/{ticket.pk}/")
    shot(staff, "5-agent-ticket")
    staff.locator("#id_note-body").fill("Verificar si el medidor es compartido.")
    staff.get_by_role("button", name="Guardar nota").click()
    staff.wait_for_url(f"**/admin/mesa-de-ayuda/{ticket.pk}/")
    staff.locator("#id_reply-body").fill(
        "Gracias, Tomás. Registramos el medidor nuevo; revise la unidad en la plataforma."
    )
    staff.locator("#id_reply-status").select_option("resuelto")
    staff.get_by_role("button", name="Enviar respuesta").click()
    staff.wait_for_url(f"**/admin/mesa-de-ayuda/{ticket.pk}/")
    expect(staff.get_by_text("Respuesta enviada al solicitante")).to_be_visible()
    shot(staff, "6-agent-replied")
    staff.goto(f"{base}/admin/mesa-de-ayuda/")
    shot(staff, "7-queue")
    agent_context.close()

    # 4. The visitor follows the new e-mail and reads the answer, not the note.
    reply_link = private_link("tomas.fuentes@municipio.example")
    page.goto(f"{base}{reply_link}")
    expect(page.get_by_text("Registramos el medidor nuevo")).to_be_visible()
    expect(page.get_by_text("Resuelto", exact=True)).to_be_visible()
    assert page.get_by_text("medidor es compartido").count() == 0
    shot(page, "8-requester-sees-reply")

    # 5. Writing again reopens the ticket.
    page.get_by_label("Su respuesta").fill("Gracias, ya aparece el medidor.")
    page.get_by_role("button", name="Enviar respuesta").click()
    expect(page.get_by_text("Enviamos su respuesta")).to_be_visible()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN


def test_status_check_and_phone_layout_pass_axe(live_server, browser, shot, axe_check):
    context = browser.new_context(viewport=PHONE, locale="es-CL")
    page = context.new_page()
    page.goto(f"{live_server.url}/soporte/estado/")
    axe_check(page)
    page.get_by_label("Correo electrónico").fill("nadie@servicio.example")
    page.get_by_label("Número de ticket").fill("000123")
    page.get_by_role("button", name="Enviarme el enlace").click()
    page.wait_for_url("**/soporte/estado/enviado/")
    expect(page.get_by_role("heading", name="Revise su correo")).to_be_visible()
    axe_check(page)
    shot(page, "status-sent-phone")
    page.goto(f"{live_server.url}/soporte/nuevo-gestor/")
    assert page.get_by_label("Tema de ayuda").input_value() != ""
    page.get_by_role("button", name="Crear ticket").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    shot(page, "form-errors-phone")
    context.close()


def test_agent_works_the_demo_queue(live_server, page, shot, transactional_db):

    from lms.accounts.demo import DEMO_PASSWORD, demo_email
    from lms.accounts.models import User

    load_demo()
    email = demo_email("soporte")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    user = User.objects.get(email=email)
    page.get_by_label("Código de verificación").fill(
        totp_code(user.totpdevice_set.get())
    )
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{live_server.url}/admin/mesa-de-ayuda/")
    overdue = page.locator("tr.hd-overdue")
    assert overdue.count() == Ticket.objects.overdue().count() >= 1
    expect(overdue.first.get_by_text("Atrasado")).to_be_visible()
    shot(page, "queue")
    page.get_by_role("link", name="Atrasados").click()
    page.wait_for_url("**overdue=on")
    expect(page.locator("table.hd-queue tbody tr")).to_have_count(
        Ticket.objects.overdue().count()
    )
    page.goto(f"{live_server.url}/admin/mesa-de-ayuda/?status=esperando")
    page.locator("table.hd-queue tbody tr a").first.click()
    expect(page.get_by_text("Respuesta de la mesa de ayuda").first).to_be_visible()
    shot(page, "ticket")


def test_matching_faq_answers_come_before_the_form(
    live_server, page, shot, axe_check, monkeypatch
):
    import sys
    import types
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Suggestion:
        question: str
        answer: str
        url: str

    faq = types.ModuleType("cms.selectors")
    faq.faq_suggestions = lambda text, *, limit=5: [
        Suggestion(
            "¿Cómo registro una boleta de electricidad?",
            "En Consumo elija la unidad, el energético y el número de cliente, y "
            "presione «Agregar boleta». Las fechas no pueden traslaparse con otra boleta.",
            "/preguntas-frecuentes/#registrar-boleta",
        )
    ][:limit]
    monkeypatch.setitem(sys.modules, "cms.selectors", faq)
    page.goto(f"{live_server.url}/soporte/")
    page.get_by_label("Asunto").fill("No puedo registrar la boleta")
    page.get_by_role("button", name="Continuar").click()
    expect(page.get_by_role("heading", name="Revise estas respuestas")).to_be_visible()
    link = page.get_by_role("link", name="¿Cómo registro una boleta de electricidad?")
    assert link.get_attribute("href") == "/preguntas-frecuentes/#registrar-boleta"
    assert page.get_by_label("Asunto").input_value() == "No puedo registrar la boleta"
    axe_check(page)
    shot(page, "suggestions")
