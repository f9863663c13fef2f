from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "lms.helpdesk"
    label = "helpdesk"
    verbose_name = _("Mesa de ayuda")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

        register_permissions(
            Role.AGENTE_SOPORTE,
            "helpdesk.view_ticket",
            "helpdesk.change_ticket",
            "helpdesk.view_helptopic",
            "helpdesk.add_helptopic",
            "helpdesk.change_helptopic",
            "helpdesk.view_team",
        )
        register_permissions(
            Role.ADMINISTRADOR,
            "helpdesk.view_ticket",
            "helpdesk.change_ticket",
            "helpdesk.view_helptopic",
            "helpdesk.add_helptopic",
            "helpdesk.change_helptopic",
            "helpdesk.view_team",
            "helpdesk.add_team",
            "helpdesk.change_team",
        )
