"""The agents' ticket queue as a django-tables2 table."""

import django_tables2 as tables

from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from .models import Ticket

STATUS_BADGES = {
    Ticket.Status.OPEN: "hd-badge-open",
    Ticket.Status.IN_PROGRESS: "hd-badge-progress",
    Ticket.Status.WAITING: "hd-badge-waiting",
    Ticket.Status.RESOLVED: "hd-badge-done",
    Ticket.Status.CLOSED: "hd-badge-done",
}


def _row_class(record) -> str:
    return "hd-overdue" if record.is_overdue() else ""


class TicketTable(tables.Table):
    number = tables.Column(verbose_name=_("N°"), attrs={"td": {"class": "hd-nowrap"}})
    subject = tables.Column(_("Asunto"), attrs={"td": {"class": "hd-subject"}})
    requester = tables.Column(
        _("Solicitante"), accessor="name", order_by=("name", "email")
    )
    email = tables.Column(_("Correo"), visible=False)
    topic = tables.Column(_("Tema"), accessor="topic__name", visible=False)
    status = tables.Column(_("Estado"))
    assignee = tables.Column(_("Asignado a"), default="—")
    created_at = tables.DateTimeColumn(format="d-m-Y H:i", verbose_name=_("Creado"))
    age = tables.Column(
        _("Antigüedad"), accessor="created_at", order_by=("-created_at",), visible=False
    )
    due_at = tables.Column(_("Responder antes de"), default="—")

    class Meta:
        model = Ticket
        fields = ()
        sequence = (
            "number",
            "subject",
            "requester",
            "email",
            "topic",
            "status",
            "assignee",
            "created_at",
            "age",
            "due_at",
        )
        order_by = ("-created_at",)
        attrs = {"class": "listing hd-queue"}
        row_attrs = {"class": _row_class}
        empty_text = _("No hay tickets que cumplan los filtros.")

    def render_number(self, record):
        return format_html(
            '<a href="{}">#{}</a>', record.get_absolute_url(), record.display_number
        )

    def value_number(self, record):
        return record.display_number

    def render_subject(self, record):
        return format_html(
            '<a href="{}">{}</a><br><span class="hd-muted">{}</span>',
            record.get_absolute_url(),
            record.subject,
            record.topic.name,
        )

    def value_subject(self, record):
        return record.subject

    def render_created_at(self, value):
        return format_html(
            '{}<br><span class="hd-muted">{}</span>',
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M"),
            _("hace %(age)s") % {"age": timesince(value, timezone.now(), depth=1)},
        )

    def render_requester(self, record):
        return format_html(
            '{}<br><span class="hd-muted">{}</span>', record.name, record.email
        )

    def value_requester(self, record):
        return record.name

    def render_status(self, record):
        return format_html(
            '<span class="hd-badge {}">{}</span>',
            STATUS_BADGES[record.status],
            record.get_status_display(),
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_assignee(self, value):
        return value.get_full_name() or value.email

    def value_created_at(self, value):
        return value

    def value_assignee(self, value):
        return (value.get_full_name() or value.email) if value else ""

    def render_age(self, value):
        return timesince(value, timezone.now(), depth=1)

    def value_age(self, value):
        return timesince(value, timezone.now(), depth=1)

    def render_due_at(self, record, value):
        local = timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
        if record.is_overdue():
            return format_html(
                '<span class="hd-badge hd-badge-overdue">{}</span> {}',
                _("Atrasado"),
                local,
            )
        return local

    def value_due_at(self, record, value):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
