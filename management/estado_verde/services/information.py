"""Writes on the service-level Estado Verde: documents, committee, commuting, air travel."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    AirTrip,
    CommitteeMeeting,
    CommitteeMember,
    CommutingEntry,
    CommutingSurvey,
    DocumentKind,
    NoDocumentDeclaration,
    NoTravelDeclaration,
    ServiceDocument,
)

NEEDS_RESOLUTION = (
    DocumentKind.COMMITTEE_RESOLUTION,
    DocumentKind.ENVIRONMENTAL_POLICY,
)


def _future_year(year: int, errors: dict, field: str = "year") -> None:
    if year > timezone.localdate().year:
        errors[field] = _("El año %(y)s aún no comienza.") % {"y": year}


def _finish(instance, errors: dict, user=None):
    if errors:
        raise ValidationError(errors)
    if user is not None and instance.pk is None and hasattr(instance, "created_by"):
        instance.created_by = user
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def save_document(*, document: ServiceDocument, user=None) -> ServiceDocument:
    """Store a typed document of the service (its file is checked by content)."""
    errors: dict = {}
    _future_year(document.year, errors)
    document.resolution_number = (document.resolution_number or "").strip()
    if document.kind in NEEDS_RESOLUTION and not document.resolution_number:
        errors["resolution_number"] = _(
            "Indique el N° de la resolución que aprueba este documento."
        )
    if document.issued_on and document.issued_on > timezone.localdate():
        errors["issued_on"] = _("La fecha del documento no puede ser futura.")
    if NoDocumentDeclaration.objects.filter(
        service=document.service, year=document.year, kind=document.kind
    ).exists():
        errors["kind"] = _(
            "El servicio declaró «No registra» para este tipo de documento en "
            "%(y)s; quite esa declaración antes de subir el documento."
        ) % {"y": document.year}
    return _finish(document, errors, user)


@transaction.atomic
def declare_no_document(
    *, declaration: NoDocumentDeclaration, user=None
) -> NoDocumentDeclaration:
    """ "No registra": the service has no document of a kind this year."""
    errors: dict = {}
    _future_year(declaration.year, errors)
    declaration.justification = (declaration.justification or "").strip()
    if not declaration.justification:
        errors["justification"] = _("Explique por qué el servicio no lo tiene.")
    if ServiceDocument.objects.filter(
        service=declaration.service, year=declaration.year, kind=declaration.kind
    ).exists():
        errors["kind"] = _(
            "El servicio ya subió un documento de este tipo en %(y)s."
        ) % {"y": declaration.year}
    if (
        NoDocumentDeclaration.objects.filter(
            service=declaration.service, year=declaration.year, kind=declaration.kind
        )
        .exclude(pk=declaration.pk)
        .exists()
    ):
        errors["kind"] = _("Ya existe esa declaración para %(y)s.") % {
            "y": declaration.year
        }
    return _finish(declaration, errors, user)


@transaction.atomic
def save_member(*, member: CommitteeMember) -> CommitteeMember:
    errors: dict = {}
    member.email = (member.email or "").strip().lower()
    if member.unit_id and member.unit.service_id != member.service_id:
        errors["unit"] = _("Elija una unidad del propio servicio.")
    if (
        CommitteeMember.objects.filter(service=member.service, email=member.email)
        .exclude(pk=member.pk)
        .exists()
    ):
        errors["email"] = _("Ese correo ya figura en el comité.")
    return _finish(member, errors)


@transaction.atomic
def save_meeting(*, meeting: CommitteeMeeting, user=None) -> CommitteeMeeting:
    errors: dict = {}
    if meeting.held_on > timezone.localdate():
        errors["held_on"] = _("Registre reuniones ya realizadas (la fecha es futura).")
    if (
        CommitteeMeeting.objects.filter(
            service=meeting.service, held_on=meeting.held_on, subject=meeting.subject
        )
        .exclude(pk=meeting.pk)
        .exists()
    ):
        errors["subject"] = _("Esa reunión ya está registrada.")
    return _finish(meeting, errors, user)


@transaction.atomic
def save_commuting_survey(
    *, survey: CommutingSurvey, entries: dict, user=None
) -> CommutingSurvey:
    """Store the survey of a service and year with one row per mode used.

    ``entries`` maps a mode to (collaborators, one-way km); modes left out are
    removed. The people counted over every mode cannot exceed the respondents.
    """
    errors: dict = {}
    _future_year(survey.year, errors)
    if not entries:
        errors["respondents"] = _(
            "Indique al menos un medio de transporte con sus colaboradores y distancia."
        )
    people = sum(n for n, _km in entries.values())
    if survey.respondents and people > survey.respondents:
        errors["respondents"] = _(
            "La suma de colaboradores por medio (%(p)s) supera a las personas que "
            "respondieron (%(r)s)."
        ) % {"p": people, "r": survey.respondents}
    if (
        CommutingSurvey.objects.filter(service=survey.service, year=survey.year)
        .exclude(pk=survey.pk)
        .exists()
    ):
        errors["year"] = _("El servicio ya tiene la encuesta de %(y)s.") % {
            "y": survey.year
        }
    survey = _finish(survey, errors, user)
    survey.entries.exclude(mode__in=list(entries)).delete()
    for mode, (n, km) in entries.items():
        CommutingEntry.objects.update_or_create(
            survey=survey, mode=mode, defaults={"collaborators": n, "distance_km": km}
        )
    return survey


@transaction.atomic
def save_air_trip(*, trip: AirTrip, user=None) -> AirTrip:
    """Store official air travel on a route; trips = 2 × round trips + one-way."""
    errors: dict = {}
    start, end = trip.period_start, trip.period_end
    if end < start:
        errors["period_end"] = _("El término del periodo es anterior a su inicio.")
    elif start.year != end.year:
        errors["period_end"] = _(
            "El periodo debe quedar dentro de un mismo año; registre cada año por separado."
        )
    if end > timezone.localdate():
        errors["period_end"] = _("El periodo no puede terminar en el futuro.")
    trip.year = start.year
    trip.origin, trip.destination = trip.origin.strip(), trip.destination.strip()
    if trip.origin and trip.origin.lower() == trip.destination.lower():
        errors["destination"] = _("El destino debe ser distinto del origen.")
    if not (trip.one_way_trips or trip.round_trips):
        errors["round_trips"] = _("Registre al menos un viaje.")
    if NoTravelDeclaration.objects.filter(
        service=trip.service, year=trip.year
    ).exists():
        errors["period_start"] = _(
            "El servicio declaró que no tuvo viajes en %(y)s; quite esa declaración "
            "antes de registrar viajes."
        ) % {"y": trip.year}
    return _finish(trip, errors, user)


@transaction.atomic
def declare_no_travel(
    *, service, year: int, justification: str = "", user=None
) -> NoTravelDeclaration:
    """ "No declara viajes": no official air travel in the year."""
    errors: dict = {}
    _future_year(year, errors)
    if AirTrip.objects.filter(service=service, year=year).exists():
        errors["year"] = _("El servicio ya registró viajes en avión en %(y)s.") % {
            "y": year
        }
    if NoTravelDeclaration.objects.filter(service=service, year=year).exists():
        errors["year"] = _("Ya existe esa declaración para %(y)s.") % {"y": year}
    declaration = NoTravelDeclaration(
        service=service, year=year, justification=justification.strip()
    )
    return _finish(declaration, errors, user)


@transaction.atomic
def delete_record(*, record) -> None:
    """Remove a document, declaration, meeting or trip (kept in the audit history)."""
    record.delete()
