"""Avance y revisión: each module's completeness and the Red's review, per service.

The service sees its own dashboard and answers observations; the ministry sees
every service and validates or observes each module.
"""

import django_filters
import django_tables2 as tables

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from lms.core.exports import csv_response, xlsx_response
from management.history import history_entries
from management.models import Institution, ReviewStatus, Service
from management.permissions import COLLABORATORS, MINISTRY, READ_SERVICE, REVIEW
from management.views.base import GestionMixin, ServiceMixin, apply_service_errors

from .. import selectors
from ..forms import ReviewAnswerForm, ReviewForm, year_choices
from ..models import Module, ModuleReview
from ..services import review as services
from .common import ResolveAfterAccess, selected_year

STATUS_BADGE = {
    ReviewStatus.VALIDATED: "badge-ok",
    ReviewStatus.OBSERVED: "badge-warn",
    ReviewStatus.PENDING: "",
}

MODULE_PAGES = {
    Module.PAPER: "management:estado-verde",
    Module.WATER: "management:estado-verde",
    Module.WASTE: "management:estado-verde",
    Module.DOCUMENTS: "management:documents",
    Module.COMMUTING: "management:collaborators",
    Module.AIR_TRAVEL: "management:collaborators",
}


def cell(state: dict) -> str:
    """A module's completeness and review as two badges."""
    complete = (
        format_html('<span class="badge badge-ok">{}</span>', _("Completo"))
        if state["complete"]
        else format_html('<span class="badge badge-warn">{}</span>', _("Incompleto"))
    )
    detail = f" {state['detail']}" if state["detail"] else ""
    review = format_html(
        '<span class="badge {}">{}</span>',
        STATUS_BADGE[state["status"]],
        ReviewStatus(state["status"]).label,
    )
    return format_html("{}{} {}", complete, detail, review)


class CompletenessView(ServiceMixin, TemplateView):
    """The service's Estado Verde modules of a year: complete, observed, validated."""

    allowed_roles = READ_SERVICE
    template_name = "management/estado_verde/completeness.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        year = selected_year(self.request)
        states = selectors.completeness([service], year)[service.pk]
        rows = [
            {
                **state,
                "badges": cell(state),
                "url": reverse(MODULE_PAGES[state["module"]]) + f"?year={year}",
                "review_url": reverse(
                    "management:ev-review", args=[service.pk, year, state["module"]]
                ),
            }
            for state in states.values()
        ]
        user = self.request.user
        context.update(
            rows=rows,
            selected_year=year,
            years=year_choices(),
            done=sum(r["complete"] for r in rows),
            validated=sum(r["status"] == ReviewStatus.VALIDATED for r in rows),
            can_answer=user.has_role(*COLLABORATORS),
            is_reviewer=user.has_role(*REVIEW),
        )
        return context


class NationalFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label=gettext_lazy("Servicio"), lookup_expr="icontains"
    )
    institution = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Institución"),
        queryset=Institution.objects.order_by("name"),
        empty_label=gettext_lazy("Todas"),
    )

    class Meta:
        model = Service
        fields = ["name", "institution"]


SHORT_LABELS = {
    Module.PAPER: gettext_lazy("Papel"),
    Module.WATER: gettext_lazy("Agua"),
    Module.WASTE: gettext_lazy("Residuos"),
    Module.DOCUMENTS: gettext_lazy("Documentos"),
    Module.COMMUTING: gettext_lazy("Encuesta"),
    Module.AIR_TRAVEL: gettext_lazy("Viajes"),
}


class ModuleColumn(tables.Column):
    """One module's state for the row's service, linked to its review."""

    def __init__(self, module, **kwargs):
        self.module = module
        super().__init__(
            verbose_name=SHORT_LABELS[module],
            orderable=False,
            empty_values=(),
            accessor="pk",
            **kwargs,
        )

    def render(self, record, table):
        state = table.states.get(record.pk, {}).get(self.module.value)
        if state is None:
            return "—"
        return format_html(
            '<a href="{}" aria-label="{} {}">{}</a>',
            reverse("management:ev-review", args=[record.pk, table.year, self.module]),
            _("Revisar"),
            self.module.label,
            cell(state),
        )


class NationalTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("Servicio"))
    papel = ModuleColumn(Module.PAPER)
    agua = ModuleColumn(Module.WATER)
    residuos = ModuleColumn(Module.WASTE)
    documentos = ModuleColumn(Module.DOCUMENTS)
    encuesta = ModuleColumn(Module.COMMUTING)
    viajes = ModuleColumn(Module.AIR_TRAVEL)

    class Meta:
        model = Service
        fields = ()
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay servicios con estos filtros.")

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.states, self.year = {}, year


class NationalCompletenessView(GestionMixin, TemplateView):
    """The ministry's view: every service × module for a year, with export."""

    allowed_roles = MINISTRY
    template_name = "management/estado_verde/completeness_national.html"
    per_page = 25

    def services(self):
        qs = Service.objects.visible_to(self.request.user, roles=MINISTRY).filter(
            is_active=True
        )
        return NationalFilter(self.request.GET or None, queryset=qs.order_by("name"))

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            year = selected_year(request)
            services = list(self.services().qs)
            states = selectors.completeness(services, year)
            header = [_("Servicio")] + [str(m.label) for m in Module]
            rows = (
                [s.name]
                + [
                    f"{_('Completo') if st['complete'] else _('Incompleto')} · "
                    f"{ReviewStatus(st['status']).label}"
                    for st in states[s.pk].values()
                ]
                for s in services
            )
            name = f"avance-estado-verde-{year}"
            if export == "csv":
                return csv_response(header, rows, name)
            return xlsx_response(header, rows, name, title=_("Avance"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = selected_year(self.request)
        filterset = self.services()
        table = NationalTable(filterset.qs, year=year)
        tables.RequestConfig(
            self.request, paginate={"per_page": self.per_page}
        ).configure(table)
        page = list(table.page.object_list.data) if table.page else []
        table.states = selectors.completeness(page, year)
        query = self.request.GET.copy()
        query.pop("page", None)
        exports = {}
        for fmt in ("csv", "xlsx"):
            query["export"] = fmt
            exports[fmt] = "?" + query.urlencode()
        context.update(
            table=table,
            filter=filterset,
            selected_year=year,
            years=year_choices(),
            export_urls=exports,
        )
        return context


class ReviewView(GestionMixin, ResolveAfterAccess, FormView):
    """The Red validates or observes one module of one service in one year."""

    allowed_roles = REVIEW
    form_class = ReviewForm
    template_name = "management/estado_verde/review.html"

    def resolve(self, request, **kwargs):
        if kwargs["module"] not in Module.values:
            raise Http404
        self.service = get_object_or_404(
            Service.objects.visible_to(request.user, roles=REVIEW), pk=kwargs["pk"]
        )
        self.year = kwargs["year"]
        self.module = Module(kwargs["module"])
        self.review = ModuleReview.objects.filter(
            service=self.service, year=self.year, module=self.module
        ).first()

    def get_initial(self):
        if self.review and self.review.status != ReviewStatus.PENDING:
            return {"decision": self.review.status, "comment": self.review.comment}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = selectors.completeness([self.service], self.year)[self.service.pk][
            self.module.value
        ]
        context.update(
            review_service=self.service,
            module=self.module,
            selected_year=self.year,
            state=state,
            badges=cell(state),
            review=self.review,
            history=history_entries(self.review) if self.review else [],
        )
        return context

    def form_valid(self, form):
        try:
            services.review_module(
                service=self.service,
                year=self.year,
                module=self.module,
                user=self.request.user,
                validated=form.cleaned_data["decision"] == ReviewStatus.VALIDATED,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(m)s %(y)s de %(s)s: revisión guardada.")
            % {"m": self.module.label, "y": self.year, "s": self.service.name},
        )
        url = reverse("management:ev-completeness-national")
        return redirect(f"{url}?year={self.year}")


class ReviewAnswerView(GestionMixin, ResolveAfterAccess, FormView):
    """The service answers the Red's observation of a module."""

    allowed_roles = COLLABORATORS
    form_class = ReviewAnswerForm
    template_name = "management/estado_verde/form.html"

    def resolve(self, request, **kwargs):
        self.review = get_object_or_404(
            ModuleReview.objects.visible_to(request.user, roles=COLLABORATORS),
            pk=kwargs["pk"],
        )

    def back_url(self):
        return reverse("management:ev-completeness") + f"?year={self.review.year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Responder observación: %(m)s %(y)s")
            % {"m": self.review.get_module_display(), "y": self.review.year},
            lead=_("Observación de la Red: %(c)s") % {"c": self.review.comment},
            back_url=self.back_url(),
        )
        return context

    def form_valid(self, form):
        try:
            services.answer_review(
                review=self.review,
                user=self.request.user,
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Respuesta enviada a la Red."))
        return redirect(self.back_url())


class ReviewHistoryView(GestionMixin, ResolveAfterAccess, TemplateView):
    """Every decision and answer of a module's review, newest first."""

    allowed_roles = (*READ_SERVICE,)
    template_name = "management/history.html"

    def resolve(self, request, **kwargs):
        self.review = get_object_or_404(
            ModuleReview.objects.visible_to(request.user, roles=READ_SERVICE),
            pk=kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=f"{self.review.service} · {self.review}",
            entries=history_entries(self.review),
            back_url=reverse("management:ev-completeness")
            + f"?year={self.review.year}",
        )
        return context
