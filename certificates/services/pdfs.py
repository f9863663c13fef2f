"""A certificate's PDF: rendered once by the worker, stored with its SHA-256, checked
on every download and made again from the snapshot if it went missing or changed."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ..models import Certificate

logger = logging.getLogger(__name__)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_stored(certificate: Certificate) -> bytes | None:
    """The stored PDF if it is there and matches its SHA-256; None otherwise."""
    if not certificate.pdf:
        return None
    try:
        with certificate.pdf.open("rb") as file:
            data = file.read()
    except OSError:
        logger.warning("PDF of certificate %s is missing from storage", certificate.pk)
        return None
    if _sha256(data) != certificate.pdf_sha256:
        logger.error("PDF of certificate %s does not match its hash", certificate.pk)
        return None
    return data


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate's PDF: the stored file if intact, else rendered and stored now.

    Rendering here covers a download that comes before the worker, and a stored file
    that went missing or no longer matches its SHA-256 (re-made from the snapshot).
    """
    data = _read_stored(certificate)
    if data is None:
        data = _render_and_store(certificate, stale=certificate.pdf.name)
    return data


def _render_and_store(certificate: Certificate, *, stale: str) -> bytes:
    from ..rendering import render_certificate

    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.pdf and locked.pdf.name != stale:
            # Stored by someone else while we waited for the lock.
            data = _read_stored(locked)
            if data is not None:
                _copy_pdf_fields(locked, certificate)
                return data
        data = render_certificate(locked)
        previous = locked.pdf.name
        locked.pdf.save(locked.filename, ContentFile(data), save=False)
        locked.pdf_sha256 = _sha256(data)
        locked.pdf_rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_sha256", "pdf_rendered_at"])
        if previous:
            transaction.on_commit(lambda: delete_stored(previous))
    _copy_pdf_fields(locked, certificate)
    return data


def _copy_pdf_fields(source: Certificate, target: Certificate) -> None:
    target.pdf = source.pdf
    target.pdf_sha256, target.pdf_rendered_at = (
        source.pdf_sha256,
        source.pdf_rendered_at,
    )


def delete_stored(name: str) -> None:
    """Remove a file from media storage; a failure is logged, never raised."""
    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Could not delete the stored file %s", name)


def ensure_pdf(*, certificate_id: int) -> Certificate:
    """Render and store the PDF unless one is already stored (the worker's job)."""
    certificate = Certificate.objects.get(pk=certificate_id)
    if not certificate.pdf:
        _render_and_store(certificate, stale="")
    return certificate
