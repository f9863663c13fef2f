"""Shared fixtures of the Estado Verde tests: a reporting unit and its people."""

import pytest

from lms.accounts.roles import Role
from tests.factories import ServiceFactory, UnitFactory
from tests.management.conftest import client_for, person


@pytest.fixture
def unit(db):
    """A unit reporting the other items since 2024, with 8 + 2 collaborators, 250 m²."""
    return UnitFactory(
        service=ServiceFactory(name="Servicio Verde"),
        name="Oficina central",
        other_start_year=2024,
        staff_count=8,
        other_collaborators_count=2,
        surface_m2=250,
    )


@pytest.fixture
def gestor(unit):
    return person(Role.GESTOR_SERVICIO, unit.service)


@pytest.fixture
def gestor_client(gestor):
    return client_for(gestor)
