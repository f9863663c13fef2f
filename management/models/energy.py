"""Energy supply of a unit: distributors, client numbers (N° Cliente) and meters.

Conversion factors to kWh and the grid emission factor live in tables the
Administrador keeps (models/factors.py), seeded from the constants below (DOMAIN.md:
Balance Nacional de Energía; SEN operational factor); the helpers read the tables.
"""

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .factors import factor_versions, grid_factors
from .units import EnergySource, Unit, UnitChildQuerySet, unit_filter

#: Invoice units of each source with their kWh per unit (Balance Nacional de Energía,
#: 1 kWh = 860 kcal); the first unit is the usual one. GLP bought in bulk is billed
#: in litres (density 0.550 kg/L). Pellet and district heat are unconfirmed.
SOURCE_UNITS = {
    EnergySource.ELECTRICITY: (("kWh", Decimal("1")),),
    EnergySource.NATURAL_GAS: (("m³", Decimal("10.86")),),
    EnergySource.LPG: (("kg", Decimal("14.07")), ("L", Decimal("7.74"))),
    EnergySource.HEAT: (("kWh", Decimal("1")),),
    EnergySource.DIESEL: (("L", Decimal("10.65")),),
    EnergySource.KEROSENE: (("L", Decimal("10.45")),),
    EnergySource.GASOLINE: (("L", Decimal("9.51")),),
    EnergySource.FUEL_OIL: (("L", Decimal("11.54")),),
    EnergySource.FIREWOOD: (("kg", Decimal("4.07")),),
    EnergySource.COAL: (("kg", Decimal("8.14")),),
    EnergySource.PELLET: (("kg", Decimal("4.8")),),
}
FACTOR_SOURCE = (
    "Balance Nacional de Energía, tabla de poderes caloríficos (1 kWh = 860 kcal)"
)

#: SEN grid emission factor, tCO2e per MWh, by year (2023: official operational factor).
GRID_FACTORS = {
    2018: Decimal("0.419"),
    2019: Decimal("0.406"),
    2020: Decimal("0.383"),
    2021: Decimal("0.391"),
    2022: Decimal("0.301"),
    2023: Decimal("0.2384"),
}


def grid_factor(year: int) -> Decimal | None:
    """The SEN factor of ``year`` (table kept by the Administrador); later years use
    the latest one; years before the first have none."""
    return _grid_entry(year)[1]


def grid_factor_year(year: int) -> int | None:
    """The year whose factor ``grid_factor(year)`` gives."""
    return _grid_entry(year)[0]


def _grid_entry(year: int) -> tuple[int | None, Decimal | None]:
    table = grid_factors() or GRID_FACTORS
    if year in table:
        return year, table[year]
    if year > max(table):
        return max(table), table[max(table)]
    return None, None


def source_unit(source: str) -> str:
    """The usual invoice unit of ``source`` (kWh, m³, kg, L)."""
    units = source_units(source)
    return units[0] if units else ""


def source_units(source: str) -> list[str]:
    """Every invoice unit a bill of ``source`` may use: the usual one first, then
    any other unit the Administrador keeps a factor for."""
    units = [unit for unit, _factor in SOURCE_UNITS.get(source, ())]
    for version in factor_versions().get(source, ()):
        if version[3] not in units:
            units.append(version[3])
    return units


def kwh_factor(source: str, on: date | None = None, unit: str | None = None) -> Decimal:
    """kWh per ``unit`` (the usual one if not given) of ``source`` valid on ``on``
    (today if not given): the version whose validity covers the date, else the latest
    one starting before it, else the earliest. Without any version, the DOMAIN.md
    constant."""
    unit = unit or source_unit(source)
    versions = [v for v in factor_versions().get(source, ()) if v[3] == unit]
    if not versions:
        return dict(SOURCE_UNITS[source])[unit]
    on = on or timezone.localdate()
    chosen = versions[0]
    for version in versions:
        if version[0] <= on:
            chosen = version
    return chosen[2]


class Tariff(models.TextChoices):
    BT1 = "BT1", "BT1"
    BT2 = "BT2", "BT2"
    BT3 = "BT3", "BT3"
    BT41 = "BT4.1", "BT4.1"
    BT42 = "BT4.2", "BT4.2"
    BT43 = "BT4.3", "BT4.3"
    AT2 = "AT2", "AT2"
    AT3 = "AT3", "AT3"
    AT41 = "AT4.1", "AT4.1"
    AT42 = "AT4.2", "AT4.2"
    AT43 = "AT4.3", "AT4.3"


class Distributor(models.Model):
    """A distribuidora of one energy source (editable list)."""

    source = models.CharField(
        _("fuente energética"), max_length=30, choices=EnergySource.choices
    )
    name = models.CharField(_("nombre"), max_length=120)
    is_active = models.BooleanField(_("activa"), default=True)

    class Meta:
        verbose_name = _("distribuidora")
        verbose_name_plural = _("distribuidoras")
        ordering = ["source", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "name"], name="management_distributor_unique"
            )
        ]

    def __str__(self):
        return self.name


class ClientNumber(models.Model):
    """A N° Cliente: the account of a unit with a distributor for one source."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="client_numbers",
        verbose_name=_("unidad"),
    )
    source = models.CharField(
        _("fuente energética"), max_length=30, choices=EnergySource.choices
    )
    distributor = models.ForeignKey(
        Distributor,
        on_delete=models.PROTECT,
        related_name="client_numbers",
        verbose_name=_("distribuidora"),
    )
    number = models.CharField(_("N° de cliente"), max_length=40)
    tariff = models.CharField(
        _("tarifa"), max_length=10, choices=Tariff.choices, blank=True
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = UnitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("N° de cliente")
        verbose_name_plural = _("N° de cliente")
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["distributor", "number"],
                name="management_client_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(source=EnergySource.ELECTRICITY) | Q(tariff=""),
                name="management_client_tariff_electricity",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.distributor})"


class MeterQuerySet(ScopedQuerySet):
    service_lookup = "client_number__unit__service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles, prefix="client_number__unit__")
        return self if q is None else self.filter(q)


class Meter(models.Model):
    """A meter of a client number; a replaced meter stays as history."""

    client_number = models.ForeignKey(
        ClientNumber,
        on_delete=models.PROTECT,
        related_name="meters",
        verbose_name=_("N° de cliente"),
    )
    number = models.CharField(_("N° de medidor"), max_length=40)
    is_smart = models.BooleanField(_("medidor inteligente"), default=False)
    shared_with = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="shared_meters",
        verbose_name=_("compartido con las unidades"),
    )
    active_from = models.DateField(_("activo desde"))
    active_until = models.DateField(_("activo hasta"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("reemplazado por"),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = MeterQuerySet.as_manager()

    class Meta:
        verbose_name = _("medidor")
        verbose_name_plural = _("medidores")
        ordering = ["client_number", "-active_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_number", "number"],
                name="management_meter_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="management_meter_dates",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(active_until__isnull=False),
                name="management_meter_replaced_has_end",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_active(self) -> bool:
        return self.active_until is None

    @property
    def source(self) -> str:
        return self.client_number.source
