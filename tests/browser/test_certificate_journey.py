"""A learner completes a course, downloads the certificate and checks it from its QR;
staff find it in the admin and revoke it."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.codes import format_code, generate_code
from certificates.models import Certificate
from lms.accounts.realms import Realm
from tests.browser.conftest import ARTIFACTS, PHONE
from tests.certificates.pdfcheck import page_image, qr_codes_on_page
from tests.courses.factories import build_course, make_learner
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def read_and_pass(page, tree):
    """Read every lesson, then answer the quiz right, as the learner would."""
    page.get_by_role("link", name="Comenzar el curso").click()
    while "/evaluacion/" not in page.url:
        with page.expect_navigation():
            page.get_by_role("button", name="Marcar como leído y seguir").click()
    page.get_by_role("button", name="Comenzar la evaluación").click()
    page.wait_for_url("**/intento/1/")
    bank = {q.text: q for q in tree.questions}
    questions = page.locator("fieldset.question")
    for n in range(questions.count()):
        fieldset = questions.nth(n)
        text = fieldset.locator("legend").inner_text().split(". ", 1)[1].strip()
        for choice in bank[text].choices.filter(is_correct=True):
            fieldset.get_by_label(choice.text, exact=True).check()
    page.get_by_role("button", name="Enviar respuestas").click()
    page.wait_for_url("**/intento/1/resultado/")


def test_a_learner_downloads_the_certificate_and_its_qr_says_valid(
    live_server, browser, shot, axe_check, settings, tmp_path
):
    # The QR code must open this server, as it opens the portal in production.
    settings.SITE_URL = live_server.url
    tree = build_course(
        platform=Realm.CONCIENTIZACION,
        title="Eficiencia energética en la oficina",
        lessons=2,
        questions=4,
    )
    learner = make_learner(
        Realm.CONCIENTIZACION,
        first_name="Sofía Ñuñoa",
        last_name="Pérez Ríos",
        rut="16234567-3",
        email="sofia@servicio.example",
    )
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="es-CL", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/concientizacion/ingresar/")
    page.get_by_label("Correo electrónico").fill(learner.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url("**/concientizacion/")
    page.goto(live_server.url + tree.course.url)
    page.get_by_role("button", name=re.compile("^Inscribirme")).click()
    read_and_pass(page, tree)
    expect(page.get_by_role("link", name="Descargar certificado")).to_be_visible()
    shot(page, "passed")

    # "Mis cursos" offers the certificate.
    page.get_by_role("link", name="Ir a Mis cursos").click()
    page.wait_for_url("**/mis-cursos/")
    card = page.locator(".course-card", has_text=tree.course.title)
    link = card.get_by_role("link", name="Descargar certificado")
    expect(link).to_be_visible()
    axe_check(page)
    shot(page, "my-courses")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(
        r"certificado-eficiencia-energetica-en-la-oficina-perez\.pdf",
        download.suggested_filename,
    )
    data = Path(download.path()).read_bytes()
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    certificate = Certificate.objects.get(enrolment__user=learner)
    assert "Sofía Ñuñoa Pérez Ríos" in text and certificate.display_code in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page_image(data, ARTIFACTS / "certificate-journey--certificate-pdf.png", dpi=90)

    # The QR code printed on the page opens the verification page: Válido.
    urls = qr_codes_on_page(data, tmp_path)
    assert urls == [
        f"{live_server.url}/certificados/verificar/{certificate.display_code}/"
    ]
    public = browser.new_context(viewport=PHONE, locale="es-CL")
    phone = public.new_page()
    phone.goto(urls[0])
    expect(phone.get_by_role("heading", name="Válido")).to_be_visible()
    expect(phone.get_by_text("Sofía Ñuñoa Pérez Ríos")).to_be_visible()
    expect(phone.get_by_text("16.***.***-3")).to_be_visible()
    assert not phone.get_by_text("16.234.567-3").count()
    axe_check(phone)
    shot(phone, "verify-valid-phone")

    # Typed by hand, lower case and without dashes, from the form.
    phone.get_by_label("Código del certificado").fill(certificate.code.lower())
    phone.get_by_role("button", name="Verificar").click()
    phone.wait_for_url(f"**{certificate.get_absolute_url()}")
    expect(phone.get_by_role("heading", name="Válido")).to_be_visible()
    phone.get_by_label("Código del certificado").fill("7Q4K-9XZ2")
    phone.get_by_role("button", name="Verificar").click()
    expect(phone.get_by_text("Un código tiene 16 letras y números")).to_be_visible()
    axe_check(phone)
    shot(phone, "verify-form-error-phone")
    phone.goto(
        f"{live_server.url}/certificados/verificar/{format_code(generate_code())}/"
    )
    expect(phone.get_by_role("heading", name="No encontrado")).to_be_visible()
    axe_check(phone)
    shot(phone, "verify-not-found-phone")
    context.close()
    public.close()


def test_staff_find_a_certificate_revoke_it_and_the_public_page_says_so(
    live_server, page, shot, axe_check
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from certificates import services
    from lms.accounts.roles import Role
    from lms.accounts.services import grant_staff_role
    from tests.certificates.factories import completed_enrolment
    from tests.factories import TOTPDeviceFactory, UserFactory
    from tests.helpers import totp_code

    enrolment = completed_enrolment(first_name="Rodrigo", last_name="Alarcón Vera")
    certificate = Certificate.objects.get(enrolment=enrolment)
    services.certificate_pdf(certificate=certificate)
    admin = UserFactory(first_name="Marta", last_name="Administradora")
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    TOTPDeviceFactory(user=admin)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    device = TOTPDevice.objects.get(user=admin)
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/admin/")
    page.get_by_role("button", name="Certificados").click()
    page.get_by_role("link", name="Emitidos").click()
    page.wait_for_url("**/admin/certificados/")
    page.locator("#id_q").fill("alarcón")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url("**/admin/certificados/?q=*")
    row = page.locator("tbody tr", has_text="Alarcón Vera")
    assert row.count() == 1
    shot(page, "list")

    # Everything of the course in one ZIP, built by the worker.
    page.get_by_role("link", name="Descargar los PDF vigentes en un ZIP").click()
    page.wait_for_url("**/admin/certificados-zip/**")
    with page.expect_navigation():
        page.get_by_role("button", name="Preparar ZIP").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Descargar ZIP")).to_be_visible()
    shot(page, "zip")
    with page.expect_download() as info:
        page.get_by_role("link", name="Descargar ZIP").click()
    assert info.value.suggested_filename.endswith(".zip")
    page.goto(f"{live_server.url}/admin/certificados/?q=alarcón")
    row.get_by_role("link", name=certificate.display_code).click()
    page.wait_for_url(f"**/admin/certificados/{certificate.display_code}/")
    shot(page, "detail")
    page.locator("#id_revoke-reason").fill("Aprobación registrada por error")
    with page.expect_navigation():
        page.get_by_role("button", name="Revocar el certificado").click()
    page.wait_for_load_state()
    expect(page.get_by_text("quedó revocado")).to_be_visible()
    shot(page, "revoked")
    page.goto(live_server.url + certificate.get_absolute_url())
    expect(page.get_by_role("heading", name="Revocado")).to_be_visible()
    axe_check(page)
    shot(page, "public-revoked")
