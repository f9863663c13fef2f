"""Configuración > Factores: kWh per unit and SEN emission factors (Administrador).

A factor's figure never changes in place: a new version starts on a date and closes
the one in force. Only the source text and the confirmed (or official) flag are
edited. Bills keep the factor they were saved with.
"""

import django_filters
import django_tables2 as tables

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from lms.core.listing import FilteredTableView

from ..filters import YES_NO
from ..forms_energy import (
    FactorTextForm,
    FactorVersionForm,
    GridFactorForm,
    GridFactorTextForm,
)
from ..models import ConversionFactor, GridFactor
from ..models.units import EnergySource
from ..permissions import ADMIN
from ..services import factors as factor_services
from ..tables import BoolColumn
from .base import GestionMixin, apply_service_errors
from .energy import number

# ---------------------------------------------------------------- kWh per unit


class FactorFilter(django_filters.FilterSet):
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Energético"),
        choices=EnergySource.choices,
        empty_label=gettext_lazy("Todos"),
    )
    validity = django_filters.ChoiceFilter(
        label=gettext_lazy("Vigencia"),
        choices=[
            ("current", gettext_lazy("Vigentes hoy")),
            ("past", gettext_lazy("Anteriores")),
        ],
        empty_label=gettext_lazy("Todas"),
        method="by_validity",
    )
    is_confirmed = django_filters.ChoiceFilter(
        label=gettext_lazy("Confirmado"),
        choices=YES_NO,
        empty_label=gettext_lazy("Todos"),
        method="by_flag",
    )

    class Meta:
        model = ConversionFactor
        fields = ["source", "validity", "is_confirmed"]

    def by_validity(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(valid_from__lte=today) & (
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
        if value == "current":
            return queryset.filter(current)
        if value == "past":
            return queryset.filter(valid_until__lt=today)
        return queryset

    def by_flag(self, queryset, name, value):
        return queryset.filter(**{name: value == "true"})


class FactorTable(tables.Table):
    source = tables.Column(verbose_name=gettext_lazy("Energético"))
    unit = tables.Column(verbose_name=gettext_lazy("Unidad de medida"))
    factor = tables.Column(
        verbose_name=gettext_lazy("kWh por unidad"), attrs={"td": {"class": "num"}}
    )
    valid_from = tables.DateColumn(
        verbose_name=gettext_lazy("Vigente desde"), format="d-m-Y"
    )
    valid_until = tables.DateColumn(
        verbose_name=gettext_lazy("Vigente hasta"), format="d-m-Y", default="—"
    )
    reference = tables.Column(
        verbose_name=gettext_lazy("Fuente bibliográfica"), orderable=False
    )
    is_confirmed = BoolColumn(verbose_name=gettext_lazy("Confirmado"))
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = ConversionFactor
        fields = ()
        sequence = (
            "source",
            "unit",
            "factor",
            "valid_from",
            "valid_until",
            "reference",
            "is_confirmed",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay factores con estos filtros.")

    def render_factor(self, value):
        return number(value)

    def value_factor(self, value):
        return value

    def render_actions(self, record):
        edit = reverse("management:factor-update", args=[record.pk])
        new = reverse("management:factor-create") + f"?energetico={record.source}"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            edit,
            _("Editar fuente"),
            new,
            _("Nueva versión"),
        )


class FactorListView(GestionMixin, FilteredTableView):
    allowed_roles = ADMIN
    table_class = FactorTable
    filterset_class = FactorFilter
    template_name = "management/energy/factor_list.html"
    page_title = gettext_lazy("Factores de conversión a kWh")

    def get_queryset(self):
        return ConversionFactor.objects.order_by("source", "unit", "-valid_from")


class FactorFormView(GestionMixin, FormView):
    """A factor form of the Administrador: the service's refusals land on the form's
    fields, a success goes back to the list with a message."""

    allowed_roles = ADMIN
    template_name = "management/energy/factor_form.html"
    list_url = "management:factor-list"
    title = ""

    def save(self, data: dict) -> str:
        """Call the service; return the success message (raise ValidationError)."""
        raise NotImplementedError

    def figure(self) -> str:
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title, back_url=reverse(self.list_url), figure=self.figure()
        )
        return context

    def form_valid(self, form):
        try:
            message = self.save(form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.list_url)


class FactorCreateView(FactorFormView):
    form_class = FactorVersionForm
    title = gettext_lazy("Nueva versión de un factor de conversión")

    def get_initial(self):
        source = self.request.GET.get("energetico")
        if source not in EnergySource.values:
            return {"is_confirmed": True}
        current = (
            ConversionFactor.objects.filter(source=source)
            .order_by("-valid_from")
            .first()
        )
        return {
            "source": source,
            "is_confirmed": True,
            "reference": current.reference if current else "",
        }

    def save(self, data):
        version = factor_services.add_factor_version(user=self.request.user, **data)
        return _("Factor de %(source)s vigente desde el %(d)s guardado.") % {
            "source": version.get_source_display(),
            "d": version.valid_from.strftime("%d-%m-%Y"),
        }


class FactorUpdateView(FactorFormView):
    form_class = FactorTextForm

    def dispatch(self, request, *args, **kwargs):
        self.version = get_object_or_404(ConversionFactor, pk=kwargs["pk"])
        self.title = _("Fuente del factor de %(source)s") % {
            "source": self.version.get_source_display()
        }
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "reference": self.version.reference,
            "is_confirmed": self.version.is_confirmed,
        }

    def figure(self):
        v = self.version
        return _(
            "%(factor)s kWh por %(unit)s, vigente desde el %(start)s%(until)s. "
            "Para cambiar la cifra o las fechas agregue una nueva versión."
        ) % {
            "factor": number(v.factor),
            "unit": v.unit,
            "start": v.valid_from.strftime("%d-%m-%Y"),
            "until": (
                _(" hasta el %(d)s") % {"d": v.valid_until.strftime("%d-%m-%Y")}
                if v.valid_until
                else ""
            ),
        }

    def save(self, data):
        factor_services.update_factor_text(version=self.version, **data)
        return _("Cambios guardados.")


# ---------------------------------------------------------------- SEN grid factors


class GridFactorFilter(django_filters.FilterSet):
    is_official = django_filters.ChoiceFilter(
        label=gettext_lazy("Factor oficial"),
        choices=YES_NO,
        empty_label=gettext_lazy("Todos"),
        method="by_flag",
    )
    year_from = django_filters.NumberFilter(
        label=gettext_lazy("Desde el año"), field_name="year", lookup_expr="gte"
    )

    class Meta:
        model = GridFactor
        fields = ["is_official", "year_from"]

    by_flag = FactorFilter.by_flag


class GridFactorTable(tables.Table):
    year = tables.Column(verbose_name=gettext_lazy("Año"), localize=False)
    factor = tables.Column(
        verbose_name=gettext_lazy("tCO2e por MWh"), attrs={"td": {"class": "num"}}
    )
    reference = tables.Column(verbose_name=gettext_lazy("Fuente"), orderable=False)
    is_official = BoolColumn(verbose_name=gettext_lazy("Oficial"))
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = GridFactor
        fields = ()
        sequence = ("year", "factor", "reference", "is_official", "actions")
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay factores con estos filtros.")

    def render_factor(self, value):
        return number(value)

    def value_factor(self, value):
        return value

    def render_actions(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:grid-factor-update", args=[record.pk]),
            _("Editar fuente"),
        )


class GridFactorListView(GestionMixin, FilteredTableView):
    allowed_roles = ADMIN
    table_class = GridFactorTable
    filterset_class = GridFactorFilter
    template_name = "management/energy/grid_factor_list.html"
    page_title = gettext_lazy("Factores de emisión del SEN")

    def get_queryset(self):
        return GridFactor.objects.order_by("-year")


class GridFactorCreateView(FactorFormView):
    form_class = GridFactorForm
    list_url = "management:grid-factor-list"
    title = gettext_lazy("Nuevo factor de emisión del SEN")

    def save(self, data):
        grid = factor_services.add_grid_factor(**data)
        return _("Factor de %(year)s guardado.") % {"year": grid.year}


class GridFactorUpdateView(FactorFormView):
    form_class = GridFactorTextForm
    list_url = "management:grid-factor-list"

    def dispatch(self, request, *args, **kwargs):
        self.grid = get_object_or_404(GridFactor, pk=kwargs["pk"])
        self.title = _("Fuente del factor de emisión %(year)s") % {
            "year": self.grid.year
        }
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"reference": self.grid.reference, "is_official": self.grid.is_official}

    def figure(self):
        return _("%(factor)s tCO2e por MWh.") % {"factor": number(self.grid.factor)}

    def save(self, data):
        factor_services.update_grid_factor_text(grid=self.grid, **data)
        return _("Cambios guardados.")
