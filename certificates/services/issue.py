"""Issue a certificate (frozen snapshot, new code), revoke it, re-issue it."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment

from ..codes import generate_code
from ..models import Certificate, CertificateTemplate

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 8
REVOKE_PERMISSION = "certificates.revoke_certificate"
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
    from ..tasks import render_certificate_pdf

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


def require_permission(by, permission: str) -> None:
    """Staff actions check the permission here too, not only in the view."""
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
    require_permission(by, REVOKE_PERMISSION)
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
    require_permission(by, REVOKE_PERMISSION)
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
