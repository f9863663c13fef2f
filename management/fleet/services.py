"""Writes of the fleet: vehicles, drivers, fuel loads and trips, with their checks.

Every odometer reading (a fuel load, a trip's departure and return) must keep the
vehicle's odometer from going back in time order; km/L segments are recomputed
whenever a vehicle's loads change.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.accounts.roles import Role
from lms.accounts.scoping import scope_for
from management.models import Service, Unit

from .factors import PLAUSIBLE_EFFICIENCY, emission_factor, fuel_unit, tank_limit
from .models import FIRST_MODEL_YEAR, Driver, FuelLoad, Trip, Vehicle
from .permissions import MANAGE
from .plates import normalize_plate, validate_plate

VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
# Clocks of phones drift: a few minutes ahead is not "the future".
CLOCK_SLACK = timedelta(minutes=10)

VEHICLE_FIELDS = (
    "plate",
    "brand",
    "model_name",
    "year",
    "vehicle_type",
    "motor",
    "ownership",
    "vin",
    "initial_odometer",
    "tank_capacity",
)


def km(value: int) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def when(value: datetime) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")


def is_manager(user, service_id: int) -> bool:
    return scope_for(user, MANAGE).allows_service(service_id)


# ------------------------------------------------------------------- vehicles


def clean_vehicle_data(data: dict, *, instance: Vehicle | None = None) -> dict:
    """Normalise plate and VIN and check what a form cannot: raises ValidationError."""
    data = dict(data)
    errors: dict[str, list] = {}
    if "plate" in data:
        data["plate"] = normalize_plate(data["plate"])
        try:
            validate_plate(data["plate"])
        except ValidationError as error:
            errors["plate"] = error.messages
        else:
            taken = Vehicle.objects.filter(plate=data["plate"])
            if instance is not None:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                errors["plate"] = [
                    _("La patente %(plate)s ya está registrada.")
                    % {"plate": data["plate"]}
                ]
    vin = (data.get("vin") or "").strip().upper().replace(" ", "")
    data["vin"] = vin
    if vin:
        if not VIN.match(vin):
            errors["vin"] = [_("El VIN tiene 17 letras o números (sin I, O ni Q).")]
        else:
            taken = Vehicle.objects.filter(vin=vin)
            if instance is not None:
                taken = taken.exclude(pk=instance.pk)
            if taken.exists():
                errors["vin"] = [_("Ese VIN ya está registrado en otro vehículo.")]
    year = data.get("year")
    newest = timezone.localdate().year + 1
    if year is not None and not FIRST_MODEL_YEAR <= year <= newest:
        errors["year"] = [
            _("El año debe estar entre %(a)s y %(b)s.")
            % {"a": FIRST_MODEL_YEAR, "b": newest}
        ]
    if instance is not None and data.get("initial_odometer") is not None:
        first = first_reading(instance)
        if first is not None and data["initial_odometer"] > first:
            errors["initial_odometer"] = [
                _(
                    "El odómetro inicial no puede superar la primera lectura "
                    "registrada (%(km)s km)."
                )
                % {"km": km(first)}
            ]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def create_vehicle(*, service: Service, data: dict, units=()) -> Vehicle:
    """Register a vehicle of ``service`` (and the units it serves)."""
    data = clean_vehicle_data(data)
    vehicle = Vehicle(service=service, **{f: data.get(f) for f in VEHICLE_FIELDS})
    if vehicle.vin is None:
        vehicle.vin = ""
    vehicle.full_clean()
    vehicle.save()
    if units:
        set_units(vehicle=vehicle, units=units)
    return vehicle


@transaction.atomic
def update_vehicle(*, vehicle: Vehicle, data: dict) -> Vehicle:
    """Change a vehicle's own data (not its service)."""
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    data = clean_vehicle_data(data, instance=vehicle)
    for field in VEHICLE_FIELDS:
        if field in data:
            setattr(vehicle, field, data[field])
    vehicle.full_clean()
    vehicle.save()
    return vehicle


@transaction.atomic
def retire_vehicle(*, vehicle: Vehicle, on: date, reason: str) -> Vehicle:
    """Dar de baja: the vehicle keeps its history and takes no more loads or trips."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = [_("Indique el motivo de la baja.")]
    if on is None or on > timezone.localdate():
        errors["on"] = [_("La fecha de baja no puede estar en el futuro.")]
    else:
        last = last_reading_time(vehicle)
        if last is not None and timezone.localtime(last).date() > on:
            errors["on"] = [
                _("Hay registros posteriores a esa fecha (el último, %(d)s).")
                % {"d": when(last)}
            ]
    if errors:
        raise ValidationError(errors)
    vehicle.status = Vehicle.Status.RETIRED
    vehicle.retired_on = on
    vehicle.retirement_reason = reason[:255]
    vehicle.save(
        update_fields=["status", "retired_on", "retirement_reason", "updated_at"]
    )
    return vehicle


@transaction.atomic
def set_status(*, vehicle: Vehicle, status: str) -> Vehicle:
    """Activo or En mantención; a retired vehicle comes back as active."""
    if status == Vehicle.Status.RETIRED:
        raise ValidationError(_("Para dar de baja use «Dar de baja»."))
    vehicle.status = status
    vehicle.retired_on = None
    vehicle.retirement_reason = ""
    vehicle.save(
        update_fields=["status", "retired_on", "retirement_reason", "updated_at"]
    )
    return vehicle


def set_units(*, vehicle: Vehicle, units) -> None:
    units = list(units)
    if any(u.service_id != vehicle.service_id for u in units):
        raise ValidationError(
            {"units": _("Solo puede asignar unidades del servicio del vehículo.")}
        )
    vehicle.units.set(units)


@transaction.atomic
def assign_vehicle(*, vehicle: Vehicle, units, drivers) -> Vehicle:
    """The units a vehicle serves and the Conductores who may drive it."""
    drivers = list(drivers)
    if any(d.service_id != vehicle.service_id for d in drivers):
        raise ValidationError(
            {"drivers": _("Solo puede asignar conductores del servicio del vehículo.")}
        )
    set_units(vehicle=vehicle, units=units)
    vehicle.drivers.set(drivers)
    return vehicle


# -------------------------------------------------------------------- drivers


@transaction.atomic
def save_driver(
    *, service: Service, user, licence_class: str, licence_expiry: date
) -> Driver:
    """Register or update the licence of a Conductor of ``service``."""
    if not user.memberships.filter(service=service, role=Role.CONDUCTOR).exists():
        raise ValidationError(
            {
                "email": _(
                    "Esa cuenta no tiene el perfil Conductor en este servicio; "
                    "el Gestor de Servicio debe crearlo."
                )
            }
        )
    driver, _created = Driver.objects.update_or_create(
        service=service,
        user=user,
        defaults={"licence_class": licence_class, "licence_expiry": licence_expiry},
    )
    return driver


@transaction.atomic
def create_driver(
    *,
    by,
    service: Service,
    email: str,
    first_name: str,
    last_name: str,
    licence_class: str,
    licence_expiry: date,
) -> Driver:
    """A Conductor with licence: a Gestor de Servicio creates the account if needed;
    a Gestor de Flota registers the licence of an existing Conductor account."""
    from lms.accounts.models import User
    from lms.accounts.realms import Realm
    from management.services.accounts import (
        create_service_account,
        manageable_services,
    )

    if manageable_services(by).filter(pk=service.pk).exists():
        user, _created = create_service_account(
            by=by,
            service=service,
            email=email,
            first_name=first_name,
            last_name=last_name,
            roles=[Role.CONDUCTOR],
        )
    else:
        user = User.objects.with_email(email.strip().lower(), Realm.GESTION).first()
        if user is None:
            raise ValidationError(
                {
                    "email": _(
                        "No existe una cuenta con ese correo: el Gestor de Servicio "
                        "crea las cuentas de Conductor."
                    )
                }
            )
    return save_driver(
        service=service,
        user=user,
        licence_class=licence_class,
        licence_expiry=licence_expiry,
    )


# ------------------------------------------------------------------ odometer


def first_reading(vehicle: Vehicle) -> int | None:
    values = [
        vehicle.fuel_loads.aggregate(v=Min("odometer"))["v"],
        vehicle.trips.aggregate(v=Min("odometer_out"))["v"],
    ]
    values = [v for v in values if v is not None]
    return min(values) if values else None


def last_reading_time(vehicle: Vehicle) -> datetime | None:
    values = [
        vehicle.fuel_loads.aggregate(v=Max("loaded_at"))["v"],
        vehicle.trips.aggregate(v=Max("returned_at"))["v"],
    ]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def _neighbours(vehicle, at, *, exclude_load=None, exclude_trip=None):
    """(highest reading before ``at``, lowest reading after ``at``) with their times."""
    loads = vehicle.fuel_loads.all()
    trips = vehicle.trips.all()
    if exclude_load is not None:
        loads = loads.exclude(pk=exclude_load)
    if exclude_trip is not None:
        trips = trips.exclude(pk=exclude_trip)
    before = [
        (v.odometer, v.loaded_at)
        for v in loads.filter(loaded_at__lt=at).order_by("-odometer")[:1]
    ]
    before += [
        (t.odometer_in, t.returned_at)
        for t in trips.filter(returned_at__lt=at).order_by("-odometer_in")[:1]
    ]
    before += [
        (t.odometer_out, t.departed_at)
        for t in trips.filter(departed_at__lt=at).order_by("-odometer_out")[:1]
    ]
    after = [
        (v.odometer, v.loaded_at)
        for v in loads.filter(loaded_at__gt=at).order_by("odometer")[:1]
    ]
    after += [
        (t.odometer_out, t.departed_at)
        for t in trips.filter(departed_at__gt=at).order_by("odometer_out")[:1]
    ]
    after += [
        (t.odometer_in, t.returned_at)
        for t in trips.filter(returned_at__gt=at).order_by("odometer_in")[:1]
    ]
    return (max(before) if before else None), (min(after) if after else None)


def check_odometer(
    vehicle: Vehicle, readings, *, exclude_load=None, exclude_trip=None
) -> dict:
    """Errors by field for readings [(field, time, km)] that would make it go back."""
    errors: dict[str, list] = {}
    for field, at, value in readings:
        if value < vehicle.initial_odometer:
            errors.setdefault(field, []).append(
                _(
                    "El odómetro (%(km)s km) es menor que el odómetro inicial del "
                    "vehículo (%(first)s km)."
                )
                % {"km": km(value), "first": km(vehicle.initial_odometer)}
            )
            continue
        before, after = _neighbours(
            vehicle, at, exclude_load=exclude_load, exclude_trip=exclude_trip
        )
        if before is not None and value < before[0]:
            errors.setdefault(field, []).append(
                _(
                    "El odómetro (%(km)s km) es menor que el último registrado "
                    "(%(last)s km el %(when)s): el odómetro nunca retrocede."
                )
                % {"km": km(value), "last": km(before[0]), "when": when(before[1])}
            )
        elif after is not None and value > after[0]:
            errors.setdefault(field, []).append(
                _(
                    "El odómetro (%(km)s km) supera el de un registro posterior "
                    "(%(next)s km el %(when)s)."
                )
                % {"km": km(value), "next": km(after[0]), "when": when(after[1])}
            )
    return errors


# ---------------------------------------------------------- loads and trips


def _check_recorder(*, by, vehicle: Vehicle, driver: Driver | None) -> Driver | None:
    """A manager records for any driver of the service; a Conductor only for
    themselves and a vehicle assigned to them."""
    if by is None or is_manager(by, vehicle.service_id):
        if driver is not None and driver.service_id != vehicle.service_id:
            raise ValidationError(
                {"driver": _("El conductor no pertenece al servicio del vehículo.")}
            )
        return driver
    if not scope_for(by, [Role.CONDUCTOR]).allows_service(vehicle.service_id):
        raise PermissionDenied(_("No puede registrar datos de este vehículo."))
    own = Driver.objects.filter(service_id=vehicle.service_id, user=by).first()
    if own is None or not vehicle.drivers.filter(pk=own.pk).exists():
        raise ValidationError(
            {
                "vehicle": _(
                    "El vehículo %(plate)s no está asignado a usted: pida al Gestor "
                    "de Flota que se lo asigne."
                )
                % {"plate": vehicle.plate}
            }
        )
    return own


def _check_usable(vehicle: Vehicle, at: datetime, field: str) -> dict:
    errors = {}
    if vehicle.is_retired:
        errors["vehicle"] = [
            _("El vehículo %(plate)s está dado de baja desde el %(d)s.")
            % {"plate": vehicle.plate, "d": vehicle.retired_on.strftime("%d-%m-%Y")}
        ]
    if at > timezone.now() + CLOCK_SLACK:
        errors[field] = [_("La fecha y hora no pueden estar en el futuro.")]
    return errors


@dataclass
class LoadData:
    loaded_at: datetime
    odometer: int
    quantity: Decimal
    cost_clp: int
    fuel: str = ""
    full_tank: bool = True
    missed_previous: bool = False


@transaction.atomic
def record_fuel_load(
    *,
    vehicle: Vehicle,
    data: LoadData,
    by=None,
    driver: Driver | None = None,
    receipt=None,
) -> FuelLoad:
    """Save a fuel load after every check; recompute the vehicle's km/L segments."""
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    driver = _check_recorder(by=by, vehicle=vehicle, driver=driver)
    fuel = data.fuel or vehicle.fuels()[0]
    errors = _check_usable(vehicle, data.loaded_at, "loaded_at")
    if fuel not in vehicle.fuels():
        errors.setdefault("fuel", []).append(
            _("Un vehículo con motor %(motor)s no carga %(fuel)s.")
            % {
                "motor": vehicle.get_motor_display().lower(),
                "fuel": dict(FuelLoad._meta.get_field("fuel").flatchoices)[fuel],
            }
        )
    unit = fuel_unit(fuel)
    if data.quantity is None or data.quantity <= 0:
        errors.setdefault("quantity", []).append(_("La cantidad debe ser mayor que 0."))
    else:
        limit = vehicle.tank_capacity or tank_limit(vehicle.vehicle_type, fuel)
        if data.quantity > limit:
            errors.setdefault("quantity", []).append(
                _(
                    "%(q)s %(unit)s es más de lo que cabe en el estanque de un "
                    "%(type)s (máximo %(max)s %(unit)s). Revise la cantidad o la "
                    "capacidad del vehículo."
                )
                % {
                    "q": formats.number_format(data.quantity, use_l10n=True),
                    "unit": unit,
                    "type": vehicle.get_vehicle_type_display().lower(),
                    "max": limit,
                }
            )
    if data.cost_clp is None or data.cost_clp < 0:
        errors.setdefault("cost_clp", []).append(_("El costo no puede ser negativo."))
    errors.update(
        {
            k: errors.get(k, []) + v
            for k, v in check_odometer(
                vehicle, [("odometer", data.loaded_at, data.odometer)]
            ).items()
        }
    )
    if errors:
        raise ValidationError(errors)
    findings = []
    if driver is not None and driver.licence_expired(data.loaded_at.date()):
        findings.append(
            _("Cargó un conductor con la licencia vencida (%(d)s).")
            % {"d": driver.licence_expiry.strftime("%d-%m-%Y")}
        )
    factor = emission_factor(fuel, timezone.localtime(data.loaded_at).year)
    load = FuelLoad(
        vehicle=vehicle,
        driver=driver,
        loaded_at=data.loaded_at,
        odometer=data.odometer,
        fuel=fuel,
        quantity=data.quantity,
        unit=unit,
        cost_clp=data.cost_clp,
        full_tank=data.full_tank,
        missed_previous=data.missed_previous,
        emission_factor=factor,
        co2e_kg=(data.quantity * factor).quantize(Decimal("0.001"), ROUND_HALF_UP),
        findings=findings,
        created_by=by,
    )
    if receipt is not None:
        load.receipt = receipt
    load.save()
    recompute_segments(vehicle)
    load.refresh_from_db()
    return load


@transaction.atomic
def delete_fuel_load(*, load: FuelLoad) -> None:
    """Remove a mistaken load; the segments around it are recomputed."""
    vehicle = Vehicle.objects.select_for_update().get(pk=load.vehicle_id)
    load.delete()
    recompute_segments(vehicle)


def efficiency_finding(km_: int, quantity: Decimal, unit: str) -> str:
    low, high = PLAUSIBLE_EFFICIENCY.get(unit, PLAUSIBLE_EFFICIENCY["L"])
    value = Decimal(km_) / quantity
    if low <= value <= high:
        return ""
    return _(
        "Rendimiento inusual: %(v)s km/%(unit)s entre dos estanques llenos; revise "
        "el odómetro y las cantidades."
    ) % {"v": formats.number_format(value, 1, use_l10n=True), "unit": unit}


def recompute_segments(vehicle: Vehicle) -> None:
    """Set each full tank's segment: km since the previous full tank of the same
    fuel and everything loaded after it, up to and including this one.

    A load flagged "no se registró la carga anterior" breaks the chain: the segment
    it belongs to is unknown and left out rather than guessed.
    """
    loads = list(vehicle.fuel_loads.order_by("loaded_at", "odometer", "pk"))
    state: dict[str, tuple] = {}  # fuel -> (previous full load, quantity since, broken)
    changed = []
    for load in loads:
        previous, since, broken = state.get(load.fuel, (None, Decimal(0), False))
        since += load.quantity
        broken = broken or load.missed_previous
        seg_km = seg_q = None
        if load.full_tank:
            if previous is not None and not broken:
                seg_km, seg_q = load.odometer - previous.odometer, since
            state[load.fuel] = (load, Decimal(0), False)
        else:
            state[load.fuel] = (previous, since, broken)
        findings = [f for f in load.findings if not f.startswith("Rendimiento inusual")]
        if seg_km is not None:
            note = efficiency_finding(seg_km, seg_q, load.unit)
            if note:
                findings.append(note)
        if (load.segment_km, load.segment_quantity, load.findings) != (
            seg_km,
            seg_q,
            findings,
        ):
            load.segment_km, load.segment_quantity, load.findings = (
                seg_km,
                seg_q,
                findings,
            )
            changed.append(load)
    FuelLoad.objects.bulk_update(
        changed, ["segment_km", "segment_quantity", "findings"], batch_size=500
    )


@dataclass
class TripData:
    departed_at: datetime
    returned_at: datetime
    odometer_out: int
    odometer_in: int
    origin: str
    destination: str
    purpose: str
    passengers: int = 0


@transaction.atomic
def record_trip(
    *, vehicle: Vehicle, data: TripData, by=None, driver: Driver | None = None
) -> Trip:
    """Save a bitácora entry after checking times, odometer and the driver's licence."""
    vehicle = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
    driver = _check_recorder(by=by, vehicle=vehicle, driver=driver)
    errors = _check_usable(vehicle, data.returned_at, "returned_at")
    if driver is None:
        errors.setdefault("driver", []).append(_("Indique quién conduce."))
    elif driver.licence_expired(timezone.localtime(data.departed_at).date()):
        errors.setdefault("driver", []).append(
            _(
                "La licencia de %(name)s venció el %(d)s: no puede registrar viajes "
                "con ella. Actualícela en Conductores."
            )
            % {"name": driver, "d": driver.licence_expiry.strftime("%d-%m-%Y")}
        )
    if data.returned_at <= data.departed_at:
        errors.setdefault("returned_at", []).append(
            _("La llegada (%(in)s) debe ser posterior a la salida (%(out)s).")
            % {"in": when(data.returned_at), "out": when(data.departed_at)}
        )
    if data.odometer_in < data.odometer_out:
        errors.setdefault("odometer_in", []).append(
            _(
                "El odómetro de llegada (%(in)s km) es menor que el de salida "
                "(%(out)s km)."
            )
            % {"in": km(data.odometer_in), "out": km(data.odometer_out)}
        )
    if not errors:
        overlap = vehicle.trips.filter(
            departed_at__lt=data.returned_at, returned_at__gt=data.departed_at
        ).first()
        if overlap is not None:
            errors["departed_at"] = [
                _(
                    "El vehículo ya tiene un viaje entre el %(a)s y el %(b)s; los "
                    "viajes no pueden superponerse."
                )
                % {"a": when(overlap.departed_at), "b": when(overlap.returned_at)}
            ]
        else:
            errors.update(
                check_odometer(
                    vehicle,
                    [
                        ("odometer_out", data.departed_at, data.odometer_out),
                        ("odometer_in", data.returned_at, data.odometer_in),
                    ],
                )
            )
            inside = vehicle.fuel_loads.filter(
                loaded_at__gt=data.departed_at, loaded_at__lt=data.returned_at
            ).exclude(odometer__gte=data.odometer_out, odometer__lte=data.odometer_in)
            load = inside.first()
            if load is not None:
                errors.setdefault("odometer_in", []).append(
                    _(
                        "Durante el viaje hay una carga con odómetro %(km)s km, fuera "
                        "del rango del viaje."
                    )
                    % {"km": km(load.odometer)}
                )
    if errors:
        raise ValidationError(errors)
    trip = Trip(
        vehicle=vehicle,
        driver=driver,
        created_by=by,
        **{f: getattr(data, f) for f in TripData.__dataclass_fields__},
    )
    trip.full_clean()
    trip.save()
    return trip


@transaction.atomic
def delete_trip(*, trip: Trip) -> None:
    trip.delete()


def units_of(service: Service):
    return Unit.objects.filter(service=service, is_active=True).order_by("name")
