"""The certificate PDF: what it prints, its embedded font, its QR code, its escaping."""

import hashlib
import io

import pytest
from pypdf import PdfReader

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from certificates.demo import _signature_png
from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import render_certificate
from certificates.services import certificate_pdf
from lms.accounts.realms import Realm
from tests.certificates.factories import completed_enrolment
from tests.certificates.pdfcheck import qr_codes_on_page
from tests.certificates.test_pdf import fonts_drawing_text, pdf_fonts
from tests.courses.factories import build_course

pytestmark = pytest.mark.django_db


def certificate_for(**learner) -> Certificate:
    return Certificate.objects.get(enrolment=completed_enrolment(**learner))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def images_of(data: bytes) -> list:
    page = PdfReader(io.BytesIO(data)).pages[0]
    objects = page["/Resources"].get("/XObject") or {}
    return [o.get_object() for o in objects.values()]


def test_the_pdf_is_a_landscape_a4_page_with_everything_a_certificate_says():
    certificate = certificate_for(first_name="José Ñandú", last_name="Pérez Íñiguez")
    data = certificate_pdf(certificate=certificate)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = text_of(data)
    for expected in (
        "José Ñandú Pérez Íñiguez",
        "RUT 12.345.678-5",
        certificate.course_title,
        "2 horas",
        certificate.completed_at.astimezone().strftime("%d-%m-%Y"),
        certificate.display_code,
        "Programa Gestiona Energía",  # built-in signatory
        "Certificado de aprobación",
    ):
        assert expected in text, expected


def test_the_text_is_drawn_with_an_embedded_truetype_font():
    data = certificate_pdf(certificate=certificate_for())
    fonts = pdf_fonts(data)
    assert any("Vera" in name and embedded for name, embedded in fonts), fonts
    drawing = fonts_drawing_text(data)
    assert drawing and all("Vera" in name for name in drawing), drawing


def test_the_qr_code_on_the_page_opens_the_verification_url(tmp_path):
    certificate = certificate_for()
    found = qr_codes_on_page(certificate_pdf(certificate=certificate), tmp_path)
    assert found == [
        f"http://testserver/certificados/verificar/{certificate.display_code}/"
    ]


def test_markup_in_names_and_course_titles_prints_as_text_and_loads_nothing(tmp_path):
    plain = certificate_pdf(certificate=certificate_for())
    secret = tmp_path / "secreto.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    name = f'<img src="{secret}"><b>Ana</b>'
    tree = build_course(title='Curso <script>alert(1)</script> & "más"')
    certificate = Certificate.objects.get(
        enrolment=completed_enrolment(tree=tree, first_name=name, last_name="Soto")
    )
    data = certificate_pdf(certificate=certificate)
    text = " ".join(text_of(data).split())  # a long name may wrap
    assert f'<img src="{secret}"><b>Ana</b> Soto' in text
    assert 'Curso <script>alert(1)</script> & "más"' in text
    # The same images as an ordinary certificate: the QR code, nothing more.
    assert len(images_of(data)) == len(images_of(plain))


def test_the_template_shapes_the_page_and_its_placeholders_are_filled():
    signature = get_image_model()(title="Firma")
    signature.file = ImageFile(io.BytesIO(_signature_png()), name="firma.png")
    signature.save()
    CertificateTemplate.objects.create(
        name="Capacitación",
        default_for=Realm.CAPACITACION,
        title="Constancia de aprobación",
        intro="",
        body="Certificamos que {nombre} aprobó {curso} ({horas} h) el {fecha}. {otro}",
        signatory_name="Andrea Valdés",
        signatory_role="Coordinadora <Programa>",
        signature=signature,
        accent_colour="#0a2a4a",
        border=CertificateTemplate.Border.SOLID,
    )
    tree = build_course(platform=Realm.CAPACITACION, title="Energía 101")
    certificate = Certificate.objects.get(
        enrolment=completed_enrolment(tree=tree, first_name="Eva", last_name="Lara")
    )
    data = certificate_pdf(certificate=certificate)
    text = " ".join(text_of(data).split())
    date = certificate.completed_at.astimezone().strftime("%d-%m-%Y")
    assert "Constancia de aprobación" in text
    assert f"Certificamos que Eva Lara aprobó Energía 101 (2 h) el {date}." in text
    assert "{otro}" in text  # unknown markers are left as typed, never evaluated
    assert "Andrea Valdés" in text and "Coordinadora <Programa>" in text
    plain = render_certificate(Certificate.objects.get(enrolment=completed_enrolment()))
    assert len(images_of(data)) == len(images_of(plain)) + 1  # plus the signature


def test_a_tampered_or_missing_file_is_rendered_again_from_the_snapshot():
    certificate = certificate_for(first_name="Clara")
    original = certificate_pdf(certificate=certificate)
    certificate.refresh_from_db()
    with certificate.pdf.open("wb") as file:
        file.write(original.replace(b"Clara", b"Clare"))
    repaired = certificate_pdf(certificate=certificate)
    certificate.refresh_from_db()
    assert "Clara" in text_of(repaired)
    assert certificate.pdf_sha256 == hashlib.sha256(repaired).hexdigest()
    certificate.pdf.storage.delete(certificate.pdf.name)
    assert "Clara" in text_of(certificate_pdf(certificate=certificate))
