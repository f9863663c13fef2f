"""Authorization rules of the Flota screens (see matrix.py and rules_management.py).

Managers (Gestor de Servicio, Gestor de Flota, Administrador) change the fleet;
readers (Revisor de la Red, Gestor de Consulta) read it; a Conductor sees and
records only for the vehicles assigned to them; another service's manager gets a
404 for every object of the own service. Screens that need "the current service"
answer a national user who has not chosen one with 404 (choose a service).
"""

from tests.security.matrix import OTHER, WORLD_BUILDERS, Rule
from tests.security.rules_management import allow

MANAGERS = ("gestor_servicio", "gestor_flota", "administrador", OTHER)
READERS = (*MANAGERS, "revisor_red", "gestor_consulta")
SEERS = (*READERS, "conductor")
RECORDERS = (*MANAGERS, "conductor")


def fleet_world(world) -> None:
    """A vehicle assigned to the own Conductor, with a load (and receipt) and a trip."""
    from datetime import date, timedelta
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from management.fleet import services
    from management.fleet.models import Vehicle

    conductor = world.users["conductor"]
    driver = services.save_driver(
        service=world.own,
        user=conductor,
        licence_class="B",
        licence_expiry=date.today() + timedelta(days=400),
    )
    vehicle = services.create_vehicle(
        service=world.own,
        data={
            "plate": "BBCD12",
            "brand": "Toyota",
            "model_name": "Hilux",
            "year": 2022,
            "vehicle_type": Vehicle.Type.PICKUP,
            "motor": Vehicle.Motor.DIESEL,
            "ownership": Vehicle.Ownership.OWN,
            "initial_odometer": 1000,
        },
    )
    services.assign_vehicle(vehicle=vehicle, units=[], drivers=[driver])
    now = timezone.now()
    load = services.record_fuel_load(
        vehicle=vehicle,
        by=conductor,
        data=services.LoadData(
            loaded_at=now - timedelta(days=2),
            odometer=1200,
            quantity=Decimal("40"),
            cost_clp=40000,
        ),
    )
    load.receipt.save("boleta.pdf", ContentFile(b"%PDF-1.4 carga"), save=True)
    services.record_trip(
        vehicle=vehicle,
        by=conductor,
        data=services.TripData(
            departed_at=now - timedelta(days=1, hours=3),
            returned_at=now - timedelta(days=1),
            odometer_out=1200,
            odometer_in=1260,
            origin="Santiago",
            destination="Rancagua",
            purpose="Visita a unidad",
        ),
    )
    world.objects["vehicle"] = vehicle
    world.objects["fuel_load"] = load
    world.objects["driver"] = driver
    world.objects["trip"] = vehicle.trips.get()


WORLD_BUILDERS.append(fleet_world)


def of(key):
    return lambda w: {"pk": w.objects[key].pk}


# Forms about the current service: the Administrador first chooses one (404).
NEEDS_SERVICE = {"administrador": 404}

FLEET_RULES: dict[str, dict[str, Rule]] = {
    "fleet:vehicle-list": {"": Rule(allow(SEERS))},
    "fleet:vehicle-create": {"": Rule(allow(MANAGERS, **NEEDS_SERVICE))},
    "fleet:vehicle-import": {"": Rule(allow(MANAGERS, **NEEDS_SERVICE))},
    "fleet:vehicle-import-template": {"": Rule(allow(MANAGERS))},
    "fleet:vehicle-detail": {"": Rule(allow(SEERS, other_service=404), of("vehicle"))},
    "fleet:vehicle-update": {
        "": Rule(allow(MANAGERS, other_service=404), of("vehicle"))
    },
    "fleet:vehicle-assign": {
        "": Rule(allow(MANAGERS, other_service=404), of("vehicle"))
    },
    "fleet:vehicle-status": {
        "": Rule(allow(MANAGERS, other_service=404), of("vehicle"))
    },
    "fleet:vehicle-retire": {
        "": Rule(allow(MANAGERS, other_service=404), of("vehicle"))
    },
    "fleet:fuel-list": {"": Rule(allow(SEERS))},
    "fleet:fuel-create": {"": Rule(allow(RECORDERS, **NEEDS_SERVICE))},
    "fleet:fuel-receipt": {"": Rule(allow(SEERS, other_service=404), of("fuel_load"))},
    # POST only: a GET answers 405 to managers (an object's service is not looked up).
    "fleet:fuel-delete": {"": Rule(allow(MANAGERS, status_ok=405), of("fuel_load"))},
    "fleet:trip-delete": {"": Rule(allow(MANAGERS, status_ok=405), of("trip"))},
    "fleet:trip-list": {"": Rule(allow(SEERS))},
    "fleet:trip-create": {"": Rule(allow(RECORDERS, **NEEDS_SERVICE))},
    "fleet:driver-list": {"": Rule(allow(READERS))},
    "fleet:driver-create": {"": Rule(allow(MANAGERS, **NEEDS_SERVICE))},
    "fleet:driver-update": {"": Rule(allow(MANAGERS, other_service=404), of("driver"))},
    "fleet:reports": {"": Rule(allow(READERS))},
}
