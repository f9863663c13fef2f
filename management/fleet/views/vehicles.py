"""Vehículos: the list, the vehicle's page, create, edit, assign, status and baja."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import FloatField, OuterRef, Subquery, Sum
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from lms.core.listing import FilteredTableView
from management.views.base import apply_service_errors

from .. import selectors, services
from ..filters import VehicleFilter
from ..forms import AssignForm, RetireForm, VehicleForm, VehicleStatusForm
from ..models import Driver, FuelLoad, Vehicle
from ..permissions import MANAGE, SEE
from ..tables import VehicleTable
from .base import FleetMixin


def with_efficiency(queryset):
    """Annotate each vehicle's all-time km per litre (or per kWh if electric)."""
    ratio = (
        FuelLoad.objects.filter(vehicle=OuterRef("pk"), segment_km__isnull=False)
        .values("vehicle")
        .annotate(
            r=Cast(Sum("segment_km"), FloatField())
            / Cast(Sum("segment_quantity"), FloatField())
        )
    )
    return queryset.annotate(
        efficiency=Subquery(
            ratio.exclude(unit="kWh").values("r")[:1], output_field=FloatField()
        ),
        efficiency_kwh=Subquery(
            ratio.filter(unit="kWh").values("r")[:1], output_field=FloatField()
        ),
    )


class VehicleListView(FleetMixin, FilteredTableView):
    table_class = VehicleTable
    filterset_class = VehicleFilter
    template_name = "fleet/vehicle_list.html"
    page_title = gettext_lazy("Vehículos")

    def get_queryset(self):
        queryset = self.narrow(Vehicle.objects.visible_to(self.request.user, roles=SEE))
        return with_efficiency(
            queryset.select_related("service").prefetch_related("units")
        ).order_by("plate")

    def export_rows(self, queryset):
        """Every filtered vehicle from one values() query: thousands in a second."""
        header = [
            _("Patente"),
            _("Marca"),
            _("Modelo"),
            _("Año"),
            _("Tipo"),
            _("Motor"),
            _("Propiedad"),
            _("VIN"),
            _("Odómetro inicial (km)"),
            _("Servicio"),
            _("Unidades"),
            _("Rendimiento (km/L)"),
            _("Rendimiento (km/kWh)"),
            _("Estado"),
            _("Fecha de baja"),
            _("Motivo de la baja"),
        ]
        units: dict[int, list[str]] = {}
        for vid, name in (
            Vehicle.units.through.objects.filter(vehicle__in=queryset.values("pk"))
            .order_by("unit__name")
            .values_list("vehicle_id", "unit__name")
        ):
            units.setdefault(vid, []).append(name)
        labels = {
            "vehicle_type": dict(Vehicle.Type.choices),
            "motor": dict(Vehicle.Motor.choices),
            "ownership": dict(Vehicle.Ownership.choices),
            "status": dict(Vehicle.Status.choices),
        }

        def ratio(value):
            return None if value is None else round(value, 2)

        def rows():
            for v in queryset.values(
                "pk",
                "plate",
                "brand",
                "model_name",
                "year",
                "vehicle_type",
                "motor",
                "ownership",
                "vin",
                "initial_odometer",
                "service__name",
                "efficiency",
                "efficiency_kwh",
                "status",
                "retired_on",
                "retirement_reason",
            ).iterator(chunk_size=2000):
                yield [
                    v["plate"],
                    v["brand"],
                    v["model_name"],
                    v["year"],
                    str(labels["vehicle_type"][v["vehicle_type"]]),
                    str(labels["motor"][v["motor"]]),
                    str(labels["ownership"][v["ownership"]]),
                    v["vin"],
                    v["initial_odometer"],
                    v["service__name"],
                    ", ".join(units.get(v["pk"], [])),
                    ratio(v["efficiency"]),
                    ratio(v["efficiency_kwh"]),
                    str(labels["status"][v["status"]]),
                    v["retired_on"],
                    v["retirement_reason"],
                ]

        return header, rows()


def vehicle_for(user, pk, roles=SEE) -> Vehicle:
    """The vehicle ``pk`` if ``user`` reaches it through ``roles``; else 404."""
    return get_object_or_404(
        Vehicle.objects.visible_to(user, roles=roles).select_related("service"), pk=pk
    )


class VehicleDetailView(FleetMixin, TemplateView):
    template_name = "fleet/vehicle_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        vehicle = vehicle_for(user, kwargs["pk"])
        manages = services.is_manager(user, vehicle.service_id)
        loads = FuelLoad.objects.filter(vehicle=vehicle).select_related("driver__user")
        trips = vehicle.trips.select_related("driver__user")
        if not manages:
            loads = loads.filter(driver__user=user)
            trips = trips.filter(driver__user=user)
        return super().get_context_data(
            vehicle=vehicle,
            manages=manages,
            figures=selectors.vehicle_figures(vehicle),
            units=vehicle.units.order_by("name"),
            drivers=vehicle.drivers.select_related("user"),
            loads=loads[:10],
            trips=trips[:10],
            **kwargs,
        )


class ManageVehicleMixin(FleetMixin):
    allowed_roles = MANAGE
    template_name = "fleet/form.html"
    title = ""

    def get_vehicle(self):
        if not hasattr(self, "vehicle"):
            self.vehicle = vehicle_for(
                self.request.user, self.kwargs["pk"], roles=MANAGE
            )
        return self.vehicle

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vehicle = self.get_vehicle() if "pk" in self.kwargs else None
        context.update(
            title=self.title,
            vehicle=vehicle,
            back_url=vehicle.get_absolute_url()
            if vehicle
            else reverse("fleet:vehicle-list"),
        )
        return context

    def get(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.get_vehicle()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.get_vehicle()
        return super().post(request, *args, **kwargs)


class VehicleCreateView(ManageVehicleMixin, FormView):
    form_class = VehicleForm
    title = gettext_lazy("Registrar vehículo")

    def get(self, request, *args, **kwargs):
        self.service_or_404()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            vehicle = services.create_vehicle(
                service=self.service_or_404(), data=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Vehículo %(plate)s registrado. Asígnele unidades y conductores.")
            % {"plate": vehicle.plate},
        )
        return redirect("fleet:vehicle-assign", pk=vehicle.pk)

    def post(self, request, *args, **kwargs):
        self.service_or_404()
        return super().post(request, *args, **kwargs)


class VehicleUpdateView(ManageVehicleMixin, FormView):
    form_class = VehicleForm
    title = gettext_lazy("Editar vehículo")

    def get_initial(self):
        vehicle = self.get_vehicle()
        return {f: getattr(vehicle, f) for f in services.VEHICLE_FIELDS}

    def form_valid(self, form):
        try:
            vehicle = services.update_vehicle(
                vehicle=self.get_vehicle(), data=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Vehículo %(p)s actualizado.") % {"p": vehicle.plate}
        )
        return redirect(vehicle)


class VehicleAssignView(ManageVehicleMixin, FormView):
    """The units the vehicle serves (Editar Unidad > Asignación de vehículos) and its
    Conductores."""

    form_class = AssignForm
    title = gettext_lazy("Unidades y conductores")

    def get_form_kwargs(self):
        vehicle = self.get_vehicle()
        return {
            **super().get_form_kwargs(),
            "units": services.units_of(vehicle.service).select_related("building"),
            "drivers": Driver.objects.filter(service=vehicle.service).select_related(
                "user"
            ),
        }

    def get_initial(self):
        vehicle = self.get_vehicle()
        return {
            "units": list(vehicle.units.all()),
            "drivers": list(vehicle.drivers.all()),
        }

    def form_valid(self, form):
        vehicle = self.get_vehicle()
        try:
            services.assign_vehicle(
                vehicle=vehicle,
                units=form.cleaned_data["units"],
                drivers=form.cleaned_data["drivers"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Asignaciones de %(p)s guardadas.") % {"p": vehicle.plate},
        )
        return redirect(vehicle)


class VehicleStatusView(ManageVehicleMixin, FormView):
    form_class = VehicleStatusForm
    title = gettext_lazy("Cambiar estado")

    def get_initial(self):
        status = self.get_vehicle().status
        return {"status": status if status != Vehicle.Status.RETIRED else "activo"}

    def form_valid(self, form):
        vehicle = services.set_status(
            vehicle=self.get_vehicle(), status=form.cleaned_data["status"]
        )
        messages.success(
            self.request,
            _("%(p)s queda %(s)s.")
            % {"p": vehicle.plate, "s": vehicle.get_status_display().lower()},
        )
        return redirect(vehicle)


class VehicleRetireView(ManageVehicleMixin, FormView):
    form_class = RetireForm
    title = gettext_lazy("Dar de baja")
    lead = gettext_lazy(
        "El vehículo conserva sus cargas y viajes en el historial, pero no admite "
        "registros nuevos."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(lead=self.lead, **kwargs)

    def form_valid(self, form):
        try:
            vehicle = services.retire_vehicle(
                vehicle=self.get_vehicle(),
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(p)s dado de baja.") % {"p": vehicle.plate})
        return redirect(vehicle)
