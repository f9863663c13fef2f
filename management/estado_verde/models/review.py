"""The Red's review of each module per service and year, and the emission factors."""

from decimal import Decimal

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet
from management.models import ReviewStatus, Service

from .common import Module, year_range_q


class ModuleReview(models.Model):
    """Validado / Observado for one module of one service in one year, and the answer."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="estado_verde_reviews",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    module = models.CharField(_("módulo"), max_length=10, choices=Module)
    status = models.CharField(
        _("revisión de la Red"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
    )
    comment = models.TextField(_("comentario de la Red"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    reviewed_at = models.DateTimeField(_("revisado el"), null=True, blank=True)
    answer = models.TextField(_("respuesta del servicio"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondido por"),
    )
    answered_at = models.DateTimeField(_("respondido el"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revisión de módulo")
        verbose_name_plural = _("revisiones de módulos")
        ordering = ["service", "-year", "module"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "module"], name="ev_review_unique"
            ),
            models.CheckConstraint(condition=year_range_q(), name="ev_review_year"),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.OBSERVED) | ~Q(comment=""),
                name="ev_review_observed_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_module_display()} {self.year}: {self.get_status_display()}"


class FactorQuerySet(models.QuerySet):
    def in_force(self, year: int) -> dict[str, "EmissionFactor"]:
        """The factor of each key that applies to ``year`` (latest version not after it)."""
        result: dict[str, EmissionFactor] = {}
        for factor in self.filter(valid_from__lte=year).order_by("key", "valid_from"):
            result[factor.key] = factor
        return result


class EmissionFactor(models.Model):
    """An emission factor (kgCO2e per unit) from ``valid_from`` on, with its source.

    A new value is a new row with a later ``valid_from``: figures of earlier years
    keep the factor they were computed with.
    """

    class Category(models.TextChoices):
        FUEL = "combustible", _("Combustible")
        TRANSPORT = "transporte", _("Medio de transporte")
        FLIGHT = "vuelo", _("Vuelo")

    category = models.CharField(_("categoría"), max_length=12, choices=Category)
    key = models.CharField(
        _("clave"),
        max_length=30,
        help_text=_("Medio de transporte, combustible o tramo de vuelo."),
    )
    label = models.CharField(_("nombre"), max_length=120)
    value = models.DecimalField(
        _("factor (kgCO2e por unidad)"), max_digits=10, decimal_places=5
    )
    unit = models.CharField(_("unidad"), max_length=40)
    valid_from = models.PositiveSmallIntegerField(_("vigente desde el año"))
    source = models.CharField(_("fuente"), max_length=255)
    confirmed = models.BooleanField(
        _("confirmado"),
        default=False,
        help_text=_("Desmarcado: el valor aún no ha sido confirmado para Chile."),
    )

    objects = FactorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factor de emisión")
        verbose_name_plural = _("factores de emisión")
        ordering = ["category", "key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "valid_from"], name="ev_factor_unique_version"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="ev_factor_value"),
            models.CheckConstraint(
                condition=Q(valid_from__gte=2000, valid_from__lte=2100),
                name="ev_factor_valid_from",
            ),
        ]

    def __str__(self):
        mark = "" if self.confirmed else " (no confirmado)"
        return f"{self.label} {self.value} {self.unit} desde {self.valid_from}{mark}"

    def kg(self, amount: Decimal) -> Decimal:
        return amount * self.value
