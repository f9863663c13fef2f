"""Consumo > Reporte: month by month for the service, a region or the whole country."""

from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lms.core.exports import csv_response, xlsx_response

from ..models import Region, Unit
from ..models.units import EnergySource
from ..permissions import MINISTRY, READ
from ..services.locks import current_year
from ..services.monthly import energy_report
from .base import ServiceMixin
from .energy import year_choices

LEVELS = (("servicio", "Servicio"), ("region", "Región"), ("nacional", "Nacional"))


def whole(value) -> int:
    return int(Decimal(value).quantize(Decimal("1"), ROUND_HALF_UP))


def bar_chart(rows, width=720, height=220) -> dict:
    """Bars of kWh per month, this year beside the year before (drawn as SVG)."""
    top = max(
        [r["kwh"] for r in rows] + [r["previous_kwh"] for r in rows] + [Decimal(1)]
    )
    slot = width / 12
    bars = []
    for index, row in enumerate(rows):
        for offset, value, css in (
            (0.15, row["previous_kwh"], "previous"),
            (0.5, row["kwh"], "current"),
        ):
            h = float(value / top) * (height - 30)
            bars.append(
                {
                    "x": round(index * slot + offset * slot, 1),
                    "y": round(height - 20 - h, 1),
                    "w": round(slot * 0.33, 1),
                    "h": round(h, 1),
                    "css": css,
                    "title": f"{row['label']}: {whole(value):,} kWh".replace(",", "."),
                }
            )
    labels = [
        {"x": round(i * slot + slot / 2, 1), "text": r["label"][:3]}
        for i, r in enumerate(rows)
    ]
    return {"width": width, "height": height, "bars": bars, "labels": labels}


class EnergyReportView(ServiceMixin, TemplateView):
    """The consumption report; the ministry also sees a region or the nation."""

    allowed_roles = READ
    template_name = "management/energy/report.html"
    needs_service = False

    def is_ministry(self) -> bool:
        return self.request.user.has_role(*MINISTRY)

    def year(self) -> int:
        try:
            year = int(self.request.GET.get("year") or current_year())
        except ValueError:
            return current_year()
        return year if 2018 <= year <= current_year() else current_year()

    def scope(self):
        """(level, title, units) from the query string and the user's reach."""
        level = self.request.GET.get("nivel") or (
            "nacional" if self.is_ministry() else "servicio"
        )
        units = Unit.objects.visible_to(self.request.user, roles=READ).filter(
            is_active=True
        )
        if level in ("region", "nacional") and not self.is_ministry():
            level = "servicio"
        if level == "nacional":
            return level, _("Todo el país"), units, None
        if level == "region":
            region = Region.objects.filter(
                pk=self.request.GET.get("region") or 0
            ).first()
            if region is None:
                region = Region.objects.order_by("position").first()
            return (
                level,
                region.name,
                units.filter(building__comuna__province__region=region),
                region,
            )
        service = self.service_or_404()
        return "servicio", service.name, units.filter(service=service), None

    def source(self) -> str | None:
        value = self.request.GET.get("energetico") or None
        return value if value in EnergySource.values else None

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            level, title, units, _region = self.scope()
            report = energy_report(units=units, year=self.year(), source=self.source())
            header = [
                _("Mes"),
                *[f"{label} (kWh)" for _s, label, _u in report["sources"]],
                *[f"{label} ({unit})" for _s, label, unit in report["sources"]],
                _("Total kWh"),
                _("Monto (CLP)"),
                _("CLP por kWh"),
                _("kWh año anterior"),
            ]
            rows = [
                [
                    r["label"],
                    *[round(v, 1) for v in r["by_source"]],
                    *[round(v, 1) for v in r["native"]],
                    round(r["kwh"], 1),
                    whole(r["amount"]),
                    round(r["clp_per_kwh"], 1) if r["clp_per_kwh"] else "",
                    round(r["previous_kwh"], 1),
                ]
                for r in report["rows"]
            ]
            name = f"reporte-consumo-{level}-{self.year()}"
            if export == "csv":
                return csv_response(header, rows, name)
            return xlsx_response(header, rows, name, title=_("Consumo"))
        try:
            return super().get(request, *args, **kwargs)
        except Region.DoesNotExist as exc:  # pragma: no cover - regions are seeded
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        level, title, units, region = self.scope()
        report = energy_report(units=units, year=self.year(), source=self.source())
        query = self.request.GET.copy()
        exports = {}
        for fmt in ("csv", "xlsx"):
            query["export"] = fmt
            exports[fmt] = "?" + query.urlencode()
        context.update(
            report=report,
            chart=bar_chart(report["rows"]),
            level=level,
            scope_title=title,
            region=region,
            regions=Region.objects.order_by("position") if self.is_ministry() else [],
            levels=LEVELS if self.is_ministry() else LEVELS[:1],
            years=year_choices(),
            selected_year=self.year(),
            sources=EnergySource.choices,
            selected_source=self.source() or "",
            export_urls=exports,
        )
        return context
