"""The agents' side, inside the Wagtail admin (two-factor applies): queue and ticket view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.core.listing import FilteredTableView

from .filters import ACTIVE, TicketFilter
from .forms import AssignForm, NoteForm, StaffReplyForm, StatusForm
from .models import Attachment, Ticket
from .selectors import staff_thread, ticket_queue
from .services import (
    add_internal_note,
    assign_ticket,
    change_status,
    reply_to_requester,
)
from .tables import TicketTable
from .views import attachment_response

VIEW_PERMISSION = "helpdesk.view_ticket"
CHANGE_PERMISSION = "helpdesk.change_ticket"


class AgentRequiredMixin:
    """Only staff holding the help desk's permission; others get a 403."""

    permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": _("Inicio")},
        {"url": reverse("helpdesk_admin:index"), "label": _("Tickets")},
        *items,
    ]


class TicketQueueView(AgentRequiredMixin, WagtailAdminTemplateMixin, FilteredTableView):
    """Every ticket, filterable by topic, status, assignee and age; overdue ones stand out."""

    template_name = "helpdesk/admin/ticket_list.html"
    filterset_class = TicketFilter
    table_class = TicketTable
    page_title = gettext_lazy("Tickets de la mesa de ayuda")
    export_name = "tickets"
    header_icon = "help"

    def get_queryset(self):
        return ticket_queue()

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Inicio")},
            {"label": _("Tickets")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = reverse("helpdesk_admin:index")
        user_id = self.request.user.pk
        context["presets"] = [
            (_("Activos"), f"{index}?status={ACTIVE}"),
            (_("Atrasados"), f"{index}?overdue=on"),
            (_("Sin asignar"), f"{index}?status={ACTIVE}&assignee=null"),
            (_("Asignados a mí"), f"{index}?status={ACTIVE}&assignee={user_id}"),
            (_("Todos"), index),
        ]
        return context


class TicketAdminView(AgentRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One ticket: the full thread (internal notes included) and what an agent can do."""

    template_name = "helpdesk/admin/ticket_detail.html"
    header_icon = "help"
    actions = ("reply", "note", "assign", "take", "status")

    @cached_property
    def ticket(self) -> Ticket:
        # Loaded after the permission check, so outsiders learn nothing about ids.
        return get_object_or_404(
            Ticket.objects.select_related(
                "topic", "team", "assignee", "service", "user"
            ),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return f"#{self.ticket.display_number} {self.ticket.subject}"

    def get_breadcrumbs_items(self):
        return _breadcrumbs({"label": f"#{self.ticket.display_number}"})

    def forms(self, bound=None):
        ticket = self.ticket
        forms = {
            "reply": StaffReplyForm(prefix="reply"),
            "note": NoteForm(prefix="note"),
            "assign": AssignForm(
                prefix="assign", initial={"assignee": ticket.assignee_id}
            ),
            "status": StatusForm(prefix="status", initial={"status": ticket.status}),
        }
        if bound is not None:
            forms[bound[0]] = bound[1]
        return forms

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.forms())
        return super().get_context_data(
            ticket=self.ticket,
            thread=staff_thread(self.ticket),
            overdue=self.ticket.is_overdue(),
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in self.actions:
            raise Http404
        if action == "take":
            assign_ticket(ticket=self.ticket, assignee=request.user, by=request.user)
            messages.success(request, _("El ticket quedó asignado a usted."))
            return redirect(self.ticket.get_absolute_url())
        form_class = {
            "reply": StaffReplyForm,
            "note": NoteForm,
            "assign": AssignForm,
            "status": StatusForm,
        }[action]
        form = form_class(request.POST, request.FILES, prefix=action)
        if form.is_valid():
            try:
                message = self.perform(action, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect(self.ticket.get_absolute_url())
        context = self.get_context_data(forms=self.forms((action, form)))
        return self.render_to_response(context)

    def perform(self, action: str, data: dict) -> str:
        user, ticket = self.request.user, self.ticket
        if action == "reply":
            reply_to_requester(
                ticket=ticket,
                author=user,
                body=data["body"],
                status=data["status"],
                files=data["attachments"],
            )
            return _("Respuesta enviada al solicitante por correo.")
        if action == "note":
            add_internal_note(ticket=ticket, author=user, body=data["body"])
            return _("Nota interna guardada.")
        if action == "assign":
            assign_ticket(ticket=ticket, assignee=data["assignee"], by=user)
            return _("Asignación actualizada.")
        change_status(ticket=ticket, status=data["status"], by=user)
        return _("Estado actualizado.")


class StaffAttachmentView(AgentRequiredMixin, View):
    def get(self, request, pk, attachment_id):
        attachment = get_object_or_404(
            Attachment, pk=attachment_id, message__ticket_id=pk
        )
        return attachment_response(attachment)
