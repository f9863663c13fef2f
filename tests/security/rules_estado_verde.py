"""Authorization rules of the Estado Verde screens (see matrix.py and rules_management.py).

A unit's Papel, Agua and Residuos pages answer the unit's readers; their forms the
unit's writers (Gestor de Servicio, its Gestor de Unidad, Administrador). Another
service's manager gets a 404 for every object of the own service.
"""

from tests.security.matrix import OTHER, WORLD_BUILDERS, Rule
from tests.security.rules_management import READERS, allow, post_only

WRITERS = ("gestor_servicio", "gestor_unidad", "administrador", OTHER)
NATIONAL = ("administrador", "revisor_red")


def estado_verde_world(world) -> None:
    """One row of each Estado Verde record on the own unit."""
    from datetime import date
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from management.estado_verde.models import (
        PaperPurchase,
        WasteContainer,
        WasteRecord,
        WasteType,
        WaterFixture,
        WaterRecord,
    )

    unit = world.objects["unit"]
    world.objects["paper"] = PaperPurchase.objects.create(
        unit=unit, year=2025, month=3, reams=10, recycled_reams=2, cost_clp=35000
    )
    water = WaterRecord.objects.create(
        unit=unit,
        year=2025,
        supply="red",
        meter_number="A-1",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 1, 31),
        m3=Decimal("12.5"),
        cost_clp=20000,
    )
    water.invoice.save("agua.pdf", ContentFile(b"%PDF-1.4 agua"), save=True)
    world.objects["water"] = water
    world.objects["waste"] = WasteRecord.objects.create(
        unit=unit,
        year=2025,
        month=3,
        waste_type=WasteType.objects.first(),
        kg=Decimal("40"),
    )
    world.objects["fixture"] = WaterFixture.objects.create(
        unit=unit, kind="wc", count=4, state="bueno"
    )
    world.objects["container"] = WasteContainer.objects.create(
        unit=unit,
        name="Punto de reciclaje",
        location="Piso 1",
        count=2,
        capacity_l=120,
        kind="reciclaje",
    )


WORLD_BUILDERS.append(estado_verde_world)


def of(key):
    return lambda w: {"pk": w.objects[key].pk}


def note_of(module):
    return lambda w: {"pk": w.objects["unit"].pk, "module": module}


OBJECT_READERS = allow(READERS, other_service=404)
OBJECT_WRITERS = allow(WRITERS, other_service=404)
# Screens about the current service: national roles first choose one (404).
CURRENT_SERVICE_READERS = allow(
    tuple(a for a in READERS if a not in NATIONAL),
    administrador=404,
    revisor_red=404,
)

ESTADO_VERDE_RULES: dict[str, dict[str, Rule]] = {
    "management:estado-verde": {"": Rule(CURRENT_SERVICE_READERS)},
    "management:ev-paper": {"": Rule(OBJECT_READERS, of("unit"))},
    "management:ev-water": {"": Rule(OBJECT_READERS, of("unit"))},
    "management:ev-waste": {"": Rule(OBJECT_READERS, of("unit"))},
    "management:ev-paper-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:ev-water-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:ev-waste-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:ev-fixture-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:ev-container-create": {"": Rule(OBJECT_WRITERS, of("unit"))},
    "management:ev-paper-update": {"": Rule(OBJECT_WRITERS, of("paper"))},
    "management:ev-water-update": {"": Rule(OBJECT_WRITERS, of("water"))},
    "management:ev-waste-update": {"": Rule(OBJECT_WRITERS, of("waste"))},
    "management:ev-fixture-update": {"": Rule(OBJECT_WRITERS, of("fixture"))},
    "management:ev-container-update": {"": Rule(OBJECT_WRITERS, of("container"))},
    "management:ev-paper-delete": {"": Rule(post_only(WRITERS), of("paper"))},
    "management:ev-water-delete": {"": Rule(post_only(WRITERS), of("water"))},
    "management:ev-waste-delete": {"": Rule(post_only(WRITERS), of("waste"))},
    "management:ev-fixture-delete": {"": Rule(post_only(WRITERS), of("fixture"))},
    "management:ev-container-delete": {"": Rule(post_only(WRITERS), of("container"))},
    "management:ev-water-invoice": {"": Rule(OBJECT_READERS, of("water"))},
    "management:ev-unit-note": {
        "papel": Rule(OBJECT_WRITERS, note_of("papel")),
        "agua": Rule(OBJECT_WRITERS, note_of("agua")),
    },
}


def information_world(world) -> None:
    """A document, a "No registra", the committee, a trip and a "No declara viajes"."""
    from datetime import date
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from management.estado_verde.models import (
        AirTrip,
        CommitteeMeeting,
        CommitteeMember,
        NoDocumentDeclaration,
        NoTravelDeclaration,
        ServiceDocument,
    )

    own = world.own
    document = ServiceDocument(
        service=own,
        year=2025,
        stage="etapa_1",
        kind="politica_ambiental",
        title="Política Ambiental",
        resolution_number="REX 123",
    )
    document.file.save("politica.pdf", ContentFile(b"%PDF-1.4 politica"), save=True)
    world.objects["document"] = document
    world.objects["no_document"] = NoDocumentDeclaration.objects.create(
        service=own, year=2025, kind="proc_compras", justification="En elaboración"
    )
    world.objects["member"] = CommitteeMember.objects.create(
        service=own,
        name="Ana Pérez",
        role="presidencia",
        email="ana.perez@demo.gestionaenergia.example",
    )
    meeting = CommitteeMeeting(service=own, held_on=date(2025, 4, 2), subject="Inicio")
    meeting.minutes.save("acta.pdf", ContentFile(b"%PDF-1.4 acta"), save=True)
    world.objects["meeting"] = meeting
    world.objects["air_trip"] = AirTrip.objects.create(
        service=own,
        year=2025,
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        origin="Santiago (SCL)",
        destination="Punta Arenas (PUQ)",
        round_trips=2,
        distance_km=Decimal("2180"),
    )
    world.objects["no_travel"] = NoTravelDeclaration.objects.create(
        service=own, year=2024
    )


WORLD_BUILDERS.append(information_world)

SERVICE_WRITERS = ("gestor_servicio", "encargado_comite", OTHER)
# Service-level forms: writers of the current service; national roles choose one.
SERVICE_FORMS = allow(SERVICE_WRITERS, administrador=404)
SERVICE_PAGES = allow(
    ("gestor_servicio", "gestor_consulta", "encargado_comite", OTHER),
    administrador=404,
    revisor_red=404,
)
SERVICE_OBJECT_READERS = allow(
    ("gestor_servicio", "gestor_consulta", "encargado_comite", *NATIONAL),
    other_service=404,
)
SERVICE_OBJECT_WRITERS = allow(
    ("gestor_servicio", "encargado_comite", "administrador"), other_service=404
)
SERVICE_DELETE = post_only((*SERVICE_WRITERS, "administrador"))

ESTADO_VERDE_RULES.update(
    {
        "management:documents": {"": Rule(SERVICE_PAGES)},
        "management:document-create": {"": Rule(SERVICE_FORMS)},
        "management:document-none": {"": Rule(SERVICE_FORMS)},
        "management:committee-member-create": {"": Rule(SERVICE_FORMS)},
        "management:committee-meeting-create": {"": Rule(SERVICE_FORMS)},
        "management:document-file": {"": Rule(SERVICE_OBJECT_READERS, of("document"))},
        "management:committee-meeting-file": {
            "": Rule(SERVICE_OBJECT_READERS, of("meeting"))
        },
        "management:committee-member-update": {
            "": Rule(SERVICE_OBJECT_WRITERS, of("member"))
        },
        "management:document-delete": {"": Rule(SERVICE_DELETE, of("document"))},
        "management:document-none-delete": {
            "": Rule(SERVICE_DELETE, of("no_document"))
        },
        "management:collaborators": {"": Rule(SERVICE_PAGES)},
        "management:commuting-survey": {"": Rule(SERVICE_FORMS)},
        "management:air-trip-create": {"": Rule(SERVICE_FORMS)},
        "management:no-travel": {"": Rule(SERVICE_FORMS)},
        "management:air-trip-update": {
            "": Rule(SERVICE_OBJECT_WRITERS, of("air_trip"))
        },
        "management:air-trip-delete": {"": Rule(SERVICE_DELETE, of("air_trip"))},
        "management:no-travel-delete": {"": Rule(SERVICE_DELETE, of("no_travel"))},
    }
)


def review_world(world) -> None:
    """The Red observed the own service's paper of 2025."""
    from management.estado_verde.models import ModuleReview

    world.objects["module_review"] = ModuleReview.objects.create(
        service=world.own,
        year=2025,
        module="papel",
        status="observed",
        comment="Faltan meses",
    )


WORLD_BUILDERS.append(review_world)

ESTADO_VERDE_RULES.update(
    {
        "management:ev-completeness": {"": Rule(SERVICE_PAGES)},
        "management:ev-completeness-national": {"": Rule(allow(NATIONAL))},
        "management:ev-review": {
            "": Rule(
                allow(NATIONAL),
                lambda w: {"pk": w.own.pk, "year": 2025, "module": "papel"},
            )
        },
        "management:ev-review-answer": {
            "": Rule(SERVICE_OBJECT_WRITERS, of("module_review"))
        },
        "management:ev-review-history": {
            "": Rule(SERVICE_OBJECT_READERS, of("module_review"))
        },
        "management:reports": {"": Rule(CURRENT_SERVICE_READERS)},
        "management:report-unit": {"": Rule(OBJECT_READERS, of("unit"))},
        "management:report-nation": {"": Rule(allow(NATIONAL))},
    }
)
