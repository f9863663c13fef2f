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
        from django.db.models.signals import post_delete, post_save

        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms.accounts.roles import Role, register_permissions

        from . import cache, signals

        register_permissions(Role.EDITOR, *EDITOR_PERMISSIONS)
        register_permissions(Role.PUBLICADOR, *PUBLISHER_PERMISSIONS)
        page_published.connect(
            signals.release_documents_on_publish, dispatch_uid="cms.release_documents"
        )
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(cache.invalidate, dispatch_uid=f"cms.cache.{id(signal)}")
        post_save.connect(
            cache.invalidate_on_content_change, dispatch_uid="cms.cache.saved"
        )
        post_delete.connect(
            cache.invalidate_on_content_change, dispatch_uid="cms.cache.deleted"
        )
