"""The authorization matrix: every URL of the project, every kind of visitor.

``RULES`` maps each URL name to how it may be reached; ``build_world`` creates one
actor per role in a service ("own") plus a manager of another service ("other"),
staff and learners. Object URLs take their ids from objects of the own service, so a
visitor of the other service must get a 404 (no IDOR).
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import add_membership, grant_staff_role
from tests.factories import (
    LearnerFactory,
    ServiceFactory,
    TOTPDeviceFactory,
    UserFactory,
)

PROJECT_PACKAGES = ("lms", "management", "courses", "certificates", "cms")

SERVICE_ACTORS = {
    "gestor_servicio": Role.GESTOR_SERVICIO,
    "gestor_unidad": Role.GESTOR_UNIDAD,
    "gestor_consulta": Role.GESTOR_CONSULTA,
    "encargado_comite": Role.ENCARGADO_COMITE,
    "gestor_flota": Role.GESTOR_FLOTA,
    "conductor": Role.CONDUCTOR,
}
STAFF_ACTORS = {
    "administrador": Role.ADMINISTRADOR,
    "revisor_red": Role.REVISOR_RED,
    "editor": Role.EDITOR,
    "publicador": Role.PUBLICADOR,
    "agente_soporte": Role.AGENTE_SOPORTE,
}
LEARNER_ACTORS = {
    "learner_cap": Realm.CAPACITACION,
    "learner_con": Realm.CONCIENTIZACION,
}
# A Gestor de Servicio of another service: must never reach the own service's objects.
OTHER = "other_service"
ACTORS = ["anonymous", *LEARNER_ACTORS, *SERVICE_ACTORS, OTHER, *STAFF_ACTORS]
GESTION_ACTORS = [*SERVICE_ACTORS, OTHER, *STAFF_ACTORS]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    devices: dict = field(default_factory=dict)
    own: object = None
    other: object = None
    objects: dict = field(default_factory=dict)


# Functions that add module objects to the world (``world.objects[...]``).
WORLD_BUILDERS: list = []


def build_world() -> World:
    world = World(
        own=ServiceFactory(name="Servicio propio"),
        other=ServiceFactory(name="Servicio ajeno"),
    )
    for actor, role in SERVICE_ACTORS.items():
        user = UserFactory(first_name=actor)
        add_membership(user=user, service=world.own, role=role)
        world.users[actor] = user
    other = UserFactory(first_name=OTHER)
    add_membership(user=other, service=world.other, role=Role.GESTOR_SERVICIO)
    world.users[OTHER] = other
    for actor, role in STAFF_ACTORS.items():
        user = UserFactory(first_name=actor)
        grant_staff_role(user=user, role=role)
        world.users[actor] = user
    for actor, realm in LEARNER_ACTORS.items():
        world.users[actor] = LearnerFactory(realm=realm)
    for actor in GESTION_ACTORS:
        world.devices[actor] = TOTPDeviceFactory(user=world.users[actor])
    for builder in WORLD_BUILDERS:
        builder(world)
    return world


@dataclass(frozen=True)
class Rule:
    """How one URL answers a GET from each actor (status codes)."""

    expect: dict
    kwargs: object = None  # dict, or a function of the world returning a dict
    method: str = "get"
    # For pages with no URL name (served from Wagtail's page tree): world -> path.
    path: object = None

    def kwargs_for(self, world):
        return self.kwargs(world) if callable(self.kwargs) else (self.kwargs or {})


def everyone(status: int = 200, **overrides) -> dict:
    return {actor: overrides.get(actor, status) for actor in ACTORS}


def gestion_only(allowed=None, *, denied: int = 403, other: int | None = None) -> dict:
    """Gestión pages: outsiders go to the login (302); listed roles get 200, the rest ``denied``.

    ``allowed`` None means every Gestión actor. ``other`` overrides the answer for a
    manager of another service (404 on object URLs).
    """
    expect = dict.fromkeys(["anonymous", *LEARNER_ACTORS], 302)
    for actor in GESTION_ACTORS:
        ok = allowed is None or actor in allowed
        expect[actor] = 200 if ok else denied
    if other is not None:
        expect[OTHER] = other
    return expect


def learner_only(platform: str) -> dict:
    expect = dict.fromkeys(ACTORS, 302)
    expect["learner_cap" if platform == "capacitacion" else "learner_con"] = 200
    return expect


PLATFORM_SLUGS = ("gestion", "flota", "capacitacion", "concientizacion")


def project_url_names() -> list[str]:
    """Every named URL whose view is the project's own code."""
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if view.__module__.split(".")[0] in PROJECT_PACKAGES:
                    names.append(
                        namespace + (pattern.name or f"<unnamed {pattern.pattern}>")
                    )

    walk(get_resolver().url_patterns)
    return names
