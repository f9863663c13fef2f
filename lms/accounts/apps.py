from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Cuentas y perfiles")

    def ready(self):
        from . import signals
        from .services import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        signals.connect()
