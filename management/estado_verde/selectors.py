"""Reads of Estado Verde: yearly totals and ratios, emissions, completeness, reports.

Every function takes querysets already scoped by the caller (``visible_to``) and
aggregates in the database, so a list of any length costs the same few queries.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from management.models import AggregateInformation, ReviewStatus, Unit

from .models import (
    REQUIRED_KINDS,
    AirTrip,
    CommutingSurvey,
    EmissionFactor,
    Module,
    ModuleReview,
    NoDocumentDeclaration,
    NoTravelDeclaration,
    PaperPurchase,
    ServiceDocument,
    UnitModuleNote,
    WasteRecord,
    WaterRecord,
)

ZERO = Decimal(0)
#: Flights longer than this use the long-haul factor.
LONG_HAUL_KM = Decimal(3700)


def ratio(numerator, denominator, places: str = "0.01") -> Decimal | None:
    """numerator / denominator rounded half up, or None when there is no denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


def collaborators_of(unit: Unit) -> int:
    return (unit.staff_count or 0) + (unit.other_collaborators_count or 0)


def reporting_units(units, year: int):
    """Units whose "resto ítemes" has started by ``year``."""
    return units.filter(other_start_year__isnull=False, other_start_year__lte=year)


# ---------------------------------------------------------------- per unit


def resource_totals(unit_ids, year: int) -> dict[int, dict]:
    """Paper, water and waste totals of each unit in ``year`` (three queries)."""
    totals: dict[int, dict] = defaultdict(
        lambda: {
            "reams": 0,
            "recycled_reams": 0,
            "paper_cost": 0,
            "m3": ZERO,
            "water_cost": 0,
            "waste_kg": ZERO,
            "recycled_kg": ZERO,
        }
    )
    for row in (
        PaperPurchase.objects.filter(unit_id__in=unit_ids, year=year)
        .values("unit_id")
        .annotate(
            total_reams=Sum("reams"),
            recycled=Sum("recycled_reams"),
            cost=Sum("cost_clp"),
        )
    ):
        t = totals[row["unit_id"]]
        t.update(
            reams=row["total_reams"],
            recycled_reams=row["recycled"],
            paper_cost=row["cost"],
        )
    for row in (
        WaterRecord.objects.filter(unit_id__in=unit_ids, year=year)
        .values("unit_id")
        .annotate(total_m3=Sum("m3"), cost=Sum("cost_clp"))
    ):
        totals[row["unit_id"]].update(m3=row["total_m3"], water_cost=row["cost"])
    for row in (
        WasteRecord.objects.filter(unit_id__in=unit_ids, year=year)
        .values("unit_id")
        .annotate(
            total_kg=Sum("kg"),
            recycled=Coalesce(Sum("kg", filter=Q(waste_type__is_recycled=True)), ZERO),
        )
    ):
        totals[row["unit_id"]].update(
            waste_kg=row["total_kg"], recycled_kg=row["recycled"]
        )
    return totals


def with_ratios(unit: Unit, t: dict) -> dict:
    """A unit's totals plus paper and water per collaborator, m³/m², recycling rate."""
    people = collaborators_of(unit)
    return {
        **t,
        "unit": unit,
        "collaborators": people,
        "reams_per_collaborator": ratio(t["reams"], people),
        "recycled_paper_share": ratio(t["recycled_reams"] * 100, t["reams"], "0.1"),
        "m3_per_collaborator": ratio(t["m3"], people),
        "m3_per_m2": ratio(t["m3"], unit.surface_m2, "0.001"),
        "recycling_rate": ratio(t["recycled_kg"] * 100, t["waste_kg"], "0.1"),
    }


def unit_summary(unit: Unit, year: int) -> dict:
    return with_ratios(unit, resource_totals([unit.pk], year)[unit.pk])


def summary_by_unit(units, year: int) -> list[dict]:
    """One row per unit with its totals and ratios, in a constant number of queries."""
    units = list(units)
    totals = resource_totals([u.pk for u in units], year)
    return [with_ratios(u, totals[u.pk]) for u in units]


def combine(rows: list[dict], surface=None) -> dict:
    """Totals of several unit rows, with the same ratios over the whole."""
    t = {
        key: sum(
            (r[key] for r in rows),
            ZERO if key in ("m3", "waste_kg", "recycled_kg") else 0,
        )
        for key in (
            "reams",
            "recycled_reams",
            "paper_cost",
            "m3",
            "water_cost",
            "waste_kg",
            "recycled_kg",
        )
    }
    people = sum(r["collaborators"] for r in rows)
    surface = (
        surface
        if surface is not None
        else sum((r["unit"].surface_m2 for r in rows), ZERO)
    )
    return {
        **t,
        "collaborators": people,
        "surface": surface,
        "reams_per_collaborator": ratio(t["reams"], people),
        "recycled_paper_share": ratio(t["recycled_reams"] * 100, t["reams"], "0.1"),
        "m3_per_collaborator": ratio(t["m3"], people),
        "m3_per_m2": ratio(t["m3"], surface, "0.001"),
        "recycling_rate": ratio(t["recycled_kg"] * 100, t["waste_kg"], "0.1"),
    }


def waste_by_type(unit_ids, year: int) -> list[dict]:
    return list(
        WasteRecord.objects.filter(unit_id__in=unit_ids, year=year)
        .values("waste_type__name", "waste_type__is_recycled")
        .annotate(total=Sum("kg"))
        .order_by("waste_type__position")
    )


def monthly(model, field: str, unit_ids, year: int) -> list[Decimal]:
    """Twelve monthly sums of ``field`` (yearly totals are not spread over months)."""
    values = [ZERO] * 12
    for row in (
        model.objects.filter(unit_id__in=unit_ids, year=year, month__isnull=False)
        .values("month")
        .annotate(total=Sum(field))
    ):
        values[row["month"] - 1] = Decimal(row["total"])
    return values


def monthly_recycled(unit_ids, year: int) -> list[Decimal]:
    """Twelve monthly sums of recycled kilograms."""
    values = [ZERO] * 12
    for row in (
        WasteRecord.objects.filter(
            unit_id__in=unit_ids,
            year=year,
            month__isnull=False,
            waste_type__is_recycled=True,
        )
        .values("month")
        .annotate(total=Sum("kg"))
    ):
        values[row["month"] - 1] = Decimal(row["total"])
    return values


# ---------------------------------------------------------------- people travel


def flight_key(distance_km: Decimal) -> str:
    return "vuelo_largo" if distance_km > LONG_HAUL_KM else "vuelo_corto"


def commuting_figures(survey: CommutingSurvey | None, factors: dict) -> dict:
    """Per mode: people, yearly passenger-km and kgCO2e; totals and tCO2e."""
    if survey is None:
        return {"rows": [], "collaborators": 0, "km": ZERO, "kg": ZERO, "t": ZERO}
    rows = []
    for entry in survey.entries.all():
        factor = factors.get(entry.mode)
        km = entry.collaborators * 2 * entry.distance_km * survey.working_days
        kg = factor.kg(km) if factor is not None else None
        rows.append({"entry": entry, "km": km, "factor": factor, "kg": kg})
    kg = sum((r["kg"] for r in rows if r["kg"] is not None), ZERO)
    return {
        "rows": rows,
        "collaborators": sum(r["entry"].collaborators for r in rows),
        "km": sum((r["km"] for r in rows), ZERO),
        "kg": kg,
        "t": (kg / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
        "missing_factor": any(r["factor"] is None for r in rows),
    }


def flight_figures(trips, factors: dict) -> dict:
    """Per trip row: trips flown, km and kgCO2e; totals and tCO2e."""
    rows = []
    for trip in trips:
        factor = factors.get(flight_key(trip.distance_km))
        km = trip.flown_trips * trip.distance_km
        rows.append(
            {
                "trip": trip,
                "km": km,
                "factor": factor,
                "kg": factor.kg(km) if factor else None,
            }
        )
    kg = sum((r["kg"] for r in rows if r["kg"] is not None), ZERO)
    return {
        "rows": rows,
        "trips": sum(r["trip"].flown_trips for r in rows),
        "km": sum((r["km"] for r in rows), ZERO),
        "kg": kg,
        "t": (kg / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
    }


def travel_by_service(service_ids, year: int) -> dict[int, dict]:
    """tCO2e of commuting and flights per service, for the national report."""
    factors = EmissionFactor.objects.in_force(year)
    out: dict[int, dict] = defaultdict(lambda: {"commuting_t": None, "flights_t": None})
    surveys = CommutingSurvey.objects.filter(
        service_id__in=service_ids, year=year
    ).prefetch_related("entries")
    for survey in surveys:
        out[survey.service_id]["commuting_t"] = commuting_figures(survey, factors)["t"]
    trips = defaultdict(list)
    for trip in AirTrip.objects.filter(service_id__in=service_ids, year=year):
        trips[trip.service_id].append(trip)
    for service_id, rows in trips.items():
        out[service_id]["flights_t"] = flight_figures(rows, factors)["t"]
    return out


# ---------------------------------------------------------------- completeness


class State:
    MISSING = "incompleto"
    COMPLETE = "completo"


def completeness(services, year: int) -> dict[int, dict[str, dict]]:
    """For each service and module: complete or not, and the Red's review state.

    A unit module is complete when every reporting unit has a record or a "no
    gestiona" declaration; Documentos when every required kind has a document or
    a "No registra"; the survey when it exists; travel when trips or "No declara
    viajes" exist.
    """
    service_ids = [s.pk for s in services]
    units = reporting_units(
        Unit.objects.filter(service_id__in=service_ids, is_active=True), year
    )
    unit_service = dict(units.values_list("pk", "service_id"))
    expected = defaultdict(int)
    for service_id in unit_service.values():
        expected[service_id] += 1
    covered = {m: defaultdict(set) for m in (Module.PAPER, Module.WATER, Module.WASTE)}
    for module, model in (
        (Module.PAPER, PaperPurchase),
        (Module.WATER, WaterRecord),
        (Module.WASTE, WasteRecord),
    ):
        for unit_id in (
            model.objects.filter(unit_id__in=list(unit_service), year=year)
            .values_list("unit_id", flat=True)
            .distinct()
        ):
            covered[module][unit_service[unit_id]].add(unit_id)
    for unit_id, module in UnitModuleNote.objects.filter(
        unit_id__in=list(unit_service), year=year, not_managed=True
    ).values_list("unit_id", "module"):
        covered[module][unit_service[unit_id]].add(unit_id)
    kinds = defaultdict(set)
    for service_id, kind in ServiceDocument.objects.filter(
        service_id__in=service_ids, year=year
    ).values_list("service_id", "kind"):
        kinds[service_id].add(kind)
    for service_id, kind in NoDocumentDeclaration.objects.filter(
        service_id__in=service_ids, year=year
    ).values_list("service_id", "kind"):
        kinds[service_id].add(kind)
    surveys = set(
        CommutingSurvey.objects.filter(
            service_id__in=service_ids, year=year
        ).values_list("service_id", flat=True)
    )
    travel = set(
        AirTrip.objects.filter(service_id__in=service_ids, year=year).values_list(
            "service_id", flat=True
        )
    ) | set(
        NoTravelDeclaration.objects.filter(
            service_id__in=service_ids, year=year
        ).values_list("service_id", flat=True)
    )
    reviews = {
        (r.service_id, r.module): r
        for r in ModuleReview.objects.filter(service_id__in=service_ids, year=year)
    }
    result: dict[int, dict[str, dict]] = {}
    for service_id in service_ids:
        row = {}
        for module in Module:
            if module in covered:
                done = len(covered[module][service_id])
                total = expected[service_id]
                complete = total > 0 and done >= total
                detail = f"{done}/{total}"
            elif module == Module.DOCUMENTS:
                done = len(kinds[service_id] & set(REQUIRED_KINDS))
                complete = done == len(REQUIRED_KINDS)
                detail = f"{done}/{len(REQUIRED_KINDS)}"
            elif module == Module.COMMUTING:
                complete = service_id in surveys
                detail = ""
            else:
                complete = service_id in travel
                detail = ""
            review = reviews.get((service_id, module))
            row[module.value] = {
                "module": module,
                "complete": complete,
                "detail": detail,
                "review": review,
                "status": review.status if review else ReviewStatus.PENDING,
            }
        result[service_id] = row
    return result


def declared_collaborators(service, year: int) -> int | None:
    info = AggregateInformation.objects.filter(service=service, year=year).first()
    return info.collaborators if info else None
