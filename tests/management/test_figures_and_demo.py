"""Headline figures for the public results page; the demo inventory."""

import pytest

from django.core.management import call_command
from django.utils import timezone

from lms.accounts.models import User
from lms.accounts.roles import Role
from management.models import Building, Service, Unit
from management.selectors import inventory_figures
from tests.factories import BuildingFactory, ServiceFactory, UnitFactory

from .conftest import person

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_inventory_figures_count_participating_services_buildings_and_gestores():
    pmg, voluntary, idle = (
        ServiceFactory(is_pmg=True),
        ServiceFactory(is_pmg=False),
        ServiceFactory(is_pmg=True),
    )
    shared = BuildingFactory(service=pmg)
    UnitFactory(service=pmg, building=shared, energy_start_year=YEAR)
    UnitFactory(service=voluntary, building=shared, energy_start_year=YEAR + 1)
    UnitFactory(service=pmg, energy_start_year=YEAR - 1)
    closed = UnitFactory(service=idle)
    closed.is_active, closed.deactivation_reason = False, "Cerrada"
    closed.save()
    BuildingFactory(service=idle)  # registered, but no active unit in it
    gestor = person(Role.GESTOR_SERVICIO, pmg)
    person(Role.GESTOR_UNIDAD, voluntary)
    person(Role.GESTOR_CONSULTA, pmg)  # a reader is not a gestor
    from lms.accounts.services import add_membership

    add_membership(user=gestor, service=voluntary, role=Role.GESTOR_SERVICIO)
    figures = inventory_figures(YEAR)
    assert figures.services_pmg == 1
    assert figures.services_voluntary == 1
    assert figures.buildings_registered == 2
    assert figures.units_registered == 3
    assert figures.units_reporting_energy == 2
    assert figures.gestores == 2


def test_the_demo_loads_an_inventory_across_regions_and_is_idempotent():
    call_command("load_demo", force=True, quiet=True)
    call_command("load_demo", force=True, quiet=True)
    assert Service.objects.filter(name="Subsecretaría de Energía").exists()
    assert Building.objects.count() >= 30
    assert Unit.objects.count() >= 40
    regions = set(
        Building.objects.values_list("comuna__province__region__code", flat=True)
    )
    assert len(regions) >= 12
    gu = User.objects.get(email="gestor.unidad@demo.gestionaenergia.example")
    visible = Unit.objects.visible_to(gu)
    assert (
        1 <= visible.count() < Unit.objects.filter(service__code="SUBENERGIA").count()
    )
