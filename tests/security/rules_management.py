"""Authorization rules of the Gestión platform's inventory screens (management app).

Service screens answer 200 to the roles that read them and 403 to the others;
objects of the own service give 404 to a manager of another service (no IDOR).
Administrador and Revisor de la Red have no current service until they choose one,
so screens about "the current service" answer them 404 (a choose-a-service page).
"""

from tests.security.matrix import (
    ACTORS,
    GESTION_ACTORS,
    OTHER,
    WORLD_BUILDERS,
    Rule,
)

GESTION_OUTSIDERS = ("anonymous", "learner_cap", "learner_con")
EDITORIAL = ("editor", "publicador", "agente_soporte")


def management_world(world) -> None:
    """A building with a unit (assigned to the Gestor de Unidad) in the own service."""
    from django.core.files.base import ContentFile

    from management.models import (
        InventoryObservation,
        InventorySnapshot,
        UnitAssignment,
        UseType,
    )
    from tests.factories import UnitFactory

    unit = UnitFactory(service=world.own)
    UnitAssignment.objects.create(user=world.users["gestor_unidad"], unit=unit)
    world.objects["unit"] = unit
    world.objects["building"] = unit.building
    world.objects["account"] = world.users["gestor_consulta"]
    world.objects["use_type"] = UseType.objects.first()
    snapshot = InventorySnapshot.objects.create(
        service=world.own, year=2026, kind="preliminar"
    )
    snapshot.pdf.save("inventario.pdf", ContentFile(b"%PDF-1.4 matriz"), save=True)
    world.objects["snapshot"] = snapshot
    world.objects["observation"] = InventoryObservation.objects.create(
        service=world.own, year=2026, text="Falta una unidad."
    )


WORLD_BUILDERS.append(management_world)


def allow(ok, *, status_ok: int = 200, denied: int = 403, **overrides) -> dict:
    """Outsiders → login (302); ``ok`` actors → ``status_ok``; other Gestión actors → ``denied``."""
    expect = dict.fromkeys(GESTION_OUTSIDERS, 302)
    for actor in GESTION_ACTORS:
        expect[actor] = status_ok if actor in ok else denied
    expect.update(overrides)
    assert set(expect) == set(ACTORS)
    return expect


READERS = (
    "administrador",
    "revisor_red",
    "gestor_servicio",
    "gestor_unidad",
    "gestor_consulta",
    "encargado_comite",
    OTHER,
)
SERVICE_READERS = ("gestor_servicio", "gestor_consulta", "encargado_comite", OTHER)
NATIONAL = ("administrador", "revisor_red")


def unit(w):
    return {"pk": w.objects["unit"].pk}


def building(w):
    return {"pk": w.objects["building"].pk}


def service(w):
    return {"pk": w.own.pk}


def account(w):
    return {"pk": w.objects["account"].pk}


def pk_of(key):
    return lambda w: {"pk": w.objects[key].pk}


ALL_READERS = allow(READERS)
# Screens about "the current service": national roles first choose a service (404).
CURRENT_SERVICE = allow(SERVICE_READERS, administrador=404, revisor_red=404)
MANAGERS = ("gestor_servicio", OTHER, "administrador")
# Objects of the own service: the other service's manager must not find them.
OBJECT_READERS = allow(READERS, other_service=404)
OBJECT_MANAGERS = allow(("gestor_servicio", "administrador"), other_service=404)
SERVICE_OBJECT_READERS = allow((*SERVICE_READERS, *NATIONAL), other_service=404)
ADMIN_ONLY = allow(("administrador",))
NATIONAL_READ = allow(NATIONAL)


def post_only(ok) -> dict:
    """POST-only actions: a GET by an allowed user gets 405, by anyone else 403 / 302."""
    return allow(ok, status_ok=405)


MANAGEMENT_RULES: dict[str, dict[str, Rule]] = {
    "management:unit-home": {"": Rule(ALL_READERS)},
    "management:unit-list": {"": Rule(ALL_READERS)},
    "management:building-list": {"": Rule(ALL_READERS)},
    "management:configuration": {"": Rule(ALL_READERS)},
    "management:information": {
        "": Rule(allow(tuple(a for a in READERS if a != "gestor_unidad")))
    },
    "management:scope": {"": Rule(CURRENT_SERVICE)},
    "management:scope-history": {"": Rule(CURRENT_SERVICE)},
    "management:aggregate": {"": Rule(CURRENT_SERVICE)},
    "management:milestones": {"": Rule(CURRENT_SERVICE)},
    "management:consumption-status": {"": Rule(CURRENT_SERVICE)},
    "management:scope-review": {"": Rule(post_only(NATIONAL))},
    "management:user-list": {"": Rule(allow(MANAGERS))},
    "management:user-create": {"": Rule(allow(MANAGERS))},
    "management:unit-create": {
        "": Rule(allow(("gestor_servicio", OTHER), administrador=404))
    },
    "management:building-create": {
        "": Rule(allow(("gestor_servicio", OTHER), administrador=404))
    },
    "management:service-list": {"": Rule(NATIONAL_READ)},
    "management:institution-list": {"": Rule(NATIONAL_READ)},
    "management:milestone-dashboard": {"": Rule(NATIONAL_READ)},
    "management:catalog-list": {"": Rule(NATIONAL_READ, {"kind": "tipos-de-uso"})},
    "management:service-create": {"": Rule(ADMIN_ONLY)},
    "management:institution-create": {"": Rule(ADMIN_ONLY)},
    "management:milestone-unlock": {"": Rule(ADMIN_ONLY)},
    "management:milestone-calendar": {"": Rule(ADMIN_ONLY, {"year": 2026})},
    "management:catalog-create": {"": Rule(ADMIN_ONLY, {"kind": "tipos-de-uso"})},
    "management:catalog-update": {
        "": Rule(
            ADMIN_ONLY,
            lambda w: {"kind": "tipos-de-uso", "pk": w.objects["use_type"].pk},
        )
    },
    "management:service-update": {"": Rule(ADMIN_ONLY, service)},
    "management:institution-update": {
        "": Rule(ADMIN_ONLY, lambda w: {"pk": w.own.institution_id})
    },
    "management:milestone-start": {
        "": Rule(post_only(("administrador",)), {"year": 2026, "kind": "preliminar"})
    },
    "management:observation-answer": {
        "": Rule(post_only(NATIONAL), pk_of("observation"))
    },
    "management:unit-detail": {"": Rule(OBJECT_READERS, unit)},
    "management:unit-sources": {"": Rule(OBJECT_READERS, unit)},
    "management:unit-history": {"": Rule(OBJECT_READERS, unit)},
    "management:building-detail": {"": Rule(OBJECT_READERS, building)},
    "management:building-history": {"": Rule(OBJECT_READERS, building)},
    "management:unit-update": {"": Rule(OBJECT_MANAGERS, unit)},
    "management:unit-deactivate": {"": Rule(OBJECT_MANAGERS, unit)},
    "management:building-update": {"": Rule(OBJECT_MANAGERS, building)},
    "management:user-update": {"": Rule(OBJECT_MANAGERS, account)},
    "management:user-deactivate": {"": Rule(OBJECT_MANAGERS, account)},
    "management:unit-reactivate": {"": Rule(post_only(MANAGERS), unit)},
    "management:unit-area-add": {"": Rule(post_only(MANAGERS), unit)},
    "management:unit-area-remove": {
        "": Rule(
            post_only(MANAGERS), lambda w: {"pk": w.objects["unit"].pk, "area_pk": 1}
        )
    },
    "management:consumption-justify": {"": Rule(SERVICE_OBJECT_READERS, unit)},
    "management:service-detail": {"": Rule(SERVICE_OBJECT_READERS, service)},
    "management:snapshot-pdf": {"": Rule(SERVICE_OBJECT_READERS, pk_of("snapshot"))},
}
