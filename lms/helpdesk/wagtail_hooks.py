"""The help desk in the Wagtail admin: ticket queue, help topics and teams."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    VIEW_PERMISSION,
    StaffAttachmentView,
    TicketAdminView,
    TicketQueueView,
)
from .models import HelpTopic, Team


class TicketMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


class TicketViewSet(ViewSet):
    name = "helpdesk_admin"
    url_prefix = "mesa-de-ayuda"
    icon = "help"
    menu_label = _("Tickets")

    @cached_property
    def menu_item_class(self):
        return TicketMenuItem

    def get_urlpatterns(self):
        return [
            path("", TicketQueueView.as_view(), name="index"),
            path("<int:pk>/", TicketAdminView.as_view(), name="ticket"),
            path(
                "<int:pk>/adjuntos/<int:attachment_id>/",
                StaffAttachmentView.as_view(),
                name="attachment",
            ),
        ]


class HelpTopicViewSet(ModelViewSet):
    model = HelpTopic
    name = "helpdesk_topics"
    url_prefix = "mesa-de-ayuda-temas"
    icon = "tag"
    menu_label = _("Temas de ayuda")
    form_fields = ["name", "slug", "team", "response_hours", "sort_order", "is_active"]
    list_display = ["name", "team", "response_hours", "is_active"]
    list_filter = ["team", "is_active"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    inspect_view_enabled = False
    copy_view_enabled = False


class TeamViewSet(ModelViewSet):
    model = Team
    name = "helpdesk_teams"
    url_prefix = "mesa-de-ayuda-equipos"
    icon = "group"
    menu_label = _("Equipos")
    form_fields = ["name", "email", "members"]
    list_display = ["name", "email"]
    search_fields = ["name"]
    inspect_view_enabled = False
    copy_view_enabled = False


class HelpdeskViewSetGroup(ViewSetGroup):
    items = (TicketViewSet, HelpTopicViewSet, TeamViewSet)
    menu_label = _("Mesa de ayuda")
    menu_icon = "help"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_helpdesk_viewsets():
    return HelpdeskViewSetGroup()
