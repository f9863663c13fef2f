"""Información > Colaboradores concientizados: the list, the O1-RT3 indicator, gestores.

Every query starts from ``visible_to(user)``: a service's people see their own
service's rows (the current service of the header), the Red sees every service.
"""

import django_filters
import django_tables2 as tables

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View

from certificates.codes import format_code
from lms.accounts.scoping import scope_for
from lms.core.listing import FilteredTableView
from lms.core.rut import mask_rut
from lms.core.tables import DirectRowsMixin

from ..models import (
    ConcientizedCollaborator,
    GestorAccreditation,
    Institution,
    ListValidation,
    Service,
)
from ..permissions import COLLABORATORS, MINISTRY, READ_SERVICE, REVIEW
from ..services.collaborators import (
    ListValidationError,
    concientization_indicator,
    review_list,
    services_with_indicator,
    validate_list,
)
from ..services.locks import current_year
from .base import GestionMixin, ServiceMixin

FIRST_YEAR = 2023


def year_choices():
    return [(y, str(y)) for y in range(current_year(), FIRST_YEAR - 1, -1)]


CODE_MARKER = "XXXX-XXXX-XXXX-XXXX"


def verification_prefix() -> str:
    """The verification URL without its code, reversed once for a whole export."""
    return settings.SITE_URL + reverse("certificates:verify-code", args=[CODE_MARKER])


def verification_url(code: str, prefix: str | None = None) -> str:
    prefix = prefix or verification_prefix()
    return prefix.replace(CODE_MARKER, format_code(code))


class CollaboratorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nombre o RUT"), method="search")
    year = django_filters.ChoiceFilter(label=_("Año"), empty_label=_("Todos"))
    unit = django_filters.CharFilter(
        label=_("Unidad"), field_name="unit_name", lookup_expr="icontains"
    )
    completed_from = django_filters.DateFilter(
        label=_("Aprobado desde"),
        field_name="completed_at",
        lookup_expr="date__gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    completed_to = django_filters.DateFilter(
        label=_("Aprobado hasta"),
        field_name="completed_at",
        lookup_expr="date__lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Servicio"), queryset=Service.objects.none(), empty_label=_("Todos")
    )

    class Meta:
        model = ConcientizedCollaborator
        fields = ["q", "year", "unit", "completed_from", "completed_to", "service"]

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()
        if services is None:
            del self.filters["service"]
        else:
            self.filters["service"].queryset = services

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for word in value.split():
            match &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        digits = "".join(c for c in value if c.isdigit() or c in "kK").upper()
        if len(digits) >= 4:
            # RUTs are stored as 12345678-5; match the typed digits in any spelling.
            body = digits[:-1] if len(digits) >= 8 else digits
            match |= Q(rut__startswith=body) | Q(rut__contains=digits)
        return queryset.filter(match)


class CollaboratorTable(DirectRowsMixin, tables.Table):
    name = tables.Column(
        verbose_name=_("Nombre"),
        accessor="last_name",
        order_by=("last_name", "first_name"),
    )
    rut = tables.Column(verbose_name=_("RUT"), orderable=False, default="—")
    email = tables.Column(verbose_name=_("Correo"), default="—")
    unit_name = tables.Column(verbose_name=_("Unidad"), default="—")
    service = tables.Column(verbose_name=_("Servicio"), accessor="service__name")
    completed_at = tables.DateColumn(verbose_name=_("Aprobado el"), format="d-m-Y")
    certificate = tables.Column(
        verbose_name=_("Certificado"), accessor="certificate__code", default="—"
    )

    class Meta:
        model = ConcientizedCollaborator
        fields = ()
        sequence = (
            "name",
            "rut",
            "email",
            "unit_name",
            "service",
            "completed_at",
            "certificate",
        )
        attrs = {"class": "table"}
        empty_text = _("Aún no hay colaboradores concientizados con estos filtros.")
        template_name = "django_tables2/direct_rows.html"

    def render_name(self, record):
        return record.full_name or "—"

    # The page's rows are written by row_cells (lms/core/tables.py), the same cells as
    # the render methods (tested against them).
    def row_cells(self, c):
        plain, completed = self.plain, c.completed_at
        return {
            "name": plain(self.render_name(c)),
            "rut": plain(self.render_rut(c.rut) if c.rut else None),
            "email": plain(c.email),
            "unit_name": plain(c.unit_name),
            "service": plain(c.service.name),
            "completed_at": plain(
                completed and dateformat.format(timezone.localtime(completed), "d-m-Y")
            ),
            "certificate": self.render_certificate(c.certificate.code)
            if c.certificate_id and c.certificate.code
            else self.default,
        }

    def render_rut(self, value):
        return mask_rut(value) or "—"

    def render_certificate(self, value):
        code = format_code(value)
        return format_html(
            '<a href="{}" rel="noopener" target="_blank">{}</a>',
            reverse("certificates:verify-code", args=[code]),
            code,
        )


EXPORT_HEADER = [
    "Nombres",
    "Apellidos",
    "RUT",
    "Correo",
    "Unidad",
    "Servicio",
    "Año",
    "Aprobado el",
    "Código de certificado",
    "Verificación",
]
EXPORT_FIELDS = (
    "first_name",
    "last_name",
    "rut",
    "email",
    "unit_name",
    "service__name",
    "year",
    "completed_at",
    "certificate__code",
)


class CollaboratorListView(ServiceMixin, FilteredTableView):
    """The list of the current service (all services for the Red), with its indicator."""

    allowed_roles = READ_SERVICE
    table_class = CollaboratorTable
    filterset_class = CollaboratorFilter
    page_title = _("Colaboradores concientizados")
    export_name = "colaboradores-concientizados"
    template_name = "management/collaborators/list.html"

    def base_queryset(self):
        queryset = ConcientizedCollaborator.objects.visible_to(
            self.request.user, READ_SERVICE
        )
        service = self.get_service()
        if service is not None:
            queryset = queryset.filter(service=service)
        return queryset

    def get_queryset(self):
        return self.base_queryset().select_related("service", "certificate")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.get_service() is None:
            kwargs["services"] = Service.objects.visible_to(
                self.request.user, READ_SERVICE
            ).order_by("name")
        return kwargs

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        if self.get_service() is not None:
            kwargs["exclude"] = ("service",)
        return kwargs

    def export_rows(self, queryset):
        prefix = verification_prefix()

        def rows():
            for row in (
                queryset.order_by("service__name", "-completed_at", "pk")
                .values_list(*EXPORT_FIELDS)
                .iterator(chunk_size=2000)
            ):
                *head, code = row
                head[2] = mask_rut(head[2])
                shown = format_code(code) if code else ""
                yield [*head, shown, prefix.replace(CODE_MARKER, shown) if code else ""]

        return EXPORT_HEADER, rows()

    def selected_year(self) -> int:
        try:
            year = int(self.request.GET.get("year") or current_year())
        except ValueError:
            year = current_year()
        return year if FIRST_YEAR <= year <= current_year() else current_year()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.get_service()
        year = self.selected_year()
        context["indicator_year"] = year
        if service is not None:
            context["indicator"] = concientization_indicator(service=service, year=year)
            context["validation"] = (
                ListValidation.objects.filter(service=service, year=year)
                .prefetch_related("events__by")
                .first()
            )
            context["can_validate"] = scope_for(
                self.request.user, COLLABORATORS
            ).allows_service(service.pk)
            context["can_invite"] = context["can_validate"]
        context["is_ministry"] = self.request.user.has_role(*MINISTRY)
        return context


class IndicatorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Servicio"), method="search")
    institution = django_filters.ModelChoiceFilter(
        label=_("Institución"),
        queryset=Institution.objects.filter(is_active=True),
        empty_label=_("Todas"),
    )

    class Meta:
        model = Service
        fields = ["q", "institution"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class PercentColumn(tables.Column):
    def render(self, value):
        return f"{value:.1f} %".replace(".", ",")

    def value(self, value):
        return round(value, 1) if value is not None else ""


class IndicatorTable(tables.Table):
    name = tables.Column(verbose_name=_("Servicio"))
    institution = tables.Column(
        verbose_name=_("Institución"), accessor="institution__name"
    )
    completions = tables.Column(
        verbose_name=_("Concientizados"), attrs={"td": {"class": "num"}}
    )
    declared = tables.Column(
        verbose_name=_("Colaboradores declarados"),
        default="Sin declarar",
        attrs={"td": {"class": "num"}},
    )
    percent = PercentColumn(
        verbose_name=_("% concientizados"), default="—", attrs={"td": {"class": "num"}}
    )

    class Meta:
        model = Service
        fields = ()
        sequence = ("name", "institution", "completions", "declared", "percent")
        attrs = {"class": "table"}
        order_by = ("name",)
        empty_text = _("No hay servicios con estos filtros.")


class IndicatorView(ServiceMixin, FilteredTableView):
    """The ministry's national table of the O1-RT3 indicator, one row per service."""

    allowed_roles = MINISTRY
    table_class = IndicatorTable
    filterset_class = IndicatorFilter
    page_title = _("Indicador O1-RT3: % de colaboradores concientizados")
    export_name = "indicador-concientizacion"
    template_name = "management/collaborators/indicator.html"
    paginate_by = 50

    def get_service(self):
        return None  # national: every service, whatever the header's selector says

    def selected_year(self) -> int:
        try:
            year = int(self.request.GET.get("year") or current_year())
        except ValueError:
            year = current_year()
        return year if FIRST_YEAR <= year <= current_year() else current_year()

    def get_queryset(self):
        return services_with_indicator(
            year=self.selected_year(),
            queryset=Service.objects.visible_to(self.request.user, MINISTRY).active(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["indicator_year"] = self.selected_year()
        context["years"] = [y for y, _label in year_choices()]
        return context


class AccreditationTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Gestor"),
        accessor="user__last_name",
        order_by=("user__last_name", "user__first_name"),
    )
    email = tables.Column(verbose_name=_("Correo"), accessor="user__email")
    course_title = tables.Column(verbose_name=_("Curso"))
    accredited_at = tables.DateColumn(verbose_name=_("Acreditado el"), format="d-m-Y")
    certificate = tables.Column(
        verbose_name=_("Certificado"), accessor="certificate__code", default="—"
    )

    class Meta:
        model = GestorAccreditation
        fields = ()
        sequence = ("name", "email", "course_title", "accredited_at", "certificate")
        attrs = {"class": "table"}
        empty_text = _("Aún no hay gestores acreditados.")

    def render_name(self, record):
        return record.user.get_full_name() or record.user.email

    def value_name(self, record):
        return record.user.get_full_name()

    def render_certificate(self, value):
        code = format_code(value)
        return format_html(
            '<a href="{}" rel="noopener" target="_blank">{}</a>',
            reverse("certificates:verify-code", args=[code]),
            code,
        )

    def value_certificate(self, value):
        return verification_url(value) if value else ""


class AccreditationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="search")

    class Meta:
        model = GestorAccreditation
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q()
        for word in value.split():
            match &= (
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
            )
        return queryset.filter(match)


class AccreditationListView(ServiceMixin, FilteredTableView):
    """Gestores accredited by a Capacitación course: the service's, or all for the Red."""

    allowed_roles = READ_SERVICE
    table_class = AccreditationTable
    filterset_class = AccreditationFilter
    page_title = _("Gestores acreditados")
    export_name = "gestores-acreditados"
    template_name = "management/collaborators/accredited.html"

    def get_queryset(self):
        queryset = GestorAccreditation.objects.visible_to(
            self.request.user, READ_SERVICE
        )
        service = self.get_service()
        if service is not None:
            queryset = queryset.for_services([service.pk])
        return queryset.select_related("user", "certificate")


# Validation of the year's list by the service and its review by the Red.


class ListValidateView(ServiceMixin, View):
    """POST ``year``: the service validates (freezes) its list of that year."""

    allowed_roles = COLLABORATORS
    http_method_names = ["post"]

    def post(self, request):
        service = self.service_or_404()
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = current_year()
        try:
            validation = validate_list(by=request.user, service=service, year=year)
        except ListValidationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "Listado %(year)s validado con %(n)s colaborador. La Red lo "
                    "revisará; el PDF queda disponible en unos momentos.",
                    "Listado %(year)s validado con %(n)s colaboradores. La Red lo "
                    "revisará; el PDF queda disponible en unos momentos.",
                    validation.count,
                )
                % {"year": year, "n": validation.count},
            )
        return redirect(f"{reverse('management:concientized-list')}?year={year}")


class ValidationFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Año"), empty_label=_("Todos"))
    status = django_filters.ChoiceFilter(
        label=_("Estado"),
        choices=ListValidation.Status.choices,
        empty_label=_("Todos"),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Servicio"),
        queryset=Service.objects.order_by("name"),
        empty_label=_("Todos"),
    )

    class Meta:
        model = ListValidation
        fields = ["year", "status", "service"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on what waits for the Red; "Todos" shows every list.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", ListValidation.Status.SUBMITTED)
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()


class ValidationTable(tables.Table):
    actions = tables.Column(
        verbose_name=_("Revisión"), empty_values=(), orderable=False
    )
    service = tables.Column(verbose_name=_("Servicio"), accessor="service__name")
    year = tables.Column(verbose_name=_("Año"))
    count = tables.Column(
        verbose_name=_("Concientizados"), attrs={"td": {"class": "num"}}
    )
    declared = tables.Column(
        verbose_name=_("Declarados"), default="—", attrs={"td": {"class": "num"}}
    )
    status = tables.Column(verbose_name=_("Estado"))
    validated_at = tables.DateTimeColumn(
        verbose_name=_("Validado el"), format="d-m-Y H:i"
    )
    pdf = tables.Column(verbose_name=_("PDF"), empty_values=(), orderable=False)

    class Meta:
        model = ListValidation
        fields = ()
        sequence = (
            "actions",
            "service",
            "year",
            "count",
            "declared",
            "status",
            "validated_at",
            "pdf",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay listados por revisar con estos filtros.")

    def render_year(self, value):
        return str(value)

    def render_status(self, record):
        badge = {
            ListValidation.Status.APPROVED: "badge badge-ok",
            ListValidation.Status.OBSERVED: "badge badge-bad",
        }.get(record.status, "badge badge-warn")
        return format_html(
            '<span class="{}">{}</span>', badge, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_pdf(self, record):
        if not record.pdf:
            return _("Generándose…")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:concientized-validation-pdf", args=[record.pk]),
            _("Descargar"),
        )

    def value_pdf(self, record):
        return ""

    def render_actions(self, record):
        if record.status != ListValidation.Status.SUBMITTED:
            return record.review_comment or "—"
        return render_to_string(
            "management/collaborators/review_form.html",
            {"record": record},
            request=getattr(self, "request", None),
        )

    def value_actions(self, record):
        return record.review_comment


class ValidationQueueView(GestionMixin, FilteredTableView):
    """The Red's queue of validated lists: validar u observar, with a reason."""

    allowed_roles = REVIEW
    table_class = ValidationTable
    filterset_class = ValidationFilter
    page_title = _("Revisión de listados de concientizados")
    export_name = "revision-listados-concientizados"
    template_name = "management/collaborators/validation_queue.html"

    def get_queryset(self):
        return ListValidation.objects.visible_to(
            self.request.user, REVIEW
        ).select_related("service")

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.request = self.request
        return table


class ListReviewView(GestionMixin, View):
    """POST: the Red validates (``decision=approve``) or observes a submitted list."""

    allowed_roles = REVIEW
    http_method_names = ["post"]

    def post(self, request, pk):
        validation = get_object_or_404(
            ListValidation.objects.visible_to(request.user, REVIEW), pk=pk
        )
        approve = request.POST.get("decision") == "approve"
        try:
            review_list(
                by=request.user,
                validation=validation,
                approve=approve,
                comment=request.POST.get("comment", ""),
            )
        except ListValidationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                (
                    _("Listado validado: %(s)s %(y)s.")
                    if approve
                    else _(
                        "Listado observado: %(s)s %(y)s. El servicio verá el motivo."
                    )
                )
                % {"s": validation.service.name, "y": validation.year},
            )
        return redirect(
            request.POST.get("next")
            if url_has_allowed_host_and_scheme(
                request.POST.get("next"), allowed_hosts={request.get_host()}
            )
            else reverse("management:concientized-validations")
        )


class ListValidationPDFView(GestionMixin, View):
    """Download the PDF of a validated list of a service the user reaches."""

    allowed_roles = READ_SERVICE

    def get(self, request, pk):
        validation = get_object_or_404(
            ListValidation.objects.visible_to(
                request.user, READ_SERVICE
            ).select_related("service"),
            pk=pk,
        )
        if not validation.pdf:
            raise Http404(_("El PDF aún se está generando."))
        return FileResponse(
            validation.pdf.open("rb"),
            as_attachment=True,
            filename=f"concientizados-{validation.year}-"
            f"{validation.service.code}.pdf".lower(),
            content_type="application/pdf",
        )
