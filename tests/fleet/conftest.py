"""Builders for the fleet tests: vehicles, drivers and readings through the services."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from django.utils import timezone

from lms.accounts.roles import Role
from management.fleet import services
from management.fleet.models import Vehicle
from tests.management.conftest import client_for, person

__all__ = ["client_for", "person"]

PLATES = iter(
    f"{a}{b}{c}{d}{n:02d}"
    for a in "BCDF"
    for b in "GHJK"
    for c in "LPRS"
    for d in "TVWX"
    for n in range(10, 100)
)


def at(day: int, hour: int = 9, month: int = 3, year: int = 2025) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, 0))


def make_vehicle(service, **data) -> Vehicle:
    values = {
        "plate": next(PLATES),
        "brand": "Toyota",
        "model_name": "Corolla",
        "year": 2020,
        "vehicle_type": Vehicle.Type.CAR,
        "motor": Vehicle.Motor.GASOLINE,
        "ownership": Vehicle.Ownership.OWN,
        "initial_odometer": 10_000,
        **data,
    }
    return services.create_vehicle(service=service, data=values)


def make_driver(service, user=None, expiry=None):
    user = user or person(Role.CONDUCTOR, service)
    return services.save_driver(
        service=service,
        user=user,
        licence_class="B",
        licence_expiry=expiry or date.today() + timedelta(days=365),
    )


def load(vehicle, when, odometer, litres, *, full=True, missed=False, cost=None, **kw):
    return services.record_fuel_load(
        vehicle=vehicle,
        data=services.LoadData(
            loaded_at=when,
            odometer=odometer,
            quantity=Decimal(str(litres)),
            cost_clp=cost if cost is not None else int(Decimal(str(litres)) * 1300),
            full_tank=full,
            missed_previous=missed,
            fuel=kw.pop("fuel", ""),
        ),
        **kw,
    )


def trip(vehicle, driver, out, back, km_out, km_in, **kw):
    return services.record_trip(
        vehicle=vehicle,
        driver=driver,
        data=services.TripData(
            departed_at=out,
            returned_at=back,
            odometer_out=km_out,
            odometer_in=km_in,
            origin="Santiago",
            destination=kw.pop("destination", "Valparaíso"),
            purpose="Reunión",
        ),
        **kw,
    )


@pytest.fixture
def service():
    from tests.factories import ServiceFactory

    return ServiceFactory(name="Subsecretaría de Energía")
