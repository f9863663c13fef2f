"""Alcance: which units count, start years, the Red's review; Información agregada;
justifications of units that will not report consumption."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    AggregateInformation,
    ConsumptionJustification,
    ReviewStatus,
    ScopeDefinition,
    Unit,
)
from .locks import current_year, ensure_inventory_editable

#: Years ahead of the current one that Alcance may plan (the seed: 2023, 2024, 2025).
SCOPE_YEARS_AHEAD = 2


@dataclass(frozen=True)
class UnitFlags:
    """What a unit takes part in during a year (DOMAIN.md "Which units count")."""

    reports_energy: bool
    in_efficiency_indicator: bool
    reports_other_items: bool


def unit_flags(unit, year: int) -> UnitFlags:
    """The one place where the rules of which units count are written.

    ``unit`` may be a Unit or any object with the same attributes (e.g. a row
    from ``values()`` wrapped in a namespace).
    """
    active = getattr(unit, "is_active", True)
    energy = (
        active and unit.energy_start_year is not None and unit.energy_start_year <= year
    )
    indicator = (
        energy and not unit.shares_electricity_meter and not unit.shares_gas_meter
    )
    other = (
        active and unit.other_start_year is not None and unit.other_start_year <= year
    )
    return UnitFlags(
        reports_energy=energy,
        in_efficiency_indicator=indicator,
        reports_other_items=other,
    )


def allowed_start_years(year: int | None = None) -> list[int]:
    """The years Alcance may choose: this one and the next two."""
    year = year or current_year()
    return list(range(year, year + SCOPE_YEARS_AHEAD + 1))


def _check_year(value, stored, field: str, label: str) -> None:
    if value is None or value == stored:
        return
    allowed = allowed_start_years()
    if value not in allowed:
        raise ValidationError(
            {
                field: _(
                    "El %(label)s debe ser uno de %(years)s (se planifica desde el año en "
                    "curso hasta dos años más)."
                )
                % {"label": label, "years": ", ".join(str(y) for y in allowed)}
            },
            code="start_year_range",
        )


@transaction.atomic
def set_start_years(
    *, by, unit: Unit, energy_start_year: int | None, other_start_year: int | None
) -> Unit:
    """Set from which year a unit manages energy and the other items (Alcance)."""
    ensure_inventory_editable(service=unit.service, user=by)
    _check_year(
        energy_start_year,
        unit.energy_start_year,
        "energy_start_year",
        _("año de inicio de gestión energética"),
    )
    _check_year(
        other_start_year,
        unit.other_start_year,
        "other_start_year",
        _("año de inicio del resto de ítemes"),
    )
    if (energy_start_year, other_start_year) == (
        unit.energy_start_year,
        unit.other_start_year,
    ):
        return unit
    unit.energy_start_year = energy_start_year
    unit.other_start_year = other_start_year
    unit._history_user = by
    unit.save(update_fields=["energy_start_year", "other_start_year"])
    return unit


def _scope_row(service, year) -> ScopeDefinition:
    row, _created = ScopeDefinition.objects.select_for_update().get_or_create(
        service=service, year=year
    )
    return row


@transaction.atomic
def save_scope_justification(
    *, by, service, year: int, justification: str
) -> ScopeDefinition:
    """Store the justification for units without diagnosis this year."""
    ensure_inventory_editable(service=service, user=by, year=year)
    row = _scope_row(service, year)
    row.justification = justification.strip()
    row._history_user = by
    row.save()
    return row


def _review(row, *, by, status: str, comment: str):
    if status not in (ReviewStatus.VALIDATED, ReviewStatus.OBSERVED):
        raise ValidationError(
            {"review_status": _("Elija Validado u Observado.")}, code="status"
        )
    comment = (comment or "").strip()
    if status == ReviewStatus.OBSERVED and not comment:
        raise ValidationError(
            {
                "review_comment": _(
                    "Explique la observación para que el servicio la corrija."
                )
            },
            code="comment_required",
        )
    row.review_status = status
    row.review_comment = comment
    row.reviewed_by = by
    row.reviewed_at = timezone.now()
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def review_scope(*, by, service, year: int, status: str, comment: str = ""):
    """The Red validates or observes a service's Alcance."""
    return _review(_scope_row(service, year), by=by, status=status, comment=comment)


@transaction.atomic
def save_consumption_justification(
    *, by, unit: Unit, year: int, text: str
) -> ConsumptionJustification:
    """Explain why a unit will not report consumption; the Red reviews it again."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Escriba la justificación.")}, code="required")
    row, _created = ConsumptionJustification.objects.update_or_create(
        unit=unit,
        year=year,
        defaults={
            "text": text,
            "updated_by": by,
            "review_status": ReviewStatus.PENDING,
            "review_comment": "",
            "reviewed_by": None,
            "reviewed_at": None,
        },
    )
    return row


@transaction.atomic
def review_justification(
    *, by, justification: ConsumptionJustification, status: str, comment: str = ""
):
    """The Red validates or observes a unit's justification."""
    return _review(justification, by=by, status=status, comment=comment)


@transaction.atomic
def save_aggregate_information(
    *, by, service, year: int, officials: int, other_collaborators: int
) -> AggregateInformation:
    """Declare the service's collaborators of a year."""
    row, _created = AggregateInformation.objects.update_or_create(
        service=service,
        year=year,
        defaults={
            "officials": officials,
            "other_collaborators": other_collaborators,
            "updated_by": by,
        },
    )
    return row
