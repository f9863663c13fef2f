"""km/L across partial fills (hand-computed), odometer monotonicity, tank limits,
trips that end before they start, licences and drivers loading for others."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from management.fleet import selectors, services
from management.fleet.models import FuelLoad, Vehicle

from .conftest import at, load, make_driver, make_vehicle, trip

pytestmark = pytest.mark.django_db


def test_km_per_litre_between_full_tanks_with_partial_fills(service):
    car = make_vehicle(service, initial_odometer=10_000)
    first = load(car, at(1), 10_000, 40)  # full: starts the chain, no figure
    partial = load(car, at(5), 10_300, 20, full=False)
    closing = load(car, at(9), 10_700, 25)  # 700 km with 20 + 25 L
    assert (first.segment_km, partial.segment_km) == (None, None)
    assert closing.segment_km == 700 and closing.segment_quantity == Decimal("45")
    assert closing.efficiency.quantize(Decimal("0.001")) == Decimal("15.556")
    # A load after a fill that was never recorded: its segment is unknown.
    broken = load(car, at(14), 11_200, 30, missed=True)
    assert broken.segment_km is None
    # The chain restarts at that full tank: 300 km with 20 L.
    after = load(car, at(20), 11_500, 20)
    assert after.segment_km == 300 and after.efficiency == Decimal(15)
    # The period figure is Σkm / ΣL of the segments, not a mean of ratios:
    # (700 + 300) / (45 + 20) = 15.38…
    row = selectors.vehicle_rows(
        Vehicle.objects.filter(pk=car.pk), date(2025, 3, 1), date(2025, 3, 31)
    )[0]
    assert row.km_per_litre == Decimal("15.38")
    assert row.km == 1_500 and row.litres == Decimal("135")


def test_a_late_partial_load_recomputes_the_segment_it_falls_in(service):
    car = make_vehicle(service, initial_odometer=0)
    load(car, at(1), 1_000, 40)
    closing = load(car, at(10), 1_600, 30)
    assert closing.efficiency == Decimal(20)
    load(car, at(5), 1_300, 10, full=False)  # recorded later, happened between
    closing.refresh_from_db()
    assert closing.segment_quantity == Decimal(40) and closing.efficiency == Decimal(15)
    services.delete_fuel_load(load=FuelLoad.objects.get(odometer=1_300))
    closing.refresh_from_db()
    assert closing.efficiency == Decimal(20)


def test_implausible_efficiency_is_flagged(service):
    car = make_vehicle(service, initial_odometer=0)
    load(car, at(1), 1_000, 40)
    odd = load(car, at(2), 3_000, 10)  # 200 km/L
    assert odd.findings and "Rendimiento inusual: 200,0 km/L" in odd.findings[0]


def test_odometer_never_goes_back_across_loads_and_trips(service):
    car = make_vehicle(service, initial_odometer=5_000)
    driver = make_driver(service)
    with pytest.raises(ValidationError) as error:
        load(car, at(1), 4_999, 30)
    assert "menor que el odómetro inicial" in error.value.message_dict["odometer"][0]
    trip(car, driver, at(2, 8), at(2, 18), 5_100, 5_400)
    with pytest.raises(ValidationError) as error:
        load(car, at(3), 5_350, 30)
    assert error.value.message_dict["odometer"] == [
        "El odómetro (5.350 km) es menor que el último registrado (5.400 km el "
        "02-03-2025 18:00): el odómetro nunca retrocede."
    ]
    # A reading placed before a later one cannot exceed it.
    with pytest.raises(ValidationError) as error:
        load(car, at(1), 5_200, 30)
    assert (
        "supera el de un registro posterior" in error.value.message_dict["odometer"][0]
    )
    with pytest.raises(ValidationError) as error:
        trip(car, driver, at(4, 8), at(4, 9), 5_300, 5_500)
    assert "odometer_out" in error.value.message_dict
    assert FuelLoad.objects.count() == 0 and car.trips.count() == 1


def test_trip_times_overlap_and_licence(service):
    car = make_vehicle(service, initial_odometer=0)
    driver = make_driver(service)
    with pytest.raises(ValidationError) as error:
        trip(car, driver, at(2, 18), at(2, 8), 100, 50)
    assert set(error.value.message_dict) == {"returned_at", "odometer_in"}
    assert (
        "debe ser posterior a la salida" in error.value.message_dict["returned_at"][0]
    )
    trip(car, driver, at(3, 8), at(3, 12), 100, 150)
    with pytest.raises(ValidationError) as error:
        trip(car, driver, at(3, 10), at(3, 14), 150, 180)
    assert "no pueden superponerse" in error.value.message_dict["departed_at"][0]
    expired = make_driver(service, expiry=date(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        trip(car, expired, at(5, 8), at(5, 9), 150, 160)
    assert "venció el 01-03-2025" in error.value.message_dict["driver"][0]


def test_tank_limit_per_type_and_vehicle(service):
    car = make_vehicle(service, initial_odometer=0)
    with pytest.raises(ValidationError) as error:
        load(car, at(1), 100, 95)
    assert "máximo 70 L" in error.value.message_dict["quantity"][0]
    bus = make_vehicle(
        service,
        vehicle_type=Vehicle.Type.BUS,
        motor=Vehicle.Motor.DIESEL,
        initial_odometer=0,
    )
    assert load(bus, at(1), 100, 300).quantity == 300
    small = make_vehicle(service, initial_odometer=0, tank_capacity=45)
    with pytest.raises(ValidationError):
        load(small, at(1), 100, 50)


def test_electric_loads_are_kwh_with_the_grid_factor(service):
    ev = make_vehicle(service, motor=Vehicle.Motor.ELECTRIC, initial_odometer=0)
    load(ev, at(1, year=2023), 100, 40)
    charge = load(ev, at(2, year=2023), 400, 50)
    assert charge.unit == "kWh" and charge.efficiency == Decimal(6)
    # 2023 SEN factor 0.2384 t/MWh = 0.2384 kg/kWh; 50 kWh → 11.92 kg
    assert charge.co2e_kg == Decimal("11.920")
    with pytest.raises(ValidationError) as error:
        load(ev, at(3, year=2023), 500, 30, fuel="diesel")
    assert "no carga Diésel" in error.value.message_dict["fuel"][0]


def test_a_conductor_loads_only_their_own_vehicles(service):
    mine, other = make_vehicle(service, initial_odometer=0), make_vehicle(service)
    driver = make_driver(service)
    services.assign_vehicle(vehicle=mine, units=[], drivers=[driver])
    own = load(mine, at(1), 100, 30, by=driver.user)
    assert own.driver == driver and own.created_by == driver.user
    with pytest.raises(ValidationError) as error:
        load(other, at(1), 10_100, 30, by=driver.user)
    assert "no está asignado a usted" in error.value.message_dict["vehicle"][0]


def test_expired_licence_load_is_kept_with_a_warning(service):
    car = make_vehicle(service, initial_odometer=0)
    driver = make_driver(service, expiry=date.today() - timedelta(days=1))
    services.assign_vehicle(vehicle=car, units=[], drivers=[driver])
    saved = load(car, timezone.now() - timedelta(hours=1), 100, 30, by=driver.user)
    assert any("licencia vencida" in f for f in saved.findings)
    assert "Licencia vencida" in driver.licence_warning()
    soon = make_driver(service, expiry=date.today() + timedelta(days=10))
    assert "vence en 10 días" in soon.licence_warning()
