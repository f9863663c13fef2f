"""Writes on the factor tables: a new version closes the one it replaces.

Bills keep the factor they were saved with (``Bill.kwh_factor``): nothing here touches
a bill. Reports read the SEN factor of their year when they are built.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ConversionFactor, GridFactor
from ..models.energy import SOURCE_UNITS, source_unit
from ..models.units import EnergySource

#: Units of measure each source may be billed in (a factor per any other is refused).
SOURCE_MEASURES = {
    source: [unit for unit, _factor in units] for source, units in SOURCE_UNITS.items()
}


def _fmt(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@transaction.atomic
def add_factor_version(
    *,
    source: str,
    factor: Decimal,
    valid_from: date,
    reference: str,
    is_confirmed: bool = True,
    unit: str = "",
    user=None,
) -> ConversionFactor:
    """A new open-ended version of ``source``'s factor from ``valid_from``; the version
    in force that day ends the day before. A version starting on or after that date
    would overlap: refused."""
    unit = (unit or "").strip() or source_unit(source)
    reference = (reference or "").strip()
    errors = {}
    if source not in EnergySource.values:
        errors["source"] = _("Elija un energético de la lista.")
    elif unit not in SOURCE_MEASURES.get(source, ()):
        errors["unit"] = _(
            "%(source)s se factura en %(allowed)s, no en «%(unit)s»."
        ) % {
            "source": EnergySource(source).label,
            "allowed": _(" o ").join(SOURCE_MEASURES[source]),
            "unit": unit,
        }
    if factor is None or factor <= 0:
        errors["factor"] = _("El factor debe ser mayor que cero.")
    if not reference:
        errors["reference"] = _(
            "Indique la fuente bibliográfica del factor (publicación, tabla, año)."
        )
    if errors:
        raise ValidationError(errors)
    versions = list(
        ConversionFactor.objects.select_for_update()
        .filter(source=source, unit=unit)
        .order_by("valid_from")
    )
    later = [v for v in versions if v.valid_from >= valid_from]
    if later:
        clash = later[0]
        until = _fmt(clash.valid_until) if clash.valid_until else _("hoy")
        raise ValidationError(
            {
                "valid_from": _(
                    "Se superpone con la versión vigente del %(start)s al %(until)s "
                    "(%(factor)s kWh/%(unit)s): una versión nueva debe comenzar "
                    "después del %(start)s."
                )
                % {
                    "start": _fmt(clash.valid_from),
                    "until": until,
                    "factor": clash.factor,
                    "unit": unit,
                }
            }
        )
    current = [
        v for v in versions if v.valid_until is None or v.valid_until >= valid_from
    ]
    for version in current:  # at most one: versions do not overlap
        version.valid_until = valid_from - timedelta(days=1)
        version.save(update_fields=["valid_until"])
    return ConversionFactor.objects.create(
        source=source,
        unit=unit,
        factor=factor,
        valid_from=valid_from,
        reference=reference,
        is_confirmed=is_confirmed,
        created_by=user,
    )


def update_factor_text(
    *, version: ConversionFactor, reference: str, is_confirmed: bool
) -> ConversionFactor:
    """Only the source text and the confirmed flag change; the figure and dates stay
    (a different figure is a new version)."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError(
            {"reference": _("Indique la fuente bibliográfica del factor.")}
        )
    version.reference = reference
    version.is_confirmed = is_confirmed
    version.save(update_fields=["reference", "is_confirmed"])
    return version


def add_grid_factor(
    *, year: int, factor: Decimal, reference: str, is_official: bool = False
) -> GridFactor:
    reference = (reference or "").strip()
    errors = {}
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = _("Escriba un año entre 2000 y 2100.")
    elif GridFactor.objects.filter(year=year).exists():
        errors["year"] = _(
            "Ya existe el factor de %(year)s: corríjalo desde la lista en vez de "
            "agregar otro."
        ) % {"year": year}
    if factor is None or factor <= 0:
        errors["factor"] = _("El factor debe ser mayor que cero.")
    if not reference:
        errors["reference"] = _("Indique la fuente del factor.")
    if errors:
        raise ValidationError(errors)
    return GridFactor.objects.create(
        year=year, factor=factor, reference=reference, is_official=is_official
    )


def update_grid_factor_text(
    *, grid: GridFactor, reference: str, is_official: bool
) -> GridFactor:
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Indique la fuente del factor.")})
    grid.reference = reference
    grid.is_official = is_official
    grid.save(update_fields=["reference", "is_official"])
    return grid
