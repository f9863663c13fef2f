"""Writes on units: create, edit, floors and areas, deactivation, energéticos."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import EnergySource, Unit, UnitArea, UnitEnergySource, UnitFloor
from .locks import ensure_inventory_editable

_RANGE = re.compile(r"^(-?\d+)\s*(?:-|a)\s*(-?\d+)$")


def parse_floors(text: str) -> list[int]:
    """``"4, 5, 7"``, ``"1-3"`` or ``"-1, 1"`` → sorted floor numbers; Spanish errors."""
    numbers: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,;]", text or ""))):
        match = _RANGE.match(part)
        try:
            if match:
                low, high = int(match.group(1)), int(match.group(2))
                if high < low or high - low > 200:
                    raise ValueError
                numbers.update(range(low, high + 1))
            else:
                numbers.add(int(part))
        except ValueError:
            raise ValidationError(
                _(
                    "No se entiende «%(part)s». Escriba los pisos separados por comas, "
                    "por ejemplo 4, 5, 7, o un rango como 1-3 (subterráneos con signo "
                    "menos: -1)."
                ),
                code="floors_format",
                params={"part": part},
            ) from None
    if not numbers:
        raise ValidationError(
            _("Indique al menos un piso que ocupa la unidad."), code="floors_required"
        )
    if min(numbers) < -10 or max(numbers) > 200:
        raise ValidationError(
            _("Los pisos deben estar entre -10 y 200."), code="floors_range"
        )
    return sorted(numbers)


def floor_summary(numbers: list[int]) -> str:
    """Floor numbers as the lists show them: ``4, 5, 7``."""
    return ", ".join(str(n) for n in numbers)


def _set_floors(unit: Unit, numbers: list[int]) -> None:
    UnitFloor.objects.filter(unit=unit).exclude(number__in=numbers).delete()
    existing = set(UnitFloor.objects.filter(unit=unit).values_list("number", flat=True))
    UnitFloor.objects.bulk_create(
        UnitFloor(unit=unit, number=n) for n in numbers if n not in existing
    )


@transaction.atomic
def create_unit(*, by, service, building, floors: list[int], **fields) -> Unit:
    """Register a unit of ``service`` in ``building`` on the given floors."""
    ensure_inventory_editable(service=service, user=by)
    unit = Unit(service=service, building=building, **fields)
    unit.floor_summary = floor_summary(floors)
    unit._history_user = by
    unit.full_clean()
    unit.save()
    _set_floors(unit, floors)
    return unit


@transaction.atomic
def update_unit(*, by, unit: Unit, floors: list[int] | None = None, **fields) -> Unit:
    """Change a unit's inventory fields (and floors, when given)."""
    ensure_inventory_editable(service=unit.service, user=by)
    for name, value in fields.items():
        setattr(unit, name, value)
    if floors is not None:
        unit.floor_summary = floor_summary(floors)
    unit._history_user = by
    unit.full_clean()
    unit.save()
    if floors is not None:
        _set_floors(unit, floors)
    return unit


@transaction.atomic
def deactivate_unit(*, by, unit: Unit, reason: str) -> Unit:
    """Mark a unit as no longer in use; its data stays (units are never deleted)."""
    ensure_inventory_editable(service=unit.service, user=by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Indique por qué la unidad deja de usarse.")}, code="required"
        )
    unit.is_active = False
    unit.deactivated_at = timezone.now()
    unit.deactivation_reason = reason[:255]
    unit._history_user = by
    unit.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
    return unit


@transaction.atomic
def reactivate_unit(*, by, unit: Unit) -> Unit:
    """Put a deactivated unit back in the inventory."""
    ensure_inventory_editable(service=unit.service, user=by)
    unit.is_active = True
    unit.deactivated_at = None
    unit.deactivation_reason = ""
    unit._history_user = by
    unit.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
    return unit


@transaction.atomic
def set_energy_source(*, unit: Unit, source: str, is_on: bool) -> UnitEnergySource:
    """Switch an energy source on or off for a unit."""
    if source not in EnergySource.values:
        raise ValidationError(_("Esa fuente energética no existe."), code="source")
    switch, _created = UnitEnergySource.objects.update_or_create(
        unit=unit, source=source, defaults={"is_on": is_on}
    )
    return switch


@transaction.atomic
def add_area(*, floor: UnitFloor, name: str, surface_m2=None) -> UnitArea:
    """Name an area on one of the unit's floors."""
    area = UnitArea(floor=floor, name=(name or "").strip(), surface_m2=surface_m2)
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def remove_area(*, area: UnitArea) -> None:
    """Remove an area (it holds no reported data)."""
    area.delete()
