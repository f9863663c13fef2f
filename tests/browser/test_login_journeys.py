"""A person logs in on each platform, in a real browser; pages pass axe-core."""

import base64

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from lms.accounts.demo import DEMO_PASSWORD, demo_email
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from tests.factories import PASSWORD, LearnerFactory, ServiceFactory, UserFactory
from tests.helpers import load_demo, totp_code

# serialized_rollback restores what migrations created (Wagtail root page, role groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(transactional_db):
    load_demo()


def fill_login(page, base, platform, email, password):
    page.goto(f"{base}/{platform}/ingresar/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Ingresar").click()


@pytest.mark.parametrize("platform", ["gestion", "flota"])
def test_gestion_user_logs_in_with_password_and_code(
    live_server, page, shot, demo, platform
):
    email = demo_email("gestor.servicio")
    fill_login(page, live_server.url, platform, email, DEMO_PASSWORD)
    page.wait_for_url(f"**/{platform}/2fa/verificar/**")
    shot(page, "verify")
    device = TOTPDevice.objects.get(user__email=email, user__realm=Realm.GESTION)
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url(f"**/{platform}/")
    expect(page.get_by_text("Gastón Eficiente")).to_be_visible()
    expect(page.get_by_role("navigation", name="Módulos")).to_be_visible()
    shot(page, "home")


@pytest.mark.parametrize("platform", ["capacitacion", "concientizacion"])
def test_learner_logs_in_on_each_course_platform(
    live_server, page, shot, demo, platform
):
    fill_login(page, live_server.url, platform, demo_email("aprendiz"), DEMO_PASSWORD)
    page.wait_for_url(f"**/{platform}/")
    expect(page.get_by_text("Sesión iniciada como")).to_be_visible()
    shot(page, "landing")


def test_first_login_walks_through_two_factor_enrolment(live_server, page, shot):
    user = UserFactory(first_name="Nora", last_name="Nueva")
    add_membership(user=user, service=ServiceFactory(), role=Role.GESTOR_UNIDAD)
    fill_login(page, live_server.url, "gestion", user.email, PASSWORD)
    page.wait_for_url("**/gestion/2fa/configurar/**")
    expect(page.get_by_role("img", name="Código QR")).to_be_visible()
    shot(page, "enrol")
    secret = page.locator(".secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    code = f"{TOTP(key).token():06d}"
    page.get_by_label("Código de verificación").fill(code)
    page.get_by_role("button", name="Activar").click()
    expect(page.get_by_role("heading", name="Sus códigos de respaldo")).to_be_visible()
    assert page.locator(".codes li").count() == 10
    shot(page, "backup-codes")
    page.get_by_role("link", name="Continuar").click()
    page.wait_for_url("**/gestion/")
    assert (
        User.objects.get(pk=user.pk).totpdevice_set.filter(confirmed=True).count() == 1
    )


def test_wrong_password_shows_a_clear_message(live_server, page, shot):
    learner = LearnerFactory(realm=Realm.CONCIENTIZACION)
    fill_login(page, live_server.url, "concientizacion", learner.email, "equivocada")
    expect(page.get_by_role("alert").get_by_text("no son correctos")).to_be_visible()
    assert page.get_by_label("Correo electrónico").input_value() == learner.email
    shot(page, "error")


def test_staff_reach_the_wagtail_admin_only_after_two_factor(
    live_server, page, shot, demo
):
    email = demo_email("editor")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    device = TOTPDevice.objects.get(user__email=email)
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/admin/")
    shot(page, "admin")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/gestion/ingresar/",
        "/flota/ingresar/",
        "/capacitacion/ingresar/",
        "/concientizacion/ingresar/",
        "/capacitacion/",
        "/concientizacion/",
    ],
)
def test_public_and_login_pages_pass_axe(
    live_server, page, shot, axe_check, demo, path
):
    page.goto(f"{live_server.url}{path}")
    axe_check(page)
    shot(page, "page")


def test_home_works_on_a_phone(live_server, browser, shot, demo):
    from tests.browser.conftest import PHONE

    context = browser.new_context(viewport=PHONE, locale="es-CL")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_text("Menú").click()
    expect(page.get_by_role("link", name="Ley 21.305")).to_be_visible()
    shot(page, "phone")
    context.close()
