"""Benchmark of the fleet at national size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ge_bench .venv/bin/python -m bench.fleet

Builds once 2,000 vehicles (400 in one service) with 50 fuel loads each (100,000
loads, km/L segments computed) across the benchmark services of bench.inventory;
then measures the vehicle and fuel-load lists of the big service as its Gestor de
Flota (p95, same queries on every page), its yearly report, and the national report
of every vehicle as the Administrador. Exits 1 when a budget is exceeded.
"""

import os
import random
import statistics
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from bench import generate  # noqa: E402
from bench.inventory import account, client_for, timed  # noqa: E402
from bench.inventory import build as build_inventory  # noqa: E402
from lms.accounts.roles import Role  # noqa: E402
from management.fleet.models import FuelLoad, Vehicle  # noqa: E402
from management.models import Service  # noqa: E402

_PLAN = generate.SIZES["national"]
VEHICLES, BIG_SERVICE_VEHICLES = _PLAN.vehicles, _PLAN.big_vehicles
LOADS_PER_VEHICLE = _PLAN.loads_per_vehicle
BUDGET_LIST_P95 = 0.150  # seconds
BUDGET_REPORT = 1.0  # seconds, one service's year
BUDGET_NATIONAL_REPORT = 3.0  # seconds, every vehicle
RUNS = 30


@transaction.atomic
def build() -> None:
    if Vehicle.objects.filter(plate__endswith="B00").count() and (
        FuelLoad.objects.count() >= VEHICLES * LOADS_PER_VEHICLE
    ):
        return
    build_inventory()
    generate.build_fleet(generate.SIZES["national"], random.Random(7), verbose=True)
    transaction.on_commit(generate.analyze)


def p95_of(client, url) -> tuple[float, float, int]:
    timed(client, url)
    runs = [timed(client, url) for _ in range(RUNS)]
    times = sorted(r[0] for r in runs)
    return statistics.median(times), times[int(0.95 * RUNS) - 1], runs[0][1]


def main() -> int:
    call_command("migrate", verbosity=0)
    build()
    big = Service.objects.get(code="BENCH000")
    flota = client_for(account("bench.flota@carga.example", Role.GESTOR_FLOTA, big))
    admin = client_for(account("bench.admin@carga.example", Role.ADMINISTRADOR))
    ok = True
    for name, url in (
        ("vehicle list", "/flota/vehiculos/?page={}"),
        ("fuel-load list", "/flota/cargas/?page={}"),
    ):
        counts = set()
        for page in (1, 10):
            p50, p95, queries = p95_of(flota, url.format(page))
            counts.add(queries)
            print(
                f"{name} page {page:>2} of a {BIG_SERVICE_VEHICLES}-vehicle service: "
                f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
                f"(budget {BUDGET_LIST_P95 * 1000:.0f} ms), {queries} queries"
            )
            ok &= p95 <= BUDGET_LIST_P95
        ok &= len(counts) == 1
    elapsed, queries, _ = timed(flota, "/flota/reportes/")
    print(
        f"yearly report of the service: {elapsed * 1000:.0f} ms "
        f"(budget {BUDGET_REPORT * 1000:.0f} ms), {queries} queries"
    )
    ok &= elapsed <= BUDGET_REPORT
    elapsed, queries, _ = timed(admin, "/flota/reportes/?nivel=servicio")
    print(
        f"national report, {Vehicle.objects.count()} vehicles and "
        f"{FuelLoad.objects.count()} loads: {elapsed:.2f} s "
        f"(budget {BUDGET_NATIONAL_REPORT:.0f} s), {queries} queries"
    )
    ok &= elapsed <= BUDGET_NATIONAL_REPORT
    elapsed, queries, size = timed(admin, "/flota/vehiculos/?export=csv")
    print(f"CSV export of every vehicle: {elapsed:.2f} s, {queries} queries")
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
