"""A new collaborator goes from the home page to a completed course, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from courses.models import CoursePage, Enrolment, Question
from lms.accounts.realms import Realm
from tests.browser.conftest import DESKTOP, PHONE
from tests.helpers import load_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Reciclo-Cada-Dia-77"
LINK = re.compile(r"http://testserver(/concientizacion/registro/confirmar/\S+/)")


@pytest.fixture
def demo(transactional_db):
    load_demo()


def answer(page, course, *, right: bool, keyboard: bool = False):
    """Answer every question of the attempt on screen, all right or all wrong."""
    bank = {q.text: q for q in Question.objects.filter(course=course)}
    questions = page.locator("fieldset.question")
    for n in range(questions.count()):
        fieldset = questions.nth(n)
        legend = fieldset.locator("legend").inner_text()
        text = legend.split(". ", 1)[1].strip()
        question = bank[text]
        choices = list(question.choices.all())
        picks = (
            [c for c in choices if c.is_correct]
            if right
            else [next(c for c in choices if not c.is_correct)]
        )
        for choice in picks:
            option = fieldset.get_by_label(choice.text, exact=True)
            if keyboard:
                option.focus()
                page.keyboard.press("Space")
            else:
                option.check()
    if keyboard:
        page.get_by_role("button", name="Enviar respuestas").focus()
        page.keyboard.press("Enter")
    else:
        page.get_by_role("button", name="Enviar respuestas").click()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_collaborator_registers_learns_and_completes_the_course(
    live_server, browser, shot, axe_check, demo, viewport
):
    size = DESKTOP if viewport == "desktop" else PHONE
    context = browser.new_context(viewport=size, locale="es-CL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    base = live_server.url
    email = f"paula.{viewport}@servicio.example"
    course = CoursePage.objects.get(platform=Realm.CONCIENTIZACION)

    # From the portal's home to the registration form.
    page.goto(f"{base}/")
    page.get_by_role("link", name="Ingresar a Concientización").click()
    page.wait_for_url("**/concientizacion/")
    expect(page.get_by_role("heading", name=course.title)).to_be_visible()
    page.get_by_role("link", name="Crear una cuenta").first.click()
    page.wait_for_url("**/concientizacion/registro/")
    page.get_by_label("Nombres").fill("Paula")
    page.get_by_label("Apellidos").fill("Reyes Castro")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("RUT").fill("12.345.678-5")
    page.get_by_label("Servicio donde trabaja").fill("Subsecretaría de Energía")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Repita la contraseña").fill(PASSWORD)
    page.get_by_label("Leí y acepto el aviso de privacidad").check()
    shot(page, "register")
    page.get_by_role("button", name="Crear cuenta").click()
    page.wait_for_url("**/registro/enviado/")
    expect(page.get_by_role("heading", name="Revise su correo")).to_be_visible()

    # The link of the e-mail activates the account and signs the collaborator in.
    message = next(m for m in mail.outbox if m.to == [email])
    page.goto(base + LINK.search(message.body).group(1))
    page.wait_for_url("**/concientizacion/")
    expect(page.get_by_text("Su cuenta está activa")).to_be_visible()
    shot(page, "catalog")

    # One click enrols; "Comenzar" opens the first lesson.
    page.get_by_role("button", name=re.compile("^Inscribirme")).click()
    page.wait_for_url(f"**{course.url}")
    shot(page, "course-home")
    page.get_by_role("link", name="Comenzar el curso").click()
    first = True
    while "/evaluacion/" not in page.url:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if first:
            axe_check(page)
            shot(page, "lesson")
            first = False
        button = page.get_by_role("button", name="Marcar como leído y seguir")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert Enrolment.objects.get(user__email=email).lesson_completions.count() == 6

    # The quiz: fail once (answered with the keyboard alone), then pass.
    axe_check(page)
    shot(page, "quiz")
    page.get_by_role("button", name="Comenzar la evaluación").click()
    page.wait_for_url("**/intento/1/")
    axe_check(page)
    shot(page, "attempt")
    answer(page, course, right=False, keyboard=True)
    page.wait_for_url("**/intento/1/resultado/")
    expect(page.get_by_text("No alcanzó la nota mínima")).to_be_visible()
    axe_check(page)
    shot(page, "failed")
    page.get_by_role("button", name="Intentar de nuevo").click()
    page.wait_for_url("**/intento/2/")
    answer(page, course, right=True)
    page.wait_for_url("**/intento/2/resultado/")
    expect(page.get_by_text("¡Aprobó la evaluación!")).to_be_visible()
    shot(page, "passed")

    # "Mis cursos" shows the course completed.
    page.get_by_role("link", name="Ir a Mis cursos").click()
    page.wait_for_url("**/concientizacion/mis-cursos/")
    card = page.locator(".course-card", has_text=course.title)
    expect(card.get_by_text("Completado", exact=True)).to_be_visible()
    expect(card.get_by_text("100 %").first).to_be_visible()
    axe_check(page)
    shot(page, "my-courses")
    enrolment = Enrolment.objects.get(user__email=email)
    assert enrolment.completed_at is not None and enrolment.attempts.count() == 2
    context.close()


def test_staff_see_how_many_of_a_service_completed_in_two_clicks(
    live_server, page, shot, demo
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.accounts.demo import DEMO_PASSWORD, demo_email
    from tests.helpers import totp_code

    email = demo_email("admin")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    device = TOTPDevice.objects.get(user__email=email)
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/admin/")
    # Click 1: the "Cursos" menu; click 2: its "Informes".
    page.get_by_role("button", name="Cursos").click()
    page.get_by_role("link", name="Informes").click()
    page.wait_for_url("**/admin/informes-cursos/")
    # One row per course and service: the demo service's row of the awareness course.
    row = page.locator(
        "tbody tr", has_text="Concientización en gestión sustentable"
    ).filter(has=page.get_by_text("Subsecretaría de Energía", exact=True))
    assert row.count() == 1
    completed = Enrolment.objects.filter(
        course__platform=Realm.CONCIENTIZACION,
        service__name="Subsecretaría de Energía",
        completed_at__isnull=False,
    ).count()
    headers = [h.strip() for h in page.locator("thead th").all_inner_texts()]
    column = headers.index("Completados")
    assert row.locator("td").nth(column).inner_text() == str(completed)
    shot(page, "report")
    page.get_by_role("link", name="Inscripciones").click()
    page.wait_for_url("**/inscripciones/")
    shot(page, "enrolments")
