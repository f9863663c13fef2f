"""Writes of the certificates: issue, PDF, revocation, re-issue and bulk downloads."""

import csv
import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment
from lms.core.exports import safe_cell

from .codes import generate_code
from .models import Certificate, CertificateArchive, CertificateTemplate

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 8
REVOKE_PERMISSION = "certificates.revoke_certificate"
ARCHIVE_PERMISSION = "certificates.add_certificatearchive"
ARCHIVE_MAX = 20_000
# Used when no template exists at all: who stands behind every certificate.
FALLBACK_SIGNATORY = ("Programa Gestiona Energía", "Ministerio de Energía")


def template_for(course: CoursePage) -> CertificateTemplate:
    """The course's own template, else its platform's default, else the built-in one."""
    if course.certificate_template_id:
        template = CertificateTemplate.objects.filter(
            pk=course.certificate_template_id
        ).first()
        if template is not None:
            return template
    template = CertificateTemplate.objects.filter(default_for=course.platform).first()
    if template is not None:
        return template
    name, role = FALLBACK_SIGNATORY
    return CertificateTemplate(signatory_name=name, signatory_role=role)


def _snapshot(enrolment: Enrolment) -> dict:
    user, course = enrolment.user, enrolment.course
    profile = getattr(user, "learner_profile", None)
    institution = enrolment.institution or (profile.institution if profile else None)
    service = enrolment.service or (profile.service if profile else None)
    return {
        "course": course,
        "service": service,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "rut": user.rut or "",
        "institution_name": institution.name if institution else "",
        "service_name": service.name if service else "",
        "course_title": course.title,
        "platform": course.platform,
        "hours": course.hours,
        "score": enrolment.score,
        "completed_at": enrolment.completed_at,
    }


def _queue_pdf(certificate: Certificate) -> None:
    from .tasks import render_certificate_pdf

    transaction.on_commit(lambda pk=certificate.pk: render_certificate_pdf.delay(pk))


@transaction.atomic
def issue_certificate(
    *, enrolment: Enrolment, by=None, replaces: Certificate | None = None
) -> Certificate:
    """Issue a certificate with a fresh snapshot and a new code, and queue its PDF.

    The code is retried on the (astronomically rare) collision; the database's unique
    constraint is what decides.
    """
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related(
            "user__learner_profile__institution",
            "user__learner_profile__service",
            "course",
            "institution",
            "service",
        )
        .get(pk=enrolment.pk)
    )
    if enrolment.completed_at is None:
        raise ValidationError(_("La inscripción aún no está completada."))
    template = template_for(enrolment.course)
    fields = _snapshot(enrolment)
    for _attempt in range(CODE_ATTEMPTS):
        certificate = Certificate(
            code=generate_code(),
            enrolment=enrolment,
            template=template if template.pk else None,
            design=template.freeze(),
            issued_by=by,
            replaces=replaces,
            issued_at=max(timezone.now(), enrolment.completed_at),
            **fields,
        )
        certificate.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
        except IntegrityError:
            if Certificate.objects.filter(code=certificate.code).exists():
                logger.warning("Certificate code collision; drawing another")
                continue
            raise
        _queue_pdf(certificate)
        return certificate
    raise RuntimeError("Could not draw an unused certificate code")


def issue_for_enrolment(*, enrolment: Enrolment) -> Certificate:
    """Completion handler: the enrolment's certificate, issued once.

    An enrolment that already has one (valid or revoked) keeps it: revoked
    certificates come back only through an explicit re-issue.
    """
    existing = (
        Certificate.objects.filter(enrolment_id=enrolment.pk)
        .order_by("-issued_at", "-pk")
        .first()
    )
    return existing or issue_certificate(enrolment=enrolment)


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
    from .rendering import render_certificate

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
            transaction.on_commit(lambda: _delete_quietly(previous))
    _copy_pdf_fields(locked, certificate)
    return data


def _copy_pdf_fields(source: Certificate, target: Certificate) -> None:
    target.pdf = source.pdf
    target.pdf_sha256, target.pdf_rendered_at = (
        source.pdf_sha256,
        source.pdf_rendered_at,
    )


def _delete_quietly(name: str) -> None:
    try:
        Certificate._meta.get_field("pdf").storage.delete(name)
    except OSError:
        logger.warning("Could not delete the replaced PDF %s", name)


def ensure_pdf(*, certificate_id: int) -> Certificate:
    """Render and store the PDF unless one is already stored (the worker's job)."""
    certificate = Certificate.objects.get(pk=certificate_id)
    if not certificate.pdf:
        _render_and_store(certificate, stale="")
    return certificate


def _require(by, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied(_("No tiene permiso para hacer esto."))


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Indique el motivo; queda registrado.")}, code="required"
        )
    return reason


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a valid certificate, recording who, when and why; it stays, code and all."""
    _require(by, REVOKE_PERMISSION)
    reason = _clean_reason(reason)
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(
            _("Este certificado ya fue revocado el %(date)s.")
            % {"date": timezone.localtime(locked.revoked_at).strftime("%d-%m-%Y")},
            code="revoked",
        )
    locked.revoked_at, locked.revoked_by = timezone.now(), by
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return locked


@transaction.atomic
def reissue_certificate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Replace a certificate with a new one (new code, today's names and template).

    The old one is revoked (if it was not already) and points to its replacement.
    """
    _require(by, REVOKE_PERMISSION)
    reason = _clean_reason(reason)
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    replacement = Certificate.objects.filter(replaces=locked).first()
    if replacement is not None:
        raise ValidationError(
            _("Este certificado ya fue reemplazado por %(code)s.")
            % {"code": replacement.display_code},
            code="replaced",
        )
    if locked.revoked_at is None:
        locked.revoked_at, locked.revoked_by = timezone.now(), by
        locked.revocation_reason = _("Reemitido: %(reason)s") % {"reason": reason}
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    elif Certificate.objects.valid().filter(enrolment_id=locked.enrolment_id).exists():
        raise ValidationError(
            _("Esta inscripción ya tiene un certificado vigente."), code="valid_exists"
        )
    return issue_certificate(enrolment=locked.enrolment, by=by, replaces=locked)


# Bulk downloads ---------------------------------------------------------------------


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
    from .selectors import archive_certificates
    from .tasks import build_certificate_archive

    _require(by, ARCHIVE_PERMISSION)
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
    from .selectors import archive_certificates, archive_index_rows

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
        _delete_quietly(archive.file.name)
        CertificateArchive.objects.filter(pk=archive.pk).delete()
        purged += 1
    return purged
