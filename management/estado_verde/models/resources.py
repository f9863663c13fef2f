"""Paper, water and waste of a unit (Estado Verde per unit), by month or yearly."""

from simple_history.models import HistoricalRecords

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.core.uploads import FileContentValidator
from management.models.units import Unit, UnitChildQuerySet

from .common import MONTHS, UPLOAD_KINDS, UPLOAD_MAX_SIZE, Authored, year_range_q

MONTH_Q = Q(month__isnull=True) | Q(month__gte=1, month__lte=12)


class PaperPurchase(Authored):
    """A purchase of paper reams (1 resma = 500 hojas) in a month, or a yearly total."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="paper_purchases",
        verbose_name=_("unidad"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    month = models.PositiveSmallIntegerField(
        _("mes"), choices=MONTHS, null=True, blank=True
    )
    reams = models.PositiveIntegerField(_("resmas compradas"))
    recycled_reams = models.PositiveIntegerField(_("resmas recicladas"), default=0)
    cost_clp = models.PositiveBigIntegerField(_("costo (CLP)"))
    purchase_id = models.CharField(
        _("ID de compra pública"),
        max_length=40,
        blank=True,
        help_text=_("Código de la orden de compra en Mercado Público, si la hay."),
    )
    observation = models.TextField(_("observación"), blank=True)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compra de papel")
        verbose_name_plural = _("compras de papel")
        ordering = ["-year", "month", "pk"]
        indexes = [models.Index(fields=["unit", "year"], name="ev_paper_unit_year")]
        constraints = [
            models.CheckConstraint(condition=MONTH_Q, name="ev_paper_month"),
            models.CheckConstraint(condition=year_range_q(), name="ev_paper_year"),
            models.CheckConstraint(condition=Q(reams__gt=0), name="ev_paper_reams"),
            models.CheckConstraint(
                condition=Q(recycled_reams__lte=models.F("reams")),
                name="ev_paper_recycled_le_reams",
            ),
            models.UniqueConstraint(
                fields=["unit", "purchase_id"],
                condition=~Q(purchase_id=""),
                name="ev_paper_unique_purchase",
            ),
        ]

    def __str__(self):
        when = self.get_month_display() if self.month else _("Total anual")
        return f"{when} {self.year} · {self.reams} resmas"

    def get_absolute_url(self):
        return reverse("management:ev-paper-update", args=[self.pk])


class WaterRecord(Authored):
    """Water a unit used: a network meter reading period, or water it bought."""

    class Supply(models.TextChoices):
        NETWORK = "red", _("Red pública (con medidor)")
        PURCHASED = "comprada", _("Comprada (bidones, camión aljibe)")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="water_records",
        verbose_name=_("unidad"),
    )
    year = models.PositiveSmallIntegerField(_("año"), editable=False)
    supply = models.CharField(_("tipo de suministro"), max_length=10, choices=Supply)
    meter_number = models.CharField(_("N° de medidor"), max_length=40, blank=True)
    period_start = models.DateField(_("inicio del periodo"))
    period_end = models.DateField(_("término del periodo"))
    m3 = models.DecimalField(_("consumo (m³)"), max_digits=12, decimal_places=3)
    cost_clp = models.PositiveBigIntegerField(_("costo (CLP)"))
    invoice = models.FileField(
        _("boleta o factura (PDF o imagen)"),
        upload_to="estado-verde/agua/",
        blank=True,
        validators=[FileContentValidator(UPLOAD_KINDS, UPLOAD_MAX_SIZE)],
    )
    observation = models.TextField(_("observación"), blank=True)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registro de agua")
        verbose_name_plural = _("registros de agua")
        ordering = ["-period_start", "pk"]
        indexes = [models.Index(fields=["unit", "year"], name="ev_water_unit_year")]
        constraints = [
            models.CheckConstraint(condition=year_range_q(), name="ev_water_year"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="ev_water_period_order",
            ),
            models.CheckConstraint(condition=Q(m3__gt=0), name="ev_water_m3"),
            models.CheckConstraint(
                condition=Q(supply="comprada") | ~Q(meter_number=""),
                name="ev_water_network_has_meter",
            ),
            models.UniqueConstraint(
                fields=["unit", "supply", "meter_number", "period_start", "period_end"],
                name="ev_water_unique_period",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_supply_display()} {self.period_start:%d-%m-%Y}–"
            f"{self.period_end:%d-%m-%Y} · {self.m3} m³"
        )

    def get_absolute_url(self):
        return reverse("management:ev-water-update", args=[self.pk])


class WaterFixture(models.Model):
    """A line of the unit's water fixtures inventory (artefactos sanitarios)."""

    class Kind(models.TextChoices):
        WASHBASIN = "lavamanos", _("Lavamanos")
        TOILET = "wc", _("Inodoro (WC)")
        URINAL = "urinario", _("Urinario")
        SHOWER = "ducha", _("Ducha")
        SINK = "lavaplatos", _("Lavaplatos")
        FOUNTAIN = "bebedero", _("Bebedero o dispensador")
        GARDEN = "riego", _("Llave de jardín o riego")
        OTHER = "otro", _("Otro")

    class State(models.TextChoices):
        GOOD = "bueno", _("Bueno")
        FAIR = "regular", _("Regular")
        LEAKING = "filtracion", _("Con filtración o falla")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="water_fixtures",
        verbose_name=_("unidad"),
    )
    kind = models.CharField(_("tipo de artefacto"), max_length=12, choices=Kind)
    count = models.PositiveIntegerField(_("cantidad"))
    state = models.CharField(_("estado"), max_length=12, choices=State)
    saving_device = models.BooleanField(
        _("con dispositivo de ahorro"),
        default=False,
        help_text=_("Aireador, doble descarga, temporizador u otro."),
    )
    observation = models.CharField(_("observación"), max_length=255, blank=True)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("artefacto de agua")
        verbose_name_plural = _("artefactos de agua")
        ordering = ["kind", "state", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gt=0), name="ev_fixture_count"),
            models.UniqueConstraint(
                fields=["unit", "kind", "state", "saving_device"],
                name="ev_fixture_unique_line",
            ),
        ]

    def __str__(self):
        return f"{self.count} × {self.get_kind_display()} ({self.get_state_display()})"


class WasteType(models.Model):
    """A kind of waste (editable list: recycled fractions and the non-recycled rest)."""

    name = models.CharField(_("nombre"), max_length=80, unique=True)
    is_recycled = models.BooleanField(_("fracción reciclada"), default=True)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_active = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("tipo de residuo")
        verbose_name_plural = _("tipos de residuo")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class WasteRecord(Authored):
    """Kilograms of one waste type a unit produced in a month, or in the year."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="waste_records",
        verbose_name=_("unidad"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    month = models.PositiveSmallIntegerField(
        _("mes"), choices=MONTHS, null=True, blank=True
    )
    waste_type = models.ForeignKey(
        WasteType,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("tipo de residuo"),
    )
    kg = models.DecimalField(_("cantidad (kg)"), max_digits=12, decimal_places=2)
    observation = models.TextField(_("observación"), blank=True)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registro de residuos")
        verbose_name_plural = _("registros de residuos")
        ordering = ["-year", "month", "waste_type__position", "pk"]
        indexes = [models.Index(fields=["unit", "year"], name="ev_waste_unit_year")]
        constraints = [
            models.CheckConstraint(condition=MONTH_Q, name="ev_waste_month"),
            models.CheckConstraint(condition=year_range_q(), name="ev_waste_year"),
            models.CheckConstraint(condition=Q(kg__gt=0), name="ev_waste_kg"),
            models.UniqueConstraint(
                fields=["unit", "year", "month", "waste_type"],
                condition=Q(month__isnull=False),
                name="ev_waste_unique_month",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "waste_type"],
                condition=Q(month__isnull=True),
                name="ev_waste_unique_year",
            ),
        ]

    def __str__(self):
        when = self.get_month_display() if self.month else _("Total anual")
        return f"{self.waste_type} · {when} {self.year} · {self.kg} kg"

    def get_absolute_url(self):
        return reverse("management:ev-waste-update", args=[self.pk])


class WasteContainer(models.Model):
    """Containers where the unit separates its waste."""

    class Kind(models.TextChoices):
        RECYCLING = "reciclaje", _("Reciclaje")
        COMMON = "comun", _("Basura común")
        ORGANIC = "organico", _("Orgánicos o compostera")
        HAZARDOUS = "peligroso", _("RAEE, pilas o peligrosos")
        CLEAN_POINT = "punto_limpio", _("Punto limpio")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="waste_containers",
        verbose_name=_("unidad"),
    )
    name = models.CharField(_("nombre"), max_length=120)
    location = models.CharField(_("ubicación"), max_length=200)
    count = models.PositiveIntegerField(_("cantidad"))
    capacity_l = models.PositiveIntegerField(_("capacidad (litros)"))
    kind = models.CharField(_("tipo"), max_length=15, choices=Kind)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contenedor")
        verbose_name_plural = _("contenedores")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gt=0, capacity_l__gt=0), name="ev_container_positive"
            ),
            models.UniqueConstraint(
                fields=["unit", "name", "location"], name="ev_container_unique"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.location})"


class UnitModuleNote(models.Model):
    """A unit's yearly declaration for one module: "no gestiona", water flags, observation."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="estado_verde_notes",
        verbose_name=_("unidad"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    module = models.CharField(_("módulo"), max_length=10)
    not_managed = models.BooleanField(
        _("la unidad no gestiona este ítem"),
        default=False,
        help_text=_("Por ejemplo, el papel lo compra y distribuye otra unidad."),
    )
    shared_meter = models.BooleanField(_("comparte medidor de agua"), default=False)
    no_invoice_access = models.BooleanField(
        _("no tiene acceso a la boleta de agua"), default=False
    )
    observation = models.TextField(_("observación"), blank=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = UnitChildQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("declaración de la unidad")
        verbose_name_plural = _("declaraciones de la unidad")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "module"], name="ev_note_unique"
            ),
            models.CheckConstraint(
                condition=Q(module__in=["papel", "agua", "residuos"]),
                name="ev_note_module",
            ),
            models.CheckConstraint(
                condition=Q(not_managed=False) | ~Q(observation=""),
                name="ev_note_not_managed_has_observation",
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} · {self.module} {self.year}"
