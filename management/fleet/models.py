"""Vehicles of a service, their drivers, fuel loads and trip log (bitácora)."""

from datetime import timedelta
from decimal import Decimal

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.roles import Role
from lms.accounts.scoping import ScopedQuerySet, scope_for
from lms.core.uploads import IMAGES, FileContentValidator
from management.models import Service, Unit

from .factors import Fuel
from .plates import PLATE_REGEX, validate_plate

RECEIPT_KINDS = ("pdf", *IMAGES)
RECEIPT_MAX_SIZE = 10 * 1024 * 1024
#: A licence that expires within this many days is warned about.
LICENCE_WARNING_DAYS = 30
FIRST_MODEL_YEAR = 1950


def fleet_filter(user, roles=None, *, service_path: str, own_path: str) -> Q | None:
    """Rows ``user`` reaches through ``roles`` as a Q; None when everything.

    Managers and readers reach their service's whole fleet; a Conductor reaches only
    what ``own_path`` (a lookup to the driver's user) leads to in their services.
    """
    wanted = {Role(r) for r in roles} if roles is not None else set(Role)
    scope = scope_for(user, wanted - {Role.CONDUCTOR})
    if scope.national:
        return None
    q = Q(**{f"{service_path}__in": sorted(scope.service_ids)})
    if Role.CONDUCTOR in wanted:
        own = scope_for(user, [Role.CONDUCTOR])
        if own.service_ids:
            q |= Q(**{f"{service_path}__in": sorted(own.service_ids), own_path: user})
    return q


class FleetQuerySet(ScopedQuerySet):
    own_path = ""

    def visible_to(self, user, roles=None):
        q = fleet_filter(
            user, roles, service_path=self.service_lookup, own_path=self.own_path
        )
        return self if q is None else self.filter(q)


class VehicleQuerySet(FleetQuerySet):
    service_lookup = "service"
    own_path = "drivers__user"

    def visible_to(self, user, roles=None):
        q = fleet_filter(
            user, roles, service_path=self.service_lookup, own_path=self.own_path
        )
        if q is None:
            return self
        # A subquery rather than a join, so the rows stay unique without DISTINCT.
        return self.filter(pk__in=Vehicle.objects.filter(q).values("pk"))

    def in_use(self):
        return self.exclude(status=Vehicle.Status.RETIRED)


class Vehicle(models.Model):
    """A vehicle of a service's fleet and the units it serves."""

    class Type(models.TextChoices):
        CAR = "automovil", _("Automóvil")
        PICKUP = "camioneta", _("Camioneta")
        VAN = "furgon", _("Furgón")
        MINIBUS = "minibus", _("Minibús")
        BUS = "bus", _("Bus")
        TRUCK = "camion", _("Camión")
        MOTORCYCLE = "motocicleta", _("Motocicleta")
        OTHER = "otro", _("Otro")

    class Motor(models.TextChoices):
        GASOLINE = "gasolina", _("Gasolina")
        DIESEL = "diesel", _("Diésel")
        ELECTRIC = "electrico", _("Eléctrico")
        HYBRID = "hibrido", _("Híbrido")
        PLUGIN_HYBRID = "hibrido_enchufable", _("Híbrido enchufable")
        GAS = "gnc_glp", _("GNC/GLP")

    class Ownership(models.TextChoices):
        OWN = "propio", _("Propio")
        LEASED = "arrendado", _("Arrendado")
        LOAN = "comodato", _("Comodato")

    class Status(models.TextChoices):
        ACTIVE = "activo", _("Activo")
        MAINTENANCE = "mantencion", _("En mantención")
        RETIRED = "baja", _("Dado de baja")

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="vehicles",
        verbose_name=_("servicio"),
    )
    plate = models.CharField(
        _("patente"), max_length=6, unique=True, validators=[validate_plate]
    )
    brand = models.CharField(_("marca"), max_length=60)
    model_name = models.CharField(_("modelo"), max_length=80)
    year = models.PositiveSmallIntegerField(_("año"))
    vehicle_type = models.CharField(_("tipo"), max_length=20, choices=Type.choices)
    motor = models.CharField(_("motor"), max_length=20, choices=Motor.choices)
    ownership = models.CharField(
        _("propiedad"), max_length=20, choices=Ownership.choices
    )
    vin = models.CharField(_("VIN (n° de chasis)"), max_length=17, blank=True)
    initial_odometer = models.PositiveIntegerField(_("odómetro inicial (km)"))
    tank_capacity = models.PositiveIntegerField(
        _("capacidad del estanque o batería"),
        null=True,
        blank=True,
        help_text=_(
            "Litros (kWh si es eléctrico). Vacío: el máximo plausible de su tipo."
        ),
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    retired_on = models.DateField(_("fecha de baja"), null=True, blank=True)
    retirement_reason = models.CharField(
        _("motivo de la baja"), max_length=255, blank=True
    )
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="vehicles",
        verbose_name=_("unidades que atiende"),
    )
    drivers = models.ManyToManyField(
        "Driver",
        blank=True,
        related_name="vehicles",
        verbose_name=_("conductores asignados"),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = VehicleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("vehículo")
        verbose_name_plural = _("vehículos")
        ordering = ["plate"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plate__regex=PLATE_REGEX), name="fleet_vehicle_plate_format"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_MODEL_YEAR), name="fleet_vehicle_year"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="baja", retired_on__isnull=False)
                    & ~Q(retirement_reason="")
                )
                | (~Q(status="baja") & Q(retired_on__isnull=True)),
                name="fleet_vehicle_retirement",
            ),
            models.UniqueConstraint(
                fields=["vin"], condition=~Q(vin=""), name="fleet_vehicle_vin_unique"
            ),
        ]

    def __str__(self):
        return f"{self.plate} · {self.brand} {self.model_name}"

    def get_absolute_url(self):
        return reverse("fleet:vehicle-detail", args=[self.pk])

    @property
    def is_retired(self) -> bool:
        return self.status == self.Status.RETIRED

    def fuels(self) -> list[str]:
        """What this motor loads, the usual one first."""
        return MOTOR_FUELS[self.motor]


MOTOR_FUELS = {
    Vehicle.Motor.GASOLINE: [Fuel.GASOLINE],
    Vehicle.Motor.DIESEL: [Fuel.DIESEL],
    Vehicle.Motor.ELECTRIC: [Fuel.ELECTRICITY],
    Vehicle.Motor.HYBRID: [Fuel.GASOLINE],
    Vehicle.Motor.PLUGIN_HYBRID: [Fuel.GASOLINE, Fuel.ELECTRICITY],
    Vehicle.Motor.GAS: [Fuel.LPG, Fuel.CNG, Fuel.GASOLINE],
}
#: Motors counted as "electromovilidad" in the share of electric and hybrid vehicles.
LOW_EMISSION_MOTORS = (
    Vehicle.Motor.ELECTRIC,
    Vehicle.Motor.HYBRID,
    Vehicle.Motor.PLUGIN_HYBRID,
)


class DriverQuerySet(FleetQuerySet):
    service_lookup = "service"
    own_path = "user"


class Driver(models.Model):
    """A Conductor of a service with their driving licence."""

    class LicenceClass(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        A3 = "A3", "A3"
        A4 = "A4", "A4"
        A5 = "A5", "A5"
        B = "B", "B"
        C = "C", "C"
        D = "D", "D"
        E = "E", "E"
        F = "F", "F"

    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="drivers",
        verbose_name=_("servicio"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="driver_profiles",
        verbose_name=_("cuenta"),
    )
    licence_class = models.CharField(
        _("clase de licencia"), max_length=2, choices=LicenceClass.choices
    )
    licence_expiry = models.DateField(_("vencimiento de la licencia"))
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = DriverQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conductor")
        verbose_name_plural = _("conductores")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "user"], name="fleet_driver_unique"
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    def licence_expired(self, on=None) -> bool:
        return self.licence_expiry < (on or timezone.localdate())

    def licence_warning(self, on=None) -> str:
        """A Spanish warning when the licence has expired or expires soon; else ''."""
        today = on or timezone.localdate()
        if self.licence_expiry < today:
            return _("Licencia vencida el %(d)s.") % {
                "d": self.licence_expiry.strftime("%d-%m-%Y")
            }
        if self.licence_expiry <= today + timedelta(days=LICENCE_WARNING_DAYS):
            days = (self.licence_expiry - today).days
            return _("La licencia vence en %(n)s días (%(d)s).") % {
                "n": days,
                "d": self.licence_expiry.strftime("%d-%m-%Y"),
            }
        return ""


class FuelLoadQuerySet(FleetQuerySet):
    service_lookup = "vehicle__service"
    own_path = "driver__user"


def receipt_path(instance, filename):
    return f"flota/cargas/{instance.vehicle_id}/{filename}"


class FuelLoad(models.Model):
    """A fuel load (or charge) of a vehicle, with its emissions and efficiency segment.

    ``segment_km``/``segment_quantity`` are set on a full-tank load that closes a
    segment since the previous full tank (partial fills in between included), so
    km/L of any set of loads is Sum(segment_km) / Sum(segment_quantity).
    """

    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        related_name="fuel_loads",
        verbose_name=_("vehículo"),
    )
    driver = models.ForeignKey(
        Driver,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fuel_loads",
        verbose_name=_("conductor"),
    )
    loaded_at = models.DateTimeField(_("fecha y hora"))
    odometer = models.PositiveIntegerField(_("odómetro (km)"))
    fuel = models.CharField(_("combustible"), max_length=20, choices=Fuel.choices)
    quantity = models.DecimalField(_("cantidad"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unidad"), max_length=5)
    cost_clp = models.PositiveBigIntegerField(_("costo (CLP)"))
    full_tank = models.BooleanField(_("estanque lleno"), default=True)
    missed_previous = models.BooleanField(
        _("no se registró la carga anterior"), default=False
    )
    receipt = models.FileField(
        _("comprobante (PDF o imagen)"),
        upload_to=receipt_path,
        blank=True,
        validators=[FileContentValidator(RECEIPT_KINDS, RECEIPT_MAX_SIZE)],
    )
    emission_factor = models.DecimalField(
        _("factor de emisión (kg CO2e por unidad)"), max_digits=8, decimal_places=4
    )
    co2e_kg = models.DecimalField(
        _("emisiones (kg CO2e)"), max_digits=12, decimal_places=3
    )
    segment_km = models.PositiveIntegerField(_("km del tramo"), null=True, blank=True)
    segment_quantity = models.DecimalField(
        _("cantidad del tramo"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    findings = models.JSONField(_("advertencias"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = FuelLoadQuerySet.as_manager()

    class Meta:
        verbose_name = _("carga de combustible")
        verbose_name_plural = _("cargas de combustible")
        ordering = ["-loaded_at", "-pk"]
        indexes = [models.Index(fields=["vehicle", "loaded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="fleet_fuelload_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(segment_km__isnull=True, segment_quantity__isnull=True)
                | Q(
                    segment_km__isnull=False,
                    segment_quantity__gt=0,
                    full_tank=True,
                ),
                name="fleet_fuelload_segment_on_full_tank",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle.plate} {self.loaded_at:%d-%m-%Y}"

    @property
    def efficiency(self) -> Decimal | None:
        """km per unit over the segment this full tank closes."""
        if self.segment_km is None or not self.segment_quantity:
            return None
        return Decimal(self.segment_km) / self.segment_quantity


class TripQuerySet(FuelLoadQuerySet):
    pass


class Trip(models.Model):
    """One entry of a vehicle's bitácora: who drove, when, where and why."""

    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        related_name="trips",
        verbose_name=_("vehículo"),
    )
    driver = models.ForeignKey(
        Driver,
        on_delete=models.PROTECT,
        related_name="trips",
        verbose_name=_("conductor"),
    )
    departed_at = models.DateTimeField(_("salida"))
    returned_at = models.DateTimeField(_("llegada"))
    odometer_out = models.PositiveIntegerField(_("odómetro de salida (km)"))
    odometer_in = models.PositiveIntegerField(_("odómetro de llegada (km)"))
    origin = models.CharField(_("origen"), max_length=200)
    destination = models.CharField(_("destino"), max_length=200)
    purpose = models.CharField(_("motivo"), max_length=255)
    passengers = models.PositiveSmallIntegerField(_("pasajeros"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    objects = TripQuerySet.as_manager()

    class Meta:
        verbose_name = _("viaje")
        verbose_name_plural = _("viajes")
        ordering = ["-departed_at", "-pk"]
        indexes = [models.Index(fields=["vehicle", "departed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_at__gt=models.F("departed_at")),
                name="fleet_trip_returns_after_departure",
            ),
            models.CheckConstraint(
                condition=Q(odometer_in__gte=models.F("odometer_out")),
                name="fleet_trip_odometer_forward",
            ),
        ]

    def __str__(self):
        return f"{self.vehicle.plate} {self.departed_at:%d-%m-%Y} → {self.destination}"

    @property
    def km(self) -> int:
        return self.odometer_in - self.odometer_out
