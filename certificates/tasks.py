"""Worker tasks of the certificates: each takes an id and calls one service."""

from celery import shared_task

from django.db import OperationalError

from . import services


@shared_task(
    name="certificates.render_pdf",
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def render_certificate_pdf(certificate_id: int) -> None:
    """Render and store a newly issued certificate's PDF (nothing if already stored)."""
    services.ensure_pdf(certificate_id=certificate_id)


@shared_task(name="certificates.build_archive")
def build_certificate_archive(archive_id: int) -> None:
    """Build a bulk ZIP download; failures are recorded on the archive for staff."""
    services.build_archive(archive_id=archive_id)
