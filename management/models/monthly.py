"""Monthly consumption: bills spread over calendar months by their days (derived data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .energy import Meter
from .units import EnergySource, Unit


class MonthlyQuerySet(ScopedQuerySet):
    service_lookup = "unit__service"


class MonthlyConsumption(models.Model):
    """What one meter (or one source a unit buys without a meter) consumed in one
    calendar month, prorated from its bills.

    Rebuilt per meter or unit and source by the worker whenever one of its bills
    changes (``services.monthly.rebuild_series``): never edited by hand.
    """

    meter = models.ForeignKey(
        Meter,
        on_delete=models.CASCADE,
        related_name="months",
        verbose_name=_("medidor"),
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="months", verbose_name=_("unidad")
    )
    source = models.CharField(_("energético"), max_length=20, choices=EnergySource)
    year = models.PositiveSmallIntegerField(_("año"))
    month = models.PositiveSmallIntegerField(_("mes"))
    days = models.PositiveSmallIntegerField(_("días con boleta"))
    consumption = models.DecimalField(
        _("consumo (unidad de la boleta)"), max_digits=16, decimal_places=3
    )
    kwh = models.DecimalField(_("kWh"), max_digits=16, decimal_places=3)
    amount_clp = models.DecimalField(_("monto (CLP)"), max_digits=16, decimal_places=2)

    objects = MonthlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("consumo mensual")
        verbose_name_plural = _("consumos mensuales")
        ordering = ["year", "month", "meter_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meter", "year", "month"], name="management_monthly_unique"
            ),
            models.UniqueConstraint(
                fields=["unit", "source", "year", "month"],
                condition=models.Q(meter__isnull=True),
                name="management_monthly_unique_unmetered",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12),
                name="management_monthly_month",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "source"], name="mgmt_monthly_year_source"),
            models.Index(fields=["unit", "year"], name="mgmt_monthly_unit_year"),
        ]

    def __str__(self):
        return f"{self.meter_id} {self.year}-{self.month:02d}"
