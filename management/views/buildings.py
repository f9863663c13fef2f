"""Configuración > Edificios: list, create (cascading región → provincia → comuna),
detail with the units of the service, edit, history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from lms.core.listing import FilteredTableView

from .. import services
from ..filters import BuildingFilter
from ..forms import BuildingForm
from ..models import Building, Unit
from ..permissions import MANAGE, READ
from ..tables import BuildingTable
from .base import GestionMixin, ServiceMixin, apply_service_errors
from .units import HistoryView


class BuildingListView(ServiceMixin, FilteredTableView):
    table_class = BuildingTable
    filterset_class = BuildingFilter
    page_title = _("Edificios")
    template_name = "management/building_list.html"

    def get_queryset(self):
        buildings = Building.objects.visible_to(self.request.user, roles=READ)
        service = self.get_service()
        if service is not None:
            buildings = buildings.for_services([service.pk])
            count = Count("units", filter=Q(units__service=service))
        else:
            count = Count("units")
        return (
            buildings.with_place()
            .annotate(unit_count=count)
            .order_by("street", "number", "pk")
        )


def _editable_buildings(user):
    buildings = Building.objects.visible_to(user, roles=MANAGE)
    if not user.is_national:
        buildings = buildings.filter(service__in=services.manageable_services(user))
    return buildings.with_place()


class BuildingFormMixin:
    template_name = "management/building_form.html"

    def next_url(self):
        candidate = self.request.POST.get("next") or self.request.GET.get("next", "")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}
        ):
            return candidate
        return ""

    def form_from_post(self, **kwargs):
        if "refresh" in self.request.POST:
            # Narrow the lists only: keep what was typed, show no errors yet.
            return BuildingForm(initial=self.request.POST.dict(), **kwargs), False
        return BuildingForm(self.request.POST, **kwargs), True


class BuildingCreateView(BuildingFormMixin, ServiceMixin, TemplateView):
    allowed_roles = MANAGE

    def get(self, request, *args, **kwargs):
        service = self.service_or_404()
        form = BuildingForm(service=service)
        return self.render_to_response(
            self.get_context_data(form=form, next=self.next_url())
        )

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        form, submitted = self.form_from_post(service=service)
        if submitted and form.is_valid():
            data = form.cleaned_data
            try:
                building = services.create_building(
                    service=service,
                    street=data["street"],
                    number=data["number"],
                    comuna=data["comuna"],
                    complex=data.get("complex"),
                    complex_name=data.get("complex_name", ""),
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Edificio creado."))
                if self.next_url() == reverse("management:unit-create"):
                    return redirect(f"{self.next_url()}?edificio={building.pk}")
                return redirect(building.get_absolute_url())
        return self.render_to_response(
            self.get_context_data(form=form, next=self.next_url())
        )


class BuildingUpdateView(BuildingFormMixin, GestionMixin, DetailView):
    allowed_roles = MANAGE
    context_object_name = "building"

    def get_queryset(self):
        return _editable_buildings(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = BuildingForm(instance=self.object, service=self.object.service)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.object = building = self.get_object()
        form, submitted = self.form_from_post(
            instance=building, service=building.service
        )
        if submitted and form.is_valid():
            data = form.cleaned_data
            try:
                services.update_building(
                    building=building,
                    street=data["street"],
                    number=data["number"],
                    comuna=data["comuna"],
                    complex=data.get("complex"),
                    complex_name=data.get("complex_name", ""),
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                )
            except ValidationError as error:
                building.refresh_from_db()
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Edificio actualizado."))
                return redirect(building.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class BuildingDetailView(GestionMixin, DetailView):
    template_name = "management/building_detail.html"
    context_object_name = "building"

    def get_queryset(self):
        return Building.objects.visible_to(self.request.user, roles=READ).with_place()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["units"] = (
            Unit.objects.visible_to(self.request.user, roles=READ)
            .filter(building=self.object)
            .select_related("service", "use_type")
            .order_by("floor_summary", "name")
        )
        context["can_edit"] = (
            _editable_buildings(self.request.user).filter(pk=self.object.pk).exists()
        )
        return context


class BuildingHistoryView(HistoryView):
    def get_queryset(self):
        return Building.objects.visible_to(self.request.user, roles=READ).with_place()
