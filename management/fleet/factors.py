"""Fleet data kept beside the code: emission factors of fuels and plausible tanks.

Fuel CO2 factors are derived from the IPCC 2006 Guidelines (vol. 2, ch. 3 road
transport default CO2 factors, table 3.2.1; net calorific values, vol. 2 ch. 1
table 1.2) and standard densities; electricity uses the SEN grid factor of the
load's year (DOMAIN.md). Each factor carries its source so a report can cite it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from management.models.energy import grid_factor


class Fuel(models.TextChoices):
    GASOLINE = "gasolina", _("Gasolina")
    DIESEL = "diesel", _("Diésel")
    LPG = "glp", _("Gas licuado (GLP)")
    CNG = "gnc", _("Gas natural comprimido (GNC)")
    ELECTRICITY = "electricidad", _("Electricidad")


@dataclass(frozen=True)
class FuelFactor:
    unit: str
    #: kg CO2e per unit (None for electricity: the grid factor of the year).
    kg_co2e: Decimal | None
    #: kWh per unit (Balance Nacional de Energía, DOMAIN.md).
    kwh: Decimal
    source: str


IPCC = "IPCC 2006, vol. 2 cap. 3 (cuadro 3.2.1) y cap. 1 (cuadro 1.2)"
FUEL_FACTORS: dict[str, FuelFactor] = {
    # 69.300 kg CO2/TJ × 44,3 TJ/Gg × 0,74 kg/L
    Fuel.GASOLINE: FuelFactor(
        "L", Decimal("2.272"), Decimal("9.51"), f"{IPCC}; densidad 0,74 kg/L"
    ),
    # 74.100 kg CO2/TJ × 43,0 TJ/Gg × 0,84 kg/L
    Fuel.DIESEL: FuelFactor(
        "L", Decimal("2.677"), Decimal("10.65"), f"{IPCC}; densidad 0,84 kg/L"
    ),
    # 63.100 kg CO2/TJ × 47,3 TJ/Gg × 0,55 kg/L
    Fuel.LPG: FuelFactor(
        "L", Decimal("1.642"), Decimal("7.74"), f"{IPCC}; densidad 0,55 kg/L"
    ),
    # 56.100 kg CO2/TJ × 48,0 TJ/Gg × 0,717 kg/m³
    Fuel.CNG: FuelFactor(
        "m³", Decimal("1.931"), Decimal("10.86"), f"{IPCC}; densidad 0,717 kg/m³"
    ),
    Fuel.ELECTRICITY: FuelFactor(
        "kWh",
        None,
        Decimal("1"),
        "Factor de emisión del SEN del año de la carga (t CO2e/MWh = kg CO2e/kWh)",
    ),
}


def emission_factor(fuel: str, year: int) -> Decimal:
    """kg CO2e per unit of ``fuel`` loaded in ``year``."""
    factor = FUEL_FACTORS[fuel]
    if factor.kg_co2e is not None:
        return factor.kg_co2e
    return grid_factor(year) or grid_factor(min(2018, year)) or Decimal("0")


def fuel_unit(fuel: str) -> str:
    return FUEL_FACTORS[fuel].unit


# Plausible tank (litres; kWh of battery for electricity) per vehicle type; a
# deployment may override them with the FLEET_TANK_LIMITS setting, and a vehicle
# may carry its own capacity.
TANK_LIMITS: dict[str, tuple[int, int]] = {
    "automovil": (70, 120),
    "camioneta": (100, 150),
    "furgon": (100, 120),
    "minibus": (150, 250),
    "bus": (400, 600),
    "camion": (600, 700),
    "motocicleta": (25, 25),
    "otro": (200, 300),
}


def tank_limit(vehicle_type: str, fuel: str) -> int:
    """The most a tank (or battery) of this type plausibly takes in one load."""
    limits = {**TANK_LIMITS, **getattr(settings, "FLEET_TANK_LIMITS", {})}
    litres, kwh = limits.get(vehicle_type, limits["otro"])
    return kwh if fuel == Fuel.ELECTRICITY else litres


# Efficiency outside these bounds is flagged for review (per km/L or km/kWh).
PLAUSIBLE_EFFICIENCY = {"L": (1.5, 40), "m³": (1.5, 40), "kWh": (0.8, 12)}
