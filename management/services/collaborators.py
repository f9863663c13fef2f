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
