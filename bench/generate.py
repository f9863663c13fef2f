"""The benchmark dataset, built in bulk and deterministic by seed.

``build(size, seed)`` creates every part in order (inventory, energy, fleet, learners)
and returns the references the scenarios need (the big service, its Gestor, a learner,
a course, a certificate code…). The benchmark scripts call the same builders for their
own part. Nothing here calls ``django.setup()``: it is imported from the management
command ``bench_dataset``, the scripts and the query-budget tests.

Rows are written with ``bulk_create``; the project's services are used where an
invariant lives in them (km/L segments of fuel loads, the few learners the scenarios
log in as). Dates are relative to the day of the build; everything else depends only
on the seed.
"""

import calendar
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

#: Code of the big service (units, completions, vehicles) and prefixes of the rest.
BIG_SERVICE = "BENCH000"
PREFIX = "BENCH"
COURSE_SLUG = "curso-de-carga"
CAPACITACION_SLUG = "curso-de-carga-capacitacion"
LAST_YEAR = 2025
BATCH = 5_000
LETTERS = "BCDFGHJKLPRSTVWXYZ"

GESTOR_EMAIL = "bench.gestor@carga.example"
FLOTA_EMAIL = "bench.flota@carga.example"
ADMIN_EMAIL = "bench.admin@carga.example"
LEARNER_EMAIL = "bench.aprendiz@carga.example"


@dataclass(frozen=True)
class Plan:
    services: int
    buildings: int
    units: int
    big_units: int
    meters: int
    years: int
    vehicles: int
    big_vehicles: int
    loads_per_vehicle: int
    learners: int  # Concientización
    completions: int
    big_completions: int
    capacitacion: int


SIZES: dict[str, Plan] = {
    # The query-budget tests build these two; their rows differ, their queries must not.
    "tiny": Plan(6, 20, 30, 12, 36, 1, 12, 5, 3, 40, 30, 12, 10),
    "small": Plan(12, 150, 300, 60, 360, 2, 100, 40, 5, 400, 300, 150, 50),
    "national": Plan(
        180,
        6_000,
        7_000,
        500,
        9_000,
        5,
        2_000,
        400,
        50,
        300_000,
        250_000,
        20_000,
        5_000,
    ),
}


def _say(verbose, message):
    if verbose:
        print(message, flush=True)


# Inventory ----------------------------------------------------------------------


def bench_services():
    from management.models import Service

    return list(
        Service.objects.filter(code__regex=rf"^{PREFIX}[0-9]{{3}}$").order_by("code")
    )


def build_inventory(plan: Plan, rng: random.Random, verbose=False) -> None:
    """Services, buildings spread over every region's comunas, and units."""
    from management.models import (
        Building,
        Comuna,
        Institution,
        PropertyType,
        Service,
        Unit,
        UseType,
    )

    institution, _ = Institution.objects.get_or_create(
        code=PREFIX, defaults={"name": "Institución de prueba de carga"}
    )
    Service.objects.bulk_create(
        Service(
            institution=institution,
            name=f"Servicio de carga {i:03d}",
            code=f"{PREFIX}{i:03d}",
        )
        for i in range(plan.services)
    )
    services = bench_services()
    # Ordered by region, then picked with a stride: even a few buildings reach
    # several regions, and many reach all of them.
    comunas = list(Comuna.objects.order_by("province__region__position", "pk"))
    stride = max(1, len(comunas) // max(1, min(plan.buildings, 16)))
    Building.objects.bulk_create(
        (
            Building(
                service=services[i % plan.services],
                street=f"Calle de carga {i}",
                number=str(100 + i),
                comuna=comunas[(i * stride + i // 16) % len(comunas)],
            )
            for i in range(plan.buildings)
        ),
        batch_size=2000,
    )
    buildings = list(
        Building.objects.filter(service__code__startswith=PREFIX).order_by("pk")
    )
    use_types = list(UseType.objects.order_by("pk"))
    property_types = list(PropertyType.objects.order_by("pk"))

    def owner(i):
        """Index of the unit's service: the big one first, then round robin."""
        return 0 if i < plan.big_units else 1 + i % (plan.services - 1)

    def building(k):
        """One of service ``k``'s own buildings (building j belongs to j % services)."""
        own = len(range(k, len(buildings), plan.services))
        return buildings[k + plan.services * rng.randrange(own)]

    Unit.objects.bulk_create(
        (
            Unit(
                service=services[owner(i)],
                building=building(owner(i)),
                name=f"Unidad {i}",
                use_type=use_types[i % len(use_types)],
                property_type=property_types[i % len(property_types)],
                surface_m2=100 + rng.randrange(900),
                rol=f"{i}-1",
                floor_summary=str(1 + i % 12),
                energy_start_year=2024 + i % 3 if i % 4 else None,
            )
            for i in range(plan.units)
        ),
        batch_size=2000,
    )
    _say(verbose, f"  inventario: {plan.units:,} unidades")


# Energy ---------------------------------------------------------------------------


def build_energy(plan: Plan, rng: random.Random, verbose=False) -> None:
    """Client numbers, meters, monthly bills and the monthly consumption table.

    One electricity meter per unit first; the meters beyond the units add gas to one
    unit in ten (the other 90 % stay electricity only) and a second electricity meter
    to others. Consumption follows a winter peak, stronger in the south.
    """
    from management.models import (
        Bill,
        ClientNumber,
        Distributor,
        Meter,
        MonthlyConsumption,
        Unit,
    )

    # Enough units for one meter each and gas for a tenth of them.
    wanted = plan.meters - plan.meters // 11
    units = list(
        Unit.objects.filter(service__code__startswith=PREFIX)
        .select_related("building__comuna__province__region")
        .order_by("pk")[:wanted]
    )
    electricity = (
        Distributor.objects.filter(name="Enel Distribución").first()
        or Distributor.objects.filter(source="electricidad").order_by("pk").first()
    )
    gas = Distributor.objects.exclude(source="electricidad").order_by("pk").first()
    first_year = LAST_YEAR - plan.years + 1
    n = len(units)
    with transaction.atomic():
        Unit.objects.filter(pk__in=[u.pk for u in units]).update(
            energy_start_year=first_year
        )
        clients = []
        for index in range(plan.meters):
            unit = units[index % n]
            extra = index - n
            is_gas = 0 <= extra < n // 10 and gas is not None
            clients.append(
                ClientNumber(
                    unit=unit,
                    distributor=gas if is_gas else electricity,
                    source=gas.source if is_gas else "electricidad",
                    number=f"BENCH-C{index}",
                    tariff="" if is_gas else "BT1",
                )
            )
        ClientNumber.objects.bulk_create(clients, batch_size=2000)
        clients = list(
            ClientNumber.objects.filter(number__startswith="BENCH-C").order_by("pk")
        )
        Meter.objects.bulk_create(
            (
                Meter(
                    client_number=client,
                    number=f"BENCH-{i}",
                    active_from=dt.date(first_year - 1, 1, 1),
                )
                for i, client in enumerate(clients)
            ),
            batch_size=2000,
        )
    meters = list(
        Meter.objects.filter(number__startswith="BENCH-")
        .select_related("client_number__unit__building__comuna__province__region")
        .order_by("pk")
    )
    for start in range(0, len(meters), 500):
        part = meters[start : start + 500]
        rows, months = [], []
        for meter in part:
            base = rng.randint(800, 20_000)
            client = meter.client_number
            is_gas = client.source != "electricidad"
            factor = Decimal("10.86") if is_gas else Decimal(1)
            region = client.unit.building.comuna.province.region
            # Regions are numbered north to south: the south heats more in winter.
            winter = 0.15 + 0.02 * min(region.position or 0, 16)
            for year in range(first_year, LAST_YEAR + 1):
                for month in range(1, 13):
                    last = calendar.monthrange(year, month)[1]
                    season = 1 + winter * (
                        1 if month in (6, 7, 8) else 0.4 * (month in (5, 9))
                    )
                    value = Decimal(round(base * season * rng.uniform(0.85, 1.15), 1))
                    kwh = (value * factor).quantize(Decimal("0.001"))
                    amount = int(kwh * rng.randint(110, 160))
                    rows.append(
                        Bill(
                            meter=meter,
                            unit_id=client.unit_id,
                            source=client.source,
                            period_start=dt.date(year, month, 1),
                            period_end=dt.date(year, month, last),
                            issue_date=dt.date(year, month, last)
                            + dt.timedelta(days=6),
                            consumption=value,
                            consumption_unit="m³" if is_gas else "kWh",
                            kwh_factor=factor,
                            kwh=kwh,
                            amount_clp=amount,
                            status=Bill.Status.APPROVED,
                        )
                    )
                    months.append(
                        MonthlyConsumption(
                            meter=meter,
                            unit_id=client.unit_id,
                            source=client.source,
                            year=year,
                            month=month,
                            days=last,
                            consumption=value,
                            kwh=kwh,
                            amount_clp=amount,
                        )
                    )
        with transaction.atomic():
            Bill.objects.bulk_create(rows, batch_size=BATCH)
            MonthlyConsumption.objects.bulk_create(months, batch_size=BATCH)
        _say(verbose, f"  energía: {start + len(part):,}/{len(meters):,} medidores")


# Fleet ----------------------------------------------------------------------------


def plate(i: int) -> str:
    a, b, c = i // (18 * 18) % 18, i // 18 % 18, i % 18
    return f"{LETTERS[a]}{LETTERS[b]}{LETTERS[c]}B{i % 100:02d}"


def build_fleet(plan: Plan, rng: random.Random, verbose=False) -> None:
    """Vehicles (many in the big service) and weekly fuel loads with km/L segments."""
    from management.fleet.factors import emission_factor
    from management.fleet.models import FuelLoad, Vehicle
    from management.fleet.services import recompute_segments

    services = bench_services()
    Vehicle.objects.bulk_create(
        (
            Vehicle(
                service=services[0]
                if i < plan.big_vehicles
                else services[1 + i % (len(services) - 1)],
                plate=plate(i),
                brand="Marca",
                model_name=f"Modelo {i % 40}",
                year=2010 + i % 15,
                vehicle_type="camioneta" if i % 3 else "automovil",
                motor="diesel" if i % 3 else "gasolina",
                ownership="propio",
                initial_odometer=1_000,
            )
            for i in range(plan.vehicles)
        ),
        batch_size=2000,
    )
    start = timezone.now() - dt.timedelta(days=plan.loads_per_vehicle * 7)
    factor = {f: emission_factor(f, start.year) for f in ("diesel", "gasolina")}
    vehicles = Vehicle.objects.filter(service__code__startswith=PREFIX).order_by("pk")
    for done, vehicle in enumerate(vehicles, start=1):
        fuel = "diesel" if vehicle.motor == "diesel" else "gasolina"
        with transaction.atomic():
            FuelLoad.objects.bulk_create(
                FuelLoad(
                    vehicle=vehicle,
                    loaded_at=start + dt.timedelta(days=7 * n),
                    odometer=1_000 + 450 * n + rng.randrange(40),
                    fuel=fuel,
                    quantity=Decimal(35),
                    unit="L",
                    cost_clp=40_000,
                    full_tank=n % 4 != 2,
                    emission_factor=factor[fuel],
                    co2e_kg=35 * factor[fuel],
                )
                for n in range(plan.loads_per_vehicle)
            )
            recompute_segments(vehicle)
        if done % 500 == 0:
            _say(verbose, f"  flota: {done:,}/{plan.vehicles:,} vehículos")


# Learners, completions, certificates -----------------------------------------------


def course(platform: str, slug: str):
    """The benchmark's course of ``platform`` (two lessons and a quiz), made once."""
    from courses.models import CoursePage
    from tests.courses.factories import build_course

    found = CoursePage.objects.filter(slug=slug).first()
    if found is not None:
        return found
    title = "Curso de carga: gestión sustentable"
    if slug != COURSE_SLUG:
        title = "Curso de carga: gestión energética"
    return build_course(
        platform=platform, title=title, slug=slug, lessons=2, questions=4
    ).course


def certificate_code(rng: random.Random) -> str:
    from certificates.codes import ALPHABET, RANDOM_LENGTH, _check_symbol

    body = "".join(rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + _check_symbol(body)


def _rut(n: int) -> str:
    from lms.core.rut import check_digit

    number = 10_000_000 + n * 37
    return f"{number}-{check_digit(number)}"


FIRST = ["Carla", "Tomás", "Isidora", "Felipe", "Antonia", "Vicente", "Fernanda"]
LAST = ["Gallardo Paz", "Venegas Ruiz", "Orellana Toro", "Sepúlveda Lagos"]


def build_learners(
    plan: Plan, rng: random.Random, verbose=False, *, realm=None, prefix="carga"
) -> None:
    """Concientización learners; the first ``completions`` completed the course, with
    their certificate and their entry in the service's collaborator list (the big
    service first, then spread over the others)."""
    from certificates.models import Certificate
    from courses.models import Enrolment, LearnerProfile
    from lms.accounts.models import User
    from lms.accounts.realms import Realm
    from management.models import ConcientizedCollaborator

    realm = realm or Realm.CONCIENTIZACION
    concientizacion = realm == Realm.CONCIENTIZACION
    total = plan.learners if concientizacion else plan.capacitacion
    completions = plan.completions if concientizacion else 0
    the_course = course(realm, COURSE_SLUG if concientizacion else CAPACITACION_SLUG)
    services = bench_services()
    now = timezone.now().replace(microsecond=0)
    # Completions spread over two years, newest first; the others' activity too.
    span = completions or total
    step = dt.timedelta(days=730) / max(1, span)

    def service_of(n):
        if n < plan.big_completions:
            return services[0]
        return services[1 + n % (len(services) - 1)]

    for start in range(0, total, BATCH):
        stop = min(start + BATCH, total)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=f"{prefix}{n}@carga.example",
                    realm=realm,
                    first_name=FIRST[n % len(FIRST)],
                    last_name=LAST[n % len(LAST)],
                    rut=_rut(n),
                    password="!",
                )
                for n in range(start, stop)
            )
            LearnerProfile.objects.bulk_create(
                LearnerProfile(
                    user=user,
                    institution_id=service_of(n).institution_id,
                    service=service_of(n),
                    privacy_accepted_at=now,
                    email_confirmed_at=now,
                )
                for n, user in enumerate(users, start=start)
            )
            enrolments = Enrolment.objects.bulk_create(
                Enrolment(
                    user=user,
                    course=the_course,
                    institution_id=service_of(n).institution_id,
                    service=service_of(n),
                    enrolled_at=now
                    - step * (n % span)
                    - dt.timedelta(days=1 + rng.randrange(30)),
                    completed_at=now - step * n if n < completions else None,
                    last_activity_at=now - step * (n % span),
                    score=rng.choice((75, 100)) if n < completions else None,
                )
                for n, user in enumerate(users, start=start)
            )
            done = [
                (n, e)
                for n, e in enumerate(enrolments, start=start)
                if e.completed_at is not None
            ]
            certificates = Certificate.objects.bulk_create(
                Certificate(
                    code=certificate_code(rng),
                    enrolment=enrolment,
                    course=the_course,
                    service=enrolment.service,
                    first_name=enrolment.user.first_name,
                    last_name=enrolment.user.last_name,
                    rut=enrolment.user.rut,
                    institution_name=enrolment.service.institution.name,
                    service_name=enrolment.service.name,
                    course_title=the_course.title,
                    platform=the_course.platform,
                    hours=the_course.hours,
                    score=enrolment.score,
                    completed_at=enrolment.completed_at,
                    issued_at=enrolment.completed_at,
                    # Every 50th one revoked, as staff would over the years.
                    revoked_at=now if n % 50 == 0 else None,
                    revocation_reason="Carga" if n % 50 == 0 else "",
                )
                for n, enrolment in done
            )
            ConcientizedCollaborator.objects.bulk_create(
                ConcientizedCollaborator(
                    enrolment=enrolment,
                    service=enrolment.service,
                    year=timezone.localtime(enrolment.completed_at).year,
                    completed_at=enrolment.completed_at,
                    first_name=enrolment.user.first_name,
                    last_name=enrolment.user.last_name,
                    rut=enrolment.user.rut,
                    email=enrolment.user.email,
                    certificate=certificate,
                )
                for (_n, enrolment), certificate in zip(done, certificates, strict=True)
            )
        _say(verbose, f"  {realm}: {stop:,}/{total:,} personas")


# Accounts the scenarios run as --------------------------------------------------------


def account(email, role, service=None):
    """A Gestión user with ``role`` (in ``service``) and a confirmed TOTP device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.accounts.models import User
    from lms.accounts.services import add_membership, grant_staff_role

    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": "Carga"}
    )
    if created:
        if service is None:
            grant_staff_role(user=user, role=role)
        else:
            add_membership(user=user, service=service, role=role)
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return user


def ready_learner(email: str, service=None):
    """A Concientización learner enrolled in the course with every lesson read,
    through the project's services (ready to take the quiz)."""
    from courses import services as course_services
    from courses.models import LearnerProfile, LessonPage
    from lms.accounts.models import User
    from lms.accounts.realms import Realm

    the_course = course(Realm.CONCIENTIZACION, COURSE_SLUG)
    service = service or bench_services()[1]
    user = User.objects.with_email(email, Realm.CONCIENTIZACION).first()
    if user is None:
        user = User.objects.create(
            email=email,
            realm=Realm.CONCIENTIZACION,
            first_name="Aprendiz",
            last_name="De Carga",
            rut=_rut(9_999_000),
        )
        now = timezone.now()
        LearnerProfile.objects.create(
            user=user,
            institution=service.institution,
            service=service,
            privacy_accepted_at=now,
            email_confirmed_at=now,
        )
    enrolment = course_services.enrol_learner(user=user, course=the_course)
    for lesson in LessonPage.objects.child_of(the_course).live().order_by("path"):
        enrolment = course_services.complete_lesson(enrolment=enrolment, lesson=lesson)
    return user


def references() -> dict:
    """What the scenarios look up: ids, paths and e-mails in the built dataset."""
    from certificates.codes import format_code
    from certificates.models import Certificate
    from courses.models import LessonPage, QuizPage
    from lms.accounts.realms import Realm
    from management.models import Bill, Service

    big = Service.objects.get(code=BIG_SERVICE)
    the_course = course(Realm.CONCIENTIZACION, COURSE_SLUG)
    lesson = LessonPage.objects.child_of(the_course).order_by("path").first()
    quiz = QuizPage.objects.child_of(the_course).first()
    certificate = (
        Certificate.objects.filter(service=big, revoked_at__isnull=True)
        .order_by("pk")
        .first()
    )
    unit_id = (
        Bill.objects.filter(unit__service=big)
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
        .first()
    )
    return {
        "service_id": big.pk,
        "service_code": big.code,
        "gestor": GESTOR_EMAIL,
        "flota": FLOTA_EMAIL,
        "admin": ADMIN_EMAIL,
        "learner": LEARNER_EMAIL,
        "course_url": the_course.url,
        "lesson_url": lesson.url,
        "quiz_url": quiz.url,
        "certificate_code": format_code(certificate.code) if certificate else "",
        "unit_with_bills": unit_id,
    }


def analyze() -> None:
    """Refresh the planner's statistics after the bulk writes (PostgreSQL).

    Without them a freshly built table looks empty to the planner, which then picks
    nested loops that scan a service's rows once per row (the vehicle list's count took
    16 ms instead of 0.2 ms); in production autovacuum keeps them, but it may be off
    or not have run yet on a benchmark server."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build(size: str, seed: int = 7, verbose: bool = False) -> dict:
    """Build every part of the dataset at ``size`` and return its references."""
    from lms.accounts.realms import Realm
    from lms.accounts.roles import Role

    plan = SIZES[size]
    rng = random.Random(seed)
    with transaction.atomic():
        build_inventory(plan, rng, verbose)
    build_energy(plan, rng, verbose)
    build_fleet(plan, rng, verbose)
    build_learners(plan, rng, verbose)
    build_learners(plan, rng, verbose, realm=Realm.CAPACITACION, prefix="capacitacion")
    big = bench_services()[0]
    with transaction.atomic():
        account(GESTOR_EMAIL, Role.GESTOR_SERVICIO, big)
        account(FLOTA_EMAIL, Role.GESTOR_FLOTA, big)
        account(ADMIN_EMAIL, Role.ADMINISTRADOR)
        ready_learner(LEARNER_EMAIL, big)
    analyze()
    return references()
