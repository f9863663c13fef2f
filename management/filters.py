"""Filters of the management lists (django-filter), all labelled in Spanish."""

import functools

import django_filters

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User

from .models import Building, Comuna, Region, Service, Unit, UseType
from .widgets import FastSelect

YES_NO = [("true", _("Sí")), ("false", _("No"))]


@functools.cache
def _territory(model) -> tuple:
    """(pk, name) of every region or comuna, read once per process: the territory
    comes from a data migration and does not change while the portal runs."""
    return tuple(model.objects.values_list("pk", "name"))


def region_choices():
    return _territory(Region)


def comuna_choices():
    return _territory(Comuna)


def _text_search(queryset, fields, value):
    query = Q()
    for word in value.split()[:6]:
        part = Q()
        for f in fields:
            part |= Q(**{f"{f}__icontains": word})
        query &= part
    return queryset.filter(query)


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="search")
    # Choices rather than querysets: the 16 regions and 346 comunas are not read
    # (and turned into objects) again on every page of the list.
    region = django_filters.ChoiceFilter(
        label=_("Región"),
        field_name="building__comuna__province__region",
        choices=region_choices,
        empty_label=_("Todas"),
        widget=FastSelect,
    )
    comuna = django_filters.ChoiceFilter(
        label=_("Comuna"),
        field_name="building__comuna",
        choices=comuna_choices,
        empty_label=_("Todas"),
        widget=FastSelect,
    )
    use_type = django_filters.ModelChoiceFilter(
        label=_("Tipo de uso"), queryset=UseType.objects.all(), empty_label=_("Todos")
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Activa"),
        choices=YES_NO,
        empty_label=_("Todas"),
        method="filter_active",
    )
    start_year = django_filters.NumberFilter(
        label=_("Año inicio gestión energética"), field_name="energy_start_year"
    )

    class Meta:
        model = Unit
        fields = ["q", "region", "comuna", "use_type", "is_active", "start_year"]

    def search(self, queryset, name, value):
        return _text_search(
            queryset,
            [
                "name",
                "rol",
                "building__street",
                "building__number",
                "building__comuna__name",
            ],
            value,
        )

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")


class BuildingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="search")
    region = django_filters.ChoiceFilter(
        label=_("Región"),
        field_name="comuna__province__region",
        choices=region_choices,
        empty_label=_("Todas"),
        widget=FastSelect,
    )
    comuna = django_filters.ChoiceFilter(
        label=_("Comuna"),
        choices=comuna_choices,
        empty_label=_("Todas"),
        widget=FastSelect,
    )

    class Meta:
        model = Building
        fields = ["q", "region", "comuna"]

    def search(self, queryset, name, value):
        return _text_search(queryset, ["street", "number", "comuna__name"], value)


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="search")
    role = django_filters.ChoiceFilter(
        label=_("Perfil"), method="filter_role", empty_label=_("Todos")
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Activa"),
        choices=YES_NO,
        empty_label=_("Todas"),
        method="filter_active",
    )

    accredited = django_filters.ChoiceFilter(
        label=_("Acreditado (Capacitación)"),
        choices=YES_NO,
        empty_label=_("Todos"),
        method="filter_accredited",
    )

    class Meta:
        model = User
        fields = ["q", "role", "is_active", "accredited"]

    def __init__(self, *args, roles=(), service_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        from lms.accounts.roles import Role

        self.service_ids = list(service_ids)
        self.filters["role"].extra["choices"] = [(r, Role(r).label) for r in roles]

    def search(self, queryset, name, value):
        return _text_search(queryset, ["first_name", "last_name", "email"], value)

    def filter_role(self, queryset, name, value):
        return queryset.filter(
            memberships__role=value, memberships__service_id__in=self.service_ids
        ).distinct()

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")

    def filter_accredited(self, queryset, name, value):
        return queryset.filter(accredited_at__isnull=value != "true")


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="search")
    is_pmg = django_filters.ChoiceFilter(
        label=_("Con compromiso PMG"),
        choices=YES_NO,
        empty_label=_("Todos"),
        method="filter_pmg",
    )

    class Meta:
        model = Service
        fields = ["q", "is_pmg"]

    def search(self, queryset, name, value):
        return _text_search(queryset, ["name", "code", "institution__name"], value)

    def filter_pmg(self, queryset, name, value):
        return queryset.filter(is_pmg=value == "true")


class NameFilter(django_filters.FilterSet):
    """A text search on name (and code when the model has one)."""

    q = django_filters.CharFilter(label=_("Buscar"), method="search")

    def search(self, queryset, name, value):
        fields = ["name"]
        if any(f.name == "code" for f in queryset.model._meta.fields):
            fields.append("code")
        return _text_search(queryset, fields, value)


class ScopeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar unidad"), method="search")

    class Meta:
        model = Unit
        fields = ["q"]

    def search(self, queryset, name, value):
        return _text_search(
            queryset,
            ["name", "building__street", "building__number", "building__comuna__name"],
            value,
        )
