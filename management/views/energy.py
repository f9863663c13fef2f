"""Consumo: a unit's client numbers, meters and bills; the Red's review; summaries.

Every object is reached through ``visible_to(user)``: readers of the unit read, its
Gestor de Servicio and Gestor de Unidad (and the Administrador) write, another
service gets a 404.
"""

from decimal import Decimal

import django_filters
import django_tables2 as tables

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from lms.accounts.scoping import scope_for
from lms.core.exports import csv_response, xlsx_response
from lms.core.listing import FilteredTableView

from ..filters import region_choices
from ..forms_energy import (
    BillForm,
    BillReviewForm,
    ClientNumberForm,
    MeterChangeForm,
    MeterForm,
    parse_supply_value,
    supply_value,
)
from ..models import (
    Bill,
    ClientNumber,
    Meter,
    Service,
    Unit,
    UnitEnergySource,
)
from ..models.units import METERED_SOURCES, EnergySource
from ..permissions import READ, REVIEW, UNIT_WORK
from ..services import bills as bill_services
from .base import GestionMixin, ServiceMixin, apply_service_errors


def unit_for(user, pk, *, write: bool) -> Unit:
    """The unit ``pk`` if ``user`` reads it (else 404); 403 when writing is not theirs."""
    unit = get_object_or_404(
        Unit.objects.visible_to(user, roles=READ).with_place(), pk=pk
    )
    if write and not can_write(user, unit):
        raise PermissionDenied(_("Solo los gestores de la unidad registran consumos."))
    return unit


def can_write(user, unit) -> bool:
    return Unit.objects.visible_to(user, roles=UNIT_WORK).filter(pk=unit.pk).exists()


def year_choices():
    from ..services.locks import current_year

    return [(y, str(y)) for y in range(current_year(), 2017, -1)]


def number(value) -> str:
    """A figure as people read it in Chile: 9.450,5."""
    return formats.number_format(
        value.quantize(Decimal(1))
        if value == value.to_integral()
        else value.normalize(),
        use_l10n=True,
        force_grouping=True,
    )


class BillFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Año"),
        field_name="period_start",
        lookup_expr="year",
        empty_label=gettext_lazy("Todos"),
    )
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Fuente"),
        field_name="source",
        choices=EnergySource.choices,
        empty_label=gettext_lazy("Todas"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Estado"),
        choices=Bill.Status.choices,
        empty_label=gettext_lazy("Todos"),
    )
    findings = django_filters.ChoiceFilter(
        label=gettext_lazy("Advertencias"),
        choices=[
            ("1", gettext_lazy("Con advertencias")),
            ("0", gettext_lazy("Sin advertencias")),
        ],
        empty_label=gettext_lazy("Todas"),
        method="with_findings",
    )
    is_estimated = django_filters.ChoiceFilter(
        label=gettext_lazy("Estimada"),
        choices=[("1", gettext_lazy("Estimadas")), ("0", gettext_lazy("Leídas"))],
        empty_label=gettext_lazy("Todas"),
        method="with_estimated",
    )

    class Meta:
        model = Bill
        fields = ["year", "source", "status", "findings", "is_estimated"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = year_choices()

    def with_findings(self, queryset, name, value):
        if value not in ("0", "1"):
            return queryset
        if value == "1":
            return queryset.exclude(findings=[])
        return queryset.filter(findings=[])

    def with_estimated(self, queryset, name, value):
        if value not in ("0", "1"):
            return queryset
        return queryset.filter(is_estimated=value == "1")


#: Dates and amounts stay on one line in narrow columns.
NOWRAP = {"td": {"class": "nowrap"}}


class BillTable(tables.Table):
    source = tables.Column(verbose_name=gettext_lazy("Fuente"), accessor="source")
    meter = tables.Column(
        verbose_name=gettext_lazy("Medidor"),
        accessor="meter__number",
        default=gettext_lazy("Sin medidor"),
    )
    period_start = tables.DateColumn(
        verbose_name=gettext_lazy("Desde"), format="d-m-Y", attrs=NOWRAP
    )
    period_end = tables.DateColumn(
        verbose_name=gettext_lazy("Hasta"), format="d-m-Y", attrs=NOWRAP
    )
    consumption = tables.Column(verbose_name=gettext_lazy("Consumo"))
    kwh = tables.Column(verbose_name=gettext_lazy("kWh"))
    demand_kw = tables.Column(verbose_name=gettext_lazy("Demanda (kW)"))
    is_estimated = tables.Column(verbose_name=gettext_lazy("Estimada"))
    amount_clp = tables.Column(verbose_name=gettext_lazy("Monto (CLP)"))
    status = tables.Column(verbose_name=gettext_lazy("Estado"))
    findings = tables.Column(
        verbose_name=gettext_lazy("Advertencias"), orderable=False, empty_values=()
    )
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = Bill
        fields = ()
        sequence = (
            "source",
            "meter",
            "period_start",
            "period_end",
            "consumption",
            "kwh",
            "demand_kw",
            "is_estimated",
            "amount_clp",
            "status",
            "findings",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay boletas con estos filtros.")

    def render_source(self, record):
        return record.get_source_display()

    def value_source(self, record):
        return record.get_source_display()

    def render_consumption(self, record):
        return f"{number(record.consumption)} {record.consumption_unit}"

    def value_consumption(self, record):
        return record.consumption

    def render_kwh(self, value):
        return number(value)

    def value_kwh(self, value):
        return value

    def render_demand_kw(self, value):
        return number(value)

    def render_is_estimated(self, value):
        if not value:
            return _("No")
        return format_html('<span class="badge badge-warn">{}</span>', _("Estimada"))

    def value_is_estimated(self, value):
        return _("Sí") if value else _("No")

    def render_status(self, record):
        text = record.get_status_display()
        if record.status == Bill.Status.OBSERVED:
            return format_html(
                '<span class="badge badge-warn">{}</span> {}', text, record.review_note
            )
        badge = "badge-ok" if record.status == Bill.Status.APPROVED else ""
        return format_html('<span class="badge {}">{}</span>', badge, text)

    def value_status(self, record):
        return record.get_status_display()

    def render_findings(self, record):
        if not record.findings:
            return "—"
        return format_html(
            '<ul class="findings">{}</ul>',
            format_html(
                "".join("<li>{}</li>" for _f in record.findings), *record.findings
            ),
        )

    def value_findings(self, record):
        return " | ".join(record.findings)

    def render_actions(self, record):
        links = []
        if record.invoice:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("management:bill-invoice", args=[record.pk]),
                    _("Boleta"),
                )
            )
        if getattr(self, "can_write", False) and record.status != Bill.Status.APPROVED:
            links.append(
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("management:bill-update", args=[record.pk]),
                    _("Corregir"),
                )
            )
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else ""


class ResolveUnitMixin:
    """Find the unit of the URL once the platform and role checks have passed."""

    def get_unit(self):
        return unit_for(self.request.user, self.kwargs["pk"], write=False)

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.get_unit()
        return super().dispatch(request, *args, **kwargs)


class UnitConsumptionView(GestionMixin, ResolveUnitMixin, FilteredTableView):
    """Mi Unidad > Consumo: client numbers, meters and the unit's bills."""

    table_class = BillTable
    filterset_class = BillFilter
    template_name = "management/energy/unit_consumption.html"
    page_title = gettext_lazy("Consumo de la unidad")

    def get_queryset(self):
        return (
            Bill.objects.visible_to(self.request.user, roles=READ)
            .filter(unit=self.unit)
            .with_meter()
            .order_by("-period_start", "pk")
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.can_write = self.can_write
        return table

    @property
    def can_write(self):
        if not hasattr(self, "_can_write"):
            self._can_write = can_write(self.request.user, self.unit)
        return self._can_write

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clients = (
            ClientNumber.objects.filter(unit=self.unit)
            .select_related("distributor")
            .prefetch_related(
                Prefetch(
                    "meters",
                    queryset=Meter.objects.annotate(bill_count=Count("bills"))
                    .select_related("replaced_by")
                    .prefetch_related("shared_with")
                    .order_by("-active_from", "pk"),
                )
            )
        )
        shared = Meter.objects.filter(shared_with=self.unit).select_related(
            "client_number__unit__building", "client_number__distributor"
        )
        context.update(
            unit=self.unit,
            client_numbers=clients,
            shared_meters=shared,
            can_write=self.can_write,
        )
        return context


class UnitWriteMixin(GestionMixin, ResolveUnitMixin):
    """Forms that change a unit's energy data."""

    allowed_roles = UNIT_WORK
    template_name = "management/energy/form.html"
    title = ""

    def get_unit(self):
        return unit_for(self.request.user, self.kwargs["pk"], write=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            unit=self.unit,
            title=self.title,
            back_url=reverse("management:unit-consumption", args=[self.unit.pk]),
        )
        return context

    def back(self):
        return redirect("management:unit-consumption", pk=self.unit.pk)


class ClientNumberCreateView(UnitWriteMixin, FormView):
    form_class = ClientNumberForm
    title = gettext_lazy("Agregar N° Cliente")

    def form_valid(self, form):
        try:
            client = bill_services.create_client_number(
                unit=self.unit, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("N° de cliente %(n)s agregado.") % {"n": client.number}
        )
        return self.back()


class MeterCreateView(UnitWriteMixin, FormView):
    form_class = MeterForm
    title = gettext_lazy("Agregar Medidor")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meter = bill_services.create_meter(
                client_number=data["client_number"],
                number=data["number"],
                active_from=data["active_from"],
                is_smart=data["is_smart"],
                shared_with=list(data["shared_with"]),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Medidor %(n)s agregado.") % {"n": meter.number}
        )
        return self.back()


class MeterChangeView(UnitWriteMixin, FormView):
    """Cambio de Medidor: the old meter and its bills stay as history."""

    form_class = MeterChangeForm
    title = gettext_lazy("Cambio de Medidor")

    def get_unit(self):
        self.meter = get_object_or_404(
            Meter.objects.visible_to(self.request.user, roles=READ).select_related(
                "client_number__unit"
            ),
            pk=self.kwargs["pk"],
        )
        unit = self.meter.client_number.unit
        if not can_write(self.request.user, unit):
            raise PermissionDenied
        return unit

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = _("Medidor actual: %(n)s, activo desde %(d)s.") % {
            "n": self.meter.number,
            "d": self.meter.active_from.strftime("%d-%m-%Y"),
        }
        return context

    def form_valid(self, form):
        try:
            new = bill_services.change_meter(meter=self.meter, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Medidor %(old)s reemplazado por %(new)s; sus boletas quedan en el historial."
            )
            % {"old": self.meter.number, "new": new.number},
        )
        return self.back()


class BillCreateView(UnitWriteMixin, FormView):
    """Agregar boleta: defaults from the meter's previous bill; "guardar y agregar otra"."""

    form_class = BillForm
    template_name = "management/energy/bill_form.html"
    title = gettext_lazy("Agregar boleta")
    bill = None

    def meters(self):
        return (
            Meter.objects.filter(client_number__unit=self.unit)
            .select_related("client_number")
            .order_by("active_until", "client_number__source", "number")
        )

    def unmetered_sources(self) -> list[str]:
        """Sources the unit may buy without a meter: those switched on in its
        Energéticos (and the one of the bill being corrected)."""
        on = set(
            UnitEnergySource.objects.filter(unit=self.unit, is_on=True).values_list(
                "source", flat=True
            )
        )
        if self.bill is not None and self.bill.meter_id is None:
            on.add(self.bill.source)
        return [s for s in EnergySource.values if s in on and s not in METERED_SOURCES]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meters": self.meters(),
            "sources": self.unmetered_sources(),
        }

    def get_initial(self):
        wanted = self.request.GET.get("medidor", "")
        meter_id, source = parse_supply_value(wanted)
        bills = Bill.objects.filter(unit=self.unit)
        if meter_id:
            bills = bills.filter(meter_id=meter_id)
        elif source:
            bills = bills.filter(meter__isnull=True, source=source)
        last = bills.order_by("-period_end").first()
        if last is None:
            return {"meter": wanted} if wanted else {}
        return {
            "meter": supply_value(last.meter_id, last.source),
            "period_start": last.period_end,
            "consumption_unit": last.consumption_unit,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bill"] = self.bill
        if self.bill is not None:
            context["history"] = self.bill.history.select_related(
                "history_user"
            ).order_by("-history_date", "-history_id")[:30]
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        action = self.request.POST.get("action", "submit")
        chosen = data["meter"]
        try:
            bill = bill_services.save_bill(
                meter=chosen if isinstance(chosen, Meter) else None,
                unit=self.unit,
                source=chosen if isinstance(chosen, str) else None,
                bill=self.bill,
                user=self.request.user,
                submit=action != "draft",
                data=bill_services.BillData(
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    issue_date=data["issue_date"],
                    consumption=data["consumption"],
                    amount_clp=data["amount_clp"],
                    observation=data["observation"],
                    invoice=data.get("invoice"),
                    demand_kw=data.get("demand_kw"),
                    is_estimated=data.get("is_estimated", False),
                    consumption_unit=data.get("consumption_unit") or "",
                ),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        text = _("Boleta del %(s)s al %(e)s guardada.") % {
            "s": bill.period_start.strftime("%d-%m-%Y"),
            "e": bill.period_end.strftime("%d-%m-%Y"),
        }
        if bill.findings:
            messages.warning(
                self.request, text + " " + _("Advertencias: ") + " ".join(bill.findings)
            )
        else:
            messages.success(self.request, text)
        if action == "another":
            url = reverse("management:bill-create", args=[self.unit.pk])
            return redirect(f"{url}?medidor={supply_value(bill.meter_id, bill.source)}")
        return self.back()


class BillUpdateView(BillCreateView):
    """Corregir una boleta (draft, submitted or observed by the Red)."""

    title = gettext_lazy("Corregir boleta")

    def get_unit(self):
        self.bill = get_object_or_404(
            Bill.objects.visible_to(self.request.user, roles=READ).with_meter(),
            pk=self.kwargs["pk"],
        )
        unit = self.bill.unit
        if not can_write(self.request.user, unit):
            raise PermissionDenied
        return unit

    def get_initial(self):
        b = self.bill
        return {
            "meter": supply_value(b.meter_id, b.source),
            "consumption_unit": b.consumption_unit,
            "period_start": b.period_start,
            "period_end": b.period_end,
            "issue_date": b.issue_date,
            "consumption": b.consumption,
            "amount_clp": b.amount_clp,
            "observation": b.observation,
            "demand_kw": b.demand_kw,
            "is_estimated": b.is_estimated,
        }


class BillInvoiceView(GestionMixin, View):
    """The bill's invoice file, to whoever reads the unit."""

    def get(self, request, *args, **kwargs):
        bill = get_object_or_404(
            Bill.objects.visible_to(request.user, roles=READ), pk=kwargs["pk"]
        )
        if not bill.invoice:
            raise Http404(_("Esta boleta no tiene archivo."))
        return FileResponse(
            bill.invoice.open("rb"),
            as_attachment=True,
            filename=bill.invoice.name.rsplit("/", 1)[-1],
        )


# ---------------------------------------------------------------- Consumo (summary)


class SummaryTable(tables.Table):
    unit = tables.Column(verbose_name=gettext_lazy("Unidad"), orderable=False)
    surface = tables.Column(
        verbose_name=gettext_lazy("Superficie (m²)"), orderable=False
    )
    bills = tables.Column(verbose_name=gettext_lazy("Boletas"), orderable=False)
    kwh = tables.Column(verbose_name=gettext_lazy("kWh"), orderable=False)
    amount_clp = tables.Column(
        verbose_name=gettext_lazy("Costo (CLP)"), orderable=False
    )
    kwh_m2 = tables.Column(
        verbose_name=gettext_lazy("kWh/m²"), orderable=False, default="—"
    )
    tco2e = tables.Column(
        verbose_name=gettext_lazy("tCO2e"), orderable=False, default="—"
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay unidades activas en este servicio.")

    def render_unit(self, value):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("management:unit-consumption", args=[value.pk]),
            f"{value.name} — {value.building.street} {value.building.number}",
        )


class ConsumptionView(ServiceMixin, TemplateView):
    """Consumo: the service's (or a Gestor de Unidad's) units in one year."""

    template_name = "management/energy/consumption.html"
    service_roles = READ

    def year(self):
        raw = self.request.GET.get("year", "")
        years = [y for y, _label in year_choices()]
        return int(raw) if raw.isdigit() and int(raw) in years else years[0]

    def rows(self):
        service = self.service_or_404()
        units = (
            Unit.objects.visible_to(self.request.user, roles=READ)
            .filter(service=service, is_active=True)
            .select_related("building")
            .order_by("name", "pk")
        )
        return bill_services.consumption_by_unit(units, self.year())

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            header = [
                _("Unidad"),
                _("Dirección"),
                _("Superficie (m²)"),
                _("Boletas"),
                _("kWh"),
                _("Costo (CLP)"),
                _("kWh/m²"),
                _("tCO2e"),
            ]
            data = [
                [
                    r["unit"].name,
                    f"{r['unit'].building.street} {r['unit'].building.number}",
                    r["unit"].surface_m2,
                    r["bills"],
                    r["kwh"],
                    r["amount_clp"],
                    r["kwh_m2"],
                    r["tco2e"],
                ]
                for r in self.rows()
            ]
            name = f"consumo-{self.year()}"
            if export == "csv":
                return csv_response(header, data, name)
            return xlsx_response(header, data, name, title=_("Consumo"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from ..models.energy import grid_factor, grid_factor_year

        context = super().get_context_data(**kwargs)
        rows = self.rows()
        year = self.year()
        for r in rows:
            r["surface"] = r["unit"].surface_m2
        table = SummaryTable(rows)
        tables.RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        surface = sum((r["unit"].surface_m2 for r in rows), Decimal(0))
        kwh = sum((r["kwh"] for r in rows), Decimal(0))
        query = self.request.GET.copy()
        query.pop("page", None)
        exports = {}
        for fmt in ("csv", "xlsx"):
            query["export"] = fmt
            exports[fmt] = "?" + query.urlencode()
        context.update(
            table=table,
            selected_year=year,
            years=year_choices(),
            total_kwh=kwh,
            total_clp=sum(r["amount_clp"] for r in rows),
            total_tco2e=sum((r["tco2e"] or 0 for r in rows), Decimal(0)),
            without_factor=sorted({s for r in rows for s in r["without_factor"]}),
            total_kwh_m2=(kwh / surface).quantize(Decimal("0.01")) if surface else None,
            grid_factor=grid_factor(year),
            grid_factor_year=grid_factor_year(year),
            export_urls=exports,
            is_reviewer=self.request.user.has_role(*REVIEW),
            can_import=scope_for(self.request.user, UNIT_WORK).allows_service(
                self.service_or_404().pk
            ),
        )
        return context


# ---------------------------------------------------------------- the Red's review


class ReviewFilter(django_filters.FilterSet):
    service = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Servicio"),
        field_name="unit__service",
        queryset=Service.objects.order_by("name"),
        empty_label=gettext_lazy("Todos"),
    )
    region = django_filters.ChoiceFilter(
        label=gettext_lazy("Región"),
        field_name="unit__building__comuna__province__region",
        choices=region_choices,
        empty_label=gettext_lazy("Todas"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Estado"),
        choices=Bill.Status.choices,
        empty_label=gettext_lazy("Todos"),
    )
    source = BillFilter.base_filters["source"]
    findings = BillFilter.base_filters["findings"]
    is_estimated = BillFilter.base_filters["is_estimated"]

    class Meta:
        model = Bill
        fields = ["service", "region", "status", "source", "findings", "is_estimated"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on what is waiting for the Red; "Todos" shows every bill.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", Bill.Status.SUBMITTED)
        super().__init__(data, *args, **kwargs)

    def with_findings(self, queryset, name, value):
        return BillFilter.with_findings(self, queryset, name, value)

    def with_estimated(self, queryset, name, value):
        return BillFilter.with_estimated(self, queryset, name, value)


class ReviewTable(BillTable):
    service = tables.Column(
        verbose_name=gettext_lazy("Servicio"),
        accessor="unit__service__name",
    )
    unit = tables.Column(verbose_name=gettext_lazy("Unidad"), accessor="unit__name")

    class Meta(BillTable.Meta):
        exclude = ("meter", "kwh")
        # The decision first, so it never scrolls out of sight.
        sequence = (
            "actions",
            "service",
            "unit",
            *(c for c in BillTable.Meta.sequence if c != "actions"),
        )
        empty_text = gettext_lazy("No hay boletas por revisar con estos filtros.")

    def render_actions(self, record):
        links = [super().render_actions(record)]
        if record.status == Bill.Status.SUBMITTED:
            links.append(
                render_to_string(
                    "management/energy/review_form.html",
                    {"bill": record, "csrf_token": self.csrf_token},
                )
            )
        return mark_safe("".join(str(x) for x in links))  # noqa: S308 — escaped parts


class ReviewQueueView(GestionMixin, FilteredTableView):
    """Revisión de boletas: the Red validates or observes submitted bills."""

    allowed_roles = REVIEW
    table_class = ReviewTable
    filterset_class = ReviewFilter
    page_title = gettext_lazy("Revisión de boletas")
    template_name = "management/energy/review_queue.html"

    def get_queryset(self):
        return (
            Bill.objects.visible_to(self.request.user, roles=REVIEW)
            .with_meter()
            .order_by("period_start", "pk")
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.csrf_token = get_token(self.request)
        return table


class BillReviewView(GestionMixin, View):
    allowed_roles = REVIEW
    http_method_names = ["post"]

    def post(self, request, pk):
        bill = get_object_or_404(
            Bill.objects.visible_to(request.user, roles=REVIEW), pk=pk
        )
        form = BillReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Elija validar u observar la boleta."))
        else:
            try:
                bill_services.review_bill(
                    bill=bill,
                    user=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Boleta del %(s)s %(state)s.")
                    % {
                        "s": bill.period_start.strftime("%d-%m-%Y"),
                        "state": _("validada")
                        if form.cleaned_data["decision"] == "approve"
                        else _("observada"),
                    },
                )
        back = request.POST.get("next", "")
        if not back.startswith(reverse("management:bill-review-list")):
            back = reverse("management:bill-review-list")
        return redirect(back)
