"""Roles of PRODUCT.md: what each may do is a Django group with permissions.

Service-scoped roles are held through a ``Membership`` (user, service, role); staff
roles are held directly through the user's groups. Permissions of later apps are
listed here by codename and synced after every migration (``sync_role_groups``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRADOR = "administrador", _("Administrador")
    REVISOR_RED = "revisor_red", _("Revisor de la Red")
    GESTOR_SERVICIO = "gestor_servicio", _("Gestor de Servicio")
    GESTOR_UNIDAD = "gestor_unidad", _("Gestor de Unidad")
    GESTOR_CONSULTA = "gestor_consulta", _("Gestor de Consulta")
    ENCARGADO_COMITE = "encargado_comite", _("Encargado Comité Estado Verde")
    GESTOR_FLOTA = "gestor_flota", _("Gestor de Flota")
    CONDUCTOR = "conductor", _("Conductor")
    EDITOR = "editor", _("Editor")
    PUBLICADOR = "publicador", _("Publicador")
    AGENTE_SOPORTE = "agente_soporte", _("Agente de soporte")


# Roles held inside one service (through Membership).
SERVICE_ROLES = frozenset(
    {
        Role.GESTOR_SERVICIO,
        Role.GESTOR_UNIDAD,
        Role.GESTOR_CONSULTA,
        Role.ENCARGADO_COMITE,
        Role.GESTOR_FLOTA,
        Role.CONDUCTOR,
    }
)
# Roles of ministry staff, held through groups; they see every service.
STAFF_ROLES = frozenset(set(Role) - SERVICE_ROLES)
# Staff roles whose scope in the management platform is every service.
NATIONAL_ROLES = frozenset({Role.ADMINISTRADOR, Role.REVISOR_RED})
# Staff roles that work in the Wagtail admin.
ADMIN_ROLES = frozenset(
    {
        Role.ADMINISTRADOR,
        Role.REVISOR_RED,
        Role.EDITOR,
        Role.PUBLICADOR,
        Role.AGENTE_SOPORTE,
    }
)
# Service roles that may create other accounts of the service (Configuración > Usuarios).
ROLES_A_SERVICE_MANAGER_GRANTS = (
    Role.GESTOR_UNIDAD,
    Role.GESTOR_CONSULTA,
    Role.ENCARGADO_COMITE,
    Role.GESTOR_FLOTA,
    Role.CONDUCTOR,
)


def group_name(role: str) -> str:
    """The name of the group that carries a role's permissions."""
    return str(Role(role).label)


# "app_label.codename" permissions per role. Codenames of apps that do not exist yet are
# skipped by the sync and picked up once their migrations create them.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMINISTRADOR: {
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.delete_membership",
        "accounts.view_membership",
        "accounts.view_securityevent",
        "management.add_institution",
        "management.change_institution",
        "management.view_institution",
        "management.add_service",
        "management.change_service",
        "management.view_service",
    },
    Role.REVISOR_RED: {
        "wagtailadmin.access_admin",
        "management.view_institution",
        "management.view_service",
    },
    Role.GESTOR_SERVICIO: {
        "management.view_service",
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
    },
    Role.GESTOR_UNIDAD: {"management.view_service"},
    Role.GESTOR_CONSULTA: {"management.view_service"},
    Role.ENCARGADO_COMITE: {"management.view_service"},
    Role.GESTOR_FLOTA: {"management.view_service"},
    Role.CONDUCTOR: set(),
    Role.EDITOR: {
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    },
    Role.PUBLICADOR: {
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    },
    Role.AGENTE_SOPORTE: {"wagtailadmin.access_admin"},
}


def register_permissions(role: str, *perms: str) -> None:
    """Let a later app add its permissions to a role (call from its AppConfig.ready)."""
    ROLE_PERMISSIONS[Role(role)].update(perms)
