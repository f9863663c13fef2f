"""Bills turned into calendar months, and the consumption report built from them.

``prorate`` spreads a bill's figures over the months of its reading period by days.
``rebuild_series`` recomputes the months of meters (or of sources a unit buys without
a meter) from their bills (idempotent; the worker runs it after every change of a
bill, see ``schedule``). ``energy_report`` reads the
monthly table for a set of units: month by month and source by source, cost per kWh,
the year before, emissions, intensity of the counted units and missing months.
"""

import calendar
import contextlib
import datetime as dt
import threading
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, FilteredRelation, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import Bill, MonthlyConsumption
from ..models.energy import grid_factor, source_unit
from ..models.units import EnergySource
from .bills import series_filter, series_key
from .emissions import emission_factors, tco2e

FIELDS = ("consumption", "kwh", "amount_clp")
PLACES = {
    "consumption": Decimal("0.001"),
    "kwh": Decimal("0.001"),
    "amount_clp": Decimal("0.01"),
}


def prorate(start: dt.date, stop: dt.date, totals: dict[str, Decimal]):
    """Split ``totals`` over the months of the days ``start`` ≤ day < ``stop``.

    Yields (year, month, days, {field: value}); each field's parts add up exactly
    to its total (the last month takes the rounding remainder).
    """
    days = (stop - start).days
    if days <= 0:
        return
    parts = []
    day = start
    while day < stop:
        last = calendar.monthrange(day.year, day.month)[1]
        month_end = dt.date(day.year, day.month, last) + dt.timedelta(days=1)
        until = min(month_end, stop)
        parts.append((day.year, day.month, (until - day).days))
        day = until
    given = dict.fromkeys(totals, Decimal(0))
    for index, (year, month, n) in enumerate(parts):
        values = {}
        for field, total in totals.items():
            if index == len(parts) - 1:
                value = total - given[field]
            else:
                value = (total * n / days).quantize(PLACES[field], ROUND_HALF_UP)
            given[field] += value
            values[field] = value
        yield year, month, n, values


def meter_months(bills) -> dict[tuple[int, int], dict]:
    """Months of one meter's bills (sorted by period); a shared boundary day belongs
    to the later bill."""
    months: dict[tuple[int, int], dict] = {}
    bills = sorted(bills, key=lambda b: (b.period_start, b.period_end))
    for index, bill in enumerate(bills):
        stop = bill.period_end + dt.timedelta(days=1)
        following = bills[index + 1] if index + 1 < len(bills) else None
        if following is not None and following.period_start == bill.period_end:
            stop = bill.period_end
        if stop <= bill.period_start:  # a one-day bill sharing its day keeps it
            stop = bill.period_start + dt.timedelta(days=1)
        totals = {
            "consumption": Decimal(bill.consumption),
            "kwh": Decimal(bill.kwh),
            "amount_clp": Decimal(bill.amount_clp),
        }
        for year, month, days, values in prorate(bill.period_start, stop, totals):
            row = months.setdefault(
                (year, month), {"days": 0, **dict.fromkeys(FIELDS, Decimal(0))}
            )
            row["days"] += days
            for field in FIELDS:
                row[field] += values[field]
    return months


COUNTED_STATUSES = (Bill.Status.SUBMITTED, Bill.Status.APPROVED, Bill.Status.OBSERVED)


def rebuild_meter(meter_id: int) -> int:
    """Recompute one meter's monthly rows from its bills (drafts do not count)."""
    return rebuild_series([meter_id])


def rebuild_meters(meter_ids) -> int:
    """Recompute these meters' monthly rows (see ``rebuild_series``)."""
    return rebuild_series(meter_ids)


def rebuild_series(keys) -> int:
    """Recompute the monthly rows of these series — meter ids, or (unit id, source)
    pairs for sources bought without a meter — in a few queries, whatever their
    number."""
    from ..models import Meter

    keys = {series_key(k) for k in keys}
    meter_ids = sorted(k for k in keys if not isinstance(k, tuple))
    meters = {
        m.pk: m
        for m in Meter.objects.select_related("client_number").filter(pk__in=meter_ids)
    }
    unmetered = sorted(k for k in keys if isinstance(k, tuple))
    wanted = [*meters, *unmetered]
    by_series = defaultdict(list)
    for bill in Bill.objects.filter(
        series_filter(wanted), status__in=COUNTED_STATUSES
    ).only(
        "meter_id",
        "unit_id",
        "source",
        "period_start",
        "period_end",
        "consumption",
        "kwh",
        "amount_clp",
    ):
        by_series[bill.series_key].append(bill)
    rows = []
    for key in wanted:
        if isinstance(key, tuple):
            meter_id, (unit_id, source) = None, key
        else:
            client = meters[key].client_number
            meter_id, unit_id, source = key, client.unit_id, client.source
        for (year, month), values in sorted(meter_months(by_series[key]).items()):
            rows.append(
                MonthlyConsumption(
                    meter_id=meter_id,
                    unit_id=unit_id,
                    source=source,
                    year=year,
                    month=month,
                    days=min(values["days"], 31),
                    consumption=values["consumption"],
                    kwh=values["kwh"],
                    amount_clp=values["amount_clp"],
                )
            )
    with transaction.atomic():
        MonthlyConsumption.objects.filter(series_filter(keys)).delete()
        MonthlyConsumption.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# Keeping the table current ---------------------------------------------------------------

_state = threading.local()


@contextlib.contextmanager
def deferred_rebuilds():
    """Inside, bill changes only collect their meters; the caller schedules them once."""
    _state.deferred = getattr(_state, "deferred", 0) + 1
    _state.collected = getattr(_state, "collected", set())
    try:
        yield _state.collected
    finally:
        _state.deferred -= 1
        if not _state.deferred:
            _state.collected = set()


def collect_series(keys) -> None:
    """Series (meter ids or (unit id, source) pairs) whose bills changed: rebuilt in
    the worker after the commit, or collected while ``deferred_rebuilds`` is open. The
    bills' signals call it; bulk writes, which send none, call it themselves."""
    ids = list(keys)
    if getattr(_state, "deferred", 0):
        _state.collected.update(ids)
    else:
        schedule(ids)


def schedule(keys) -> None:
    """Rebuild these series' months in the worker once the transaction commits."""
    from ..tasks import rebuild_monthly_task

    ids = sorted({series_key(k) for k in keys}, key=lambda k: (isinstance(k, tuple), k))
    ids = [list(k) if isinstance(k, tuple) else k for k in ids]
    for start in range(0, len(ids), 200):
        part = ids[start : start + 200]
        transaction.on_commit(lambda part=part: rebuild_monthly_task.delay(part))


@receiver(post_save, sender=Bill, dispatch_uid="monthly_bill_saved")
@receiver(post_delete, sender=Bill, dispatch_uid="monthly_bill_deleted")
def _bill_changed(sender, instance, **kwargs):
    collect_series([instance.series_key])


# The report ----------------------------------------------------------------------------


def counted_units(units, year: int):
    """Units in the intensity indicator: energy reported since ``year`` at the latest
    and no shared electricity or piped-gas meter (DOMAIN.md "Which units count")."""
    return units.filter(
        energy_start_year__isnull=False,
        energy_start_year__lte=year,
        shares_electricity_meter=False,
        shares_gas_meter=False,
    )


def energy_report(*, units, year: int, source: str | None = None) -> dict:
    """Month by month for ``units`` (a queryset): kWh and native units per source,
    CLP, CLP/kWh, the year before, tCO2e, intensity and missing months."""
    rows = MonthlyConsumption.objects.filter(unit__in=units, year__in=(year, year - 1))
    if source:
        rows = rows.filter(source=source)
    sums = rows.values("year", "month", "source").annotate(
        consumption=Sum("consumption"), kwh=Sum("kwh"), amount=Sum("amount_clp")
    )
    by_month = {
        m: {
            "month": m,
            "sources": defaultdict(Decimal),
            "native": defaultdict(Decimal),
            "kwh": Decimal(0),
            "amount": Decimal(0),
            "previous_kwh": Decimal(0),
        }
        for m in range(1, 13)
    }
    sources_seen = set()
    for item in sums:
        month = by_month[item["month"]]
        if item["year"] == year:
            month["sources"][item["source"]] += item["kwh"]
            month["native"][item["source"]] += item["consumption"]
            month["kwh"] += item["kwh"]
            month["amount"] += item["amount"]
            sources_seen.add(item["source"])
        else:
            month["previous_kwh"] += item["kwh"]
    sources = [s for s in EnergySource.values if s in sources_seen]
    table = []
    for m in range(1, 13):
        row = by_month[m]
        kwh = row["kwh"]
        table.append(
            {
                "month": m,
                "label": MONTHS[m - 1],
                "by_source": [row["sources"].get(s, Decimal(0)) for s in sources],
                "native": [row["native"].get(s, Decimal(0)) for s in sources],
                "kwh": kwh,
                "amount": row["amount"],
                "clp_per_kwh": (row["amount"] / kwh) if kwh else None,
                "previous_kwh": row["previous_kwh"],
                "change": ((kwh - row["previous_kwh"]) * 100 / row["previous_kwh"])
                if row["previous_kwh"] and kwh
                else None,
            }
        )
    total_kwh = sum((r["kwh"] for r in table), Decimal(0))
    total_amount = sum((r["amount"] for r in table), Decimal(0))
    previous = sum((r["previous_kwh"] for r in table), Decimal(0))
    kwh_by_source = {
        s: sum(
            (by_month[m]["sources"].get(s, Decimal(0)) for m in by_month), Decimal(0)
        )
        for s in sources
    }
    factors = emission_factors(year)
    total_t, without = tco2e(kwh_by_source, factors)
    emissions = [
        {
            "source": s,
            "label": EnergySource(s).label,
            "kwh": kwh,
            "tco2e": kwh * factors[s].per_kwh if s in factors else None,
            "factor": factors[s].text if s in factors else "",
            "confirmed": factors[s].confirmed if s in factors else False,
        }
        for s, kwh in kwh_by_source.items()
    ]
    factor = grid_factor(year)
    counted = counted_units(units, year)
    counted_kwh = MonthlyConsumption.objects.filter(
        unit__in=counted, year=year, **({"source": source} if source else {})
    ).aggregate(total=Sum("kwh"))["total"] or Decimal(0)
    surface = counted.aggregate(total=Sum("surface_m2"))["total"] or Decimal(0)
    return {
        "year": year,
        "sources": [(s, EnergySource(s).label, source_unit(s)) for s in sources],
        "rows": table,
        "total_kwh": total_kwh,
        "total_amount": total_amount,
        "clp_per_kwh": (total_amount / total_kwh) if total_kwh else None,
        "previous_kwh": previous,
        "change": ((total_kwh - previous) * 100 / previous)
        if previous and total_kwh
        else None,
        "tco2e": total_t,
        "emissions": emissions,
        "without_factor": without,
        "grid_factor": factor,
        "intensity": (counted_kwh / surface) if surface else None,
        "counted_surface": surface,
        "missing": missing_months(units=units, year=year),
    }


MONTHS = [
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Septiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
]


def expected_months(year: int, today: dt.date | None = None) -> list[int]:
    today = today or dt.date.today()
    if year < today.year:
        return list(range(1, 13))
    if year > today.year:
        return []
    return list(range(1, today.month))  # the running month is not due yet


def missing_months(*, units, year: int, limit: int = 50) -> dict:
    """Units reporting energy in ``year`` with months that no bill covers.

    The count is one grouped query; the months themselves are listed for the first
    ``limit`` units only (and for all in ``all`` when asked for exports).
    """
    due = expected_months(year)
    reporting = units.filter(
        Q(energy_start_year__isnull=False, energy_start_year__lte=year), is_active=True
    )
    # Months covered per unit, joining only the year's due months of the monthly
    # table (not every year's rows of every unit).
    lacking = (
        reporting.annotate(
            due_months=FilteredRelation(
                "months", condition=Q(months__year=year, months__month__in=due)
            )
        )
        .annotate(covered=Count("due_months__month", distinct=True))
        .filter(covered__lt=len(due))
        .select_related("service")
        .order_by("service__name", "name")
    )
    count = lacking.count() if due else 0
    shown = list(lacking[:limit]) if due else []
    covered = defaultdict(set)
    for unit_id, month in (
        MonthlyConsumption.objects.filter(unit__in=[u.pk for u in shown], year=year)
        .values_list("unit_id", "month")
        .distinct()
    ):
        covered[unit_id].add(month)
    found = [
        {"unit": u, "months": [m for m in due if m not in covered[u.pk]]} for u in shown
    ]
    return {"count": count, "units": found, "due": len(due)}
