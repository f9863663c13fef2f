from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManagementConfig(AppConfig):
    name = "management"
    verbose_name = _("Plataforma de Gestión")
