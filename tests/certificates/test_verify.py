"""Public verification: Válido / Revocado / No encontrado, minimal data, rate-limited."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import services
from certificates.codes import format_code, generate_code
from certificates.models import Certificate
from tests.certificates.conftest import staff
from tests.certificates.factories import completed_enrolment

pytestmark = pytest.mark.django_db

VERIFY = "/certificados/verificar/"


@pytest.fixture
def certificate():
    enrolment = completed_enrolment(
        first_name="Javiera", last_name="Muñoz Lagos", rut="16234567-3"
    )
    return Certificate.objects.get(enrolment=enrolment)


def page_text(response) -> str:
    return response.content.decode()


def test_the_public_layout_links_the_verification_form(client):
    assert reverse("certificates:verify") == VERIFY
    response = client.get(VERIFY)
    assert response.status_code == 200
    html = page_text(response)
    assert html.count(f'<a href="{VERIFY}">Verificar un certificado</a>') == 2
    assert 'name="codigo"' in html


def test_a_valid_certificate_shows_only_what_a_verifier_needs(client, certificate):
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    html = page_text(response)
    assert "Válido" in html and "Revocado" not in html
    assert "Javiera Muñoz Lagos" in html
    assert "16.***.***-3" in html
    assert "16.234.567-3" not in html and "16234567" not in html
    assert certificate.course_title in html and "Concientización" in html
    assert certificate.display_code in html
    assert certificate.completed_at.astimezone().strftime("%d-%m-%Y") in html
    user = certificate.enrolment.user
    for private in (user.email, certificate.service_name, certificate.institution_name):
        assert private not in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in (response["Cache-Control"])
    )


@pytest.mark.parametrize(
    "spelling",
    [
        lambda code: format_code(code),
        lambda code: code,
        lambda code: code.lower(),
        lambda code: format_code(code).lower(),
        lambda code: f"  {format_code(code)} ".replace("-", " "),
    ],
)
def test_the_code_is_accepted_with_or_without_dashes_in_any_case(
    client, certificate, spelling
):
    typed = spelling(certificate.code)
    response = client.get(reverse("certificates:verify-code", args=[typed]))
    assert response.status_code == 200 and "Válido" in page_text(response)
    form = client.get(VERIFY, {"codigo": typed})
    assert form.status_code == 302
    assert form["Location"] == certificate.get_absolute_url()


def test_unknown_and_malformed_codes_are_not_found(client, certificate):
    for typed in (format_code(generate_code()), "XXXX", "<script>alert(1)<script>"):
        response = client.get(reverse("certificates:verify-code", args=[typed]))
        assert response.status_code == 404
        html = page_text(response)
        assert "No encontrado" in html and "Javiera" not in html
        assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Escriba el código del certificado."),
        ("ABC-123", "Un código tiene 16 letras y números"),
        ("O0O0-1I1I-LLLL-2222", "Un código tiene 16 letras y números"),
    ],
)
def test_the_form_explains_what_is_wrong_and_keeps_what_was_typed(
    client, typed, message
):
    response = client.get(VERIFY, {"codigo": typed})
    assert response.status_code == 200
    html = page_text(response)
    assert message in html
    if typed:
        assert f'value="{typed}"' in html


def test_a_mistyped_code_is_caught_by_its_check_symbol(client, certificate):
    code = certificate.code
    swapped = code[1] + code[0] + code[2:] if code[0] != code[1] else code[::-1]
    response = client.get(VERIFY, {"codigo": swapped})
    assert response.status_code == 200
    assert "mal escrito o dos cambiados de lugar" in page_text(response)


def test_a_revoked_certificate_says_so_with_its_date_and_replacement(
    client, certificate
):
    admin = staff()
    new = services.reissue_certificate(
        certificate=certificate, by=admin, reason="Nombre mal escrito"
    )
    certificate.refresh_from_db()
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    html = page_text(response)
    assert "Revocado" in html and "Válido" not in html
    assert certificate.revoked_at.astimezone().strftime("%d-%m-%Y") in html
    assert new.get_absolute_url() in html and new.display_code in html
    assert "Nombre mal escrito" not in html  # the reason is for staff
    assert "Válido" in page_text(client.get(new.get_absolute_url()))


def test_lookups_are_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = (3, 600)
    url = certificate.get_absolute_url()
    for _ in range(3):
        assert client.get(url).status_code == 200
    blocked = client.get(url)
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "demasiadas consultas" in page_text(blocked)
    assert "Javiera" not in page_text(blocked)
    assert client.get(VERIFY, {"codigo": "malo"}).status_code == 429
    # Another address is not affected.
    other = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    # The empty form never counts.
    assert client.get(VERIFY).status_code == 200


def test_a_lookup_costs_one_query_however_many_certificates_exist(client):
    first = Certificate.objects.get(enrolment=completed_enrolment())

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(first.get_absolute_url()).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    queries()  # the layout's menu warms its cache
    before = queries()
    for _ in range(5):
        completed_enrolment()
    queries()  # the new course pages changed the public pages: the menu is read again
    after = queries()
    assert len(after) == len(before)
    assert sum("certificates_certificate" in sql for sql in after) == 1


def test_the_header_is_cached_and_follows_the_page_tree_at_once(client, certificate):
    from cms.demo import ensure_home
    from cms.models import StandardPage

    home = ensure_home()
    url = certificate.get_absolute_url()

    def page() -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return page_text(response), [q["sql"] for q in captured.captured_queries]

    first, read = page()
    again, cached = page()
    assert again == first
    assert any("wagtailcore_" in sql for sql in read)
    assert not any("wagtailcore_" in sql for sql in cached)
    assert len(cached) == 1  # the certificate itself
    # A page published in the menu shows on the next lookup, not minutes later.
    news = StandardPage(title="Novedades del programa", slug="novedades")
    news.show_in_menus = True
    home.add_child(instance=news)
    news.save_revision().publish()
    after, _queries = page()
    assert '<a href="/novedades/"' in after and "Novedades del programa" in after
    assert "Novedades del programa" not in first
    assert "Javiera" in after
