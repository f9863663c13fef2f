"""Authorization rules of the energy screens (see matrix.py and rules_management.py).

A unit's Consumo page answers its readers; the forms answer the unit's writers
(Gestor de Servicio, its Gestor de Unidad, Administrador); another service's
manager gets a 404 for every object of the own service.
"""

from tests.security.matrix import OTHER, WORLD_BUILDERS, Rule
from tests.security.rules_management import ADMIN_ONLY, READERS, allow, post_only

WRITERS = ("gestor_servicio", "gestor_unidad", "administrador", OTHER)


def energy_world(world) -> None:
    """A client number, a meter and one bill with an invoice on the own unit."""
    from datetime import date
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from management.models import Distributor
    from management.services import bills

    unit = world.objects["unit"]
    client = bills.create_client_number(
        unit=unit,
        distributor=Distributor.objects.get(name="Enel Distribución"),
        number="MATRIZ-1",
        tariff="BT1",
    )
    meter = bills.create_meter(
        client_number=client, number="M-1", active_from=date(2024, 1, 1)
    )
    bill = bills.save_bill(
        meter=meter,
        data=bills.BillData(
            period_start=date(2025, 1, 1),
            period_end=date(2025, 1, 31),
            issue_date=date(2025, 2, 5),
            consumption=Decimal("1000"),
            amount_clp=150000,
        ),
    )
    bill.invoice.save("boleta.pdf", ContentFile(b"%PDF-1.4 boleta"), save=True)
    world.objects["meter"] = meter
    world.objects["bill"] = bill


WORLD_BUILDERS.append(energy_world)


def of(key):
    return lambda w: {"pk": w.objects[key].pk}


OBJECT_READERS = allow(READERS, other_service=404)
OBJECT_WRITERS = allow(WRITERS, other_service=404)

NATIONAL = ("administrador", "revisor_red")

ENERGY_RULES: dict[str, dict[str, Rule]] = {
    # About the current service: national roles first choose one (404).
    "management:consumption": {
        "": Rule(
            allow(
                tuple(a for a in READERS if a not in NATIONAL),
                administrador=404,
                revisor_red=404,
            )
        )
    },
    "management:bill-review-list": {"": Rule(allow(NATIONAL))},
    "management:bill-review": {"": Rule(post_only(NATIONAL), of("bill"))},
    "management:unit-consumption": {"": Rule(OBJECT_READERS, of("unit"))},
    "management:client-number-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:meter-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:bill-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:meter-change": {"": Rule(OBJECT_WRITERS, of("meter"))},
    "management:bill-update": {"": Rule(OBJECT_WRITERS, of("bill"))},
    "management:bill-invoice": {"": Rule(OBJECT_READERS, of("bill"))},
}


def bill_import_world(world) -> None:
    """A checked bill file of the own service, uploaded by its Gestor de Servicio."""
    from django.core.files.base import ContentFile

    from management.models import BillImport

    record = BillImport(
        service=world.own,
        created_by=world.users["gestor_servicio"],
        file_name="boletas.csv",
        sha256="0" * 64,
        status=BillImport.Status.READY,
    )
    record.file.save("boletas.csv", ContentFile(b"Medidor;Consumo\n"), save=False)
    record.save()
    world.objects["bill_import"] = record


WORLD_BUILDERS.append(bill_import_world)

# The service's importers: its Gestor de Servicio and Gestor de Unidad (own units), the
# Administrador once a service is chosen. A Gestor de Unidad sees only their own files.
ENERGY_RULES.update(
    {
        "management:bill-import": {
            "": Rule(
                allow(("gestor_servicio", "gestor_unidad", OTHER), administrador=404)
            )
        },
        "management:bill-import-template": {
            "": Rule(
                allow(("gestor_servicio", "gestor_unidad", OTHER), administrador=404)
            )
        },
        "management:bill-import-detail": {
            "": Rule(
                allow(
                    ("gestor_servicio",),
                    gestor_unidad=404,
                    administrador=404,
                    other_service=404,
                ),
                of("bill_import"),
            )
        },
    }
)

# The monthly report: every reader; the ministry opens on the whole country.
ENERGY_RULES["management:energy-report"] = {"": Rule(allow(READERS))}


# The factor tables: the Administrador only (the seeded versions are the objects).
def _first(model_name):
    def kwargs(world):
        from management import models

        return {"pk": getattr(models, model_name).objects.order_by("pk").first().pk}

    return kwargs


ENERGY_RULES.update(
    {
        "management:factor-list": {"": Rule(ADMIN_ONLY)},
        "management:factor-create": {"": Rule(ADMIN_ONLY)},
        "management:factor-update": {"": Rule(ADMIN_ONLY, _first("ConversionFactor"))},
        "management:grid-factor-list": {"": Rule(ADMIN_ONLY)},
        "management:grid-factor-create": {"": Rule(ADMIN_ONLY)},
        "management:grid-factor-update": {"": Rule(ADMIN_ONLY, _first("GridFactor"))},
    }
)
