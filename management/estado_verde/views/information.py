"""Información > Documentos (Comité, política, procedimientos) and Colaboradores.

The service's readers read; its Gestor de Servicio, Encargado Comité Estado Verde
and the Administrador write. Objects are found through ``visible_to`` so another
service gets a 404.
"""

import django_filters
import django_tables2 as tables

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from lms.core.listing import FilteredTableView
from management.permissions import COLLABORATORS, READ_SERVICE
from management.views.base import ServiceMixin, apply_service_errors

from .. import selectors
from ..forms import (
    AirTripForm,
    CommitteeMeetingForm,
    CommitteeMemberForm,
    CommutingSurveyForm,
    NoDocumentForm,
    NoTravelForm,
    ServiceDocumentForm,
    year_choices,
)
from ..models import (
    REQUIRED_KINDS,
    AirTrip,
    CommitteeMeeting,
    CommitteeMember,
    CommutingSurvey,
    DocumentKind,
    EmissionFactor,
    NoDocumentDeclaration,
    NoTravelDeclaration,
    ServiceDocument,
    Stage,
)
from ..services import information as services
from .common import fmt, selected_year

WRITE = COLLABORATORS


def can_write(user) -> bool:
    return user.has_role(*WRITE)


class YearFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=gettext_lazy("Año"), empty_label=None)

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("year", str(year_choices()[0][0]))
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()


# ---------------------------------------------------------------- Documentos


class DocumentFilter(YearFilter):
    stage = django_filters.ChoiceFilter(
        label=gettext_lazy("Etapa"),
        choices=Stage.choices,
        empty_label=gettext_lazy("Todas"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Tipo"),
        choices=DocumentKind.choices,
        empty_label=gettext_lazy("Todos"),
    )

    class Meta:
        model = ServiceDocument
        fields = ["year", "stage", "kind"]


class DocumentTable(tables.Table):
    stage = tables.Column(verbose_name=gettext_lazy("Etapa"))
    kind = tables.Column(verbose_name=gettext_lazy("Tipo"))
    title = tables.Column(verbose_name=gettext_lazy("Título"))
    resolution_number = tables.Column(
        verbose_name=gettext_lazy("N° resolución"), default="—"
    )
    issued_on = tables.DateColumn(
        verbose_name=gettext_lazy("Fecha"), format="d-m-Y", default="—"
    )
    file = tables.Column(verbose_name=gettext_lazy("Archivo"), orderable=False)
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = ServiceDocument
        fields = ()
        sequence = (
            "stage",
            "kind",
            "title",
            "resolution_number",
            "issued_on",
            "file",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay documentos con estos filtros.")

    def render_file(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:document-file", args=[record.pk]),
            _("Descargar"),
        )

    def value_file(self, record):
        return record.file.name.rsplit("/", 1)[-1]

    def render_actions(self, record):
        if not getattr(self, "can_write", False):
            return ""
        return format_html(
            '<form method="post" action="{}" class="inline-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button-link">{}</button></form>',
            reverse("management:document-delete", args=[record.pk]),
            self.csrf_token,
            _("Eliminar"),
        )


class DocumentsView(ServiceMixin, FilteredTableView):
    """Documentos: typed documents by stage, "No registra", the committee."""

    allowed_roles = READ_SERVICE
    table_class = DocumentTable
    filterset_class = DocumentFilter
    template_name = "management/estado_verde/documents.html"
    page_title = gettext_lazy("Documentos")

    def get_queryset(self):
        return ServiceDocument.objects.visible_to(
            self.request.user, roles=READ_SERVICE
        ).filter(service=self.service_or_404())

    def get_table(self, **kwargs):
        from django.middleware.csrf import get_token

        table = super().get_table(**kwargs)
        table.can_write = can_write(self.request.user)
        table.csrf_token = get_token(self.request)
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        year = selected_year(self.request)
        kinds = set(
            ServiceDocument.objects.filter(service=service, year=year).values_list(
                "kind", flat=True
            )
        )
        declared = {
            d.kind: d
            for d in NoDocumentDeclaration.objects.filter(service=service, year=year)
        }
        checklist = [
            {
                "label": DocumentKind(kind).label,
                "uploaded": kind in kinds,
                "declared": declared.get(kind),
            }
            for kind in REQUIRED_KINDS
        ]
        context.update(
            selected_year=year,
            checklist=checklist,
            members=CommitteeMember.objects.filter(service=service).select_related(
                "unit"
            ),
            meetings=CommitteeMeeting.objects.filter(service=service)[:50],
            can_write=can_write(self.request.user),
        )
        return context


class ServiceFormView(ServiceMixin, FormView):
    """A form about the current service, for its writers."""

    allowed_roles = WRITE
    template_name = "management/estado_verde/form.html"
    title = ""
    back_name = "management:documents"
    record = None

    def back_url(self, year=None):
        url = reverse(self.back_name)
        return f"{url}?year={year}" if year else url

    def get_initial(self):
        raw = self.request.GET.get("year", "")
        return {"year": int(raw)} if raw.isdigit() else {}

    def get_context_data(self, **kwargs):
        if "pk" not in self.kwargs:
            self.service_or_404()  # national roles choose a service first
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, back_url=self.back_url())
        return context

    def done(self, text, year=None):
        messages.success(self.request, text)
        return redirect(self.back_url(year))


class DocumentCreateView(ServiceFormView):
    form_class = ServiceDocumentForm
    title = gettext_lazy("Subir documento")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ServiceDocument(service=self.service_or_404())
        return kwargs

    def form_valid(self, form):
        try:
            document = services.save_document(
                document=form.save(commit=False), user=self.request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(
            _("Documento «%(t)s» subido.") % {"t": document.title}, document.year
        )


class NoDocumentView(ServiceFormView):
    form_class = NoDocumentForm
    title = gettext_lazy("Declarar «No registra»")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = NoDocumentDeclaration(service=self.service_or_404())
        return kwargs

    def form_valid(self, form):
        try:
            declaration = services.declare_no_document(
                declaration=form.save(commit=False), user=self.request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(_("Declaración guardada."), declaration.year)


class MemberFormView(ServiceFormView):
    form_class = CommitteeMemberForm
    title = gettext_lazy("Integrante del Comité Estado Verde")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "pk" in self.kwargs:
            self.record = get_object_or_404(
                CommitteeMember.objects.visible_to(self.request.user, roles=WRITE),
                pk=self.kwargs["pk"],
            )
        service = self.record.service if self.record else self.service_or_404()
        kwargs["instance"] = self.record or CommitteeMember(service=service)
        kwargs["service"] = service
        return kwargs

    def form_valid(self, form):
        try:
            member = services.save_member(member=form.save(commit=False))
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(_("Integrante %(n)s guardado.") % {"n": member.name})


class MeetingCreateView(ServiceFormView):
    form_class = CommitteeMeetingForm
    title = gettext_lazy("Reunión del comité")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CommitteeMeeting(service=self.service_or_404())
        return kwargs

    def form_valid(self, form):
        try:
            services.save_meeting(
                meeting=form.save(commit=False), user=self.request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(_("Reunión registrada con su acta."))


class FileView(ServiceMixin, View):
    """Download a document or minutes of a service the user reads."""

    allowed_roles = READ_SERVICE
    needs_service = False
    model = None
    field = "file"

    def get(self, request, pk):
        record = get_object_or_404(
            self.model.objects.visible_to(request.user, roles=READ_SERVICE), pk=pk
        )
        file = getattr(record, self.field)
        return FileResponse(
            file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1]
        )


class DocumentFileView(FileView):
    model = ServiceDocument


class MeetingFileView(FileView):
    model = CommitteeMeeting
    field = "minutes"


class DeleteView(ServiceMixin, View):
    allowed_roles = WRITE
    http_method_names = ["post"]
    model = None
    back_name = "management:documents"

    def post(self, request, pk):
        record = get_object_or_404(
            self.model.objects.visible_to(request.user, roles=WRITE), pk=pk
        )
        year = getattr(record, "year", None)
        label = str(record)
        services.delete_record(record=record)
        messages.success(request, _("«%(o)s» eliminado.") % {"o": label})
        url = reverse(self.back_name)
        return redirect(f"{url}?year={year}" if year else url)


class DocumentDeleteView(DeleteView):
    model = ServiceDocument


class NoDocumentDeleteView(DeleteView):
    model = NoDocumentDeclaration


# ---------------------------------------------------------------- Colaboradores


class AirTripFilter(YearFilter):
    class Meta:
        model = AirTrip
        fields = ["year"]


class AirTripTable(tables.Table):
    period = tables.Column(
        verbose_name=gettext_lazy("Periodo"), accessor="period_start"
    )
    origin = tables.Column(verbose_name=gettext_lazy("Origen"))
    destination = tables.Column(verbose_name=gettext_lazy("Destino"))
    one_way_trips = tables.Column(verbose_name=gettext_lazy("Solo ida"))
    round_trips = tables.Column(verbose_name=gettext_lazy("Ida y vuelta"))
    trips = tables.Column(verbose_name=gettext_lazy("Viajes (tramos)"))
    distance_km = tables.Column(verbose_name=gettext_lazy("Distancia (km)"))
    km = tables.Column(
        verbose_name=gettext_lazy("km volados"), orderable=False, empty_values=()
    )
    emissions = tables.Column(
        verbose_name=gettext_lazy("kgCO2e"), orderable=False, empty_values=()
    )
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = AirTrip
        fields = ()
        sequence = (
            "period",
            "origin",
            "destination",
            "one_way_trips",
            "round_trips",
            "trips",
            "distance_km",
            "km",
            "emissions",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay viajes en avión registrados este año.")

    def factors(self):
        if not hasattr(self, "_factors"):
            self._factors = EmissionFactor.objects.in_force(self.year)
        return self._factors

    def render_period(self, record):
        return f"{record.period_start:%d-%m-%Y} – {record.period_end:%d-%m-%Y}"

    def value_period(self, record):
        return self.render_period(record)

    def render_distance_km(self, value):
        return fmt(value)

    def render_km(self, record):
        return fmt(record.km)

    def value_km(self, record):
        return record.km

    def _kg(self, record):
        factor = self.factors().get(selectors.flight_key(record.distance_km))
        return factor.kg(record.km).quantize(1) if factor else None

    def render_emissions(self, record):
        return fmt(self._kg(record))

    def value_emissions(self, record):
        return self._kg(record)

    def render_actions(self, record):
        if not getattr(self, "can_write", False):
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:air-trip-update", args=[record.pk]),
            _("Corregir"),
        )


class CollaboratorsView(ServiceMixin, FilteredTableView):
    """Colaboradores: the commuting survey of the year and official air travel."""

    allowed_roles = READ_SERVICE
    table_class = AirTripTable
    filterset_class = AirTripFilter
    template_name = "management/estado_verde/collaborators.html"
    page_title = gettext_lazy("Colaboradores: traslados y viajes")
    export_name = "viajes-en-avion"

    def get_queryset(self):
        return AirTrip.objects.visible_to(self.request.user, roles=READ_SERVICE).filter(
            service=self.service_or_404()
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.can_write = can_write(self.request.user)
        table.year = selected_year(self.request)
        return table

    def export_rows(self, queryset):
        table = self.get_table_class()(queryset, exclude=self.export_exclude)
        table.year = selected_year(self.request)
        values = table.as_values(exclude_columns=self.export_exclude)
        return next(values), values

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        year = selected_year(self.request)
        factors = EmissionFactor.objects.in_force(year)
        survey = (
            CommutingSurvey.objects.filter(service=service, year=year)
            .prefetch_related("entries")
            .first()
        )
        trips = list(AirTrip.objects.filter(service=service, year=year))
        context.update(
            selected_year=year,
            survey=survey,
            commuting=selectors.commuting_figures(survey, factors),
            flights=selectors.flight_figures(trips, factors),
            no_travel=NoTravelDeclaration.objects.filter(
                service=service, year=year
            ).first(),
            declared=selectors.declared_collaborators(service, year),
            can_write=can_write(self.request.user),
        )
        return context


class CommutingSurveyView(ServiceFormView):
    """The survey of the year (``?year=``): respondents and each mode's people and km."""

    form_class = CommutingSurveyForm
    template_name = "management/estado_verde/survey_form.html"
    title = gettext_lazy("Encuesta origen-destino")
    back_name = "management:collaborators"

    @property
    def year(self):
        return selected_year(self.request)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        service = self.service_or_404()
        self.record = CommutingSurvey.objects.filter(
            service=service, year=self.year
        ).first()
        kwargs["instance"] = self.record or CommutingSurvey(service=service)
        return kwargs

    def get_initial(self):
        initial = {"year": self.year}
        if self.record is not None:
            for entry in self.record.entries.all():
                initial[f"n_{entry.mode}"] = entry.collaborators
                initial[f"km_{entry.mode}"] = entry.distance_km
        return initial

    def form_valid(self, form):
        try:
            survey = services.save_commuting_survey(
                survey=form.save(commit=False),
                entries=form.entries(),
                user=self.request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(
            _("Encuesta origen-destino %(y)s guardada.") % {"y": survey.year},
            survey.year,
        )


class AirTripFormView(ServiceFormView):
    form_class = AirTripForm
    title = gettext_lazy("Viaje en avión")
    back_name = "management:collaborators"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "pk" in self.kwargs:
            self.record = get_object_or_404(
                AirTrip.objects.visible_to(self.request.user, roles=WRITE),
                pk=self.kwargs["pk"],
            )
        kwargs["instance"] = self.record or AirTrip(service=self.service_or_404())
        return kwargs

    def get_initial(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.record is not None:
            context["delete_url"] = reverse(
                "management:air-trip-delete", args=[self.record.pk]
            )
        return context

    def form_valid(self, form):
        try:
            trip = services.save_air_trip(
                trip=form.save(commit=False), user=self.request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(
            _("Viaje %(o)s – %(d)s guardado: %(n)s tramos.")
            % {"o": trip.origin, "d": trip.destination, "n": trip.flown_trips},
            trip.year,
        )


class AirTripDeleteView(DeleteView):
    model = AirTrip
    back_name = "management:collaborators"


class NoTravelView(ServiceFormView):
    form_class = NoTravelForm
    title = gettext_lazy("No declara viajes en avión")
    back_name = "management:collaborators"

    def form_valid(self, form):
        try:
            declaration = services.declare_no_travel(
                service=self.service_or_404(),
                year=form.cleaned_data["year"],
                justification=form.cleaned_data["justification"],
                user=self.request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        return self.done(
            _("Declarado: sin viajes en avión en %(y)s.") % {"y": declaration.year},
            declaration.year,
        )


class NoTravelDeleteView(DeleteView):
    model = NoTravelDeclaration
    back_name = "management:collaborators"
