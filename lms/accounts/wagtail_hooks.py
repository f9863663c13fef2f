"""The security event log in the Wagtail admin (read-only, for the Administrador)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SecurityEvent


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Events are written by the system only: nobody adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class SecurityEventViewSet(ModelViewSet):
    model = SecurityEvent
    icon = "warning"
    menu_label = _("Eventos de seguridad")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["created_at", "kind", "user", "realm", "ip", "path"]
    list_filter = ["kind", "realm"]
    search_fields = ["ip", "path", "user__email"]
    inspect_view_enabled = True
    exclude_form_fields = []
    form_fields = ["kind"]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_security_events():
    return SecurityEventViewSet("security_events")
