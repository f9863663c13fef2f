from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Rows the services write; the factors and waste types are the ministry's.
SERVICE_MODELS = (
    "paperpurchase",
    "waterrecord",
    "waterfixture",
    "wasterecord",
    "wastecontainer",
    "unitmodulenote",
    "servicedocument",
    "nodocumentdeclaration",
    "committeemember",
    "committeemeeting",
    "commutingsurvey",
    "commutingentry",
    "airtrip",
    "notraveldeclaration",
    "modulereview",
)
MINISTRY_MODELS = ("emissionfactor", "wastetype")


def _perms(actions, models):
    return [f"estado_verde.{a}_{m}" for a in actions for m in models]


class EstadoVerdeConfig(AppConfig):
    name = "management.estado_verde"
    label = "estado_verde"
    verbose_name = _("Estado Verde")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

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
