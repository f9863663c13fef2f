"""Units: the part of a building a service uses, with its floors, areas and sources."""

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.accounts.roles import Role
from lms.accounts.scoping import ScopedQuerySet, scope_for

from .buildings import Building
from .catalogs import PropertyType, UseType
from .institutions import Service

MAX_SURFACE_M2 = 1_000_000
OLDEST_CONSTRUCTION_YEAR = 1600
# The programme began in 2016; no unit manages energy from an earlier year.
FIRST_PROGRAMME_YEAR = 2016


def unit_filter(user, roles=None, prefix: str = "") -> Q | None:
    """The units ``user`` reaches through ``roles``, as a Q on ``prefix``; None when all.

    A Gestor de Unidad reaches only the units assigned to them; every other role
    reaches the whole service.
    """
    wanted = {Role(r) for r in roles} if roles is not None else set(Role)
    service_scope = scope_for(user, wanted - {Role.GESTOR_UNIDAD})
    if service_scope.national:
        return None
    q = Q(**{f"{prefix}service_id__in": sorted(service_scope.service_ids)})
    if Role.GESTOR_UNIDAD in wanted:
        unit_scope = scope_for(user, [Role.GESTOR_UNIDAD])
        if unit_scope.service_ids:
            assigned = UnitAssignment.objects.filter(
                user=user, unit__service_id__in=sorted(unit_scope.service_ids)
            ).values("unit_id")
            q |= Q(**{f"{prefix}pk__in": assigned})
    return q


class UnitQuerySet(ScopedQuerySet):
    service_lookup = "service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles)
        return self if q is None else self.filter(q)

    def active(self):
        return self.filter(is_active=True)

    def with_place(self):
        return self.select_related(
            "service", "use_type", "building__comuna__province__region"
        )


class Unit(models.Model):
    """A unit of a service in a building: what the service reports for (O2-RT1)."""

    class InvoiceAccess(models.IntegerChoices):
        OWN = 1, _("El propio servicio paga la factura")
        OTHER_SERVICE = 2, _("Otro servicio público paga la factura")
        OTHER_ORGANISATION = 3, _("Otra organización paga la factura")

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("servicio"),
    )
    building = models.ForeignKey(
        Building,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("edificio"),
    )
    name = models.CharField(_("nombre de la unidad"), max_length=200)
    use_type = models.ForeignKey(
        UseType,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("tipo de uso"),
    )
    property_type = models.ForeignKey(
        PropertyType,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("tipo de propiedad"),
    )
    surface_m2 = models.DecimalField(
        _("superficie (m²)"), max_digits=10, decimal_places=2
    )
    floor_summary = models.CharField(
        _("pisos"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Resumen de los pisos, para listados y exportaciones."),
    )
    has_rol = models.BooleanField(_("tiene N° de rol"), default=True)
    rol = models.CharField(_("N° de rol"), max_length=30, blank=True)
    no_rol_reason = models.CharField(
        _("justificación de no poseer rol"), max_length=255, blank=True
    )
    year_built = models.PositiveSmallIntegerField(
        _("año de construcción"), null=True, blank=True
    )
    staff_count = models.PositiveIntegerField(_("n° de funcionarios"), default=0)
    other_collaborators_count = models.PositiveIntegerField(
        _("n° de otros colaboradores"), default=0
    )
    invoice_access = models.PositiveSmallIntegerField(
        _("acceso a la factura"),
        choices=InvoiceAccess.choices,
        default=InvoiceAccess.OWN,
    )
    invoice_payer_service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("servicio que paga la factura"),
    )
    invoice_payer_name = models.CharField(
        _("organización que paga la factura"), max_length=200, blank=True
    )
    shares_electricity_meter = models.BooleanField(
        _("comparte medidor de electricidad"), default=False
    )
    shares_gas_meter = models.BooleanField(
        _("comparte medidor de gas de red"), default=False
    )
    shares_water_meter = models.BooleanField(
        _("comparte medidor de agua"), default=False
    )
    in_use_since = models.DateField(_("en uso desde"), null=True, blank=True)
    energy_start_year = models.PositiveSmallIntegerField(
        _("año inicio gestión energética"), null=True, blank=True
    )
    other_start_year = models.PositiveSmallIntegerField(
        _("año inicio resto ítemes"), null=True, blank=True
    )
    is_active = models.BooleanField(_("activa"), default=True)
    deactivated_at = models.DateTimeField(_("desactivada el"), null=True, blank=True)
    deactivation_reason = models.CharField(
        _("motivo de desactivación"), max_length=255, blank=True
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unidad")
        verbose_name_plural = _("unidades")
        ordering = ["building__street", "building__number", "floor_summary", "pk"]
        indexes = [
            models.Index(fields=["service", "is_active"], name="management_unit_active")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(surface_m2__gt=0, surface_m2__lte=MAX_SURFACE_M2),
                name="management_unit_surface_range",
            ),
            models.CheckConstraint(
                condition=Q(year_built__isnull=True)
                | Q(year_built__gte=OLDEST_CONSTRUCTION_YEAR, year_built__lte=2100),
                name="management_unit_year_built_range",
            ),
            models.CheckConstraint(
                condition=Q(has_rol=True, no_rol_reason="") & ~Q(rol="")
                | Q(has_rol=False, rol="") & ~Q(no_rol_reason=""),
                name="management_unit_rol_or_reason",
            ),
            models.UniqueConstraint(
                fields=["service", "rol"],
                condition=~Q(rol=""),
                name="management_unit_unique_rol",
            ),
            models.CheckConstraint(
                condition=Q(invoice_access=1)
                | Q(invoice_access=2, invoice_payer_service__isnull=False)
                | (Q(invoice_access=3) & ~Q(invoice_payer_name="")),
                name="management_unit_invoice_payer",
            ),
            models.CheckConstraint(
                condition=Q(energy_start_year__isnull=True)
                | Q(energy_start_year__gte=FIRST_PROGRAMME_YEAR),
                name="management_unit_energy_start_year",
            ),
            models.CheckConstraint(
                condition=Q(other_start_year__isnull=True)
                | Q(other_start_year__gte=FIRST_PROGRAMME_YEAR),
                name="management_unit_other_start_year",
            ),
            models.CheckConstraint(
                condition=Q(is_active=True) | ~Q(deactivation_reason=""),
                name="management_unit_deactivation_reason",
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("management:unit-detail", args=[self.pk])

    @property
    def label(self) -> str:
        """The original's way of naming a unit: address, floors, region."""
        parts = [self.building.address]
        if self.floor_summary:
            parts.append(f"Pisos {self.floor_summary}")
        parts.append(self.name)
        parts.append(str(self.building.comuna.province.region))
        return ", ".join(parts)


class UnitChildQuerySet(ScopedQuerySet):
    """Rows of a unit: visible exactly when their unit is."""

    service_lookup = "unit__service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles, prefix="unit__")
        return self if q is None else self.filter(q)


class UnitFloor(models.Model):
    """A floor of the building that the unit occupies (negative for basements)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="floors", verbose_name=_("unidad")
    )
    number = models.SmallIntegerField(_("piso"))

    objects = UnitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("piso")
        verbose_name_plural = _("pisos")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], name="management_floor_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=-10, number__lte=200),
                name="management_floor_range",
            ),
        ]

    def __str__(self):
        return str(self.number)


class AreaQuerySet(ScopedQuerySet):
    service_lookup = "floor__unit__service"

    def visible_to(self, user, roles=None):
        q = unit_filter(user, roles, prefix="floor__unit__")
        return self if q is None else self.filter(q)


class UnitArea(models.Model):
    """A named area on a floor of a unit (an office, a wing)."""

    floor = models.ForeignKey(
        UnitFloor,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("piso"),
    )
    name = models.CharField(_("nombre"), max_length=120)
    surface_m2 = models.DecimalField(
        _("superficie (m²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("área")
        verbose_name_plural = _("áreas")
        ordering = ["floor__number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["floor", "name"], name="management_area_unique"
            ),
            models.CheckConstraint(
                condition=Q(surface_m2__isnull=True) | Q(surface_m2__gt=0),
                name="management_area_surface_positive",
            ),
        ]

    def __str__(self):
        return self.name


class UnitAssignment(models.Model):
    """A unit that a Gestor de Unidad manages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="unit_assignments",
        verbose_name=_("usuario"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("unidad"),
    )
    created_at = models.DateTimeField(_("asignada el"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asignada por"),
    )

    objects = UnitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("unidad asignada")
        verbose_name_plural = _("unidades asignadas")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"], name="management_assignment_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.unit_id}"


class EnergySource(models.TextChoices):
    """Sources a unit can switch on in Mi Unidad > Energéticos."""

    ELECTRICITY = "electricidad", _("Electricidad")
    NATURAL_GAS = "gas_natural", _("Gas Natural")
    LPG = "glp", _("Gas Licuado de Petróleo")
    HEAT = "calor", _("Calor")
    DIESEL = "diesel", _("Diésel")
    KEROSENE = "kerosene", _("Kerosene (parafina)")
    GASOLINE = "gasolina", _("Gasolina")
    FUEL_OIL = "petroleo_6", _("Petróleo combustible N°6")
    FIREWOOD = "lena", _("Leña")
    COAL = "carbon", _("Carbón")
    PELLET = "pellet", _("Pellet")


#: Sources whose bills always come from a meter; the others (bottled or bulk gas,
#: liquid and solid fuels, district heat) may be bought without one.
METERED_SOURCES = frozenset({EnergySource.ELECTRICITY, EnergySource.NATURAL_GAS})


class UnitEnergySource(models.Model):
    """Whether a unit consumes one energy source (the energéticos switch)."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="energy_sources",
        verbose_name=_("unidad"),
    )
    # No database check on the choices: the energy module adds fuels to the list.
    source = models.CharField(_("fuente energética"), max_length=30)
    is_on = models.BooleanField(_("encendido"), default=False)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = UnitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("energético de la unidad")
        verbose_name_plural = _("energéticos de la unidad")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "source"], name="management_unit_source_unique"
            )
        ]

    def __str__(self):
        return f"{self.unit_id} · {self.source}"
