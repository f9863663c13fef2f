"""Where the yearly results come from.

Editors publish one ``ResultsYear`` per year. Figures they leave empty are taken
from the management data through ``figures_from_management``; whatever is published
is stored on the row and never recomputed, so later changes in the management data
do not alter a published year.
"""

from cms.models.results import FIGURE_FIELDS


def figures_from_management(year: int) -> dict | None:
    """The year's figures computed from the management platform.

    Services and gestores are counted as they are today; buildings with consumption
    come from the monthly consumption table of ``year`` (None when no bill of that
    year exists yet, so editors fill them in by hand).
    """
    from django.db.models import Count, Q

    from lms.accounts.models import Membership
    from lms.accounts.roles import Role
    from management.models import Building, MonthlyConsumption, Service

    services = Service.objects.filter(is_active=True)
    figures = {
        "services_pmg": services.filter(is_pmg=True).count(),
        "services_voluntary": services.filter(
            is_pmg=False,
            units__is_active=True,
            units__energy_start_year__isnull=False,
            units__energy_start_year__lte=year,
        )
        .distinct()
        .count(),
        "buildings_registered": Building.objects.filter(is_active=True).count(),
        "gestores": Membership.objects.filter(
            role__in=[Role.GESTOR_SERVICIO, Role.GESTOR_UNIDAD], user__is_active=True
        )
        .values("user")
        .distinct()
        .count(),
    }
    buildings = (
        MonthlyConsumption.objects.filter(year=year)
        .values("unit__building")
        .annotate(
            sources=Count("source", distinct=True),
            electricity=Count("pk", filter=Q(source="electricidad")),
        )
    )
    if buildings.exists():
        figures.update(
            buildings_with_consumption=buildings.count(),
            buildings_electricity_only=buildings.filter(
                sources=1, electricity__gt=0
            ).count(),
            buildings_mixed=buildings.filter(sources__gt=1).count(),
        )
    return figures


def fill_missing_figures(year: int, figures: dict) -> tuple[dict, bool]:
    """``figures`` with its empty values taken from the management data.

    Returns the completed figures and whether any value came from the management data.
    """
    computed = figures_from_management(year) or {}
    filled = dict(figures)
    used = False
    for name in FIGURE_FIELDS:
        if filled.get(name) is None and computed.get(name) is not None:
            filled[name] = computed[name]
            used = True
    return filled, used
