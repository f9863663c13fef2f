"""The PDF renderer embeds its TrueType font, escapes content and fetches nothing."""

import io

import pytest
from pypdf import PdfReader

from django.utils.html import escape

from certificates.pdf import FONT_FAMILY, PDFRenderError, font_css, render_pdf


def pdf_fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object()
                for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            names.add((str(font["/BaseFont"]), embedded))
    return names


def fonts_drawing_text(data: bytes) -> set[str]:
    """Base fonts in effect when text is shown (``Tj``/``TJ``): what the text is drawn with."""
    import re

    used = set()
    token = re.compile(r"(/[A-Za-z0-9+_-]+)\s+[\d.]+\s+Tf|\)\s*Tj|\]\s*TJ")
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"]["/Font"]
        content = page.get_contents().get_data().decode("latin-1")
        current = None
        for match in token.finditer(content):
            if match.group(1):
                current = match.group(1)
            elif current is not None:
                used.add(str(fonts[current].get_object()["/BaseFont"]))
    return used


def document(body: str) -> str:
    return (
        f"<html><head><style>{font_css()} body {{ font-family: {FONT_FAMILY}; }}</style></head>"
        f"<body>{body}</body></html>"
    )


def test_text_with_accents_is_written_with_an_embedded_truetype_font():
    data = render_pdf(document("<p>José Ñúñez Pérez – Concientización</p>"))
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "José Ñúñez Pérez" in text
    fonts = pdf_fonts(data)
    assert any("Vera" in name and embedded for name, embedded in fonts), fonts
    drawing = fonts_drawing_text(data)
    assert drawing and all("Vera" in name for name in drawing), drawing


def test_escaped_markup_prints_as_text():
    name = '<b>Ana</b><img src="/etc/passwd">'
    data = render_pdf(document(f"<p>{escape(name)}</p>"))
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert '<b>Ana</b><img src="/etc/passwd">' in text


def test_local_files_outside_the_allowed_roots_and_remote_urls_are_not_read(tmp_path):
    secret = tmp_path / "secreto.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    html = document(
        f'<p>x</p><img src="{secret}"><img src="http://169.254.169.254/latest/meta-data/">'
    )
    data = render_pdf(html)
    reader = PdfReader(io.BytesIO(data))
    assert not reader.pages[0]["/Resources"].get("/XObject")


def test_render_errors_raise_instead_of_returning_a_broken_file(monkeypatch):
    from xhtml2pdf import pisa

    class Failed:
        err = 1

    monkeypatch.setattr(pisa, "CreatePDF", lambda **kwargs: Failed())
    with pytest.raises(PDFRenderError):
        render_pdf("<p>x</p>")
