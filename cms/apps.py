from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Snippet permissions of the public site for each editorial role.
EDITOR_PERMISSIONS = (
    "cms.add_faqtopic",
    "cms.change_faqtopic",
    "cms.view_faqtopic",
    "cms.view_documentcategory",
    "cms.add_resultsyear",
    "cms.change_resultsyear",
    "cms.view_resultsyear",
    "cms.add_videofile",
    "cms.change_videofile",
    "cms.view_videofile",
)
PUBLISHER_PERMISSIONS = (
    *EDITOR_PERMISSIONS,
    "cms.delete_faqtopic",
    "cms.add_documentcategory",
    "cms.change_documentcategory",
    "cms.delete_documentcategory",
    "cms.publish_resultsyear",
    "cms.delete_resultsyear",
    "cms.delete_videofile",
)


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Sitio público")

    def ready(self):
        from wagtail.signals import page_published

        from lms.accounts.roles import Role, register_permissions

        from . import signals

        register_permissions(Role.EDITOR, *EDITOR_PERMISSIONS)
        register_permissions(Role.PUBLICADOR, *PUBLISHER_PERMISSIONS)
        page_published.connect(
            signals.release_documents_on_publish, dispatch_uid="cms.release_documents"
        )
