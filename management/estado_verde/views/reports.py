"""Reportes: Estado Verde indicators per unit, service and nation, with charts and exports."""

import django_tables2 as tables

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lms.core.charts import Series, bar_chart, data_table
from lms.core.exports import csv_response, xlsx_response
from management.models import Service, Unit
from management.permissions import MINISTRY, READ
from management.views.base import GestionMixin, ServiceMixin

from .. import selectors
from ..forms import year_choices
from ..models import MONTHS, EmissionFactor, PaperPurchase, WasteRecord
from .common import ResolveAfterAccess, fmt, selected_year, unit_for


def unit_header():
    return [
        _("Unidad"),
        _("Dirección"),
        _("Colaboradores"),
        _("Superficie (m²)"),
        _("Resmas"),
        _("Resmas recicladas"),
        _("Costo papel (CLP)"),
        _("Resmas por colaborador"),
        _("Agua (m³)"),
        _("Costo agua (CLP)"),
        _("m³ por colaborador"),
        _("m³ por m²"),
        _("Residuos (kg)"),
        _("Reciclados (kg)"),
        _("Tasa de reciclaje (%)"),
    ]


def unit_line(r):
    unit = r["unit"]
    return [
        unit.name,
        f"{unit.building.street} {unit.building.number}",
        r["collaborators"],
        unit.surface_m2,
        r["reams"],
        r["recycled_reams"],
        r["paper_cost"],
        r["reams_per_collaborator"],
        r["m3"],
        r["water_cost"],
        r["m3_per_collaborator"],
        r["m3_per_m2"],
        r["waste_kg"],
        r["recycled_kg"],
        r["recycling_rate"],
    ]


def export_unit_rows(rows, export: str, name: str):
    data = (unit_line(r) for r in rows)
    if export == "csv":
        return csv_response(unit_header(), data, name)
    return xlsx_response(unit_header(), data, name, title=_("Estado Verde"))


# ---------------------------------------------------------------- screens


def chart(labels, series, title, unit=""):
    """A server-drawn bar chart with its figures as a table; None when all is zero."""
    if not any(v for s in series for v in s.values):
        return None
    return {
        "title": title,
        "svg": bar_chart(labels, series, title=title, unit=unit),
        "table": data_table(labels, series, caption=title, unit=unit),
    }


def export_links(request) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    links = {}
    for kind in ("csv", "xlsx"):
        query["export"] = kind
        links[kind] = "?" + query.urlencode()
    return links


def as_float(value):
    return float(value) if value is not None else None


class ReportUnitsTable(tables.Table):
    unit = tables.Column(verbose_name=gettext_lazy("Unidad"), orderable=False)
    reams_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("Resmas/colaborador"), orderable=False
    )
    m3_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("m³/colaborador"), orderable=False
    )
    m3_per_m2 = tables.Column(verbose_name=gettext_lazy("m³/m²"), orderable=False)
    waste_kg = tables.Column(
        verbose_name=gettext_lazy("Residuos (kg)"), orderable=False
    )
    recycling_rate = tables.Column(
        verbose_name=gettext_lazy("% reciclaje"), orderable=False
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = gettext_lazy("No hay unidades que reporten este año.")

    def render_unit(self, value):
        return format_html(
            '<a href="{}?year={}">{}</a>',
            reverse("management:report-unit", args=[value.pk]),
            self.year,
            value.name,
        )

    def render_reams_per_collaborator(self, value):
        return fmt(value)

    def render_m3_per_collaborator(self, value):
        return fmt(value)

    def render_m3_per_m2(self, value):
        return fmt(value)

    def render_waste_kg(self, value):
        return fmt(value)

    def render_recycling_rate(self, value):
        return f"{fmt(value)} %" if value is not None else "—"


class ServiceReportView(ServiceMixin, TemplateView):
    """Reportes: the service's Estado Verde indicators by unit, travel emissions, charts."""

    template_name = "management/estado_verde/report.html"
    service_roles = READ

    def rows(self):
        service = self.service_or_404()
        year = selected_year(self.request)
        units = (
            selectors.reporting_units(
                Unit.objects.visible_to(self.request.user, roles=READ).filter(
                    service=service, is_active=True
                ),
                year,
            )
            .with_place()
            .order_by("name", "pk")
        )
        return selectors.summary_by_unit(units, year)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return export_unit_rows(
                self.rows(), export, f"reporte-estado-verde-{selected_year(request)}"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.service_or_404()
        year = selected_year(self.request)
        rows = self.rows()
        table = ReportUnitsTable(rows)
        table.year = year
        tables.RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        unit_ids = [r["unit"].pk for r in rows]
        months = [str(label)[:3] for _n, label in MONTHS]
        travel = selectors.travel_by_service([service.pk], year)[service.pk]
        context.update(
            table=table,
            selected_year=year,
            years=year_choices(),
            totals=selectors.combine(rows),
            travel=travel,
            export_urls=export_links(self.request),
            charts=[
                chart(
                    months,
                    [
                        Series(
                            _("Resmas"),
                            [
                                as_float(v)
                                for v in selectors.monthly(
                                    PaperPurchase, "reams", unit_ids, year
                                )
                            ],
                        )
                    ],
                    _("Papel comprado por mes (registros mensuales)"),
                    _("resmas"),
                ),
                chart(
                    months,
                    [
                        Series(
                            _("Residuos"),
                            [
                                as_float(v)
                                for v in selectors.monthly(
                                    WasteRecord, "kg", unit_ids, year
                                )
                            ],
                        )
                    ],
                    _("Residuos por mes (registros mensuales)"),
                    "kg",
                ),
            ],
            unconfirmed=EmissionFactor.objects.filter(confirmed=False).exists(),
        )
        context["charts"] = [c for c in context["charts"] if c]
        return context


class UnitReportView(GestionMixin, ResolveAfterAccess, TemplateView):
    """Reporte de una unidad: its indicators and monthly paper and waste."""

    template_name = "management/estado_verde/report_unit.html"

    def resolve(self, request, **kwargs):
        self.unit = unit_for(request.user, kwargs["pk"], write=False)

    def monthly_rows(self, year):
        ids = [self.unit.pk]
        reams = selectors.monthly(PaperPurchase, "reams", ids, year)
        kg = selectors.monthly(WasteRecord, "kg", ids, year)
        recycled = selectors.monthly_recycled(ids, year)
        return [
            (str(label), reams[n - 1], kg[n - 1], recycled[n - 1])
            for n, label in MONTHS
        ]

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            year = selected_year(request)
            header = [_("Mes"), _("Resmas"), _("Residuos (kg)"), _("Reciclados (kg)")]
            data = self.monthly_rows(year)
            name = f"reporte-unidad-{self.unit.pk}-{year}"
            if export == "csv":
                return csv_response(header, data, name)
            return xlsx_response(header, data, name, title=_("Unidad"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = selected_year(self.request)
        monthly = self.monthly_rows(year)
        labels = [m[0][:3] for m in monthly]
        context.update(
            unit=self.unit,
            selected_year=year,
            years=year_choices(),
            summary=selectors.unit_summary(self.unit, year),
            monthly=monthly,
            export_urls=export_links(self.request),
            charts=[
                chart(
                    labels,
                    [Series(_("Resmas"), [as_float(m[1]) for m in monthly])],
                    _("Papel por mes"),
                    _("resmas"),
                ),
                chart(
                    labels,
                    [
                        Series(_("Residuos"), [as_float(m[2]) for m in monthly]),
                        Series(_("Reciclados"), [as_float(m[3]) for m in monthly]),
                    ],
                    _("Residuos y reciclaje por mes"),
                    "kg",
                ),
            ],
        )
        context["charts"] = [c for c in context["charts"] if c]
        return context


class NationReportTable(tables.Table):
    service = tables.Column(verbose_name=gettext_lazy("Servicio"), orderable=False)
    units = tables.Column(verbose_name=gettext_lazy("Unidades"), orderable=False)
    reams_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("Resmas/colab."), orderable=False
    )
    m3_per_collaborator = tables.Column(
        verbose_name=gettext_lazy("m³/colab."), orderable=False
    )
    m3_per_m2 = tables.Column(verbose_name=gettext_lazy("m³/m²"), orderable=False)
    waste_kg = tables.Column(
        verbose_name=gettext_lazy("Residuos (kg)"), orderable=False
    )
    recycling_rate = tables.Column(
        verbose_name=gettext_lazy("% reciclaje"), orderable=False
    )
    commuting_t = tables.Column(
        verbose_name=gettext_lazy("Traslados (tCO2e)"), orderable=False
    )
    flights_t = tables.Column(
        verbose_name=gettext_lazy("Vuelos (tCO2e)"), orderable=False
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Ningún servicio reporta este año.")

    def render_service(self, value):
        return value.name

    def render_reams_per_collaborator(self, value):
        return fmt(value)

    def render_m3_per_collaborator(self, value):
        return fmt(value)

    def render_m3_per_m2(self, value):
        return fmt(value)

    def render_waste_kg(self, value):
        return fmt(value)

    def render_recycling_rate(self, value):
        return f"{fmt(value)} %" if value is not None else "—"

    def render_commuting_t(self, value):
        return fmt(value)

    def render_flights_t(self, value):
        return fmt(value)


NATION_HEADER = [
    "Servicio",
    "Unidades",
    "Colaboradores",
    "Resmas",
    "Resmas por colaborador",
    "Agua (m³)",
    "m³ por colaborador",
    "m³ por m²",
    "Residuos (kg)",
    "Tasa de reciclaje (%)",
    "Traslados (tCO2e)",
    "Vuelos (tCO2e)",
]


class NationReportView(GestionMixin, TemplateView):
    """Reporte nacional: each service's indicators in a year, with national totals."""

    allowed_roles = MINISTRY
    template_name = "management/estado_verde/report_nation.html"

    def rows(self, year):
        units = (
            selectors.reporting_units(
                Unit.objects.visible_to(self.request.user, roles=MINISTRY).filter(
                    is_active=True
                ),
                year,
            )
            .select_related("service")
            .order_by("service__name", "pk")
        )
        by_service: dict[int, list] = {}
        services: dict[int, Service] = {}
        for row in selectors.summary_by_unit(units, year):
            unit = row["unit"]
            by_service.setdefault(unit.service_id, []).append(row)
            services[unit.service_id] = unit.service
        travel = selectors.travel_by_service(list(services), year)
        result = []
        for service_id, unit_rows in by_service.items():
            totals = selectors.combine(unit_rows)
            result.append(
                {
                    **totals,
                    "service": services[service_id],
                    "units": len(unit_rows),
                    **travel[service_id],
                }
            )
        return result, selectors.combine(
            [r for rows in by_service.values() for r in rows]
        )

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            year = selected_year(request)
            rows, _total = self.rows(year)
            data = (
                [
                    r["service"].name,
                    r["units"],
                    r["collaborators"],
                    r["reams"],
                    r["reams_per_collaborator"],
                    r["m3"],
                    r["m3_per_collaborator"],
                    r["m3_per_m2"],
                    r["waste_kg"],
                    r["recycling_rate"],
                    r["commuting_t"],
                    r["flights_t"],
                ]
                for r in rows
            )
            name = f"reporte-nacional-estado-verde-{year}"
            if export == "csv":
                return csv_response(NATION_HEADER, data, name)
            return xlsx_response(NATION_HEADER, data, name, title=_("Nacional"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = selected_year(self.request)
        rows, total = self.rows(year)
        table = NationReportTable(rows)
        tables.RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        ranked = sorted(
            (r for r in rows if r["recycling_rate"] is not None),
            key=lambda r: r["recycling_rate"],
            reverse=True,
        )[:10]
        context.update(
            table=table,
            total=total,
            services_count=len(rows),
            selected_year=year,
            years=year_choices(),
            export_urls=export_links(self.request),
            charts=[
                chart(
                    [r["service"].name[:14] for r in ranked],
                    [
                        Series(
                            _("Tasa de reciclaje"),
                            [as_float(r["recycling_rate"]) for r in ranked],
                        )
                    ],
                    _("Servicios con mayor tasa de reciclaje"),
                    "%",
                )
            ]
            if ranked
            else [],
        )
        context["charts"] = [c for c in context["charts"] if c]
        return context
