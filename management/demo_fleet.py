"""Demo fleet of the Subsecretaría de Energía: 15 vehicles and a year of loads and trips.

The demo Conductor (conductor@) drives two vehicles; three more fictitious
Conductores (one with a licence about to expire) drive the rest. Odometers only go
forward; fuel loads follow the kilometres driven (full tanks with a few partial fills
and one missed load) so km/L, cost per km and emissions in Reportes are real figures.
One vehicle is in maintenance, one retired and one idle for two months.
Idempotent: nothing is added when the first demo plate exists.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lms.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import add_membership

from .fleet import services
from .fleet.factors import emission_factor, fuel_unit
from .fleet.models import Driver, FuelLoad, Trip, Vehicle
from .models import Service, Unit

M = Vehicle.Motor
T = Vehicle.Type
# plate, brand, model, year, type, motor, ownership, km/L (or km/kWh), tank, km/day, unit
FLEET = [
    (
        "GKRT21",
        "Toyota",
        "Hilux 2.4 4x4",
        2021,
        T.PICKUP,
        M.DIESEL,
        "propio",
        10.5,
        80,
        90,
        "Oficinas centrales",
    ),
    (
        "HBPL54",
        "Nissan",
        "Navara NP300",
        2022,
        T.PICKUP,
        M.DIESEL,
        "arrendado",
        11.2,
        80,
        70,
        "Seremi de Energía Magallanes",
    ),
    (
        "JDWX88",
        "Hyundai",
        "Ioniq Hybrid",
        2022,
        T.CAR,
        M.HYBRID,
        "arrendado",
        21.0,
        45,
        60,
        "Oficinas centrales",
    ),
    (
        "KLCS37",
        "Toyota",
        "Corolla Hybrid",
        2023,
        T.CAR,
        M.HYBRID,
        "propio",
        22.5,
        43,
        55,
        "Oficina de proyectos",
    ),
    (
        "LRFZ19",
        "BYD",
        "E5",
        2023,
        T.CAR,
        M.ELECTRIC,
        "comodato",
        6.2,
        60,
        65,
        "Oficinas centrales",
    ),
    (
        "PTGH42",
        "Mitsubishi",
        "Outlander PHEV",
        2022,
        T.CAR,
        M.PLUGIN_HYBRID,
        "arrendado",
        15.0,
        45,
        50,
        "Seremi de Energía Valparaíso",
    ),
    (
        "RSDB65",
        "Peugeot",
        "Partner",
        2020,
        T.VAN,
        M.DIESEL,
        "propio",
        14.0,
        60,
        45,
        "Seremi de Energía Biobío",
    ),
    (
        "SVKP73",
        "Hyundai",
        "H-1",
        2019,
        T.VAN,
        M.DIESEL,
        "propio",
        9.8,
        75,
        60,
        "Seremi de Energía Antofagasta",
    ),
    (
        "TZLC26",
        "Mercedes-Benz",
        "Sprinter 515",
        2018,
        T.MINIBUS,
        M.DIESEL,
        "propio",
        8.0,
        75,
        80,
        "Sala de capacitación",
    ),
    (
        "VBHJ91",
        "Chevrolet",
        "Sail",
        2019,
        T.CAR,
        M.GASOLINE,
        "propio",
        14.5,
        42,
        40,
        "Seremi de Energía Coquimbo",
    ),
    (
        "WXGT58",
        "Kia",
        "Morning",
        2021,
        T.CAR,
        M.GASOLINE,
        "propio",
        17.0,
        35,
        35,
        "Seremi de Energía Ñuble",
    ),
    (
        "XDRS14",
        "Suzuki",
        "Swift",
        2020,
        T.CAR,
        M.GASOLINE,
        "arrendado",
        16.0,
        37,
        30,
        "Seremi de Energía Tarapacá",
    ),
    (
        "YPKV47",
        "Ford",
        "Ranger",
        2017,
        T.PICKUP,
        M.DIESEL,
        "propio",
        9.5,
        80,
        50,
        "Seremi de Energía Aysén",
    ),
    (
        "ZCFB82",
        "Honda",
        "XR150L",
        2022,
        T.MOTORCYCLE,
        M.GASOLINE,
        "propio",
        35.0,
        12,
        25,
        "Seremi de Energía Araucanía",
    ),
    (
        "DW4512",
        "Toyota",
        "Yaris",
        2012,
        T.CAR,
        M.GASOLINE,
        "propio",
        15.0,
        42,
        30,
        "Archivo",
    ),
]
PRICES = {"gasolina": 1_290, "diesel": 1_050, "electricidad": 190}
DRIVERS = [
    ("conductor", None, None, "B", 400),
    ("carla.rojas", "Carla", "Rojas", "B", 20),
    ("pedro.soto", "Pedro", "Soto", "A2", 700),
    ("marta.diaz", "Marta", "Díaz", "B", 900),
]
DESTINATIONS = [
    ("Reunión con municipio", "Municipalidad"),
    ("Visita técnica a edificio público", "Hospital regional"),
    ("Fiscalización de proyecto", "Parque fotovoltaico"),
    ("Capacitación a funcionarios", "Liceo técnico"),
    ("Entrega de materiales", "Oficina provincial"),
]


def _driver(service: Service, local: str, first, last, licence: str, days: int):
    email = f"{local}@{DEMO_DOMAIN}"
    user = User.objects.with_email(email, Realm.GESTION).first()
    if user is None:
        user = User(email=email, realm=Realm.GESTION, first_name=first, last_name=last)
        user.set_password(DEMO_PASSWORD)
        user.save()
    add_membership(user=user, service=service, role=Role.CONDUCTOR)
    return services.save_driver(
        service=service,
        user=user,
        licence_class=licence,
        licence_expiry=timezone.localdate() + timedelta(days=days),
    )


def _history(vehicle: Vehicle, spec, drivers, rnd: random.Random, idle_days: int):
    """A year of weekday trips and the loads they need, oldest first."""
    _p, _b, _m, _y, _t, motor, _o, efficiency, tank, per_day, _u = spec
    fuel = vehicle.fuels()[0]
    unit = fuel_unit(fuel)
    today = timezone.localdate()
    day = today - timedelta(days=365)
    last_day = today - timedelta(days=idle_days + 1)
    odometer = vehicle.initial_odometer
    in_tank = Decimal(tank)
    since_fill = 0
    loads, trips = [], []
    zone = timezone.get_current_timezone()
    home = vehicle.units.first()
    origin = home.name if home else "Oficinas centrales"
    while day <= last_day:
        if day.weekday() < 5 and rnd.random() < 0.6:
            distance = max(8, int(rnd.gauss(per_day, per_day / 3)))
            out = datetime.combine(day, time(8 + rnd.randint(0, 2), 15), tzinfo=zone)
            back = out + timedelta(hours=2 + distance // 40, minutes=rnd.randint(0, 50))
            purpose, place = rnd.choice(DESTINATIONS)
            trips.append(
                Trip(
                    vehicle=vehicle,
                    driver=rnd.choice(drivers),
                    departed_at=out,
                    returned_at=back,
                    odometer_out=odometer,
                    odometer_in=odometer + distance,
                    origin=origin,
                    destination=place,
                    purpose=purpose,
                    passengers=rnd.randint(0, 3),
                )
            )
            odometer += distance
            since_fill += distance
            used = Decimal(distance) / Decimal(str(efficiency * rnd.uniform(0.9, 1.1)))
            in_tank -= used
            if in_tank < Decimal(tank) * Decimal("0.3"):
                partial = rnd.random() < 0.15
                quantity = (Decimal(tank) - in_tank) * (
                    Decimal("0.5") if partial else 1
                )
                quantity = quantity.quantize(Decimal("0.01"))
                at = back + timedelta(minutes=20)
                factor = emission_factor(fuel, at.year)
                loads.append(
                    FuelLoad(
                        vehicle=vehicle,
                        driver=rnd.choice(drivers),
                        loaded_at=at,
                        odometer=odometer,
                        fuel=fuel,
                        quantity=quantity,
                        unit=unit,
                        cost_clp=int(quantity * PRICES[fuel]),
                        full_tank=not partial,
                        missed_previous=len(loads) == 17,
                        emission_factor=factor,
                        co2e_kg=(quantity * factor).quantize(Decimal("0.001")),
                        findings=[],
                    )
                )
                in_tank += quantity
                since_fill = 0
        day += timedelta(days=1)
    return loads, trips


@transaction.atomic
def load() -> list[str]:
    service = Service.objects.filter(code="SUBENERGIA").first()
    if service is None:
        return []
    if Vehicle.objects.filter(plate=FLEET[0][0]).exists():
        return ["  Flota de demostración ya cargada."]
    rnd = random.Random(2026)
    drivers = [_driver(service, *d) for d in DRIVERS]
    units = {u.name: u for u in Unit.objects.filter(service=service)}
    made = []
    for index, spec in enumerate(FLEET):
        plate, brand, model, year, vtype, motor, ownership, _e, tank, _d, unit = spec
        vehicle = services.create_vehicle(
            service=service,
            data={
                "plate": plate,
                "brand": brand,
                "model_name": model,
                "year": year,
                "vehicle_type": vtype,
                "motor": motor,
                "ownership": ownership,
                "initial_odometer": rnd.randint(5, 90) * 1000,
                "tank_capacity": tank,
            },
        )
        crew = [drivers[0]] if index in (0, 2) else [drivers[1 + index % 3]]
        services.assign_vehicle(
            vehicle=vehicle, units=[units[unit]] if unit in units else [], drivers=crew
        )
        idle = 70 if plate == "XDRS14" else 0
        loads, trips = _history(vehicle, spec, crew, rnd, idle)
        Trip.objects.bulk_create(trips)
        FuelLoad.objects.bulk_create(loads)
        services.recompute_segments(vehicle)
        made.append(vehicle)
    services.set_status(vehicle=made[8], status=Vehicle.Status.MAINTENANCE)
    retired = made[-1]
    services.retire_vehicle(
        vehicle=retired,
        on=timezone.localdate(),
        reason="Remate por antigüedad (más de 12 años de uso)",
    )
    return [
        f"  Flota de demostración: {len(made)} vehículos, "
        f"{FuelLoad.objects.filter(vehicle__service=service).count()} cargas y "
        f"{Trip.objects.filter(vehicle__service=service).count()} viajes; "
        f"{Driver.objects.filter(service=service).count()} conductores "
        f"(conductor@{DEMO_DOMAIN} maneja {FLEET[0][0]} y {FLEET[2][0]})."
    ]
