"""The public site in a real browser: an editor publishes a guide through moderation and
a visitor downloads it; the main public pages pass axe-core."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from cms.models import LibraryDocument, LibraryPage
from lms.accounts.demo import DEMO_PASSWORD, demo_email
from tests.cms.helpers import PDF_BYTES
from tests.helpers import load_demo, totp_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GUIDE_TITLE = "Guía de gestión hídrica en oficinas públicas"


@pytest.fixture
def demo(transactional_db):
    load_demo()


def admin_login(page, base: str, local: str) -> None:
    """Log a demo staff account into the Wagtail admin, two-factor code included."""
    email = demo_email(local)
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/gestion/2fa/verificar/**")
    device = TOTPDevice.objects.get(user__email=email)
    page.get_by_label("Código de verificación").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.wait_for_url("**/admin/")


def test_an_editor_publishes_a_guide_through_moderation_and_a_visitor_downloads_it(
    live_server, browser, shot, demo, tmp_path
):
    base = live_server.url
    guide = tmp_path / "guia-gestion-hidrica.pdf"
    guide.write_bytes(PDF_BYTES)
    library = LibraryPage.objects.get()

    # The editor uploads the guide: it lands in the private drafts collection.
    editor_context = browser.new_context(
        locale="es-CL", viewport={"width": 1280, "height": 900}
    )
    editor = editor_context.new_page()
    admin_login(editor, base, "editor")
    editor.goto(f"{base}/admin/documents/")
    editor.get_by_role("link", name="Añadir un documento").click()
    editor.wait_for_url("**/admin/documents/multiple/add/")
    editor.locator("input[type=file]").set_input_files(str(guide))
    upload_form = editor.locator("form.document-upload, #upload-list form").first
    upload_form.wait_for()
    shot(editor, "editor-upload")
    upload_form.get_by_label("Título").fill(GUIDE_TITLE)
    upload_form.get_by_label("Categoría").select_option(label="Guías")
    upload_form.get_by_label("Descripción").fill(
        "Cómo medir y reducir el consumo de agua en las unidades del servicio."
    )
    with editor.expect_response(
        lambda r: "/multiple/" in r.url and r.request.method == "POST"
    ) as saved:
        upload_form.get_by_role("button", name="Actualizar").click()
    assert saved.value.ok, saved.value.status
    document = LibraryDocument.objects.get(title=GUIDE_TITLE)
    assert document.collection.name == "Borradores"

    # The editor lists it in the Biblioteca and submits the page for moderation.
    editor.goto(f"{base}/admin/pages/{library.pk}/edit/")
    editor.get_by_role("button", name="Añadir Documento").click()
    editor.get_by_role("button", name="Seleccionar un documento").last.click()
    modal = editor.locator(".modal-dialog")
    modal.get_by_role("link", name=GUIDE_TITLE).click()
    modal.wait_for(state="hidden")
    editor.locator(
        "footer .dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    editor.get_by_role("button", name="Enviar a Revisión editorial").click()
    editor.wait_for_url("**/admin/pages/**")
    shot(editor, "editor-submitted")
    library.refresh_from_db()
    assert library.current_workflow_state is not None
    assert not library.library_items.filter(document=document).exists()
    editor_context.close()

    # Not yet public: a visitor cannot download it.
    assert (
        browser.new_context()
        .request.get(f"{base}{document.download_url}", max_redirects=0)
        .status
        == 302
    )

    # A Publicador approves: the page goes live and the document leaves the drafts.
    publisher_context = browser.new_context(
        locale="es-CL", viewport={"width": 1280, "height": 900}
    )
    publisher = publisher_context.new_page()
    admin_login(publisher, base, "publicador")
    shot(publisher, "publisher-dashboard")
    publisher.goto(f"{base}/admin/pages/{library.pk}/edit/")
    publisher.locator(
        "footer .dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    publisher.get_by_role("button", name="Aprobar y publicar").click()
    publisher.wait_for_url("**/admin/pages/**")
    shot(publisher, "publisher-approved")
    publisher_context.close()
    document.refresh_from_db()
    assert document.collection.name == "Biblioteca"

    # A visitor finds the guide in the Biblioteca and downloads it.
    visitor_context = browser.new_context(
        locale="es-CL", viewport={"width": 1280, "height": 900}
    )
    visitor = visitor_context.new_page()
    visitor.goto(f"{base}/biblioteca/")
    visitor.get_by_label("Buscar en la biblioteca").fill("hidrica")
    visitor.get_by_role("button", name="Filtrar").click()
    item = visitor.locator(".document-item", has_text=GUIDE_TITLE)
    item.wait_for()
    shot(visitor, "visitor-finds-guide")
    link = item.get_by_role("link", name=f"Descargar «{GUIDE_TITLE}»")
    response = visitor.request.get(base + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == PDF_BYTES
    visitor_context.close()


@pytest.mark.parametrize(
    "path,name",
    [
        ("/", "home"),
        ("/biblioteca/", "library"),
        ("/preguntas-frecuentes/", "faq"),
        ("/resultados/", "results"),
    ],
)
def test_public_pages_look_right_and_pass_axe(
    live_server, page, shot, axe_check, demo, path, name
):
    page.goto(f"{live_server.url}{path}")
    axe_check(page)
    shot(page, name)


def test_faq_filters_as_you_type_and_works_without_javascript(
    live_server, browser, shot, demo
):
    context = browser.new_context(locale="es-CL")
    page = context.new_page()
    page.goto(f"{live_server.url}/preguntas-frecuentes/")
    total = page.locator("[data-faq-item]").count()
    assert total >= 12
    page.get_by_label("Buscar una pregunta").press_sequentially("medidor")
    page.get_by_text("preguntas para «medidor»").or_(
        page.get_by_text("pregunta para «medidor»")
    ).first.wait_for()
    visible = page.locator("[data-faq-item]:visible").count()
    assert 0 < visible < total
    # Topics without a match disappear, from the list and from the topic links.
    assert page.locator(".faq-topics li:visible").count() == 1
    assert page.get_by_role("heading", name="Cuentas y acceso").is_hidden()
    shot(page, "faq-typing")
    context.close()

    no_js = browser.new_context(locale="es-CL", java_script_enabled=False)
    page = no_js.new_page()
    page.goto(f"{live_server.url}/preguntas-frecuentes/")
    page.get_by_label("Buscar una pregunta").fill("medidor")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_url("**?q=medidor")
    assert 0 < page.locator("[data-faq-item]").count() < total
    no_js.close()


def test_results_chart_and_library_on_a_phone(live_server, browser, shot, demo):
    from tests.browser.conftest import PHONE

    context = browser.new_context(viewport=PHONE, locale="es-CL")
    page = context.new_page()
    page.goto(f"{live_server.url}/resultados/")
    expect(page.locator("svg.chart").first).to_be_visible()
    shot(page, "results-phone")
    page.goto(f"{live_server.url}/biblioteca/")
    shot(page, "library-phone")
    context.close()
