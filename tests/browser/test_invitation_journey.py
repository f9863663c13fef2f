"""A Gestor de Servicio invites two collaborators; one registers from the e-mail's link
and passes the course in another browser; the gestor sees her in the list, exports
it, watches the indicator move, reminds the other, and validates the year's list."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.core import mail
from django.utils import timezone

from courses.models import Enrolment
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from management.models import AggregateInformation, ListValidation
from tests.browser.test_course_journey import answer
from tests.browser.test_inventory_journey import log_in
from tests.courses.factories import build_course
from tests.factories import (
    InstitutionFactory,
    ServiceFactory,
    TOTPDeviceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INVITE = re.compile(r"http://testserver(/concientizacion/registro/\?invitacion=\S+)")
CONFIRM = re.compile(r"http://testserver(/concientizacion/registro/confirmar/\S+/)")
PASSWORD = "Reciclo-Cada-Dia-77"


@pytest.fixture
def world(transactional_db):
    service = ServiceFactory(
        name="Subsecretaría de Energía",
        code="SUBE",
        institution=InstitutionFactory(name="Ministerio de Energía", code="MEN"),
    )
    AggregateInformation.objects.create(
        service=service,
        year=timezone.localdate().year,
        officials=8,
        other_collaborators=2,
    )
    gestor = UserFactory(first_name="Gabriela", last_name="Servicio")
    add_membership(user=gestor, service=service, role=Role.GESTOR_SERVICIO)
    course = build_course(
        platform=Realm.CONCIENTIZACION,
        title="Uso eficiente de la energía",
        lessons=1,
        questions=4,
    ).course
    return {"gestor": (gestor, TOTPDeviceFactory(user=gestor)), "course": course}


def test_gestor_invites_a_collaborator_passes_and_the_list_and_indicator_follow(
    live_server, browser, page, shot, world
):
    base = live_server.url
    log_in(page, base, *world["gestor"])
    page.get_by_role("navigation", name="Módulos").get_by_role(
        "link", name="Información"
    ).click()
    page.get_by_role("link", name="Invitaciones a Concientización").click()
    page.get_by_role("link", name="Invitar colaboradores").click()
    page.get_by_label("O escriba los correos").fill(
        "ana.rojas@energia.example\nbruno.vega@energia.example\nbruno.vega@"
    )
    page.get_by_role("button", name="Revisar antes de enviar").click()
    expect(page.get_by_test_id("valid-rows")).to_have_text("2")
    expect(page.get_by_test_id("problems")).to_contain_text("no es un correo válido")
    shot(page, "preview")
    assert mail.outbox == []
    page.get_by_role("button", name="Enviar 2 invitaciones").click()
    expect(page.get_by_test_id("upload-done")).to_contain_text("2 invitaciones nuevas")
    page.get_by_role("link", name="Volver a invitaciones").click()
    expect(page.get_by_test_id("invited-total")).to_have_text("2")
    shot(page, "invited")

    # Ana registers from her e-mail's link and passes the course in her own browser.
    message = next(m for m in mail.outbox if m.to == ["ana.rojas@energia.example"])
    learner_context = browser.new_context(locale="es-CL")
    learner_context.set_default_timeout(15_000)
    learner = learner_context.new_page()
    learner.goto(base + INVITE.search(message.body).group(1))
    expect(learner.get_by_test_id("invitation-note")).to_contain_text(
        "Subsecretaría de Energía le invitó"
    )
    assert learner.get_by_label("Correo electrónico").input_value() == (
        "ana.rojas@energia.example"
    )
    assert (
        "Subsecretaría de Energía"
        in learner.get_by_label("Servicio donde trabaja").input_value()
    )
    learner.get_by_label("Nombres").fill("Ana")
    learner.get_by_label("Apellidos").fill("Rojas Pinto")
    learner.get_by_label("RUT").fill("12.345.678-5")
    learner.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    learner.get_by_label("Repita la contraseña").fill(PASSWORD)
    learner.get_by_label("Leí y acepto el aviso de privacidad").check()
    shot(learner, "registration-from-invitation")
    learner.get_by_role("button", name="Crear cuenta").click()
    learner.wait_for_url("**/registro/enviado/")
    confirm = next(
        m
        for m in mail.outbox
        if m.to == ["ana.rojas@energia.example"] and CONFIRM.search(m.body)
    )
    learner.goto(base + CONFIRM.search(confirm.body).group(1))
    learner.wait_for_url("**/concientizacion/")
    course = world["course"]
    learner.get_by_role("button", name=re.compile("^Inscribirme")).first.click()
    learner.wait_for_url(f"**{course.url}")
    learner.get_by_role("link", name="Comenzar el curso").click()
    while "/evaluacion/" not in learner.url:
        with learner.expect_navigation():
            learner.get_by_role("button", name="Marcar como leído y seguir").click()
    learner.get_by_role("button", name="Comenzar la evaluación").click()
    learner.wait_for_url("**/intento/1/")
    answer(learner, course, right=True)
    learner.wait_for_url("**/intento/1/resultado/")
    expect(learner.get_by_text("¡Aprobó la evaluación!")).to_be_visible()
    learner_context.close()
    assert Enrolment.objects.get(user__email="ana.rojas@energia.example").completed_at

    # The gestor sees her as passed, in the list, and the indicator moved.
    page.reload()
    expect(page.get_by_test_id("invited-completed")).to_have_text("1")
    row = page.locator("tr", has_text="ana.rojas@energia.example")
    expect(row.get_by_text("Aprobado")).to_be_visible()
    page.locator("tr", has_text="bruno.vega@energia.example").get_by_role(
        "button", name="Recordar"
    ).click()
    expect(page.get_by_text("no recibió recordatorio", exact=False)).to_be_visible()
    shot(page, "invitations-after")

    page.get_by_role("link", name="Colaboradores concientizados").click()
    expect(page.get_by_test_id("completions")).to_have_text("1")
    expect(page.get_by_test_id("percent")).to_have_text("10,0 %")
    expect(
        page.locator("table").get_by_text("Rojas Pinto", exact=False)
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Rojas Pinto" in body and "12.***.***-5" in body
    assert "bruno" not in body
    shot(page, "concientized-list")

    page.get_by_role("button", name=re.compile("^Validar listado")).click()
    expect(page.get_by_test_id("validation")).to_contain_text("en revisión")
    expect(page.get_by_role("link", name="PDF del listado")).to_be_visible()
    shot(page, "validated")
    validation = ListValidation.objects.get()
    assert validation.count == 1 and validation.pdf
