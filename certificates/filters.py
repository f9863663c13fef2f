"""Filters of the staff certificate list."""

import django_filters

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, LearningPlatform
from management.models import Service

from .codes import normalize_code
from .models import Certificate
from .selectors import in_date_range

STATUS_CHOICES = [("valid", _("Vigente")), ("revoked", _("Revocado"))]


class CertificateFilter(django_filters.FilterSet):
    """Search by code, name or RUT; narrow by platform, course, service, state and dates."""

    q = django_filters.CharFilter(
        label=_("Buscar"),
        method="search",
        help_text=_("Código, nombre o RUT."),
    )
    platform = django_filters.ChoiceFilter(
        label=_("Plataforma"),
        choices=LearningPlatform.choices,
        empty_label=_("Todas"),
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Curso"),
        queryset=CoursePage.objects.order_by("path"),
        empty_label=_("Todos"),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Servicio"),
        queryset=Service.objects.order_by("name"),
        empty_label=_("Todos"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Estado"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=_("Todos"),
    )
    completed_from = django_filters.DateFilter(
        label=_("Aprobados desde"),
        method="filter_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    completed_to = django_filters.DateFilter(
        label=_("Aprobados hasta"),
        method="filter_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def search(self, queryset, name, value):
        code = normalize_code(value)
        if code is not None:
            return queryset.filter(code=code)
        condition = Q()
        for word in value.split():
            digits = word.replace(".", "").upper()
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(rut__startswith=digits)
                | Q(code__startswith=word.replace("-", "").upper())
            )
        return queryset.filter(condition)

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.valid()
        if value == "revoked":
            return queryset.revoked()
        return queryset

    def filter_from(self, queryset, name, value):
        return in_date_range(queryset, value, None)

    def filter_to(self, queryset, name, value):
        return in_date_range(queryset, None, value)
