"""Benchmark of the unit inventory at national size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ge_bench .venv/bin/python -m bench.inventory

Builds once (into the database it is given, never the test one) 180 services, 6,000
buildings and 7,000 units, 500 of them in one service; then measures, against the
budgets below, the unit list of that service as its Gestor de Servicio (p95, and the
same number of queries on every page) and the CSV export of all 7,000 units as the
Administrador. Exits 1 when a budget is exceeded.
"""

import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import generate  # noqa: E402
from lms.accounts.models import User  # noqa: E402
from lms.accounts.roles import Role  # noqa: E402
from management.models import Service, Unit  # noqa: E402

_PLAN = generate.SIZES["national"]
SERVICES, BUILDINGS, UNITS = _PLAN.services, _PLAN.buildings, _PLAN.units
BIG_SERVICE_UNITS = _PLAN.big_units
BUDGET_LIST_P95 = 0.150  # seconds
BUDGET_EXPORT = 3.0  # seconds
RUNS = 40


@transaction.atomic
def build() -> None:
    """Generate the inventory (bench.generate, national size) unless it is already there."""
    if Unit.objects.filter(service__code__startswith="BENCH").count() >= UNITS:
        return
    generate.build_inventory(generate.SIZES["national"], random.Random(7))
    generate.analyze()


def client_for(user) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.helpers import login

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", confirmed=True
    )
    return login(Client(), user, device)


def account(email, role, service=None) -> User:
    return generate.account(email, role, service)


def timed(client, url) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), len(body)


def main() -> int:
    call_command("migrate", verbosity=0)
    build()
    big = Service.objects.get(code="BENCH000")
    gestor = client_for(
        account("bench.gestor@carga.example", Role.GESTOR_SERVICIO, big)
    )
    admin = client_for(account("bench.admin@carga.example", Role.ADMINISTRADOR))
    ok = True
    pages = {}
    for page in (1, 5, 20):
        url = f"/gestion/configuracion/unidades/?page={page}"
        timed(gestor, url)  # warm up
        runs = [timed(gestor, url) for _ in range(RUNS)]
        times = sorted(r[0] for r in runs)
        pages[page] = runs[0][1]
        p95 = times[int(0.95 * RUNS) - 1]
        print(
            f"unit list page {page:>2} of a {BIG_SERVICE_UNITS}-unit service: "
            f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
            f"(budget {BUDGET_LIST_P95 * 1000:.0f} ms), {runs[0][1]} queries"
        )
        ok &= p95 <= BUDGET_LIST_P95
    if len(set(pages.values())) != 1:
        print(f"queries differ between pages: {pages}")
        ok = False
    filtered = "/gestion/configuracion/unidades/?region=&q=Unidad+4&is_active=true"
    elapsed, queries, _ = timed(gestor, filtered)
    print(f"filtered unit list: {elapsed * 1000:.0f} ms, {queries} queries")
    elapsed, queries, size = timed(admin, "/gestion/configuracion/unidades/?export=csv")
    total = Unit.objects.count()
    print(
        f"CSV export of all {total} units: {elapsed:.2f} s (budget {BUDGET_EXPORT:.0f} s), "
        f"{queries} queries, {size / 1024:.0f} KiB"
    )
    ok &= elapsed <= BUDGET_EXPORT
    elapsed, queries, size = timed(
        admin, "/gestion/configuracion/unidades/?export=xlsx"
    )
    print(f"XLSX export of all {total} units: {elapsed:.2f} s, {queries} queries")
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
