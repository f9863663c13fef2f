"""HTML → PDF with xhtml2pdf. The only module that imports xhtml2pdf.

Fonts are TrueType files shipped with ReportLab (Bitstream Vera, which covers
Spanish), embedded in every PDF. Local reads are confined to the font directory,
the static and media roots: a document can never fetch from the network or read
other files, whatever HTML reaches it.
"""

from io import BytesIO
from pathlib import Path

import reportlab
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT_FAMILY = "Vera"
FONT_FILES = {
    ("normal", "normal"): "Vera.ttf",
    ("bold", "normal"): "VeraBd.ttf",
    ("normal", "italic"): "VeraIt.ttf",
    ("bold", "italic"): "VeraBI.ttf",
}


class PDFRenderError(Exception):
    """xhtml2pdf could not render the document."""


def font_css() -> SafeString:
    """@font-face rules that embed the TrueType family in the PDF (safe for templates)."""
    rules = []
    for (weight, style), name in FONT_FILES.items():
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{FONT_DIR / name}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return mark_safe("\n".join(rules))  # noqa: S308 (built here from constant paths)


def _roots() -> tuple[Path, ...]:
    roots = [FONT_DIR, Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    roots += [Path(p) for p in settings.STATICFILES_DIRS]
    return tuple(r.resolve() for r in roots if r)


def _link_callback(uri: str, rel: str) -> str:
    """Map /static/ and /media/ URLs to files; anything else is left to the policy."""
    if uri.startswith(settings.STATIC_URL):
        found = finders.find(uri[len(settings.STATIC_URL) :])
        if found:
            return found
        return str(Path(settings.STATIC_ROOT) / uri[len(settings.STATIC_URL) :])
    if uri.startswith(settings.MEDIA_URL):
        return str(Path(settings.MEDIA_ROOT) / uri[len(settings.MEDIA_URL) :])
    return uri


def render_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes, or raise PDFRenderError; never returns a broken file."""
    policy = ResourceAccessPolicy.server(
        base_dir=FONT_DIR, extra_roots=_roots(), allow_remote=False
    )
    output = BytesIO()
    status = pisa.CreatePDF(
        src=html,
        dest=output,
        encoding="utf-8",
        link_callback=_link_callback,
        resource_policy=policy,
    )
    if status.err:
        raise PDFRenderError(f"xhtml2pdf reported {status.err} error(s)")
    data = output.getvalue()
    if not data.startswith(b"%PDF"):
        raise PDFRenderError("xhtml2pdf produced no PDF")
    return data


def render_template_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template (which can use ``{{ pdf_font_css }}``) to PDF bytes."""
    html = render_to_string(
        template_name, {**context, "pdf_font_css": font_css(), "pdf_font": FONT_FAMILY}
    )
    return render_pdf(html)
