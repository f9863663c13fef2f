"""Bills (boletas): what a meter consumed in a reading period and what it cost."""

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet
from lms.core.uploads import IMAGES, FileContentValidator

from .energy import Meter
from .units import unit_filter

INVOICE_KINDS = ("pdf", *IMAGES)
INVOICE_MAX_SIZE = 10 * 1024 * 1024


class BillQuerySet(ScopedQuerySet):
    service_lookup = "meter__client_number__unit__service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles, prefix="meter__client_number__unit__")
        return self if q is None else self.filter(q)

    def with_meter(self):
        return self.select_related(
            "meter__client_number__distributor",
            "meter__client_number__unit__service",
            "meter__client_number__unit__building",
        )


def invoice_path(instance, filename):
    return f"boletas/{instance.meter_id}/{filename}"


class Bill(models.Model):
    """One bill of one meter: consumption as entered plus its kWh, cost in CLP."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        SUBMITTED = "submitted", _("Enviada (sin revisión)")
        APPROVED = "approved", _("Validada")
        OBSERVED = "observed", _("Observada")

    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="bills", verbose_name=_("medidor")
    )
    period_start = models.DateField(_("inicio del periodo"))
    period_end = models.DateField(_("término del periodo"))
    issue_date = models.DateField(_("fecha de emisión"))
    consumption = models.DecimalField(_("consumo"), max_digits=14, decimal_places=3)
    consumption_unit = models.CharField(_("unidad de medida"), max_length=10)
    kwh_factor = models.DecimalField(
        _("factor kWh por unidad"), max_digits=10, decimal_places=4
    )
    kwh = models.DecimalField(_("consumo (kWh)"), max_digits=16, decimal_places=3)
    amount_clp = models.PositiveBigIntegerField(_("monto (CLP)"))
    invoice = models.FileField(
        _("factura o boleta (PDF o imagen)"),
        upload_to=invoice_path,
        blank=True,
        validators=[FileContentValidator(INVOICE_KINDS, INVOICE_MAX_SIZE)],
    )
    observation = models.TextField(_("observación"), blank=True)
    findings = models.JSONField(_("advertencias"), default=list, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.TextField(_("comentario de la revisión"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisada por"),
    )
    reviewed_at = models.DateTimeField(_("revisada el"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingresada por"),
    )
    created_at = models.DateTimeField(_("ingresada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    objects = BillQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("boleta")
        verbose_name_plural = _("boletas")
        ordering = ["-period_start", "pk"]
        indexes = [
            models.Index(
                fields=["meter", "period_start"], name="management_bill_period"
            ),
            models.Index(fields=["status"], name="management_bill_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="management_bill_period_order",
            ),
            models.CheckConstraint(
                condition=Q(consumption__gt=0) & Q(kwh__gt=0) & Q(amount_clp__gt=0),
                name="management_bill_positive",
            ),
            models.UniqueConstraint(
                fields=["meter", "period_start", "period_end"],
                name="management_bill_unique_period",
            ),
            models.CheckConstraint(
                condition=~Q(status="observed") | ~Q(review_note=""),
                name="management_bill_observed_has_note",
            ),
        ]

    def __str__(self):
        return f"{self.meter} · {self.period_start:%d-%m-%Y}–{self.period_end:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("management:bill-update", args=[self.pk])

    @property
    def unit(self):
        return self.meter.client_number.unit

    @property
    def days(self) -> int:
        return (self.period_end - self.period_start).days + 1
