"""A certificate's PDF from its frozen snapshot: text, images and the QR of its code.

Everything printed comes from the certificate row (never from the live user, course
or template), and reaches the page through Django's autoescaping.
"""

import base64
import io
import logging
import re
from dataclasses import dataclass

import qrcode
from PIL import Image, UnidentifiedImageError
from qrcode.image.pil import PilImage

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from lms.core.rut import format_rut

from .models import Certificate, CertificateTemplate, fill_placeholders
from .pdf import render_template_pdf

logger = logging.getLogger(__name__)

TEMPLATE = "certificates/pdf/certificate.html"
# The brand mark of the site header, as a file the PDF renderer may read.
DEFAULT_LOGO = "img/favicon.svg"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_DEFAULTS = CertificateTemplate()
# Pixels kept of an uploaded image, and the box (points) it is fitted into on the page.
IMAGE_LIMITS = {"logo": (400, 400), "signature": (600, 240)}
IMAGE_BOXES = {"logo": (62, 62), "signature": (170, 68)}


@dataclass(frozen=True)
class EmbeddedImage:
    src: str
    width: int
    height: int


def _fit(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / size[0], box[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _colour(value, default: str) -> str:
    return value if isinstance(value, str) and _HEX.match(value) else default


def _png_data_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def qr_data_uri(text: str) -> str:
    """A PNG QR code of ``text`` (medium error correction), as a data: URI."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6, border=2
    )
    code.add_data(text)
    code.make(fit=True)
    return _png_data_uri(code.make_image(image_factory=PilImage).get_image())


def stored_image(name: str, kind: str) -> EmbeddedImage | None:
    """An image from media storage, reduced and re-encoded as PNG (None if gone).

    Re-encoding means the PDF never embeds the uploaded bytes as they came.
    """
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as file, Image.open(file) as image:
            image.thumbnail(IMAGE_LIMITS[kind])
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            width, height = _fit(image.size, IMAGE_BOXES[kind])
            return EmbeddedImage(_png_data_uri(image), width, height)
    except (OSError, UnidentifiedImageError, ValueError):
        logger.warning("Certificate image %s could not be read", name)
        return None


def placeholder_values(certificate: Certificate) -> dict[str, str]:
    score = certificate.score
    return {
        "nombre": certificate.full_name,
        "rut": format_rut(certificate.rut),
        "curso": certificate.course_title,
        "horas": str(certificate.hours),
        "fecha": completion_date(certificate),
        "institucion": certificate.institution_name,
        "servicio": certificate.service_name,
        "plataforma": certificate.get_platform_display(),
        "puntaje": "" if score is None else f"{score:.0f}".replace(".", ","),
    }


def completion_date(certificate: Certificate) -> str:
    return timezone.localtime(certificate.completed_at).strftime("%d-%m-%Y")


def certificate_context(certificate: Certificate) -> dict:
    """What the PDF template prints; design values fall back to the model's defaults."""
    design = certificate.design or {}

    def text(key: str) -> str:
        value = design.get(key)
        return value if isinstance(value, str) else getattr(_DEFAULTS, key, "")

    default_logo = EmbeddedImage(
        settings.STATIC_URL + DEFAULT_LOGO, *IMAGE_BOXES["logo"]
    )
    return {
        "certificate": certificate,
        "title": text("title") or _DEFAULTS.title,
        "intro": design.get("intro", _DEFAULTS.intro),
        "body": fill_placeholders(
            text("body") or _DEFAULTS.body, placeholder_values(certificate)
        ),
        "signatory_name": design.get("signatory_name") or "",
        "signatory_role": design.get("signatory_role") or "",
        "signature": stored_image(design.get("signature") or "", "signature"),
        "logo": stored_image(design.get("logo") or "", "logo") or default_logo,
        "accent": _colour(design.get("accent"), _DEFAULTS.accent_colour),
        "background": _colour(design.get("background"), _DEFAULTS.background_colour),
        "border": design.get("border")
        if design.get("border") in CertificateTemplate.Border.values
        else _DEFAULTS.border,
        "rut": format_rut(certificate.rut),
        "date": completion_date(certificate),
        "code": certificate.display_code,
        "verify_page": settings.SITE_URL + reverse("certificates:verify"),
        "qr_src": qr_data_uri(certificate.get_verification_url()),
    }


def render_certificate(certificate: Certificate) -> bytes:
    """The certificate's PDF bytes (raises ``PDFRenderError`` rather than return junk)."""
    return render_template_pdf(TEMPLATE, certificate_context(certificate))
