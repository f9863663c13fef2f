"""Cargas de combustible and Bitácora de viajes: lists and the phone-friendly forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from lms.core.listing import FilteredTableView
from management.views.base import apply_service_errors
from management.views.energy import number

from .. import services
from ..filters import FuelLoadFilter, TripFilter
from ..forms import FuelLoadForm, TripForm
from ..models import Driver, FuelLoad, Trip, Vehicle
from ..permissions import MANAGE, RECORD, SEE
from ..tables import FuelLoadTable, TripTable
from .base import FleetMixin


class FuelLoadListView(FleetMixin, FilteredTableView):
    table_class = FuelLoadTable
    filterset_class = FuelLoadFilter
    template_name = "fleet/record_list.html"
    page_title = gettext_lazy("Cargas de combustible")
    create_url = "fleet:fuel-create"
    create_label = gettext_lazy("Registrar carga")

    def get_queryset(self):
        return self.narrow(
            FuelLoad.objects.visible_to(self.request.user, roles=SEE),
            "vehicle__service",
        ).select_related("vehicle", "driver__user")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            create_url=reverse(self.create_url),
            create_label=self.create_label,
            **kwargs,
        )


class TripListView(FuelLoadListView):
    table_class = TripTable
    filterset_class = TripFilter
    page_title = gettext_lazy("Bitácora de viajes")
    create_url = "fleet:trip-create"
    create_label = gettext_lazy("Registrar viaje")

    def get_queryset(self):
        return self.narrow(
            Trip.objects.visible_to(self.request.user, roles=SEE), "vehicle__service"
        ).select_related("vehicle", "driver__user")


class RecordCreateMixin(FleetMixin):
    """A form for one of the user's vehicles; managers also choose the driver."""

    allowed_roles = RECORD
    template_name = "fleet/form.html"
    title = ""

    def vehicles(self):
        return (
            self.narrow(Vehicle.objects.visible_to(self.request.user, roles=RECORD))
            .in_use()
            .order_by("plate")
        )

    def get_form_kwargs(self):
        service = self.service_or_404()
        drivers = None
        if services.is_manager(self.request.user, service.pk):
            drivers = Driver.objects.filter(service=service).select_related("user")
        return {
            **super().get_form_kwargs(),
            "vehicles": self.vehicles(),
            "drivers": drivers,
        }

    def get_initial(self):
        initial = super().get_initial()
        wanted = self.request.GET.get("vehiculo", "")
        if wanted.isdigit():
            initial["vehicle"] = int(wanted)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own = Driver.objects.filter(
            service=self.get_service(), user=self.request.user
        ).first()
        context.update(
            title=self.title,
            back_url=reverse("fleet:home"),
            licence_warning=own.licence_warning() if own else "",
            phone=True,
        )
        return context

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.save(form)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error("vehicle", str(error))
            return self.form_invalid(form)
        return self.saved(obj)


class FuelLoadCreateView(RecordCreateMixin, FormView):
    form_class = FuelLoadForm
    title = gettext_lazy("Registrar carga de combustible")

    def save(self, form):
        data = form.cleaned_data
        return services.record_fuel_load(
            vehicle=data["vehicle"],
            by=self.request.user,
            driver=data.get("driver"),
            receipt=data.get("receipt"),
            data=services.LoadData(
                loaded_at=data["loaded_at"],
                odometer=data["odometer"],
                quantity=data["quantity"],
                cost_clp=data["cost_clp"],
                fuel=data.get("fuel") or "",
                full_tank=data["full_tank"],
                missed_previous=data["missed_previous"],
            ),
        )

    def saved(self, load):
        text = _("Carga de %(q)s %(u)s en %(p)s guardada.") % {
            "q": number(load.quantity),
            "u": load.unit,
            "p": load.vehicle.plate,
        }
        if load.efficiency is not None:
            text += " " + _(
                "Rendimiento desde el último estanque lleno: %(e)s km/%(u)s."
            ) % {
                "e": formats.number_format(load.efficiency, 1, use_l10n=True),
                "u": load.unit,
            }
        messages.success(self.request, text)
        for finding in load.findings:
            messages.warning(self.request, finding)
        return redirect(load.vehicle)


class TripCreateView(RecordCreateMixin, FormView):
    form_class = TripForm
    title = gettext_lazy("Registrar viaje")

    def save(self, form):
        data = form.cleaned_data
        return services.record_trip(
            vehicle=data["vehicle"],
            by=self.request.user,
            driver=data.get("driver"),
            data=services.TripData(
                **{f: data[f] for f in services.TripData.__dataclass_fields__}
            ),
        )

    def saved(self, trip):
        messages.success(
            self.request,
            _("Viaje a %(d)s guardado: %(km)s km en %(p)s.")
            % {
                "d": trip.destination,
                "km": services.km(trip.km),
                "p": trip.vehicle.plate,
            },
        )
        return redirect(trip.vehicle)


class FuelReceiptView(FleetMixin, View):
    """The load's receipt, to whoever sees the load."""

    def get(self, request, *args, **kwargs):
        load = get_object_or_404(
            FuelLoad.objects.visible_to(request.user, roles=SEE), pk=kwargs["pk"]
        )
        if not load.receipt:
            raise Http404(_("Esta carga no tiene comprobante."))
        return FileResponse(
            load.receipt.open("rb"),
            as_attachment=True,
            filename=load.receipt.name.rsplit("/", 1)[-1],
        )


class RecordDeleteView(FleetMixin, View):
    """Anular a mistaken load or trip (managers only); km/L is recomputed."""

    allowed_roles = MANAGE
    http_method_names = ["post"]
    model = FuelLoad

    def post(self, request, *args, **kwargs):
        record = get_object_or_404(
            self.model.objects.visible_to(request.user, roles=MANAGE).select_related(
                "vehicle"
            ),
            pk=kwargs["pk"],
        )
        vehicle = record.vehicle
        if isinstance(record, FuelLoad):
            services.delete_fuel_load(load=record)
            messages.success(
                request,
                _("Carga del %(d)s anulada; el rendimiento se recalculó.")
                % {"d": services.when(record.loaded_at)},
            )
        else:
            services.delete_trip(trip=record)
            messages.success(
                request,
                _("Viaje del %(d)s anulado.")
                % {"d": services.when(record.departed_at)},
            )
        return redirect(vehicle)


class TripDeleteView(RecordDeleteView):
    model = Trip
