"""Platforms and the account realms behind them.

Gestión and Flota share one realm; each course platform has its own. The realm of a
request is decided by its path, so that every platform keeps its own session cookie.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Realm(models.TextChoices):
    GESTION = "gestion", _("Gestión y Flota")
    CAPACITACION = "capacitacion", _("Capacitación")
    CONCIENTIZACION = "concientizacion", _("Concientización")


@dataclass(frozen=True)
class Platform:
    slug: str
    realm: str
    name: str
    audience: str
    home_path: str

    @property
    def is_learning(self) -> bool:
        return self.realm != Realm.GESTION


PLATFORMS: dict[str, Platform] = {
    p.slug: p
    for p in (
        Platform(
            "gestion",
            Realm.GESTION,
            _("Plataforma de Gestión"),
            _(
                "Gestores energéticos de servicio y de unidad, encargados del Comité Estado Verde"
            ),
            "/gestion/",
        ),
        Platform(
            "flota",
            Realm.GESTION,
            _("Plataforma Flota Pública Vehicular"),
            _("Gestores de servicio, gestores de flota y conductores"),
            "/flota/",
        ),
        Platform(
            "capacitacion",
            Realm.CAPACITACION,
            _("Plataforma de Capacitación"),
            _("Gestores de servicio, de unidad y de flota"),
            "/capacitacion/",
        ),
        Platform(
            "concientizacion",
            Realm.CONCIENTIZACION,
            _("Plataforma de Concientización"),
            _("Todos los colaboradores y colaboradoras del Sector Público"),
            "/concientizacion/",
        ),
    )
}

# Session cookie per realm: a login on one platform never opens another's pages.
SESSION_COOKIES = {
    Realm.GESTION: "ge_session",
    Realm.CAPACITACION: "ge_session_cap",
    Realm.CONCIENTIZACION: "ge_session_con",
}

# Paths whose pages need a two-factor-verified Gestión/staff session.
STRONG_AUTH_PREFIXES = ("/gestion/", "/flota/", "/admin/")


def platform_for_path(path: str) -> Platform | None:
    """The platform whose pages live under this path, if any."""
    first = path.lstrip("/").split("/", 1)[0]
    return PLATFORMS.get(first)


def realm_for_path(path: str) -> str:
    """The realm whose session serves this path; public pages use the Gestión one."""
    platform = platform_for_path(path)
    return platform.realm if platform else Realm.GESTION
