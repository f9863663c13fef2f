import os

import pytest

from django.core.cache import cache


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """With ``TEST_DB_TEMPLATE`` (PostgreSQL), every test database starts as a copy of
    that database, already migrated (``.ci/run`` makes it once): the migrations then
    find nothing to apply instead of running again in each process and each phase."""
    from django.conf import settings

    template = os.environ.get("TEST_DB_TEMPLATE")
    db = settings.DATABASES["default"]
    if template and db["ENGINE"] == "django.db.backends.postgresql":
        db.setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Make the serialized test data visible to every connection object.

    Django keeps it on the connection, and connections are context-local; starting
    Playwright switches the context, so later tests would get fresh connections
    without it and ``serialized_rollback`` would silently restore nothing (no Wagtail
    root page, no data-migration rows). A class attribute is seen from any context.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = connection.__dict__.get("_test_serialized_contents")
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and throttles live in the cache, the energy factors in each process's
    memory (rows a test saved are rolled back after it): every test starts clean."""
    from management.models.factors import clear_factor_cache

    cache.clear()
    clear_factor_cache()
    yield
    cache.clear()
    clear_factor_cache()
