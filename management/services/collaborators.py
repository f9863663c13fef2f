"""Writes of the concientized-collaborator list and of gestores' accreditation.

Both are completion handlers (``courses.completion.COMPLETION_HANDLERS``): they run
inside the completion's transaction, after the certificate was issued, and are
idempotent on the enrolment (a one-to-one column decides).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from courses.models import Enrolment, LearningPlatform
from lms.accounts.models import User
from lms.accounts.realms import Realm

from ..models import (
    AggregateInformation,
    ConcientizedCollaborator,
    GestorAccreditation,
    Service,
)

WITHHELD_NAME = "Nombre reservado a petición del titular"


def _valid_certificate(enrolment: Enrolment):
    return enrolment.certificates.filter(revoked_at__isnull=True).first()


def _service_of(enrolment: Enrolment):
    if enrolment.service_id:
        return enrolment.service
    profile = getattr(enrolment.user, "learner_profile", None)
    return profile.service if profile is not None else None


@transaction.atomic
def enter_concientized_collaborator(
    *, enrolment: Enrolment
) -> ConcientizedCollaborator | None:
    """Enter a completed Concientización enrolment in its service's list, once.

    The year is the completion's (local time); the service is the one the learner
    enrolled from. Returns None for other courses or learners without a service.
    """
    if enrolment.completed_at is None:
        return None
    if enrolment.course.platform != LearningPlatform.CONCIENTIZACION:
        return None
    service = _service_of(enrolment)
    if service is None:
        return None
    user = enrolment.user
    entry, _created = ConcientizedCollaborator.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "service": service,
            "year": timezone.localtime(enrolment.completed_at).year,
            "completed_at": enrolment.completed_at,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "rut": user.rut or "",
            "email": user.email,
            "certificate": _valid_certificate(enrolment),
        },
    )
    return entry


def gestion_accounts_for(*, email: str, rut: str):
    """Gestión accounts with this e-mail (any case) or, when given, this RUT."""
    match = Q(email__iexact=email.strip()) if email else Q(pk__in=[])
    if rut:
        match |= Q(rut=rut)
    return User.objects.filter(match, realm=Realm.GESTION)


@transaction.atomic
def accredit_gestor(*, enrolment: Enrolment) -> GestorAccreditation | None:
    """Mark the Gestión account of a Capacitación graduate as accredited, once."""
    if enrolment.completed_at is None:
        return None
    if enrolment.course.platform != LearningPlatform.CAPACITACION:
        return None
    learner = enrolment.user
    account = (
        gestion_accounts_for(email=learner.email, rut=learner.rut or "")
        .order_by("pk")
        .first()
    )
    if account is None:
        return None
    accreditation, _created = GestorAccreditation.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "user": account,
            "certificate": _valid_certificate(enrolment),
            "course_title": enrolment.course.title,
            "accredited_at": enrolment.completed_at,
        },
    )
    return accreditation


def record_completion(*, enrolment: Enrolment) -> None:
    """Completion handler: the list entry or the accreditation, as the course calls for."""
    enter_concientized_collaborator(enrolment=enrolment)
    accredit_gestor(enrolment=enrolment)


def enter_past_completions() -> int:
    """Enter completions made before the list existed (or while it was off); idempotent."""
    created = 0
    pending = (
        Enrolment.objects.completed()
        .filter(concientized_entry__isnull=True, accreditation__isnull=True)
        .select_related("course", "user__learner_profile__service", "service")
    )
    for enrolment in pending.iterator():
        before = (
            enrolment.course.platform == LearningPlatform.CONCIENTIZACION
            and _service_of(enrolment) is not None
        )
        record_completion(enrolment=enrolment)
        created += int(before)
    return created


def withhold_identity(*, user) -> None:
    """Account erasure: the learner's rows stay counted, without name, RUT or e-mail."""
    ConcientizedCollaborator.objects.filter(enrolment__user=user).update(
        first_name=WITHHELD_NAME,
        last_name="",
        rut="",
        email="",
        unit_name="",
        withheld=True,
    )


def export_collaborator_data(*, user) -> dict:
    """The learner's data download: where they count as a concientized collaborator."""
    return {
        "colaborador_concientizado": [
            {
                "servicio": entry.service.name,
                "año": entry.year,
                "aprobado": entry.completed_at.isoformat(),
            }
            for entry in ConcientizedCollaborator.objects.filter(
                enrolment__user=user
            ).select_related("service")
        ]
    }


# Reads: the O1-RT3 indicator.


@dataclass(frozen=True)
class Indicator:
    """% de colaboradores concientizados of one service and year."""

    year: int
    completions: int
    declared: int | None

    @property
    def percent(self) -> Decimal | None:
        """None when no collaborators were declared (never a division by zero)."""
        if not self.declared:
            return None
        return (Decimal(100) * self.completions / self.declared).quantize(
            Decimal("0.1")
        )


def concientization_indicator(*, service, year: int) -> Indicator:
    """Completions of the year over the collaborators declared in Información agregada."""
    completions = ConcientizedCollaborator.objects.filter(
        service=service, year=year
    ).count()
    declared = (
        AggregateInformation.objects.filter(service=service, year=year)
        .annotate(total=F("officials") + F("other_collaborators"))
        .values_list("total", flat=True)
        .first()
    )
    return Indicator(year=year, completions=completions, declared=declared)


def services_with_indicator(*, year: int, queryset=None):
    """Services annotated with the year's completions, declared collaborators and %."""
    queryset = queryset if queryset is not None else Service.objects.active()
    completions = (
        ConcientizedCollaborator.objects.filter(service=OuterRef("pk"), year=year)
        .order_by()
        .values("service")
        .annotate(n=Count("pk"))
        .values("n")
    )
    declared = AggregateInformation.objects.filter(
        service=OuterRef("pk"), year=year
    ).annotate(total=F("officials") + F("other_collaborators"))
    return queryset.select_related("institution").annotate(
        completions=Coalesce(Subquery(completions), 0),
        declared=Subquery(declared.values("total")[:1]),
        percent=Case(
            When(
                declared__gt=0,
                then=ExpressionWrapper(
                    Cast(F("completions"), FloatField()) * 100.0 / F("declared"),
                    output_field=FloatField(),
                ),
            ),
            default=None,
            output_field=FloatField(),
        ),
    )


# The year's list as evidence: validated by the service, reviewed by the Red.


class ListValidationError(Exception):
    """A validation step that the list's state does not allow (message in Spanish)."""


def frozen_rows(*, service, year: int) -> list[dict]:
    """The year's list as it stands, in the form kept by a validation and its PDF."""
    from certificates.codes import format_code
    from lms.core.rut import mask_rut

    rows = []
    entries = (
        ConcientizedCollaborator.objects.filter(service=service, year=year)
        .order_by("last_name", "first_name", "pk")
        .values_list(
            "first_name",
            "last_name",
            "rut",
            "unit_name",
            "completed_at",
            "certificate__code",
        )
    )
    for first, last, rut, unit, completed, code in entries.iterator(chunk_size=2000):
        rows.append(
            {
                "name": f"{first} {last}".strip(),
                "rut": mask_rut(rut),
                "unit": unit,
                "completed": timezone.localtime(completed).strftime("%d-%m-%Y"),
                "code": format_code(code) if code else "",
            }
        )
    return rows


@transaction.atomic
def validate_list(*, by, service, year: int):
    """The service declares the year's list complete: it is frozen and filed as a PDF.

    An observed (or not yet reviewed) list may be validated again, which freezes it
    anew; one the Red validated is final.
    """
    from ..models import ListValidation, ListValidationEvent
    from ..tasks import build_list_validation_pdf_task

    if year > timezone.localdate().year:
        raise ListValidationError("No se puede validar el listado de un año futuro.")
    validation = (
        ListValidation.objects.select_for_update()
        .filter(service=service, year=year)
        .first()
    )
    if validation is not None and validation.status == ListValidation.Status.APPROVED:
        raise ListValidationError(
            "La Red ya validó el listado de este año; no se puede cambiar."
        )
    rows = frozen_rows(service=service, year=year)
    indicator = concientization_indicator(service=service, year=year)
    if validation is None:
        validation = ListValidation(service=service, year=year)
    elif validation.pdf:
        validation.pdf.delete(save=False)
    validation.status = ListValidation.Status.SUBMITTED
    validation.rows = rows
    validation.count = len(rows)
    validation.declared = indicator.declared
    validation.validated_by = by
    validation.validated_at = timezone.now()
    validation.pdf = ""
    validation.pdf_sha256 = ""
    validation.save()
    ListValidationEvent.objects.create(
        validation=validation,
        action=ListValidationEvent.Action.VALIDATED,
        by=by,
        count=len(rows),
    )
    transaction.on_commit(lambda: build_list_validation_pdf_task.delay(validation.pk))
    return validation


@transaction.atomic
def review_list(*, by, validation, approve: bool, comment: str = ""):
    """The Red validates or observes a submitted list (an observation needs a reason)."""
    from ..models import ListValidation, ListValidationEvent

    comment = (comment or "").strip()
    locked = ListValidation.objects.select_for_update().get(pk=validation.pk)
    if locked.status != ListValidation.Status.SUBMITTED:
        raise ListValidationError(
            "Este listado ya fue revisado; espere a que el servicio lo valide de nuevo."
        )
    if not approve and not comment:
        raise ListValidationError("Para observar el listado, escriba el motivo.")
    locked.status = (
        ListValidation.Status.APPROVED if approve else ListValidation.Status.OBSERVED
    )
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment
    locked.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_comment"]
    )
    ListValidationEvent.objects.create(
        validation=locked,
        action=ListValidationEvent.Action.APPROVED
        if approve
        else ListValidationEvent.Action.OBSERVED,
        by=by,
        count=locked.count,
        comment=comment,
    )
    return locked


def build_list_pdf(validation_id: int):
    """Render the frozen list of a validation as a PDF (idempotent)."""
    import hashlib

    from django.core.files.base import ContentFile

    from certificates.pdf import render_template_pdf

    from ..models import ListValidation

    with transaction.atomic():
        validation = (
            ListValidation.objects.select_for_update(of=("self",))
            .select_related("service__institution", "validated_by")
            .get(pk=validation_id)
        )
        if validation.pdf:
            return validation
        data = render_template_pdf(
            "management/pdf/concientized_list.html",
            {
                "validation": validation,
                "service": validation.service,
                "rows": validation.rows,
                "generated": timezone.localtime(),
            },
        )
        validation.pdf.save(
            f"concientizados-{validation.service.code or validation.service_id}-"
            f"{validation.year}.pdf".lower(),
            ContentFile(data),
            save=False,
        )
        validation.pdf_sha256 = hashlib.sha256(data).hexdigest()
        validation.save(update_fields=["pdf", "pdf_sha256"])
    return validation
