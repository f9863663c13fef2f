"""Admin wiring: certificate templates (editors) and the staff certificate screens."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CertificateTemplate
from .services import ARCHIVE_PERMISSION
from .views.admin import (
    VIEW_PERMISSION,
    ArchiveDownloadView,
    ArchiveListView,
    CertificateDetailView,
    CertificateListView,
    CertificatePDFView,
)


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Plantillas")
    list_display = ["name", "default_for", "title", "updated_at"]
    list_filter = ["default_for"]
    search_fields = ["name"]
    search_backend_name = None


class PermissionMenuItem(MenuItem):
    permission = VIEW_PERMISSION

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ArchiveMenuItem(PermissionMenuItem):
    permission = ARCHIVE_PERMISSION


class CertificateAdminViewSet(ViewSet):
    """Search, detail (revoke, re-issue) and PDF of the issued certificates."""

    name = "certificates_admin"
    url_prefix = "certificados"
    icon = "doc-full"
    menu_label = _("Emitidos")
    menu_item_class = PermissionMenuItem

    def get_urlpatterns(self):
        return [
            path("", CertificateListView.as_view(), name="index"),
            path("<str:code>/", CertificateDetailView.as_view(), name="detail"),
            path("<str:code>/pdf/", CertificatePDFView.as_view(), name="pdf"),
        ]


class ArchiveAdminViewSet(ViewSet):
    """Bulk ZIP downloads: request one, follow its progress, download it."""

    name = "certificate_archives"
    url_prefix = "certificados-zip"
    icon = "download"
    menu_label = _("Descargas masivas")
    menu_item_class = ArchiveMenuItem

    def get_urlpatterns(self):
        return [
            path("", ArchiveListView.as_view(), name="index"),
            path("<int:pk>/", ArchiveDownloadView.as_view(), name="download"),
        ]


class CertificatesAdminGroup(SnippetViewSetGroup):
    menu_label = _("Certificados")
    menu_icon = "doc-full"
    menu_order = 310
    items = (CertificateAdminViewSet, ArchiveAdminViewSet, CertificateTemplateViewSet)


register_snippet(CertificatesAdminGroup)
