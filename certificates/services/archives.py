"""Bulk downloads: a ZIP of many certificates, written entry by entry to disk."""

import csv
import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from lms.core.exports import safe_cell

from ..models import CertificateArchive
from .issue import require_permission
from .pdfs import certificate_pdf, delete_stored

ARCHIVE_PERMISSION = "certificates.add_certificatearchive"
ARCHIVE_MAX = 20_000


@transaction.atomic
def request_archive(
    *,
    by,
    course: CoursePage | None = None,
    service=None,
    completed_from: dt.date | None = None,
    completed_to: dt.date | None = None,
) -> CertificateArchive:
    """Queue a ZIP of the valid certificates matching the filters."""
    from ..selectors import archive_certificates
    from ..tasks import build_certificate_archive

    require_permission(by, ARCHIVE_PERMISSION)
    if completed_from and completed_to and completed_from > completed_to:
        raise ValidationError(
            {"completed_to": _("La fecha final es anterior a la inicial.")},
            code="range",
        )
    archive = CertificateArchive(
        requested_by=by,
        course=course,
        service=service,
        completed_from=completed_from,
        completed_to=completed_to,
    )
    total = archive_certificates(archive).count()
    if total == 0:
        raise ValidationError(
            _("No hay certificados vigentes con estos filtros."), code="empty"
        )
    if total > ARCHIVE_MAX:
        raise ValidationError(
            _(
                "Son %(total)s certificados; una descarga reúne a lo más %(max)s. "
                "Acote el curso, el servicio o las fechas."
            )
            % {
                "total": f"{total:,}".replace(",", "."),
                "max": f"{ARCHIVE_MAX:,}".replace(",", "."),
            },
            code="too_many",
        )
    archive.total = total
    archive.full_clean()
    archive.save()
    transaction.on_commit(lambda: build_certificate_archive.delay(archive.pk))
    return archive


PROGRESS_EVERY = 25
ARCHIVE_KEEP_DAYS = 7


def _claim_archive(archive_id: int) -> CertificateArchive | None:
    with transaction.atomic():
        archive = CertificateArchive.objects.select_for_update().get(pk=archive_id)
        if archive.status == CertificateArchive.Status.READY:
            return None
        # A redelivered task (worker killed) starts over from an empty file.
        archive.status, archive.done, archive.error = (
            CertificateArchive.Status.RUNNING,
            0,
            "",
        )
        archive.save(update_fields=["status", "done", "error"])
    return archive


def build_archive(*, archive_id: int) -> CertificateArchive | None:
    """Write the archive's certificates one by one into a ZIP on disk, then store it.

    Only one PDF is in memory at a time; progress is saved every few entries so the
    staff page can show it. Idempotent: a finished archive is left alone.
    """
    from ..selectors import archive_certificates, archive_index_rows

    archive = _claim_archive(archive_id)
    if archive is None:
        return None
    workdir = Path(settings.VAR_DIR) / "tmp"
    workdir.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(suffix=".zip", dir=workdir)
    os.close(handle)
    try:
        count = 0
        queryset = archive_certificates(archive).order_by("pk")
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            _write_index(bundle, archive_index_rows(queryset))
            for certificate in queryset.iterator(chunk_size=200):
                data = certificate_pdf(certificate=certificate)
                entry = certificate.filename.removesuffix(".pdf")
                bundle.writestr(f"{entry}-{certificate.code}.pdf", data)
                del data
                count += 1
                if count % PROGRESS_EVERY == 0:
                    CertificateArchive.objects.filter(pk=archive.pk).update(
                        done=count, total=max(count, archive.total)
                    )
        with open(path, "rb") as file:
            archive.file.save(archive.filename, File(file), save=False)
        archive.size = Path(path).stat().st_size
        archive.total = archive.done = count
        archive.status = CertificateArchive.Status.READY
        archive.finished_at = timezone.now()
        archive.save(
            update_fields=["file", "size", "total", "done", "status", "finished_at"]
        )
    except Exception as exc:
        CertificateArchive.objects.filter(pk=archive.pk).update(
            status=CertificateArchive.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    finally:
        Path(path).unlink(missing_ok=True)
    purge_old_archives()
    return archive


def _write_index(bundle, rows) -> None:
    """An ``indice.csv`` first in the ZIP: one line per certificate, streamed."""
    with (
        bundle.open("indice.csv", "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text,
    ):
        writer = csv.writer(text, delimiter=";")
        writer.writerow(
            ["Código", "Apellidos", "Nombres", "RUT", "Curso", "Servicio", "Aprobado"]
        )
        for row in rows:
            writer.writerow([safe_cell(value) for value in row])


def purge_old_archives(*, days: int = ARCHIVE_KEEP_DAYS) -> int:
    """Delete archives (row and file) older than ``days``; staff can ask again."""
    cutoff = timezone.now() - dt.timedelta(days=days)
    old = CertificateArchive.objects.filter(requested_at__lt=cutoff).exclude(file="")
    purged = 0
    for archive in old:
        delete_stored(archive.file.name)
        CertificateArchive.objects.filter(pk=archive.pk).delete()
        purged += 1
    return purged
