"""Benchmark of energy management: bill save, file import, consumption reports.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gestiona_bench \\
        .venv/bin/python -m bench.energy --size small|national

Builds once, on the inventory benchmark's 180 services and 7,000 units, meters and
monthly bills (small: 600 meters × 2 years; national: 9,000 meters × 5 years ≈ 540,000
bills, 90 % electricity only), deterministic by seed. Then measures, each beside the
stack's own limit in the same run:

- saving one bill through ``save_bill`` with every rule (p50/p95) vs a bare INSERT of the
  same row;
- checking and importing a file of bills in the worker's code path vs ``COPY`` of the
  same rows into a scratch table;
- the national consumption report and one service's report vs a hand-written SQL
  aggregate over the same monthly table.

Exits 1 when a budget of the energy issue is missed. Writes bench/results/energy-<size>.json.
"""

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import generate, inventory  # noqa: E402
from management.models import (  # noqa: E402
    Bill,
    BillImport,
    Meter,
    Service,
    Unit,
)
from management.services import bill_import, bills  # noqa: E402
from management.services.monthly import (  # noqa: E402
    deferred_rebuilds,
    energy_report,
    rebuild_meters,
)

SIZES = {
    "small": {"meters": 600, "years": 2, "import_rows": 5_000, "saves": 60},
    "national": {"meters": 9_000, "years": 5, "import_rows": 100_000, "saves": 200},
}
BUDGETS = {
    "bill_save_p95": 0.150,
    "import_100k": 120.0,
    "national_report": 1.0,
    "service_report": 0.300,
}
LAST_YEAR = 2025
RESULTS = Path(__file__).resolve().parent / "results"


def build(size: str, seed: int = 7) -> None:
    """Meters and monthly bills on the inventory's units (skipped when present), built by
    bench.generate on the national inventory with this size's meters and years."""
    plan = SIZES[size]
    inventory.build()
    if Meter.objects.filter(number__startswith="BENCH-").count() >= plan["meters"]:
        return
    generate.build_energy(
        dataclasses.replace(
            generate.SIZES["national"], meters=plan["meters"], years=plan["years"]
        ),
        random.Random(seed),
        verbose=True,
    )
    generate.analyze()


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class Rollback(Exception):
    pass


def bench_bill_save(size: str) -> dict:
    """save_bill with every rule vs a bare INSERT of the same row (both rolled back)."""
    meters = list(
        Meter.objects.filter(number__startswith="BENCH-")
        .select_related("client_number")
        .order_by("pk")[: SIZES[size]["saves"]]
    )
    data = bills.BillData(
        period_start=dt.date(LAST_YEAR + 1, 1, 1),
        period_end=dt.date(LAST_YEAR + 1, 1, 31),
        issue_date=dt.date(LAST_YEAR + 1, 2, 5),
        consumption=Decimal("9000"),
        amount_clp=1_200_000,
    )
    ours, bare, queries = [], [], []
    for meter in meters:
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    with deferred_rebuilds():
                        bills.save_bill(meter=meter, data=data)
                    ours.append(time.perf_counter() - start)
                queries.append(len(captured))
                raise Rollback
        except Rollback:
            pass
        try:
            with transaction.atomic():
                start = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "INSERT INTO management_bill (meter_id, unit_id, source,"
                        " period_start, period_end, issue_date, consumption,"
                        " consumption_unit, kwh_factor, kwh, amount_clp, is_estimated,"
                        " invoice, observation, findings, status, review_note,"
                        " created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, 9000,"
                        " 'kWh', 1, 9000, 1200000, false, '', '', '[]', 'submitted', '',"
                        " now(), now())",
                        [
                            meter.pk,
                            meter.client_number.unit_id,
                            meter.client_number.source,
                            data.period_start,
                            data.period_end,
                            data.issue_date,
                        ],
                    )
                bare.append(time.perf_counter() - start)
                raise Rollback
        except Rollback:
            pass
    return {
        "p50": statistics.median(ours),
        "p95": percentile(ours, 0.95),
        "bare_p50": statistics.median(bare),
        "ratio_p50": statistics.median(ours) / statistics.median(bare),
        "queries": max(queries),
        "budget_p95": BUDGETS["bill_save_p95"],
    }


def bench_import(size: str) -> dict:
    """Check + import of a file (the worker's code path) vs COPY of the same rows."""
    count = SIZES[size]["import_rows"]
    service = Service.objects.get(code="BENCH000")
    meters = list(
        Meter.objects.filter(
            client_number__unit__service=service, number__startswith="BENCH-"
        ).order_by("pk")
    )
    user = inventory.account(
        "gestor.carga@bench.example", "gestor_servicio", service=service
    )
    lines = ["Medidor;Inicio;Término;Fecha de emisión;Consumo;Monto total"]
    # One-day bills, every meter of the service day after day from the first day after
    # the dataset: as many rows as asked without a date in the future (100,000 rows
    # over 9,000 meters take 12 days; the rules cost the same as for monthly bills).
    day = dt.date(LAST_YEAR + 1, 1, 1)
    while len(lines) <= count:
        for meter in meters[: count - len(lines) + 1]:
            lines.append(
                f"{meter.number};{day:%d-%m-%Y};{day:%d-%m-%Y};{day:%d-%m-%Y};300;40000"
            )
        day += dt.timedelta(days=1)
    body = ("\n".join(lines) + "\n").encode()
    BillImport.objects.filter(service=service).delete()
    _remove_bills("period_start > %s", [dt.date(LAST_YEAR, 12, 31)])
    upload = SimpleUploadedFile("bench.csv", body, content_type="text/csv")
    # Tasks run eagerly here: the check runs when the upload commits, the import
    # when the confirmation does — the same code the worker runs.
    start = time.perf_counter()
    with transaction.atomic():
        record = bill_import.start_import(user=user, service=service, upload=upload)
    checked = time.perf_counter() - start
    record.refresh_from_db()
    assert record.status == BillImport.Status.READY, (
        record.message,
        record.problems[:3],
    )
    # The monthly table is rebuilt by a follow-on task: timed on its own.
    touched = []
    scheduled = bill_import.schedule
    bill_import.schedule = touched.extend
    try:
        start = time.perf_counter()
        bill_import.confirm_import(import_=record)
        imported = time.perf_counter() - start
    finally:
        bill_import.schedule = scheduled
    record.refresh_from_db()
    start = time.perf_counter()
    rebuild_meters(touched)  # what the follow-on task runs
    rebuilt = time.perf_counter() - start
    assert record.status == BillImport.Status.DONE, record.message
    # The stack's limit: COPY the same rows into a scratch table.
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_copy (meter text, start date, stop date,"
            " issue date, consumption numeric, amount bigint) ON COMMIT DROP"
        )
        with cursor.copy("COPY bench_copy FROM STDIN") as copy:
            for line in lines[1:]:
                number, start_d, end_d, issue_d, value, amount = line.split(";")
                copy.write_row(
                    [
                        number,
                        dt.datetime.strptime(start_d, "%d-%m-%Y").date(),
                        dt.datetime.strptime(end_d, "%d-%m-%Y").date(),
                        dt.datetime.strptime(issue_d, "%d-%m-%Y").date(),
                        value,
                        amount,
                    ]
                )
    copied = time.perf_counter() - start
    _remove_bills("bill_import_id = %s", [record.pk])
    rebuild_meters(touched)  # the monthly table as it was
    per_row = (checked + imported) / count
    return {
        "rows": count,
        "check_s": checked,
        "import_s": imported,
        "monthly_rebuild_s": rebuilt,
        "meters_rebuilt": len(set(touched)),
        "copy_s": copied,
        "ratio": (checked + imported) / copied,
        "extrapolated_100k_s": per_row * 100_000,
        "budget_100k_s": BUDGETS["import_100k"],
    }


def _remove_bills(where: str, params) -> None:
    """Remove the benchmark's own bills and their history in two statements (a
    delete through the ORM would record and rebuild each one)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in ("management_historicalbill", "management_bill"):
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608


def bench_reports() -> dict:
    """energy_report for the nation and for the 500-unit service vs hand-written SQL."""
    units = Unit.objects.filter(is_active=True)
    service_units = units.filter(service__code="BENCH000")
    result = {}
    for name, queryset, where in (
        ("national", units, ""),
        (
            "service",
            service_units,
            " AND unit_id IN (SELECT id FROM management_unit WHERE service_id = %s)",
        ),
    ):
        ours, sql, queries = [], [], 0
        params = [LAST_YEAR]
        if where:
            params.append(Service.objects.get(code="BENCH000").pk)
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                energy_report(units=queryset, year=LAST_YEAR)
                ours.append(time.perf_counter() - start)
            queries = len(captured)
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT month, source, SUM(kwh), SUM(consumption), SUM(amount_clp)"
                    " FROM management_monthlyconsumption WHERE year IN (%s, %s - 1)"
                    + where
                    + " GROUP BY year, month, source",
                    [params[0], params[0], *params[1:]],
                )
                cursor.fetchall()
            sql.append(time.perf_counter() - start)
        result[name] = {
            "median_s": statistics.median(ours),
            "sql_median_s": statistics.median(sql),
            "ratio": statistics.median(ours) / statistics.median(sql),
            "queries": queries,
            "budget_s": BUDGETS[f"{name}_report"],
        }
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    args = parser.parse_args(argv)
    print(f"Construyendo el conjunto de datos de energía ({args.size})…", flush=True)
    started = time.perf_counter()
    build(args.size)
    print(f"  listo en {time.perf_counter() - started:.0f} s", flush=True)
    figures = {
        "size": args.size,
        "bills": Bill.objects.count(),
        "meters": Meter.objects.count(),
        "bill_save": bench_bill_save(args.size),
        "import": bench_import(args.size),
        "reports": bench_reports(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"energy-{args.size}.json").write_text(
        json.dumps(figures, indent=2, default=str)
    )
    save, imp, rep = figures["bill_save"], figures["import"], figures["reports"]
    print(
        f"Boletas en la base: {figures['bills']:,} · medidores: {figures['meters']:,}\n"
        f"Guardar una boleta: p50 {save['p50'] * 1000:.1f} ms, p95 {save['p95'] * 1000:.1f} ms"
        f" ({save['queries']} consultas) · INSERT solo p50 {save['bare_p50'] * 1000:.2f} ms"
        f" · razón {save['ratio_p50']:.0f}× · presupuesto p95 150 ms\n"
        f"Importar {imp['rows']:,} boletas: revisión {imp['check_s']:.1f} s + importación"
        f" {imp['import_s']:.1f} s · COPY {imp['copy_s']:.2f} s · razón {imp['ratio']:.0f}×"
        f" · 100.000 filas ≈ {imp['extrapolated_100k_s']:.0f} s (presupuesto 120 s)"
        f" · tabla mensual de {imp['meters_rebuilt']} medidores"
        f" {imp['monthly_rebuild_s']:.1f} s (tarea aparte)\n"
        f"Reporte nacional: {rep['national']['median_s'] * 1000:.0f} ms"
        f" ({rep['national']['queries']} consultas) · SQL a mano"
        f" {rep['national']['sql_median_s'] * 1000:.0f} ms · razón"
        f" {rep['national']['ratio']:.1f}× · presupuesto 1 s\n"
        f"Reporte de un servicio (500 unidades): {rep['service']['median_s'] * 1000:.0f} ms"
        f" · SQL a mano {rep['service']['sql_median_s'] * 1000:.0f} ms · razón"
        f" {rep['service']['ratio']:.1f}× · presupuesto 300 ms"
    )
    missed = [
        save["p95"] > BUDGETS["bill_save_p95"],
        imp["extrapolated_100k_s"] > BUDGETS["import_100k"],
        rep["national"]["median_s"] > BUDGETS["national_report"],
        rep["service"]["median_s"] > BUDGETS["service_report"],
    ]
    return 1 if any(missed) else 0


if __name__ == "__main__":
    sys.exit(main())
