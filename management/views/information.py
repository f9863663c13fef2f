"""Información: Alcance, Información agregada; Configuración > Estado reporte de
consumos unidades (justifications and their review)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from lms.accounts.scoping import scope_for
from lms.core.listing import FilteredTableView

from .. import services
from ..filters import ScopeFilter, UnitFilter
from ..forms import AggregateForm, JustificationForm, ReviewForm, ScopeJustificationForm
from ..history import history_entries
from ..models import (
    AggregateInformation,
    ConsumptionJustification,
    ScopeDefinition,
    Unit,
)
from ..permissions import COLLABORATORS, MANAGE, READ_SERVICE, REVIEW
from ..selectors import aggregate_overview, scope_status, units_without_consumption
from ..tables import ConsumptionStatusTable, ScopeTable
from .base import ServiceMixin, refuse_locked


def _may(user, roles, service) -> bool:
    """Whether ``user`` reaches ``service`` through one of ``roles``."""
    return scope_for(user, roles).allows_service(service.pk)


class ScopeView(ServiceMixin, FilteredTableView):
    """Definición Alcance Diagnóstico (Objetivo 2) of the current service."""

    allowed_roles = READ_SERVICE
    table_class = ScopeTable
    filterset_class = ScopeFilter
    page_title = gettext_lazy("Definición Alcance Diagnóstico (Objetivo 2)")
    export_name = "alcance"
    template_name = "management/scope.html"
    paginate_by = 50

    submitted: dict = {}
    row_errors: dict = {}

    def dispatch(self, request, *args, **kwargs):
        self.submitted, self.row_errors = {}, {}
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        service = self.service_or_404()
        return (
            Unit.objects.visible_to(self.request.user, roles=READ_SERVICE)
            .filter(service=service, is_active=True)
            .with_place()
            .order_by("building__street", "building__number", "floor_summary", "pk")
        )

    def editable(self) -> bool:
        service = self.get_service()
        return (
            bool(service)
            and _may(self.request.user, MANAGE, service)
            and not (
                services.inventory_lock(service=service)
                and not services.locks.is_administrator(self.request.user)
            )
        )

    def get_table_kwargs(self):
        return {
            "year": services.locks.current_year(),
            "years": services.allowed_start_years(),
            "editable": self.editable(),
            "submitted": self.submitted,
            "errors": self.row_errors,
        }

    def export_rows(self, queryset):
        kwargs = {**self.get_table_kwargs(), "editable": False}
        table = self.get_table_class()(queryset, **kwargs)
        values = table.as_values()
        return next(values), values

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = context["service"]
        year = context["year"]
        status = scope_status(service=service, year=year)
        definition = status.definition
        context.update(
            status=status,
            editable=self.editable(),
            justification_form=kwargs.get("justification_form")
            or ScopeJustificationForm(
                initial={
                    "justification": definition.justification if definition else ""
                }
            ),
            review_form=ReviewForm(
                initial={
                    "review_status": definition.review_status if definition else "",
                    "review_comment": definition.review_comment if definition else "",
                }
            )
            if _may(self.request.user, REVIEW, service)
            else None,
            row_errors=self.row_errors,
        )
        return context

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        if not _may(request.user, MANAGE, service):
            raise PermissionDenied
        year = services.locks.current_year()
        ids = [int(v) for v in request.POST.getlist("unit") if v.isdigit()]
        units = (
            Unit.objects.visible_to(request.user, roles=MANAGE)
            .filter(service=service, pk__in=ids)
            .select_related("service")
        )
        self.submitted = {
            k: v
            for k, v in request.POST.items()
            if k.startswith(("energy_start_year-", "other_start_year-"))
        }
        form = ScopeJustificationForm(request.POST)
        form.is_valid()
        try:
            with transaction.atomic():
                for unit in units:
                    try:
                        services.set_start_years(
                            by=request.user,
                            unit=unit,
                            energy_start_year=_year(
                                self.submitted.get(f"energy_start_year-{unit.pk}")
                            ),
                            other_start_year=_year(
                                self.submitted.get(f"other_start_year-{unit.pk}")
                            ),
                        )
                    except ValidationError as error:
                        for field, errors in error.message_dict.items():
                            self.row_errors[f"{field}-{unit.pk}"] = " ".join(errors)
                services.save_scope_justification(
                    by=request.user,
                    service=service,
                    year=year,
                    justification=form.cleaned_data.get("justification", ""),
                )
                if self.row_errors:
                    raise _Rollback
        except _Rollback:
            messages.error(
                request,
                _("No se guardó: revise los años marcados en la tabla."),
            )
            self.filterset = self.get_filterset(self.get_filterset_class())
            self.object_list = self.filterset.qs
            return self.render_to_response(
                self.get_context_data(justification_form=form)
            )
        except PermissionDenied as error:
            return refuse_locked(request, error, request.path)
        messages.success(request, _("Alcance guardado."))
        return redirect(request.get_full_path())


class _Rollback(Exception):
    pass


def _year(raw):
    return int(raw) if raw and str(raw).isdigit() else None


class ScopeReviewView(ServiceMixin, View):
    """The Red validates or observes the service's Alcance."""

    allowed_roles = REVIEW
    http_method_names = ["post"]

    def post(self, request):
        service = self.service_or_404()
        form = ReviewForm(request.POST)
        if form.is_valid():
            services.review_scope(
                by=request.user,
                service=service,
                year=services.locks.current_year(),
                status=form.cleaned_data["review_status"],
                comment=form.cleaned_data["review_comment"],
            )
            messages.success(request, _("Revisión guardada."))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("management:scope")


class ScopeHistoryView(ServiceMixin, TemplateView):
    allowed_roles = READ_SERVICE
    template_name = "management/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        definition, _created = ScopeDefinition.objects.get_or_create(
            service=service, year=context["year"]
        )
        context.update(
            object=_("Alcance %(year)s – %(service)s")
            % {"year": context["year"], "service": service},
            entries=history_entries(definition),
            back_url=reverse("management:scope"),
        )
        return context


class AggregateView(ServiceMixin, TemplateView):
    """Información agregada: collaborators declared and unit counts per year."""

    allowed_roles = READ_SERVICE
    template_name = "management/aggregate.html"

    def years(self):
        year = services.locks.current_year()
        return [year - 1, year, year + 1]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        context["rows"] = aggregate_overview(service=service, years=self.years())
        context["can_edit"] = _may(self.request.user, COLLABORATORS, service)
        if "form" not in kwargs and context["can_edit"]:
            current = AggregateInformation.objects.filter(
                service=service, year=context["year"]
            ).first()
            context["form"] = AggregateForm(instance=current)
        context.setdefault("form_year", context["year"])
        return context

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        if not _may(request.user, COLLABORATORS, service):
            raise PermissionDenied
        year = _year(request.POST.get("year"))
        if year not in self.years():
            year = services.locks.current_year()
        form = AggregateForm(request.POST)
        if form.is_valid():
            services.save_aggregate_information(
                by=request.user,
                service=service,
                year=year,
                officials=form.cleaned_data["officials"],
                other_collaborators=form.cleaned_data["other_collaborators"],
            )
            messages.success(request, _("Información agregada guardada."))
            return redirect("management:aggregate")
        return self.render_to_response(self.get_context_data(form=form, form_year=year))


class ConsumptionStatusView(ServiceMixin, FilteredTableView):
    """Estado reporte de consumos unidades: units that will not report, and why."""

    allowed_roles = READ_SERVICE
    table_class = ConsumptionStatusTable
    filterset_class = UnitFilter
    page_title = gettext_lazy("Estado reporte de consumos unidades")
    template_name = "management/consumption_status.html"

    def get_queryset(self):
        service = self.service_or_404()
        units = (
            Unit.objects.visible_to(self.request.user, roles=READ_SERVICE)
            .filter(service=service)
            .with_place()
        )
        return units_without_consumption(
            units=units, year=services.locks.current_year()
        ).order_by("building__street", "building__number", "floor_summary", "pk")

    def justifications(self, queryset):
        return {
            j.unit_id: j
            for j in ConsumptionJustification.objects.filter(
                unit__in=queryset.values("pk"), year=services.locks.current_year()
            )
        }

    def get_table_kwargs(self):
        return {
            "year": services.locks.current_year(),
            "justifications": self.justifications(self.get_queryset()),
        }

    def export_rows(self, queryset):
        table = self.get_table_class()(
            queryset,
            exclude=self.export_exclude,
            year=services.locks.current_year(),
            justifications=self.justifications(queryset),
        )
        values = table.as_values(exclude_columns=self.export_exclude)
        return next(values), values


class ConsumptionJustifyView(ServiceMixin, TemplateView):
    """One unit's justification (the service) and its review (the Red)."""

    allowed_roles = READ_SERVICE
    template_name = "management/consumption_justify.html"

    def get_unit(self):
        return get_object_or_404(
            Unit.objects.visible_to(self.request.user, roles=READ_SERVICE).with_place(),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = kwargs.get("unit") or self.get_unit()
        year = context["year"]
        justification = ConsumptionJustification.objects.filter(
            unit=unit, year=year
        ).first()
        user = self.request.user
        can_justify = _may(user, MANAGE, unit.service)
        can_review = _may(user, REVIEW, unit.service) and justification is not None
        context.update(
            unit=unit,
            justification=justification,
            flags=services.unit_flags(unit, year),
            form=kwargs.get("form")
            or (
                JustificationForm(
                    initial={"text": justification.text if justification else ""}
                )
                if can_justify
                else None
            ),
            review_form=kwargs.get("review_form")
            or (ReviewForm() if can_review else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        unit = self.get_unit()
        year = services.locks.current_year()
        if request.POST.get("action") == "review":
            justification = get_object_or_404(
                ConsumptionJustification.objects.visible_to(request.user, roles=REVIEW),
                unit=unit,
                year=year,
            )
            form = ReviewForm(request.POST)
            if form.is_valid():
                services.review_justification(
                    by=request.user,
                    justification=justification,
                    status=form.cleaned_data["review_status"],
                    comment=form.cleaned_data["review_comment"],
                )
                messages.success(request, _("Revisión guardada."))
                return redirect("management:consumption-status")
            return self.render_to_response(
                self.get_context_data(unit=unit, review_form=form)
            )
        if (
            not Unit.objects.visible_to(request.user, roles=MANAGE)
            .filter(pk=unit.pk)
            .exists()
        ):
            raise PermissionDenied
        form = JustificationForm(request.POST)
        if form.is_valid():
            services.save_consumption_justification(
                by=request.user, unit=unit, year=year, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Justificación guardada."))
            return redirect("management:consumption-status")
        return self.render_to_response(self.get_context_data(unit=unit, form=form))
