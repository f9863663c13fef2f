"""Editing locks after the milestones, with the Administrador's override."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.roles import Role

from ..models import InventorySnapshot, InventoryUnlock


class InventoryLocked(PermissionDenied):
    """The inventory of this service and year is frozen."""


def current_year() -> int:
    """The year in Chile now (the year of the inventory being worked on)."""
    return timezone.localdate().year


def inventory_lock(*, service, year: int | None = None) -> str:
    """Why the inventory of ``service`` cannot be edited this year ("" when it can).

    Once the definitive inventory (Hito 4) is frozen, units and Alcance stay as the
    oficio says, unless the Administrador reopens them for a while.
    """
    year = year or current_year()
    frozen = InventorySnapshot.objects.filter(
        service=service, year=year, kind=InventorySnapshot.Kind.DEFINITIVE
    ).exists()
    if not frozen:
        return ""
    reopened = InventoryUnlock.objects.filter(
        service=service, year=year, until__gte=timezone.localdate()
    ).exists()
    if reopened:
        return ""
    return _(
        "El inventario definitivo %(year)s de este servicio ya fue emitido (Hito 4): "
        "las unidades y el Alcance quedaron bloqueados. Para modificarlos, solicite "
        "al Administrador que reabra el inventario."
    ) % {"year": year}


def is_administrator(user) -> bool:
    """Whether ``user`` holds the ministry's Administrador role."""
    return Role.ADMINISTRADOR in user.staff_roles()


def ensure_inventory_editable(*, service, user, year: int | None = None) -> None:
    """Raise InventoryLocked unless ``user`` may change the inventory of ``service``."""
    if is_administrator(user):
        return
    reason = inventory_lock(service=service, year=year)
    if reason:
        raise InventoryLocked(reason)
