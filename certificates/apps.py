from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VIEW = ("certificates.view_certificate",)
REVOKE = ("certificates.revoke_certificate",)
ARCHIVES = (
    "certificates.add_certificatearchive",
    "certificates.view_certificatearchive",
)
TEMPLATES = (
    "certificates.add_certificatetemplate",
    "certificates.change_certificatetemplate",
    "certificates.delete_certificatetemplate",
)


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificados")

    def ready(self):
        from lms.accounts.roles import Role, register_permissions

        # The ministry looks certificates up and downloads them in bulk; only the
        # Administrador revokes and re-issues. Editors keep the templates.
        register_permissions(Role.ADMINISTRADOR, *VIEW, *REVOKE, *ARCHIVES, *TEMPLATES)
        register_permissions(Role.REVISOR_RED, *VIEW, *ARCHIVES)
        register_permissions(Role.AGENTE_SOPORTE, *VIEW)
        register_permissions(Role.EDITOR, *TEMPLATES)
        register_permissions(Role.PUBLICADOR, *TEMPLATES)
