"""Filters of the agents' ticket queue."""

from datetime import timedelta

import django_filters

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import HelpTopic, Team, Ticket
from .selectors import agents

ACTIVE = "activos"
# Age choice → (at least, less than) days since the ticket was opened.
AGES = {
    "1": (None, 1),
    "3": (1, 3),
    "7": (3, 7),
    "30": (7, 30),
    "mas": (30, None),
}


class TicketFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Buscar (número, asunto, nombre o correo)"), method="search"
    )
    status = django_filters.ChoiceFilter(
        label=_("Estado"),
        choices=[(ACTIVE, _("Activos (abiertos, en proceso, esperando)"))]
        + list(Ticket.Status.choices),
        empty_label=_("Todos"),
        method="filter_status",
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Tema"), queryset=HelpTopic.objects.all(), empty_label=_("Todos")
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Equipo"), queryset=Team.objects.all(), empty_label=_("Todos")
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Asignado a"),
        queryset=agents(),
        empty_label=_("Todos"),
        null_label=_("Sin asignar"),
    )
    age = django_filters.ChoiceFilter(
        label=_("Antigüedad"),
        choices=[
            ("1", _("Menos de 1 día")),
            ("3", _("1 a 3 días")),
            ("7", _("3 a 7 días")),
            ("30", _("7 a 30 días")),
            ("mas", _("Más de 30 días")),
        ],
        empty_label=_("Cualquiera"),
        method="filter_age",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Solo atrasados"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Ticket
        fields = ["q", "status", "topic", "team", "assignee", "age", "overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = (
            Q(subject__icontains=value)
            | Q(name__icontains=value)
            | Q(email__icontains=value)
        )
        digits = value.lstrip("#")
        if digits.isdigit() and len(digits) <= 12:
            condition |= Q(number=int(digits))
        return queryset.filter(condition)

    def filter_status(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.active()
        return queryset.filter(status=value)

    def filter_age(self, queryset, name, value):
        at_least, less_than = AGES[value]
        now = timezone.now()
        if at_least is not None:
            queryset = queryset.filter(created_at__lte=now - timedelta(days=at_least))
        if less_than is not None:
            queryset = queryset.filter(created_at__gt=now - timedelta(days=less_than))
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
