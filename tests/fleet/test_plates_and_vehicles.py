"""Plates, vehicle registration, retirement and units served."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from management.fleet import services
from management.fleet.models import Vehicle
from management.fleet.plates import normalize_plate, validate_plate
from tests.factories import ServiceFactory, UnitFactory

from .conftest import make_vehicle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "raw", ["BBCD12", "bbcd12", "BB-CD-12", "bb·cd·12", " XY 1234 ", "AB1234", "ZZ9999"]
)
def test_valid_plates_normalise(raw):
    validate_plate(normalize_plate(raw))


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "BACD12",
        "BBCD1",
        "BBCD123",
        "ABC123",
        "A12345",
        "BBMN12",
        "BBCDQ2",
        "12BBCD",
    ],
)
def test_invalid_plates_are_refused(raw):
    with pytest.raises(ValidationError) as error:
        validate_plate(normalize_plate(raw))
    assert "no es una patente chilena válida" in error.value.messages[0]


def test_duplicate_plate_is_refused_even_written_differently(service):
    make_vehicle(service, plate="BBCD12")
    with pytest.raises(ValidationError) as error:
        make_vehicle(ServiceFactory(), plate="bb-cd-12")
    assert error.value.message_dict["plate"] == [
        "La patente BBCD12 ya está registrada."
    ]


def test_the_database_refuses_a_malformed_plate(service):
    vehicle = make_vehicle(service)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vehicle.objects.filter(pk=vehicle.pk).update(plate="AEIO12")


def test_vin_and_year_are_checked(service):
    with pytest.raises(ValidationError) as error:
        make_vehicle(service, vin="123", year=1930)
    assert set(error.value.message_dict) == {"vin", "year"}


def test_retire_needs_reason_and_keeps_the_vehicle(service):
    vehicle = make_vehicle(service)
    with pytest.raises(ValidationError) as error:
        services.retire_vehicle(vehicle=vehicle, on=None, reason=" ")
    assert set(error.value.message_dict) == {"on", "reason"}
    from datetime import date

    services.retire_vehicle(vehicle=vehicle, on=date(2025, 1, 1), reason="Remate")
    vehicle.refresh_from_db()
    assert vehicle.status == "baja" and vehicle.retirement_reason == "Remate"
    services.set_status(vehicle=vehicle, status="activo")
    vehicle.refresh_from_db()
    assert vehicle.retired_on is None and vehicle.retirement_reason == ""


def test_a_vehicle_serves_only_units_of_its_service(service):
    vehicle = make_vehicle(service)
    own, foreign = UnitFactory(service=service), UnitFactory()
    with pytest.raises(ValidationError):
        services.assign_vehicle(vehicle=vehicle, units=[own, foreign], drivers=[])
    services.assign_vehicle(vehicle=vehicle, units=[own], drivers=[])
    assert list(own.vehicles.all()) == [vehicle]
