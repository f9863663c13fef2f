"""Conversion factors to kWh and SEN grid emission factors, as versioned data.

Seeded from DOMAIN.md (Balance Nacional de Energía; Coordinador Eléctrico Nacional)
and kept by the Administrador in Configuración. A bill stores the factor it was saved
with, so a new version never rewrites earlier bills.
"""

import time

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from .units import EnergySource


class ConversionFactor(models.Model):
    """kWh per invoice unit of one source, valid from one date until another (or today)."""

    source = models.CharField(
        _("energético"), max_length=30, choices=EnergySource.choices
    )
    unit = models.CharField(_("unidad de medida"), max_length=10)
    factor = models.DecimalField(_("kWh por unidad"), max_digits=10, decimal_places=4)
    valid_from = models.DateField(_("vigente desde"))
    valid_until = models.DateField(_("vigente hasta"), null=True, blank=True)
    reference = models.TextField(_("fuente bibliográfica"))
    is_confirmed = models.BooleanField(_("confirmado"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creado por"),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor de conversión a kWh")
        verbose_name_plural = _("factores de conversión a kWh")
        ordering = ["source", "unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "unit", "valid_from"],
                name="management_factor_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(factor__gt=0), name="management_factor_positive"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="management_factor_dates",
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} · {self.factor} kWh/{self.unit}"


class GridFactor(models.Model):
    """The SEN grid emission factor of one year, tCO2e per MWh."""

    year = models.PositiveSmallIntegerField(_("año"), unique=True)
    factor = models.DecimalField(_("tCO2e por MWh"), max_digits=8, decimal_places=4)
    reference = models.TextField(_("fuente"))
    is_official = models.BooleanField(
        _("factor oficial"),
        default=False,
        help_text=_(
            "Factor operacional oficial; si no, promedio de valores mensuales."
        ),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor de emisión del SEN")
        verbose_name_plural = _("factores de emisión del SEN")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(factor__gt=0), name="management_grid_factor_positive"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.factor} tCO2e/MWh"


# The tables, read once per process and again after a change or a minute -------------

#: How long a process trusts what it read (another process may have saved a version).
CACHE_SECONDS = 60
_cache: dict = {"at": None, "factors": None, "grid": None}


def clear_factor_cache(**kwargs) -> None:
    _cache.update(at=None, factors=None, grid=None)


def _load() -> None:
    factors: dict[str, list[tuple]] = {}
    for source, unit, factor, start, until in ConversionFactor.objects.order_by(
        "valid_from"
    ).values_list("source", "unit", "factor", "valid_from", "valid_until"):
        factors.setdefault(source, []).append((start, until, factor, unit))
    grid = dict(GridFactor.objects.values_list("year", "factor"))
    _cache.update(at=time.monotonic(), factors=factors, grid=grid)


def _fresh() -> dict:
    if _cache["at"] is None or time.monotonic() - _cache["at"] > CACHE_SECONDS:
        _load()
    return _cache


def factor_versions() -> dict[str, list[tuple]]:
    """Per source, its versions as (valid_from, valid_until, factor, unit), oldest first."""
    return _fresh()["factors"]


def grid_factors() -> dict[int, object]:
    return _fresh()["grid"]


for _model in (ConversionFactor, GridFactor):
    post_save.connect(clear_factor_cache, sender=_model, dispatch_uid=f"fc_{_model}")
    post_delete.connect(clear_factor_cache, sender=_model, dispatch_uid=f"fd_{_model}")
