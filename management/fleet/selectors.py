"""Reads of the fleet: a vehicle's figures, reports per vehicle, unit, service and
nation, monthly series and vehicles without activity. Constant query counts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import LOW_EMISSION_MOTORS, FuelLoad, Trip, Vehicle

ZERO = Decimal(0)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class Figures:
    """Sums that add up across vehicles; ratios are computed from the sums."""

    label: str = ""
    key: object = None
    vehicles: int = 0
    low_emission: int = 0
    km: int = 0
    litres: Decimal = ZERO
    kwh: Decimal = ZERO
    cubic_metres: Decimal = ZERO
    cost_clp: int = 0
    co2e_kg: Decimal = ZERO
    seg_km: int = 0
    seg_litres: Decimal = ZERO
    seg_km_electric: int = 0
    seg_kwh: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    def add(self, other: "Figures") -> None:
        for name in (
            "vehicles",
            "low_emission",
            "km",
            "litres",
            "kwh",
            "cubic_metres",
            "cost_clp",
            "co2e_kg",
            "seg_km",
            "seg_litres",
            "seg_km_electric",
            "seg_kwh",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def km_per_litre(self) -> Decimal | None:
        """km/L between full tanks (partial fills included), liquid fuels only."""
        if not self.seg_litres:
            return None
        return (Decimal(self.seg_km) / self.seg_litres).quantize(Decimal("0.01"))

    @property
    def km_per_kwh(self) -> Decimal | None:
        if not self.seg_kwh:
            return None
        return (Decimal(self.seg_km_electric) / self.seg_kwh).quantize(Decimal("0.01"))

    @property
    def cost_per_km(self) -> Decimal | None:
        if not self.km:
            return None
        return (Decimal(self.cost_clp) / self.km).quantize(Decimal("0.1"))

    @property
    def co2e_t(self) -> Decimal:
        return (self.co2e_kg / 1000).quantize(Decimal("0.001"))

    @property
    def low_emission_share(self) -> Decimal | None:
        if not self.vehicles:
            return None
        return (Decimal(100 * self.low_emission) / self.vehicles).quantize(
            Decimal("0.1")
        )


def vehicle_rows(vehicles, start: date, end: date) -> list[Figures]:
    """One Figures per vehicle of ``vehicles`` for the days ``start``..``end``.

    km of the period: the highest odometer reading in it minus the highest before it
    (the initial odometer when there is none). Seven queries whatever the size.
    """
    since, until = _aware(start), _aware(end + timedelta(days=1))
    rows = {
        v["pk"]: Figures(
            label=v["plate"],
            key=v["pk"],
            vehicles=1,
            low_emission=int(v["motor"] in LOW_EMISSION_MOTORS),
            extra={
                "vehicle": f"{v['brand']} {v['model_name']}",
                "motor": Vehicle.Motor(v["motor"]).label,
                "type": Vehicle.Type(v["vehicle_type"]).label,
                "service": v["service__name"],
                "service_id": v["service_id"],
                "initial": v["initial_odometer"],
            },
        )
        for v in vehicles.order_by("plate").values(
            "pk",
            "plate",
            "brand",
            "model_name",
            "motor",
            "vehicle_type",
            "service_id",
            "service__name",
            "initial_odometer",
        )
    }
    ids = vehicles.values("pk")
    loads = FuelLoad.objects.filter(vehicle__in=ids)
    trips = Trip.objects.filter(vehicle__in=ids)
    in_period = loads.filter(loaded_at__gte=since, loaded_at__lt=until)
    for r in in_period.values("vehicle_id", "unit").annotate(
        q=Sum("quantity"),
        cost=Sum("cost_clp"),
        co2=Sum("co2e_kg"),
        sk=Sum("segment_km"),
        sq=Sum("segment_quantity"),
    ):
        row = rows[r["vehicle_id"]]
        row.cost_clp += r["cost"] or 0
        row.co2e_kg += r["co2"] or ZERO
        if r["unit"] == "kWh":
            row.kwh += r["q"]
            row.seg_km_electric += r["sk"] or 0
            row.seg_kwh += r["sq"] or ZERO
        else:
            if r["unit"] == "L":
                row.litres += r["q"]
            else:
                row.cubic_metres += r["q"]
            row.seg_km += r["sk"] or 0
            row.seg_litres += r["sq"] or ZERO
    top: dict[int, int] = defaultdict(int)
    base: dict[int, int] = defaultdict(int)
    for qs, target, fieldname in (
        (in_period, top, "odometer"),
        (loads.filter(loaded_at__lt=since), base, "odometer"),
        (
            trips.filter(returned_at__gte=since, returned_at__lt=until),
            top,
            "odometer_in",
        ),
        (trips.filter(returned_at__lt=since), base, "odometer_in"),
    ):
        for vid, value in (
            qs.values("vehicle_id")
            .annotate(m=Max(fieldname))
            .values_list("vehicle_id", "m")
        ):
            target[vid] = max(target[vid], value or 0)
    for vid, row in rows.items():
        if top.get(vid):
            row.km = max(0, top[vid] - max(base.get(vid, 0), row.extra["initial"]))
    return list(rows.values())


def group_rows(rows: list[Figures], key_of, label_of) -> list[Figures]:
    groups: dict = {}
    for row in rows:
        for key in key_of(row):
            if key not in groups:
                groups[key] = Figures(label=label_of(key), key=key)
            groups[key].add(row)
    return sorted(groups.values(), key=lambda g: g.label)


def unit_rows(vehicles, rows: list[Figures]) -> list[Figures]:
    """Figures per unit served; a vehicle serving two units counts in both."""
    links = defaultdict(list)
    names = {}
    for vid, uid, name in Vehicle.units.through.objects.filter(
        vehicle__in=vehicles.values("pk")
    ).values_list("vehicle_id", "unit_id", "unit__name"):
        links[vid].append(uid)
        names[uid] = name
    names[None] = "Sin unidad asignada"
    return group_rows(rows, lambda r: links.get(r.key) or [None], names.__getitem__)


def service_rows(rows: list[Figures]) -> list[Figures]:
    names = {r.extra["service_id"]: r.extra["service"] for r in rows}
    return group_rows(rows, lambda r: [r.extra["service_id"]], names.__getitem__)


def total(rows: list[Figures], label: str) -> Figures:
    result = Figures(label=label)
    for row in rows:
        result.add(row)
    return result


def monthly(vehicles, year: int) -> dict:
    """Fuel (L), electricity (kWh), cost and kg CO2e per month of ``year``."""
    months = {m: defaultdict(lambda: ZERO) for m in range(1, 13)}
    loads = FuelLoad.objects.filter(
        vehicle__in=vehicles.values("pk"), loaded_at__year=year
    )
    for r in (
        loads.annotate(month=TruncMonth("loaded_at"))
        .values("month", "unit")
        .annotate(q=Sum("quantity"), cost=Sum("cost_clp"), co2=Sum("co2e_kg"))
    ):
        m = months[r["month"].month]
        m["kwh" if r["unit"] == "kWh" else "litres"] += r["q"]
        m["cost"] += r["cost"]
        m["co2"] += r["co2"]
    trips = Trip.objects.filter(
        vehicle__in=vehicles.values("pk"), departed_at__year=year
    )
    for r in (
        trips.annotate(month=TruncMonth("departed_at"))
        .values("month")
        .annotate(n=Count("pk"))
    ):
        months[r["month"].month]["trips"] += r["n"]
    return months


def inactive_vehicles(vehicles, days: int):
    """Vehicles in use with no load or trip in the last ``days`` days."""
    since = timezone.now() - timedelta(days=days)
    last_load = FuelLoad.objects.filter(vehicle=OuterRef("pk")).order_by("-loaded_at")
    last_trip = Trip.objects.filter(vehicle=OuterRef("pk")).order_by("-returned_at")
    return (
        vehicles.in_use()
        .annotate(
            last_load=Subquery(last_load.values("loaded_at")[:1]),
            last_trip=Subquery(last_trip.values("returned_at")[:1]),
        )
        .filter(
            Q(last_load__isnull=True) | Q(last_load__lt=since),
            Q(last_trip__isnull=True) | Q(last_trip__lt=since),
        )
        .select_related("service")
        .order_by("plate")
    )


def vehicle_figures(vehicle: Vehicle) -> dict:
    """The vehicle's page: all-time and last-12-months figures."""
    today = timezone.localdate()
    qs = Vehicle.objects.filter(pk=vehicle.pk)
    year = vehicle_rows(qs, today - timedelta(days=365), today)[0]
    ever = vehicle_rows(qs, date(1900, 1, 1), today)[0]
    last = max(
        [
            vehicle.initial_odometer,
            vehicle.fuel_loads.aggregate(m=Max("odometer"))["m"] or 0,
            vehicle.trips.aggregate(m=Max("odometer_in"))["m"] or 0,
        ]
    )
    return {"year": year, "ever": ever, "odometer": last}


def dashboard(user, service) -> dict:
    """The Flota home: a Conductor's vehicles and licence; a manager's fleet at a glance."""
    from datetime import timedelta as td

    from lms.accounts.roles import Role
    from lms.accounts.scoping import scope_for

    from .models import LICENCE_WARNING_DAYS, Driver
    from .permissions import READ

    result: dict = {}
    if service is None:
        return result
    today = timezone.localdate()
    if scope_for(user, [Role.CONDUCTOR]).allows_service(service.pk):
        driver = Driver.objects.filter(service=service, user=user).first()
        result["is_conductor"] = True
        result["driver"] = driver
        result["licence_warning"] = driver.licence_warning() if driver else ""
        result["my_vehicles"] = (
            list(driver.vehicles.in_use().order_by("plate")) if driver else []
        )
    if scope_for(user, READ).allows_service(service.pk):
        vehicles = Vehicle.objects.filter(service=service)
        counts = dict(
            vehicles.values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        month_start = _aware(today.replace(day=1))
        loads = FuelLoad.objects.filter(vehicle__service=service)
        result.update(
            active=counts.get(Vehicle.Status.ACTIVE, 0),
            maintenance=counts.get(Vehicle.Status.MAINTENANCE, 0),
            retired=counts.get(Vehicle.Status.RETIRED, 0),
            loads_month=loads.filter(loaded_at__gte=month_start).count(),
            trips_month=Trip.objects.filter(
                vehicle__service=service, departed_at__gte=month_start
            ).count(),
            flagged=loads.filter(loaded_at__gte=_aware(today - td(days=90)))
            .exclude(findings=[])
            .count(),
            licence_alerts=list(
                Driver.objects.filter(
                    service=service,
                    licence_expiry__lte=today + td(days=LICENCE_WARNING_DAYS),
                ).select_related("user")
            ),
            manager_view=True,
        )
    return result
