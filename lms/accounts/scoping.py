"""The one scoping layer: which services (and units) a Gestión user may see.

Every management queryset derives from ``ScopedQuerySet`` and every view gets its
objects through ``visible_to(user)``, so an object of another service is simply not
found (404), whatever id is guessed.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from .realms import Realm
from .roles import NATIONAL_ROLES, SERVICE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    """What a user may reach: everything (national) or these services."""

    national: bool
    service_ids: frozenset[int]

    def allows_service(self, service_id: int | None) -> bool:
        return self.national or service_id in self.service_ids


EMPTY_SCOPE = Scope(national=False, service_ids=frozenset())


def scope_for(user, roles: Iterable[str] | None = None) -> Scope:
    """The scope of ``user`` through ``roles`` (all roles when None), cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    if user.realm != Realm.GESTION:
        return EMPTY_SCOPE
    wanted = frozenset(Role(r) for r in roles) if roles is not None else frozenset(Role)
    cache = user.__dict__.setdefault("_scope_cache", {})
    if wanted in cache:
        return cache[wanted]
    national = bool(user.staff_roles() & wanted & NATIONAL_ROLES)
    service_ids: frozenset[int] = frozenset()
    if not national and wanted & SERVICE_ROLES:
        held = wanted & SERVICE_ROLES
        service_ids = frozenset(
            service_id
            for role, service_id, active in user.memberships_held()
            if active and role in held
        )
    scope = Scope(national=national, service_ids=service_ids)
    cache[wanted] = scope
    return scope


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to a service reached through ``service_lookup``."""

    #: Path from this model to the Service primary key ("pk" on Service itself).
    service_lookup = "service"

    def for_services(self, service_ids: Iterable[int]):
        return self.filter(**{f"{self.service_lookup}__in": list(service_ids)})

    def visible_to(self, user, roles: Iterable[str] | None = None):
        """Rows of the services ``user`` reaches through ``roles`` (any role when None)."""
        scope = scope_for(user, roles)
        if scope.national:
            return self
        if not scope.service_ids:
            return self.none()
        return self.for_services(scope.service_ids)
