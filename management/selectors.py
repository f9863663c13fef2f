"""Reads across the management models: inventories, Alcance, dashboards, figures."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from lms.accounts.models import Membership
from lms.accounts.roles import Role

from .models import (
    AggregateInformation,
    Building,
    ConsumptionJustification,
    InventoryObservation,
    InventoryRatification,
    InventorySnapshot,
    ReviewStatus,
    ScopeDefinition,
    Service,
    Unit,
)
from .services.scope import unit_flags

FLAG_FIELDS = (
    "is_active",
    "energy_start_year",
    "other_start_year",
    "shares_electricity_meter",
    "shares_gas_meter",
)


def inventory_rows(*, service: Service, year: int) -> list[dict]:
    """The service's active units as plain rows (frozen into inventory snapshots)."""
    units = (
        Unit.objects.filter(service=service, is_active=True)
        .with_place()
        .select_related("property_type")
        .order_by("building__street", "building__number", "floor_summary", "pk")
    )
    rows = []
    for unit in units:
        flags = unit_flags(unit, year)
        rows.append(
            {
                "unit_id": unit.pk,
                "name": unit.name,
                "address": unit.building.address,
                "comuna": unit.building.comuna.name,
                "region": unit.building.comuna.province.region.name,
                "floors": unit.floor_summary,
                "use_type": unit.use_type.name,
                "surface_m2": float(unit.surface_m2),
                "energy_start_year": unit.energy_start_year,
                "other_start_year": unit.other_start_year,
                "shares_electricity_meter": unit.shares_electricity_meter,
                "shares_gas_meter": unit.shares_gas_meter,
                "reports_energy": flags.reports_energy,
                "in_efficiency_indicator": flags.in_efficiency_indicator,
                "reports_other_items": flags.reports_other_items,
            }
        )
    return rows


@dataclass(frozen=True)
class ScopeStatus:
    """The Alcance of a service in a year, as the seed's screen shows it."""

    complete: bool
    active_units: int
    missing_years: int
    definition: ScopeDefinition | None

    @property
    def load_label(self) -> str:
        return "Completo" if self.complete else "Incompleto"

    @property
    def review_status(self) -> str:
        return (
            self.definition.review_status if self.definition else ReviewStatus.PENDING
        )

    @property
    def review_label(self) -> str:
        return ReviewStatus(self.review_status).label


def scope_status(*, service: Service, year: int) -> ScopeStatus:
    """Completo when every active unit has both start years."""
    counts = Unit.objects.filter(service=service, is_active=True).aggregate(
        total=Count("pk"),
        missing=Count(
            "pk",
            filter=Q(energy_start_year__isnull=True) | Q(other_start_year__isnull=True),
        ),
    )
    definition = ScopeDefinition.objects.filter(service=service, year=year).first()
    return ScopeStatus(
        complete=counts["total"] > 0 and counts["missing"] == 0,
        active_units=counts["total"],
        missing_years=counts["missing"],
        definition=definition,
    )


@dataclass(frozen=True)
class UnitCounts:
    active: int
    inactive: int
    reports_energy: int
    in_efficiency_indicator: int
    reports_other_items: int
    staff: int
    other_collaborators: int


def unit_counts(*, units, year: int) -> UnitCounts:
    """Counts of a set of units for a year, with the flags of ``unit_flags``."""
    active = inactive = energy = indicator = other = staff = others = 0
    for row in units.values(*FLAG_FIELDS, "staff_count", "other_collaborators_count"):
        if not row["is_active"]:
            inactive += 1
            continue
        active += 1
        staff += row["staff_count"]
        others += row["other_collaborators_count"]
        flags = unit_flags(_Row(row), year)
        energy += flags.reports_energy
        indicator += flags.in_efficiency_indicator
        other += flags.reports_other_items
    return UnitCounts(active, inactive, energy, indicator, other, staff, others)


class _Row:
    """Attribute access to a ``values()`` row, for ``unit_flags``."""

    def __init__(self, data: dict):
        self.__dict__.update(data)


def aggregate_overview(*, service: Service, years: list[int]) -> list[dict]:
    """Información agregada: declared collaborators and unit counts for each year."""
    declared = {
        a.year: a
        for a in AggregateInformation.objects.filter(service=service, year__in=years)
    }
    units = Unit.objects.filter(service=service)
    return [
        {
            "year": year,
            "declared": declared.get(year),
            "counts": unit_counts(units=units, year=year),
        }
        for year in years
    ]


def units_without_consumption(*, units, year: int):
    """Active units that will not report energy this year, with their justification."""
    justified = ConsumptionJustification.objects.filter(unit=OuterRef("pk"), year=year)
    rows = (
        units.filter(is_active=True)
        .filter(Q(energy_start_year__isnull=True) | Q(energy_start_year__gt=year))
        .annotate(has_justification=Exists(justified))
    )
    return rows


def milestone_dashboard(*, services, year: int):
    """Services × milestones: ratified, preliminary sent, observations, definitive."""
    preliminary = InventorySnapshot.objects.filter(
        service=OuterRef("pk"), year=year, kind=InventorySnapshot.Kind.PRELIMINARY
    )
    definitive = InventorySnapshot.objects.filter(
        service=OuterRef("pk"), year=year, kind=InventorySnapshot.Kind.DEFINITIVE
    )
    return services.annotate(
        ratified=Exists(
            InventoryRatification.objects.filter(service=OuterRef("pk"), year=year)
        ),
        preliminary_sent=Exists(preliminary.filter(emailed_at__isnull=False)),
        preliminary_built=Exists(preliminary),
        observation_count=Count(
            "inventory_observations",
            filter=Q(inventory_observations__year=year),
            distinct=True,
        ),
        definitive_frozen=Exists(definitive),
        active_units=Count("units", filter=Q(units__is_active=True), distinct=True),
    )


@dataclass(frozen=True)
class InventoryFigures:
    """Headline figures of a year for the public results page."""

    year: int
    services_pmg: int
    services_voluntary: int
    buildings_registered: int
    units_registered: int
    units_reporting_energy: int
    gestores: int


def inventory_figures(year: int) -> InventoryFigures:
    """Services participating (PMG and voluntary), buildings, units and gestores."""
    with_units = Service.objects.active().filter(
        Exists(Unit.objects.filter(service=OuterRef("pk"), is_active=True))
    )
    counts = with_units.aggregate(
        pmg=Count("pk", filter=Q(is_pmg=True)),
        voluntary=Count("pk", filter=Q(is_pmg=False)),
    )
    active_units = Unit.objects.filter(is_active=True, service__is_active=True)
    buildings = Building.objects.filter(
        Exists(active_units.filter(building=OuterRef("pk")))
    ).count()
    totals = unit_counts(units=active_units, year=year)
    gestores = (
        Membership.objects.active()
        .filter(role__in=[Role.GESTOR_SERVICIO, Role.GESTOR_UNIDAD, Role.GESTOR_FLOTA])
        .values("user_id")
        .distinct()
        .count()
    )
    return InventoryFigures(
        year=year,
        services_pmg=counts["pmg"],
        services_voluntary=counts["voluntary"],
        buildings_registered=buildings,
        units_registered=totals.active,
        units_reporting_energy=totals.reports_energy,
        gestores=gestores,
    )


def open_observations(*, services, year: int):
    """Observations of ``services`` on their inventory of ``year``."""
    return InventoryObservation.objects.filter(
        service__in=services, year=year
    ).select_related("service", "created_by")
