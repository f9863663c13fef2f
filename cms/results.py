"""Where the yearly results come from.

Editors publish one ``ResultsYear`` per year. Figures they leave empty are taken
from the management data through ``figures_from_management``; whatever is published
is stored on the row and never recomputed, so later changes in the management data
do not alter a published year.
"""

from cms.models.results import FIGURE_FIELDS


def figures_from_management(year: int) -> dict | None:
    """The year's figures computed from the management platform, or None.

    Returns None for now: the management data these figures come from (services,
    buildings, gestores and bills by year) does not exist yet. Once it does, return
    a dict keyed by ``FIGURE_FIELDS`` (services_pmg, services_voluntary,
    buildings_registered, gestores, buildings_with_consumption,
    buildings_electricity_only, buildings_mixed); keys may be missing or None when
    a figure cannot be computed. Until then editors enter the figures by hand.
    """
    return None


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
