"""Every page the benchmark covers runs the same number of queries on two dataset
sizes, within its budget in bench/budgets.py.

The dataset is built twice by bench.generate (``tiny``, then ``small``), each time in
a transaction rolled back after the pages are counted (``bench.queries.measure``, which
``python -m bench.queries`` also runs on the national dataset); the tests compare the
counts.
"""

import pytest

from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings

from bench import generate
from bench.budgets import QUERY_BUDGETS
from bench.queries import measure

pytestmark = pytest.mark.django_db

SIZES = ("tiny", "small")


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker, tmp_path_factory):
    """Query counts per page at each size; every build is rolled back."""
    measured = {}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        for size in SIZES:
            cache.clear()
            with transaction.atomic():
                measured[size] = measure(generate.build(size, seed=11), size)
                transaction.set_rollback(True)
            cache.clear()
    return measured


def test_every_budgeted_page_is_measured(counts):
    assert set(counts["tiny"]) == set(QUERY_BUDGETS)


@pytest.mark.parametrize("page", sorted(QUERY_BUDGETS))
def test_queries_do_not_grow_with_the_dataset(counts, page):
    few, many = counts["tiny"][page], counts["small"][page]
    assert few == many, f"{page}: {few} queries on tiny, {many} on small"


@pytest.mark.parametrize("page", sorted(QUERY_BUDGETS))
def test_queries_stay_within_budget(counts, page):
    used = max(counts["tiny"][page], counts["small"][page])
    assert used <= QUERY_BUDGETS[page], (
        f"{page}: {used} queries, budget {QUERY_BUDGETS[page]} (bench/budgets.py)"
    )
