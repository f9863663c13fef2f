from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Models whose rows services write (the catalogs and territory belong to the ministry).
SERVICE_MODELS = (
    "building",
    "buildingcomplex",
    "unit",
    "unitfloor",
    "unitarea",
    "unitassignment",
    "unitenergysource",
    "scopedefinition",
    "aggregateinformation",
    "consumptionjustification",
    "inventoryobservation",
)
MINISTRY_MODELS = (
    "region",
    "province",
    "comuna",
    "usetype",
    "propertytype",
    "milestonecalendar",
    "inventoryratification",
    "inventorysnapshot",
    "inventoryunlock",
)


def _perms(actions, models):
    return [f"management.{a}_{m}" for a in actions for m in models]


class ManagementConfig(AppConfig):
    name = "management"
    verbose_name = _("Plataforma de Gestión")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

        from .services import monthly  # noqa: F401  (keeps the monthly table current)

        everything = SERVICE_MODELS + MINISTRY_MODELS
        register_permissions(
            Role.ADMINISTRADOR, *_perms(("add", "change", "view"), everything)
        )
        register_permissions(Role.REVISOR_RED, *_perms(("view",), everything))
        register_permissions(
            Role.GESTOR_SERVICIO, *_perms(("add", "change", "view"), SERVICE_MODELS)
        )
        for role in (Role.GESTOR_UNIDAD, Role.GESTOR_CONSULTA, Role.ENCARGADO_COMITE):
            register_permissions(role, *_perms(("view",), SERVICE_MODELS))
