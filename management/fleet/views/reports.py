"""Reportes: km, fuel, km/L, cost per km and emissions per vehicle, unit, service
and nation; monthly charts drawn on the server; vehicles without activity."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lms.core.charts import Series, bar_chart, data_table
from lms.core.exports import csv_response, xlsx_response

from .. import selectors
from ..factors import FUEL_FACTORS, Fuel
from ..models import Vehicle
from ..permissions import READ
from .base import FleetMixin

LEVELS = {
    "vehiculo": gettext_lazy("Vehículo"),
    "unidad": gettext_lazy("Unidad"),
    "servicio": gettext_lazy("Servicio"),
}
MONTHS = [
    "Ene",
    "Feb",
    "Mar",
    "Abr",
    "May",
    "Jun",
    "Jul",
    "Ago",
    "Sep",
    "Oct",
    "Nov",
    "Dic",
]


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def export_row(row) -> list:
    return [
        row.label,
        row.extra.get("vehicle", ""),
        row.extra.get("motor", ""),
        row.vehicles,
        row.km,
        row.litres,
        row.kwh,
        row.km_per_litre,
        row.km_per_kwh,
        row.cost_clp,
        row.cost_per_km,
        row.co2e_t,
        row.low_emission_share,
    ]


class FleetReportView(FleetMixin, TemplateView):
    allowed_roles = READ
    template_name = "fleet/reports.html"

    def get(self, request, *args, **kwargs):
        this_year = timezone.localdate().year
        self.year = _int(request.GET.get("anio"), this_year, 2015, this_year)
        self.level = request.GET.get("nivel", "vehiculo")
        if self.level not in LEVELS:
            self.level = "vehiculo"
        self.days = _int(request.GET.get("dias"), 30, 1, 3650)
        vehicles = self.narrow(Vehicle.objects.visible_to(request.user, roles=READ))
        self.vehicles = vehicles
        start = date(self.year, 1, 1)
        end = min(date(self.year, 12, 31), timezone.localdate())
        self.rows = selectors.vehicle_rows(vehicles, start, end)
        if self.level == "unidad":
            self.table = selectors.unit_rows(vehicles, self.rows)
        elif self.level == "servicio":
            self.table = selectors.service_rows(self.rows)
        else:
            self.table = self.rows
        self.total = selectors.total(self.rows, _("Total"))
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            header = [
                str(LEVELS[self.level]),
                _("Vehículo"),
                _("Motor"),
                _("Vehículos"),
                _("km"),
                _("Litros"),
                _("kWh"),
                _("km/L"),
                _("km/kWh"),
                _("Costo (CLP)"),
                _("Costo por km (CLP)"),
                _("tCO2e"),
                _("% eléctricos e híbridos"),
            ]
            rows = [export_row(r) for r in self.table] + [export_row(self.total)]
            name = f"flota-{self.level}-{self.year}"
            if export == "csv":
                return csv_response(header, rows, name)
            return xlsx_response(header, rows, name, title=_("Flota"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        months = selectors.monthly(self.vehicles, self.year)
        fuel_series = [
            Series(_("Litros"), [float(months[m]["litres"]) for m in range(1, 13)]),
            Series(_("kWh"), [float(months[m]["kwh"]) for m in range(1, 13)]),
        ]
        co2_series = [
            Series(_("kg CO2e"), [float(months[m]["co2"]) for m in range(1, 13)])
        ]
        query = self.request.GET.copy()
        query.pop("export", None)
        exports = {}
        for fmt in ("csv", "xlsx"):
            query["export"] = fmt
            exports[fmt] = "?" + query.urlencode()
        this_year = timezone.localdate().year
        return super().get_context_data(
            year=self.year,
            years=range(this_year, this_year - 6, -1),
            level=self.level,
            levels=LEVELS.items(),
            level_label=LEVELS[self.level],
            days=self.days,
            table=self.table,
            total=self.total,
            export_urls=exports,
            fuel_chart=bar_chart(
                MONTHS, fuel_series, title=_("Combustible y electricidad por mes")
            ),
            fuel_table=data_table(
                MONTHS, fuel_series, caption=_("Combustible y electricidad por mes")
            ),
            co2_chart=bar_chart(
                MONTHS, co2_series, title=_("Emisiones por mes"), unit="kg CO2e"
            ),
            co2_table=data_table(
                MONTHS, co2_series, caption=_("Emisiones por mes"), unit="kg CO2e"
            ),
            inactive=selectors.inactive_vehicles(self.vehicles, self.days)[:200],
            factors=[(Fuel(k).label, f) for k, f in FUEL_FACTORS.items()],
            **kwargs,
        )
