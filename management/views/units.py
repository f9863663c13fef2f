"""Units: Configuración > Unidades, Mis Unidades, Mi Unidad (información general,
energéticos), floors and areas, deactivation and history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from lms.core.listing import FilteredTableView

from .. import services
from ..context import remember_unit
from ..filters import UnitFilter
from ..forms import AreaForm, DeactivateForm, UnitForm, UnitPlaceForm
from ..history import history_entries
from ..models import (
    Building,
    EnergySource,
    Unit,
    UnitArea,
    UnitAssignment,
    UnitEnergySource,
    UnitFloor,
)
from ..permissions import MANAGE, READ, UNIT_WORK
from ..tables import MyUnitsTable, UnitTable
from .base import GestionMixin, ServiceMixin, apply_service_errors, refuse_locked


class UnitListView(ServiceMixin, FilteredTableView):
    """Configuración > Unidades: the service's unit inventory."""

    table_class = UnitTable
    filterset_class = UnitFilter
    page_title = _("Unidades")
    template_name = "management/unit_list.html"

    def get_queryset(self):
        units = Unit.objects.visible_to(self.request.user, roles=READ).with_place()
        service = self.get_service()
        if service is not None:
            units = units.filter(service=service)
        return units.order_by(
            "building__street", "building__number", "floor_summary", "pk"
        )

    EXPORT_COLUMNS = (
        ("service__name", _("Servicio")),
        ("building__street", _("Calle")),
        ("building__number", _("N°")),
        ("name", _("Unidad")),
        ("building__comuna__name", _("Comuna")),
        ("building__comuna__province__region__name", _("Región")),
        ("floor_summary", _("Pisos")),
        ("use_type__name", _("Tipo de uso")),
        ("surface_m2", _("Superficie (m²)")),
        ("property_type__name", _("Tipo de propiedad")),
        ("rol", _("N° de rol")),
        ("year_built", _("Año de construcción")),
        ("energy_start_year", _("Año inicio gestión energética")),
        ("other_start_year", _("Año inicio resto ítemes")),
        ("is_active", _("Activa")),
    )

    def export_rows(self, queryset):
        """Every filtered unit, streamed from the database (7,000 rows in one pass)."""
        fields = [f for f, _label in self.EXPORT_COLUMNS]
        header = [str(label) for _f, label in self.EXPORT_COLUMNS]
        rows = queryset.values_list(*fields).iterator(chunk_size=2000)
        return header, rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = context["service"]
        context["can_manage"] = (
            bool(service)
            and self.request.user.has_role(*MANAGE)
            and (
                services.manageable_services(self.request.user)
                .filter(pk=service.pk)
                .exists()
            )
        )
        return context


class MyUnitsView(UnitListView):
    """Mis Unidades: the entry to Mi Unidad (a Gestor de Unidad sees theirs only)."""

    table_class = MyUnitsTable
    page_title = _("Mis Unidades")
    template_name = "management/my_units.html"


def _unit_queryset(user, roles):
    return Unit.objects.visible_to(user, roles=roles).with_place()


class UnitDetailView(GestionMixin, DetailView):
    """Mi Unidad > Información general."""

    template_name = "management/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self):
        return (
            _unit_queryset(self.request.user, READ)
            .select_related("property_type", "invoice_payer_service")
            .prefetch_related(
                Prefetch(
                    "floors",
                    queryset=UnitFloor.objects.prefetch_related(
                        Prefetch("areas", queryset=UnitArea.objects.order_by("name"))
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        user = self.request.user
        remember_unit(self.request, unit)
        year = context["year"]
        can_manage = (
            Unit.objects.visible_to(user, roles=MANAGE).filter(pk=unit.pk).exists()
        )
        context.update(
            flags=services.unit_flags(unit, year),
            can_manage=can_manage,
            lock_reason=services.inventory_lock(service=unit.service),
            area_form=AreaForm(unit=unit) if can_manage else None,
            gestores=UnitAssignment.objects.filter(unit=unit).select_related("user")
            if can_manage
            else [],
            # Editar Unidad > Asignación de vehículos: assigned in Flota.
            vehicles=unit.vehicles.exclude(status="baja").order_by("plate"),
        )
        return context


class UnitSourcesView(GestionMixin, DetailView):
    """Mi Unidad > Energéticos: switch sources on and off."""

    template_name = "management/unit_sources.html"
    context_object_name = "unit"

    def get_queryset(self):
        roles = UNIT_WORK if self.request.method == "POST" else READ
        return _unit_queryset(self.request.user, roles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        remember_unit(self.request, unit)
        state = dict(
            UnitEnergySource.objects.filter(unit=unit).values_list("source", "is_on")
        )
        context["sources"] = [
            {"value": value, "label": label, "is_on": state.get(value, False)}
            for value, label in EnergySource.choices
        ]
        context["can_switch"] = (
            Unit.objects.visible_to(self.request.user, roles=UNIT_WORK)
            .filter(pk=unit.pk)
            .exists()
        )
        return context

    def post(self, request, *args, **kwargs):
        unit = self.get_object()
        try:
            services.set_energy_source(
                unit=unit,
                source=request.POST.get("source", ""),
                is_on=request.POST.get("is_on") == "1",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Energéticos actualizados."))
        return redirect("management:unit-sources", pk=unit.pk)


class UnitCreateView(ServiceMixin, TemplateView):
    """Crear nueva Unidad: choose region, province, comuna and building; then the unit."""

    allowed_roles = MANAGE
    template_name = "management/unit_create.html"

    def building(self):
        raw = self.request.POST.get("building") or self.request.GET.get("edificio")
        if not raw or not str(raw).isdigit():
            return None
        return (
            Building.objects.active()
            .select_related("comuna__province__region")
            .filter(pk=raw)
            .first()
        )

    def get(self, request, *args, **kwargs):
        service = self.service_or_404()
        building = self.building()
        if building is None:
            place = UnitPlaceForm(request.GET or None)
            if (
                "continue" in request.GET
                and place.is_valid()
                and place.cleaned_data.get("building")
            ):
                url = reverse("management:unit-create")
                return redirect(f"{url}?edificio={place.cleaned_data['building'].pk}")
            if "continue" in request.GET and place.is_valid():
                place.add_error(
                    "building",
                    _("Elija el edificio o créelo primero con «Crear Edificio»."),
                )
            return self.render_to_response(
                self.get_context_data(place_form=place, step=1)
            )
        return self.render_to_response(
            self.get_context_data(
                form=UnitForm(service=service), building=building, step=2
            )
        )

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        building = self.building()
        if building is None:
            messages.error(request, _("Elija primero el edificio de la unidad."))
            return redirect("management:unit-create")
        form = UnitForm(request.POST, service=service)
        if form.is_valid():
            try:
                unit = services.create_unit(
                    by=request.user,
                    service=service,
                    building=building,
                    floors=form.cleaned_data["floors"],
                    **form.unit_fields(),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                return refuse_locked(request, error, reverse("management:unit-list"))
            else:
                messages.success(
                    request,
                    _("Unidad creada. Ahora indique sus energéticos."),
                )
                return redirect("management:unit-sources", pk=unit.pk)
        return self.render_to_response(
            self.get_context_data(form=form, building=building, step=2)
        )


class UnitUpdateView(GestionMixin, DetailView):
    """Editar Unidad."""

    allowed_roles = MANAGE
    template_name = "management/unit_form.html"
    context_object_name = "unit"

    def get_queryset(self):
        return _unit_queryset(self.request.user, MANAGE)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = UnitForm(instance=self.object, service=self.object.service)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.object = unit = self.get_object()
        form = UnitForm(request.POST, instance=unit, service=unit.service)
        if form.is_valid():
            try:
                services.update_unit(
                    by=request.user,
                    unit=unit,
                    floors=form.cleaned_data["floors"],
                    **form.unit_fields(),
                )
            except ValidationError as error:
                unit.refresh_from_db()
                apply_service_errors(form, error)
            except PermissionDenied as error:
                return refuse_locked(request, error, unit.get_absolute_url())
            else:
                messages.success(request, _("Unidad actualizada."))
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lock_reason"] = services.inventory_lock(service=self.object.service)
        return context


class UnitDeactivateView(UnitUpdateView):
    """Desactivar una unidad con su motivo (la unidad y sus datos se conservan)."""

    template_name = "management/unit_deactivate.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=DeactivateForm()))

    def post(self, request, *args, **kwargs):
        self.object = unit = self.get_object()
        form = DeactivateForm(request.POST)
        if form.is_valid():
            try:
                services.deactivate_unit(
                    by=request.user, unit=unit, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as error:
                return refuse_locked(request, error, unit.get_absolute_url())
            else:
                messages.success(request, _("Unidad desactivada."))
                return redirect(unit.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class UnitReactivateView(GestionMixin, View):
    allowed_roles = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk):
        unit = get_object_or_404(_unit_queryset(request.user, MANAGE), pk=pk)
        try:
            services.reactivate_unit(by=request.user, unit=unit)
        except PermissionDenied as error:
            return refuse_locked(request, error, unit.get_absolute_url())
        messages.success(request, _("Unidad reactivada."))
        return redirect(unit.get_absolute_url())


class UnitAreaView(GestionMixin, View):
    """Add an area to a floor of the unit, or remove one."""

    allowed_roles = MANAGE
    http_method_names = ["post"]

    def post(self, request, pk, area_pk=None):
        unit = get_object_or_404(_unit_queryset(request.user, MANAGE), pk=pk)
        if area_pk is not None:
            area = get_object_or_404(
                UnitArea.objects.filter(floor__unit=unit), pk=area_pk
            )
            services.remove_area(area=area)
            messages.success(request, _("Área eliminada."))
            return redirect(unit.get_absolute_url())
        form = AreaForm(request.POST, unit=unit)
        if form.is_valid():
            floor = get_object_or_404(
                UnitFloor, unit=unit, pk=form.cleaned_data["floor"]
            )
            try:
                services.add_area(
                    floor=floor,
                    name=form.cleaned_data["name"],
                    surface_m2=form.cleaned_data["surface_m2"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Área agregada."))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return HttpResponseRedirect(unit.get_absolute_url() + "#areas")


class HistoryView(GestionMixin, DetailView):
    """Who changed what and when, for one object."""

    template_name = "management/history.html"
    context_object_name = "object"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = history_entries(self.object)
        context["back_url"] = self.object.get_absolute_url()
        return context


class UnitHistoryView(HistoryView):
    def get_queryset(self):
        return _unit_queryset(self.request.user, READ)
