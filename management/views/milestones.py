"""Hitos: the service's view (ratify, PDFs, observations) and the ministry's dashboard
(dates, sending the preliminary and definitive inventories, reopening)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from lms.accounts.scoping import scope_for
from lms.core.listing import FilteredTableView

from .. import services
from ..filters import ServiceFilter
from ..forms import AnswerForm, CalendarForm, ObservationForm, UnlockForm
from ..models import (
    InventoryObservation,
    InventoryRatification,
    InventorySnapshot,
    InventoryUnlock,
    MilestoneCalendar,
    Service,
)
from ..permissions import ADMIN, MANAGE, MINISTRY, READ_SERVICE
from ..selectors import milestone_dashboard, scope_status
from ..services.milestones import calendar_for, observations_open
from ..tables import MilestoneTable
from .base import GestionMixin, ServiceMixin, apply_service_errors


class ServiceMilestonesView(ServiceMixin, TemplateView):
    """Información > Hitos del inventario, for the current service."""

    allowed_roles = READ_SERVICE
    template_name = "management/milestones.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        year = context["year"]
        user = self.request.user
        can_manage = scope_for(user, MANAGE).allows_service(service.pk)
        closed = observations_open(service=service, year=year)
        context.update(
            calendar=calendar_for(year),
            ratification=InventoryRatification.objects.filter(
                service=service, year=year
            )
            .select_related("ratified_by")
            .first(),
            snapshots={
                s.kind: s
                for s in InventorySnapshot.objects.filter(service=service, year=year)
            },
            observations=InventoryObservation.objects.filter(
                service=service, year=year
            ).select_related("created_by"),
            observations_closed=closed,
            can_manage=can_manage,
            observation_form=kwargs.get("observation_form")
            or (ObservationForm() if can_manage and not closed else None),
            scope=scope_status(service=service, year=year),
            unlocks=InventoryUnlock.objects.filter(service=service, year=year),
        )
        return context

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        if not scope_for(request.user, MANAGE).allows_service(service.pk):
            raise PermissionDenied
        year = services.locks.current_year()
        if request.POST.get("action") == "ratify":
            services.ratify_inventory(by=request.user, service=service, year=year)
            messages.success(request, _("Inventario ratificado (Hito 1)."))
            return redirect("management:milestones")
        form = ObservationForm(request.POST)
        if form.is_valid():
            try:
                services.add_observation(
                    by=request.user,
                    service=service,
                    year=year,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Observación enviada."))
                return redirect("management:milestones")
        return self.render_to_response(self.get_context_data(observation_form=form))


class MilestoneDashboardView(GestionMixin, FilteredTableView):
    """The ministry's dashboard: services × milestones of a year."""

    allowed_roles = MINISTRY
    table_class = MilestoneTable
    filterset_class = ServiceFilter
    page_title = gettext_lazy("Hitos del inventario de unidades")
    template_name = "management/milestone_dashboard.html"

    def get_year(self) -> int:
        raw = self.request.GET.get("anio", "")
        return (
            int(raw)
            if raw.isdigit() and 2016 <= int(raw) <= 2100
            else (services.locks.current_year())
        )

    def get_queryset(self):
        visible = Service.objects.visible_to(self.request.user, roles=MINISTRY).active()
        return milestone_dashboard(services=visible, year=self.get_year()).order_by(
            "name"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.get_year()
        context.update(
            year=year,
            calendar=calendar_for(year),
            is_admin=services.locks.is_administrator(self.request.user),
            observations=InventoryObservation.objects.filter(year=year)
            .select_related("service", "created_by")
            .order_by("answered_at", "-created_at")[:50],
            answer_form=AnswerForm(),
            unlock_form=UnlockForm(),
            snapshot_counts={
                kind: InventorySnapshot.objects.filter(year=year, kind=kind).count()
                for kind in InventorySnapshot.Kind.values
            },
        )
        return context


class CalendarUpdateView(GestionMixin, TemplateView):
    allowed_roles = ADMIN
    template_name = "management/simple_form.html"

    def calendar(self):
        year = self.kwargs["year"]
        if not 2016 <= year <= 2100:
            raise Http404
        return MilestoneCalendar.objects.filter(year=year).first() or calendar_for(year)

    def get(self, request, *args, **kwargs):
        form = CalendarForm(instance=self.calendar())
        return self.render_to_response(self.context(form))

    def context(self, form):
        return self.get_context_data(
            form=form,
            title=_("Fechas de los hitos %(year)s") % {"year": self.kwargs["year"]},
        )

    def post(self, request, *args, **kwargs):
        form = CalendarForm(request.POST, instance=self.calendar())
        if form.is_valid():
            form.save()
            messages.success(request, _("Fechas guardadas."))
            return redirect(
                f"{reverse('management:milestone-dashboard')}?anio={self.kwargs['year']}"
            )
        return self.render_to_response(self.context(form))


class StartSnapshotsView(GestionMixin, View):
    """Send the preliminary (Hito 2) or freeze the definitive (Hito 4) inventories."""

    allowed_roles = ADMIN
    http_method_names = ["post"]

    def post(self, request, year: int, kind: str):
        if kind not in InventorySnapshot.Kind.values:
            raise Http404
        try:
            count = services.start_inventory_snapshots(
                by=request.user, year=year, kind=kind
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Se están generando los inventarios de %(n)s servicios; cada Gestor "
                    "de Servicio recibirá un correo cuando el suyo esté listo."
                )
                % {"n": count},
            )
        return redirect(f"{reverse('management:milestone-dashboard')}?anio={year}")


class UnlockView(GestionMixin, TemplateView):
    """The Administrador reopens a frozen inventory until a date."""

    allowed_roles = ADMIN
    template_name = "management/simple_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=UnlockForm(), title=_("Reabrir inventario"))
        )

    def post(self, request, *args, **kwargs):
        form = UnlockForm(request.POST)
        if form.is_valid():
            try:
                services.unlock_inventory(
                    by=request.user,
                    service=form.cleaned_data["service"],
                    year=services.locks.current_year(),
                    until=form.cleaned_data["until"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Inventario reabierto."))
                return redirect("management:milestone-dashboard")
        return self.render_to_response(
            self.get_context_data(form=form, title=_("Reabrir inventario"))
        )


class ObservationAnswerView(GestionMixin, View):
    allowed_roles = MINISTRY
    http_method_names = ["post"]

    def post(self, request, pk):
        observation = get_object_or_404(
            InventoryObservation.objects.visible_to(request.user, roles=MINISTRY), pk=pk
        )
        form = AnswerForm(request.POST)
        if form.is_valid():
            services.answer_observation(
                by=request.user,
                observation=observation,
                answer=form.cleaned_data["answer"],
            )
            messages.success(request, _("Respuesta guardada."))
        else:
            messages.error(request, _("Escriba la respuesta."))
        return redirect(
            f"{reverse('management:milestone-dashboard')}?anio={observation.year}"
        )


class SnapshotPDFView(GestionMixin, View):
    """Download an inventory PDF of a service the user reaches."""

    allowed_roles = READ_SERVICE

    def get(self, request, pk):
        snapshot = get_object_or_404(
            InventorySnapshot.objects.visible_to(request.user, roles=READ_SERVICE),
            pk=pk,
        )
        if not snapshot.pdf:
            raise Http404(_("El PDF aún se está generando."))
        name = f"inventario-{snapshot.kind}-{snapshot.year}-{snapshot.service.code}.pdf"
        return FileResponse(
            snapshot.pdf.open("rb"),
            as_attachment=True,
            filename=name.lower(),
            content_type="application/pdf",
        )
