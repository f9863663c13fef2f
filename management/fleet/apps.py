from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

FLEET_MODELS = ("vehicle", "driver", "fuelload", "trip")


def _perms(actions, models=FLEET_MODELS):
    return [f"fleet.{a}_{m}" for a in actions for m in models]


class FleetConfig(AppConfig):
    name = "management.fleet"
    label = "fleet"
    verbose_name = _("Flota Pública Vehicular")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

        for role in (Role.ADMINISTRADOR, Role.GESTOR_SERVICIO, Role.GESTOR_FLOTA):
            register_permissions(role, *_perms(("add", "change", "view")))
        for role in (Role.REVISOR_RED, Role.GESTOR_CONSULTA):
            register_permissions(role, *_perms(("view",)))
        register_permissions(
            Role.CONDUCTOR,
            "fleet.view_vehicle",
            *_perms(("add", "view"), ("fuelload", "trip")),
        )
