"""Filters of the staff reports."""

import django_filters

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from management.models import Institution, Service

from .models import CoursePage, Enrolment, LearningPlatform

GROUP_CHOICES = [
    ("service", _("Servicio")),
    ("institution", _("Institución")),
    ("course", _("Curso")),
]
STATE_CHOICES = Enrolment.State.choices


class EnrolmentFilter(django_filters.FilterSet):
    """Which enrolments count: platform, course, where learners work, when they enrolled."""

    platform = django_filters.ChoiceFilter(
        field_name="course__platform",
        label=_("Plataforma"),
        choices=LearningPlatform.choices,
        empty_label=_("Todas"),
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Curso"),
        queryset=CoursePage.objects.order_by("path"),
        empty_label=_("Todos"),
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institución"),
        queryset=Institution.objects.order_by("name"),
        empty_label=_("Todas"),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Servicio"),
        queryset=Service.objects.select_related("institution").order_by("name"),
        empty_label=_("Todos"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Estado"),
        choices=STATE_CHOICES,
        method="filter_state",
        empty_label=_("Todos"),
    )
    enrolled_from = django_filters.DateFilter(
        field_name="enrolled_at",
        lookup_expr="date__gte",
        label=_("Inscritos desde"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    enrolled_to = django_filters.DateFilter(
        field_name="enrolled_at",
        lookup_expr="date__lte",
        label=_("Inscritos hasta"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Enrolment
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        if value == Enrolment.State.COMPLETED:
            return queryset.filter(completed_at__isnull=False)
        if value == Enrolment.State.IN_PROGRESS:
            return queryset.filter(
                completed_at__isnull=True, last_activity_at__isnull=False
            )
        if value == Enrolment.State.NOT_STARTED:
            return queryset.filter(
                completed_at__isnull=True, last_activity_at__isnull=True
            )
        return queryset


class CompletionReportFilter(EnrolmentFilter):
    """The enrolment filters plus how to group the rows."""

    group = django_filters.ChoiceFilter(
        label=_("Agrupar por"),
        choices=GROUP_CHOICES,
        method="keep",
        empty_label=None,
    )

    class Meta(EnrolmentFilter.Meta):
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset


class EnrolmentListFilter(EnrolmentFilter):
    """The enrolment filters plus a search by name, e-mail or RUT."""

    q = django_filters.CharFilter(
        label=_("Buscar"), method="search", help_text=_("Nombre, correo o RUT.")
    )

    class Meta(EnrolmentFilter.Meta):
        fields: list[str] = []

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split():
            digits = word.replace(".", "")
            condition &= (
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(user__rut__startswith=digits)
            )
        return queryset.filter(condition)
