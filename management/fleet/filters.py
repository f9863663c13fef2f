"""Filters of the Flota lists (django-filter)."""

import django_filters

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .factors import Fuel
from .models import Driver, FuelLoad, Trip, Vehicle

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VehicleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Patente, marca o modelo"), method="search")
    vehicle_type = django_filters.ChoiceFilter(
        label=_("Tipo"), choices=Vehicle.Type.choices, empty_label=_("Todos")
    )
    motor = django_filters.ChoiceFilter(
        label=_("Motor"), choices=Vehicle.Motor.choices, empty_label=_("Todos")
    )
    ownership = django_filters.ChoiceFilter(
        label=_("Propiedad"), choices=Vehicle.Ownership.choices, empty_label=_("Todas")
    )
    status = django_filters.ChoiceFilter(
        label=_("Estado"), choices=Vehicle.Status.choices, empty_label=_("Todos")
    )
    unit = django_filters.CharFilter(label=_("Unidad"), method="by_unit")

    class Meta:
        model = Vehicle
        fields = ["q", "vehicle_type", "motor", "ownership", "status", "unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        plate = value.upper().replace("-", "").replace(" ", "")
        return queryset.filter(
            Q(plate__startswith=plate)
            | Q(brand__icontains=value)
            | Q(model_name__icontains=value)
        )

    def by_unit(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            pk__in=Vehicle.units.through.objects.filter(
                unit__name__icontains=value
            ).values("vehicle_id")
        )


class DatedFilter(django_filters.FilterSet):
    plate = django_filters.CharFilter(
        label=_("Patente"), field_name="vehicle__plate", method="by_plate"
    )
    since = django_filters.DateFilter(label=_("Desde"), method="from_date", widget=DATE)
    until = django_filters.DateFilter(label=_("Hasta"), method="to_date", widget=DATE)
    date_field = ""

    def by_plate(self, queryset, name, value):
        value = value.strip().upper().replace("-", "").replace(" ", "")
        return queryset.filter(vehicle__plate__startswith=value) if value else queryset

    def from_date(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__date__gte": value})

    def to_date(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__date__lte": value})


class FuelLoadFilter(DatedFilter):
    fuel = django_filters.ChoiceFilter(
        label=_("Combustible"), choices=Fuel.choices, empty_label=_("Todos")
    )
    findings = django_filters.ChoiceFilter(
        label=_("Advertencias"),
        choices=[("1", _("Con advertencias")), ("0", _("Sin advertencias"))],
        empty_label=_("Todas"),
        method="with_findings",
    )
    date_field = "loaded_at"

    class Meta:
        model = FuelLoad
        fields = ["plate", "since", "until", "fuel", "findings"]

    def with_findings(self, queryset, name, value):
        if value == "1":
            return queryset.exclude(findings=[])
        if value == "0":
            return queryset.filter(findings=[])
        return queryset


class TripFilter(DatedFilter):
    destination = django_filters.CharFilter(label=_("Destino"), lookup_expr="icontains")
    date_field = "departed_at"

    class Meta:
        model = Trip
        fields = ["plate", "since", "until", "destination"]


class DriverFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nombre o correo"), method="search")

    class Meta:
        model = Driver
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__email__icontains=value)
        )
