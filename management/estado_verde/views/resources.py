"""Estado Verde per unit: Gestión de Papel, Agua y Residuos.

Readers of a unit read; its Gestor de Servicio, Gestor de Unidad and the
Administrador write; another service gets a 404 for every object.
"""

import django_filters
import django_tables2 as tables

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from lms.core.listing import FilteredTableView
from management.models import Unit
from management.permissions import READ, UNIT_WORK
from management.views.base import GestionMixin, ServiceMixin, apply_service_errors

from .. import selectors
from ..forms import (
    PaperPurchaseForm,
    UnitModuleNoteForm,
    WasteContainerForm,
    WasteRecordForm,
    WaterFixtureForm,
    WaterRecordForm,
    year_choices,
)
from ..models import (
    Module,
    PaperPurchase,
    WasteContainer,
    WasteRecord,
    WaterFixture,
    WaterRecord,
)
from ..services import resources as services
from .common import (
    ResolveAfterAccess,
    can_write_unit,
    fmt,
    selected_year,
    unit_for,
)

# ---------------------------------------------------------------- tables


class YearFilter(django_filters.FilterSet):
    """Lists of a unit open on the current year."""

    year = django_filters.ChoiceFilter(label=gettext_lazy("Año"), empty_label=None)

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("year", str(year_choices()[0][0]))
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()


class PaperFilter(YearFilter):
    class Meta:
        model = PaperPurchase
        fields = ["year"]


class WaterFilter(YearFilter):
    supply = django_filters.ChoiceFilter(
        label=gettext_lazy("Suministro"),
        choices=WaterRecord.Supply.choices,
        empty_label=gettext_lazy("Todos"),
    )

    class Meta:
        model = WaterRecord
        fields = ["year", "supply"]


class WasteFilter(YearFilter):
    recycled = django_filters.BooleanFilter(
        label=gettext_lazy("Reciclado"),
        field_name="waste_type__is_recycled",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = WasteRecord
        fields = ["year", "waste_type", "recycled"]


class EditColumnMixin(tables.Table):
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    def render_actions(self, record):
        if not getattr(self, "can_write", False):
            return ""
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), _("Corregir")
        )


def month_label(record) -> str:
    return record.get_month_display() if record.month else _("Total anual")


class PaperTable(EditColumnMixin, tables.Table):
    month = tables.Column(verbose_name=gettext_lazy("Mes"))
    reams = tables.Column(verbose_name=gettext_lazy("Resmas"))
    recycled_reams = tables.Column(verbose_name=gettext_lazy("Recicladas"))
    cost_clp = tables.Column(verbose_name=gettext_lazy("Costo (CLP)"))
    purchase_id = tables.Column(verbose_name=gettext_lazy("ID compra"), default="—")
    observation = tables.Column(verbose_name=gettext_lazy("Observación"), default="")

    class Meta:
        model = PaperPurchase
        fields = ()
        sequence = (
            "month",
            "reams",
            "recycled_reams",
            "cost_clp",
            "purchase_id",
            "observation",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay compras de papel este año.")

    def render_month(self, record):
        return month_label(record)

    def value_month(self, record):
        return month_label(record)

    def render_cost_clp(self, value):
        return fmt(value)


class WaterTable(EditColumnMixin, tables.Table):
    supply = tables.Column(verbose_name=gettext_lazy("Suministro"))
    meter_number = tables.Column(verbose_name=gettext_lazy("Medidor"), default="—")
    period_start = tables.DateColumn(verbose_name=gettext_lazy("Desde"), format="d-m-Y")
    period_end = tables.DateColumn(verbose_name=gettext_lazy("Hasta"), format="d-m-Y")
    m3 = tables.Column(verbose_name=gettext_lazy("m³"))
    cost_clp = tables.Column(verbose_name=gettext_lazy("Costo (CLP)"))
    invoice = tables.Column(verbose_name=gettext_lazy("Boleta"), empty_values=())

    class Meta:
        model = WaterRecord
        fields = ()
        sequence = (
            "supply",
            "meter_number",
            "period_start",
            "period_end",
            "m3",
            "cost_clp",
            "invoice",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay registros de agua este año.")

    def render_m3(self, value):
        return fmt(value)

    def render_cost_clp(self, value):
        return fmt(value)

    def render_invoice(self, record):
        if not record.invoice:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:ev-water-invoice", args=[record.pk]),
            _("Descargar"),
        )

    def value_invoice(self, record):
        return _("Sí") if record.invoice else _("No")


class WasteTable(EditColumnMixin, tables.Table):
    month = tables.Column(verbose_name=gettext_lazy("Mes"))
    waste_type = tables.Column(verbose_name=gettext_lazy("Tipo de residuo"))
    recycled = tables.BooleanColumn(
        verbose_name=gettext_lazy("Reciclado"),
        accessor="waste_type__is_recycled",
        yesno=(gettext_lazy("Sí"), gettext_lazy("No")),
    )
    kg = tables.Column(verbose_name=gettext_lazy("kg"))
    observation = tables.Column(verbose_name=gettext_lazy("Observación"), default="")

    class Meta:
        model = WasteRecord
        fields = ()
        sequence = ("month", "waste_type", "recycled", "kg", "observation", "actions")
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay registros de residuos este año.")

    def render_month(self, record):
        return month_label(record)

    def value_month(self, record):
        return month_label(record)

    def render_kg(self, value):
        return fmt(value)


# ---------------------------------------------------------------- unit pages

MODULES = {
    Module.PAPER: {
        "model": PaperPurchase,
        "list": "management:ev-paper",
        "create": "management:ev-paper-create",
        "title": gettext_lazy("Gestión de Papel"),
    },
    Module.WATER: {
        "model": WaterRecord,
        "list": "management:ev-water",
        "create": "management:ev-water-create",
        "title": gettext_lazy("Gestión de Agua"),
    },
    Module.WASTE: {
        "model": WasteRecord,
        "list": "management:ev-waste",
        "create": "management:ev-waste-create",
        "title": gettext_lazy("Gestión de Residuos"),
    },
}


class UnitModuleView(GestionMixin, ResolveAfterAccess, FilteredTableView):
    """One module's page of a unit: yearly totals, the declaration and the rows."""

    module = ""
    template_name = "management/estado_verde/unit_module.html"

    def resolve(self, request, **kwargs):
        self.unit = unit_for(request.user, kwargs["pk"], write=False)

    @property
    def page_title(self):
        return MODULES[self.module]["title"]

    @property
    def export_name(self):
        return f"{self.module}-{self.unit.pk}"

    def year(self):
        return selected_year(self.request)

    def can_write(self):
        if not hasattr(self, "_can_write"):
            self._can_write = can_write_unit(self.request.user, self.unit)
        return self._can_write

    def get_queryset(self):
        model = MODULES[self.module]["model"]
        return model.objects.visible_to(self.request.user, roles=READ).filter(
            unit=self.unit
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.can_write = self.can_write()
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.year()
        context.update(
            unit=self.unit,
            module=self.module,
            modules=[
                (key, conf["title"], reverse(conf["list"], args=[self.unit.pk]))
                for key, conf in MODULES.items()
            ],
            selected_year=year,
            reports=services.reports_other_items(self.unit, year),
            summary=selectors.unit_summary(self.unit, year),
            note=services.note_for(self.unit, year, self.module),
            can_write=self.can_write(),
            create_url=reverse(MODULES[self.module]["create"], args=[self.unit.pk])
            + f"?year={year}",
            note_url=reverse(
                "management:ev-unit-note", args=[self.unit.pk, self.module]
            )
            + f"?year={year}",
        )
        return context


class PaperView(UnitModuleView):
    module = Module.PAPER
    table_class = PaperTable
    filterset_class = PaperFilter


class WaterView(UnitModuleView):
    module = Module.WATER
    table_class = WaterTable
    filterset_class = WaterFilter

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fixtures"] = WaterFixture.objects.filter(unit=self.unit)
        return context


class WasteView(UnitModuleView):
    module = Module.WASTE
    table_class = WasteTable
    filterset_class = WasteFilter

    def get_queryset(self):
        return super().get_queryset().select_related("waste_type")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["containers"] = WasteContainer.objects.filter(unit=self.unit)
        context["by_type"] = selectors.waste_by_type([self.unit.pk], self.year())
        return context


# ---------------------------------------------------------------- forms


class UnitFormView(GestionMixin, ResolveAfterAccess, FormView):
    """Create or correct one row of a unit (``pk`` is the unit, or the row)."""

    allowed_roles = UNIT_WORK
    template_name = "management/estado_verde/form.html"
    model = None
    module = ""
    title = ""
    editing = False
    record = None

    def resolve(self, request, **kwargs):
        if self.editing:
            self.record = get_object_or_404(
                self.model.objects.visible_to(request.user, roles=READ).select_related(
                    "unit"
                ),
                pk=kwargs["pk"],
            )
            self.unit = self.record.unit
            if not can_write_unit(request.user, self.unit):
                raise PermissionDenied
        else:
            self.unit = unit_for(request.user, kwargs["pk"], write=True)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.record or self.model(unit=self.unit)
        return kwargs

    def get_initial(self):
        raw = self.request.GET.get("year", "")
        return {"year": int(raw)} if raw.isdigit() else {}

    def back_url(self, year=None):
        url = reverse(MODULES[self.module]["list"], args=[self.unit.pk])
        year = year or getattr(self.record, "year", None)
        return f"{url}?year={year}" if year else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            unit=self.unit,
            title=self.title,
            back_url=self.back_url(),
            record=self.record,
            delete_url=self.delete_url() if self.record else None,
            another=not self.editing,
        )
        return context

    def delete_url(self):
        return ""

    def save(self, obj):
        raise NotImplementedError

    def form_valid(self, form):
        obj = form.save(commit=False)
        obj.unit = self.unit
        try:
            obj = self.save(obj)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("«%(o)s» guardado.") % {"o": obj})
        if self.request.POST.get("action") == "another":
            url = reverse(MODULES[self.module]["create"], args=[self.unit.pk])
            return redirect(f"{url}?year={getattr(obj, 'year', '')}")
        return redirect(self.back_url(getattr(obj, "year", None)))


class PaperCreateView(UnitFormView):
    model = PaperPurchase
    form_class = PaperPurchaseForm
    module = Module.PAPER
    title = gettext_lazy("Registrar compra de papel")

    def save(self, obj):
        return services.save_paper_purchase(purchase=obj, user=self.request.user)

    def delete_url(self):
        return reverse("management:ev-paper-delete", args=[self.record.pk])


class PaperUpdateView(PaperCreateView):
    editing = True
    title = gettext_lazy("Corregir compra de papel")


class WaterCreateView(UnitFormView):
    model = WaterRecord
    form_class = WaterRecordForm
    module = Module.WATER
    title = gettext_lazy("Registrar consumo de agua")

    def get_initial(self):
        return {"supply": WaterRecord.Supply.NETWORK}

    def save(self, obj):
        return services.save_water_record(record=obj, user=self.request.user)

    def delete_url(self):
        return reverse("management:ev-water-delete", args=[self.record.pk])


class WaterUpdateView(WaterCreateView):
    editing = True
    title = gettext_lazy("Corregir consumo de agua")


class WasteCreateView(UnitFormView):
    model = WasteRecord
    form_class = WasteRecordForm
    module = Module.WASTE
    title = gettext_lazy("Registrar residuos")

    def save(self, obj):
        return services.save_waste_record(record=obj, user=self.request.user)

    def delete_url(self):
        return reverse("management:ev-waste-delete", args=[self.record.pk])


class WasteUpdateView(WasteCreateView):
    editing = True
    title = gettext_lazy("Corregir residuos")


class DeleteRecordView(GestionMixin, View):
    """Remove a row (POST only); it stays in the audit history."""

    allowed_roles = UNIT_WORK
    http_method_names = ["post"]
    model = None
    module = ""

    def post(self, request, pk):
        record = get_object_or_404(
            self.model.objects.visible_to(request.user, roles=READ).select_related(
                "unit"
            ),
            pk=pk,
        )
        if not can_write_unit(request.user, record.unit):
            raise PermissionDenied
        year = getattr(record, "year", None)
        label = str(record)
        services.delete_record(record=record)
        messages.success(request, _("«%(o)s» eliminado.") % {"o": label})
        url = reverse(MODULES[self.module]["list"], args=[record.unit_id])
        return redirect(f"{url}?year={year}" if year else url)


class PaperDeleteView(DeleteRecordView):
    model, module = PaperPurchase, Module.PAPER


class WaterDeleteView(DeleteRecordView):
    model, module = WaterRecord, Module.WATER


class WasteDeleteView(DeleteRecordView):
    model, module = WasteRecord, Module.WASTE


class FixtureDeleteView(DeleteRecordView):
    model, module = WaterFixture, Module.WATER


class ContainerDeleteView(DeleteRecordView):
    model, module = WasteContainer, Module.WASTE


class FixtureCreateView(UnitFormView):
    model = WaterFixture
    form_class = WaterFixtureForm
    module = Module.WATER
    title = gettext_lazy("Artefacto de agua")

    def get_initial(self):
        return {}

    def save(self, obj):
        return services.save_fixture(fixture=obj)

    def delete_url(self):
        return reverse("management:ev-fixture-delete", args=[self.record.pk])


class FixtureUpdateView(FixtureCreateView):
    editing = True


class ContainerCreateView(UnitFormView):
    model = WasteContainer
    form_class = WasteContainerForm
    module = Module.WASTE
    title = gettext_lazy("Contenedor de residuos")

    def get_initial(self):
        return {}

    def save(self, obj):
        return services.save_container(container=obj)

    def delete_url(self):
        return reverse("management:ev-container-delete", args=[self.record.pk])


class ContainerUpdateView(ContainerCreateView):
    editing = True


class UnitNoteView(GestionMixin, ResolveAfterAccess, FormView):
    """The unit's yearly declaration for a module: "no gestiona", water flags."""

    allowed_roles = UNIT_WORK
    form_class = UnitModuleNoteForm
    template_name = "management/estado_verde/form.html"

    def resolve(self, request, **kwargs):
        if kwargs["module"] not in MODULES:
            raise Http404
        self.unit = unit_for(request.user, kwargs["pk"], write=True)
        self.module = kwargs["module"]
        self.year = selected_year(request)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = services.note_for(self.unit, self.year, self.module)
        kwargs["module"] = self.module
        return kwargs

    def back_url(self):
        url = reverse(MODULES[self.module]["list"], args=[self.unit.pk])
        return f"{url}?year={self.year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            unit=self.unit,
            title=_("%(m)s %(y)s: declaración de la unidad")
            % {"m": MODULES[self.module]["title"], "y": self.year},
            back_url=self.back_url(),
        )
        return context

    def form_valid(self, form):
        try:
            services.save_unit_note(note=form.save(commit=False))
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Declaración guardada."))
        return redirect(self.back_url())


class WaterInvoiceView(GestionMixin, View):
    """The water invoice file, to whoever reads the unit."""

    def get(self, request, pk):
        record = get_object_or_404(
            WaterRecord.objects.visible_to(request.user, roles=READ), pk=pk
        )
        if not record.invoice:
            raise Http404(_("Este registro no tiene archivo."))
        return FileResponse(
            record.invoice.open("rb"),
            as_attachment=True,
            filename=record.invoice.name.rsplit("/", 1)[-1],
        )


# ---------------------------------------------------------------- Estado Verde home


class UnitsTable(tables.Table):
    unit = tables.Column(verbose_name=gettext_lazy("Unidad"), orderable=False)
    collaborators = tables.Column(
        verbose_name=gettext_lazy("Colaboradores"), orderable=False
    )
    reams = tables.Column(verbose_name=gettext_lazy("Resmas"), orderable=False)
    reams_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("Resmas/colab."), orderable=False
    )
    m3 = tables.Column(verbose_name=gettext_lazy("Agua (m³)"), orderable=False)
    m3_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("m³/colab."), orderable=False
    )
    waste_kg = tables.Column(
        verbose_name=gettext_lazy("Residuos (kg)"), orderable=False
    )
    recycling_rate = tables.Column(
        verbose_name=gettext_lazy("% reciclaje"), orderable=False
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = gettext_lazy(
            "Ninguna unidad reporta papel, agua y residuos este año (revise el Alcance)."
        )

    def render_unit(self, value):
        links = format_html_join(
            " · ",
            '<a href="{}?year={}">{}</a>',
            (
                (reverse(name, args=[value.pk]), self.year, label)
                for name, label in (
                    ("management:ev-paper", _("Papel")),
                    ("management:ev-water", _("Agua")),
                    ("management:ev-waste", _("Residuos")),
                )
            ),
        )
        return format_html(
            '<strong>{}</strong><br><span class="muted">{} {}</span><br>{}',
            value.name,
            value.building.street,
            value.building.number,
            links,
        )

    def value_unit(self, value):
        return value.name

    def render_reams(self, value):
        return fmt(value)

    def render_m3(self, value):
        return fmt(value)

    def render_waste_kg(self, value):
        return fmt(value)

    def render_reams_per_collaborator(self, value):
        return fmt(value)

    def render_m3_per_collaborator(self, value):
        return fmt(value)

    def render_recycling_rate(self, value):
        return f"{fmt(value)} %" if value is not None else "—"


class EstadoVerdeView(ServiceMixin, TemplateView):
    """Estado Verde: the service's reporting units in a year, with their figures."""

    template_name = "management/estado_verde/home.html"
    service_roles = READ

    def rows(self):
        service = self.service_or_404()
        units = (
            selectors.reporting_units(
                Unit.objects.visible_to(self.request.user, roles=READ).filter(
                    service=service, is_active=True
                ),
                selected_year(self.request),
            )
            .with_place()
            .order_by("name", "pk")
        )
        return selectors.summary_by_unit(units, selected_year(self.request))

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            from .reports import export_unit_rows

            return export_unit_rows(
                self.rows(), export, f"estado-verde-{selected_year(request)}"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows()
        year = selected_year(self.request)
        table = UnitsTable(rows)
        table.year = year
        tables.RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        query = self.request.GET.copy()
        query.pop("page", None)
        exports = {}
        for fmt_ in ("csv", "xlsx"):
            query["export"] = fmt_
            exports[fmt_] = "?" + query.urlencode()
        context.update(
            table=table,
            selected_year=year,
            years=year_choices(),
            totals=selectors.combine(rows),
            export_urls=exports,
        )
        return context
