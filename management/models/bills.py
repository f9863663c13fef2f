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
from .units import METERED_SOURCES, EnergySource, Unit, unit_filter

INVOICE_KINDS = ("pdf", *IMAGES)
INVOICE_MAX_SIZE = 10 * 1024 * 1024


class BillQuerySet(ScopedQuerySet):
    service_lookup = "unit__service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles, prefix="unit__")
        return self if q is None else self.filter(q)

    def with_meter(self):
        return self.select_related(
            "meter__client_number__distributor",
            "unit__service",
            "unit__building",
        )


def invoice_path(instance, filename):
    return f"boletas/{instance.meter_id or f'u{instance.unit_id}'}/{filename}"


class Bill(models.Model):
    """One bill of a unit's energy source: consumption as entered (with its unit of
    measure) plus its kWh, cost in CLP.

    Electricity and natural gas bills always come from a meter; other sources (gas
    in cylinders, liquid and solid fuels, district heat) may be bought without one,
    and then their bills follow one another per unit and source.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        SUBMITTED = "submitted", _("Enviada (sin revisión)")
        APPROVED = "approved", _("Validada")
        OBSERVED = "observed", _("Observada")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="bills", verbose_name=_("unidad")
    )
    source = models.CharField(
        _("energético"), max_length=20, choices=EnergySource.choices
    )
    meter = models.ForeignKey(
        Meter,
        on_delete=models.PROTECT,
        related_name="bills",
        verbose_name=_("medidor"),
        null=True,
        blank=True,
        help_text=_("Vacío: compra sin medidor (leña, cilindros de gas, petróleo…)."),
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
    demand_kw = models.DecimalField(
        _("demanda (kW)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Solo en tarifas que facturan demanda (todas excepto BT1)."),
    )
    is_estimated = models.BooleanField(
        _("estimada"),
        default=False,
        help_text=_("La distribuidora estimó el consumo en vez de leer el medidor."),
    )
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
    bill_import = models.ForeignKey(
        "BillImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bills",
        verbose_name=_("importación"),
    )

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
            models.Index(
                fields=["unit", "source", "period_start"],
                name="management_bill_unit_period",
            ),
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
            models.UniqueConstraint(
                fields=["unit", "source", "period_start", "period_end"],
                condition=Q(meter__isnull=True),
                name="management_bill_unique_period_unmetered",
            ),
            models.CheckConstraint(
                condition=Q(meter__isnull=False)
                | ~Q(source__in=sorted(METERED_SOURCES)),
                name="management_bill_metered_source",
            ),
            models.CheckConstraint(
                condition=Q(demand_kw__isnull=True) | Q(demand_kw__gt=0),
                name="management_bill_demand_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status="observed") | ~Q(review_note=""),
                name="management_bill_observed_has_note",
            ),
        ]

    def __str__(self):
        return (
            f"{self.supply_label} · {self.period_start:%d-%m-%Y}–"
            f"{self.period_end:%d-%m-%Y}"
        )

    def get_absolute_url(self):
        return reverse("management:bill-update", args=[self.pk])

    @property
    def supply_label(self) -> str:
        """The meter's number, or the source bought without a meter."""
        if self.meter_id:
            return str(self.meter.number)
        return f"{self.get_source_display()} (sin medidor)"

    @property
    def series_key(self):
        """Bills of one key follow one another: a meter, or a unit's source."""
        return self.meter_id or (self.unit_id, self.source)

    @property
    def days(self) -> int:
        return (self.period_end - self.period_start).days + 1


def import_path(instance, filename):
    return f"importaciones/boletas/{instance.service_id}/{filename}"


class BillImport(models.Model):
    """A file of bills: checked row by row in the worker, then imported whole or not at all.

    ``rows`` holds the parsed rows (meter, dates, figures) between the check and the
    import; ``problems`` the errors and warnings of each row with its column. While
    importing, ``processed`` says how far the worker got; a row that fails at that
    point (the data changed since the check) removes every bill this file created.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Revisando")
        READY = "ready", _("Revisada, por confirmar")
        IMPORTING = "importing", _("Importando")
        DONE = "done", _("Importada")
        REFUSED = "refused", _("Con errores, no importada")
        FAILED = "failed", _("Falló, no importada")
        CANCELLED = "cancelled", _("Descartada")

    service = models.ForeignKey(
        "Service",
        on_delete=models.CASCADE,
        related_name="bill_imports",
        verbose_name=_("servicio"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("cargada por"),
    )
    created_at = models.DateTimeField(_("cargada el"), auto_now_add=True)
    file = models.FileField(_("archivo"), upload_to=import_path, max_length=255)
    file_name = models.CharField(_("nombre del archivo"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    total_rows = models.PositiveIntegerField(_("filas"), default=0)
    processed = models.PositiveIntegerField(_("filas procesadas"), default=0)
    error_rows = models.PositiveIntegerField(_("filas con errores"), default=0)
    warning_rows = models.PositiveIntegerField(_("filas con advertencias"), default=0)
    imported = models.PositiveIntegerField(_("boletas importadas"), default=0)
    rows = models.JSONField(_("filas leídas"), default=list, blank=True)
    problems = models.JSONField(_("errores y advertencias"), default=list, blank=True)
    message = models.TextField(_("mensaje"), blank=True)
    finished_at = models.DateTimeField(_("terminada el"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("importación de boletas")
        verbose_name_plural = _("importaciones de boletas")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "sha256"],
                condition=Q(status__in=["importing", "done"]),
                name="management_bill_import_once",
            )
        ]

    def __str__(self):
        return f"{self.file_name} · {self.service_id}"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status not in ("checking", "importing") else 0
        return min(100, round(100 * self.processed / self.total_rows))

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)
