"""Emissions of energy use, tCO2e: electricity by the SEN factor of its year, fuels by
the factors of the Estado Verde table (kgCO2e per litre, kg or m³).

Every figure starts from kWh (the monthly table and the bills keep them): a fuel's
factor per unit of measure becomes a factor per kWh through the conversion factor of
the same unit, so bills of one fuel in two units (GLP in kg and in litres) add up.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..models.energy import grid_factor, kwh_factor, source_units
from ..models.units import EnergySource


@dataclass
class SourceFactor:
    """tCO2e per kWh of one source in one year, and where it comes from."""

    source: str
    per_kwh: Decimal
    text: str
    confirmed: bool


def emission_factors(year: int) -> dict[str, SourceFactor]:
    """The factor of each source that has one for ``year`` (sources without a
    factor — leña, pellet, district heat until one is added — are missing)."""
    from ..estado_verde.models import EmissionFactor

    found: dict[str, SourceFactor] = {}
    grid = grid_factor(year)
    if grid is not None:
        found[EnergySource.ELECTRICITY] = SourceFactor(
            EnergySource.ELECTRICITY,
            grid / 1000,
            f"SEN {grid} tCO2e/MWh",
            True,
        )
    fuels = EmissionFactor.objects.filter(
        category=EmissionFactor.Category.FUEL, key__in=EnergySource.values
    ).in_force(year)
    for key, factor in fuels.items():
        if key == EnergySource.ELECTRICITY:
            continue
        measure = factor.unit.rsplit("/", 1)[-1].strip()
        if measure not in source_units(key):
            continue  # a factor per a unit no bill uses cannot be applied
        per_unit = kwh_factor(key, date(year, 12, 31), measure)
        found[key] = SourceFactor(
            key,
            factor.value / per_unit / 1000,
            f"{factor.value} {factor.unit} ({factor.source})",
            factor.confirmed,
        )
    return found


def tco2e(kwh_by_source: dict[str, Decimal], factors: dict[str, SourceFactor]):
    """Total tCO2e of these kWh (None when there is consumption but none of it has a
    factor; zero without consumption), and the names of the sources with kWh but no
    factor."""
    total, counted, missing = Decimal(0), False, []
    for source, kwh in kwh_by_source.items():
        if not kwh:
            continue
        if source in factors:
            total += kwh * factors[source].per_kwh
            counted = True
        else:
            missing.append(str(EnergySource(source).label))
    return (None if missing and not counted else total), missing
