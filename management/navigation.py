"""The Gestión and Flota sidebars: the original's modules, shown once they exist.

Each module names the URL it opens; a module whose URL is not installed yet, or
whose roles the user does not hold, is left out.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .fleet import permissions as fleet
from .permissions import READ, READ_SERVICE


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = ""
    roles: tuple[str, ...] = ()
    children: tuple["NavItem", ...] = field(default_factory=tuple)


GESTION_MODULES: list[NavItem] = [
    NavItem(_("Inicio"), "management:home", "home"),
    NavItem(_("Mi Unidad"), "management:unit-home", "building", roles=READ),
    NavItem(_("Consumo"), "management:consumption", "bolt"),
    NavItem(_("Estado Verde"), "management:estado-verde", "leaf"),
    NavItem(_("Reportes"), "management:reports", "chart"),
    NavItem(_("Información"), "management:information", "info", roles=READ_SERVICE),
    NavItem(_("Configuración"), "management:configuration", "gear", roles=READ),
]

FLOTA_MODULES: list[NavItem] = [
    NavItem(_("Inicio"), "fleet:home", "home"),
    NavItem(_("Vehículos"), "fleet:vehicle-list", "car", roles=fleet.SEE),
    NavItem(_("Cargas de combustible"), "fleet:fuel-list", "fuel", roles=fleet.SEE),
    NavItem(_("Bitácora de viajes"), "fleet:trip-list", "route", roles=fleet.SEE),
    NavItem(_("Conductores"), "fleet:driver-list", "user", roles=fleet.READ),
    NavItem(_("Reportes"), "fleet:reports", "chart", roles=fleet.READ),
]


def _held_roles(user) -> set[str]:
    """Every role the user holds, read once for the whole sidebar."""
    if not user.is_authenticated:
        return set()
    roles = set(user.staff_roles())
    roles.update(role for role, _s, _a in user.memberships_held())
    return roles


def _resolve(item: NavItem, request, held: set[str]) -> dict | None:
    if item.roles and not held & set(item.roles):
        return None
    try:
        url = reverse(item.url_name)
    except NoReverseMatch:
        return None
    children = [
        c for c in (_resolve(child, request, held) for child in item.children) if c
    ]
    return {
        "label": item.label,
        "url": url,
        "icon": item.icon,
        "children": children,
        "active": request.path_info.startswith(url)
        if url not in ("/gestion/", "/flota/")
        else request.path_info == url,
    }


def sidebar_for(request, platform_slug: str) -> list[dict]:
    modules = FLOTA_MODULES if platform_slug == "flota" else GESTION_MODULES
    held = _held_roles(request.user)
    return [
        entry for entry in (_resolve(item, request, held) for item in modules) if entry
    ]
