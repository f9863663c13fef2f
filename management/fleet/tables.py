"""Tables of the Flota lists (django-tables2): what is shown and what is exported."""

from decimal import Decimal

import django_tables2 as tables

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from lms.core.tables import DirectRowsMixin
from management.views.energy import number

from .models import Driver, FuelLoad, Trip, Vehicle


def efficiency_text(value, unit: str = "L") -> str:
    if value is None:
        return "—"
    return f"{number(Decimal(value).quantize(Decimal('0.1')))} km/{unit}"


#: Badge of each vehicle status on screen.
STATUS_BADGES = {"activo": "badge-ok", "mantencion": "badge-warn"}


class VehicleTable(DirectRowsMixin, tables.Table):
    plate = tables.Column(verbose_name=_("Patente"), linkify=True)
    brand = tables.Column(verbose_name=_("Marca"))
    model_name = tables.Column(verbose_name=_("Modelo"))
    year = tables.Column(verbose_name=_("Año"))
    vehicle_type = tables.Column(verbose_name=_("Tipo"))
    motor = tables.Column(verbose_name=_("Motor"))
    ownership = tables.Column(verbose_name=_("Propiedad"))
    service = tables.Column(verbose_name=_("Servicio"), accessor="service__name")
    units = tables.Column(verbose_name=_("Unidades"), orderable=False, empty_values=())
    efficiency = tables.Column(
        verbose_name=_("Rendimiento"), orderable=False, empty_values=()
    )
    status = tables.Column(verbose_name=_("Estado"))

    class Meta:
        model = Vehicle
        fields = ()
        sequence = (
            "plate",
            "brand",
            "model_name",
            "year",
            "vehicle_type",
            "motor",
            "ownership",
            "service",
            "units",
            "efficiency",
            "status",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay vehículos con estos filtros.")
        template_name = "django_tables2/direct_rows.html"

    def render_year(self, value):
        return str(value)

    def render_units(self, record):
        return ", ".join(u.name for u in record.units.all()) or "—"

    value_units = render_units

    def render_efficiency(self, record):
        unit = "kWh" if record.motor == Vehicle.Motor.ELECTRIC else "L"
        return efficiency_text(record.efficiency, unit)

    def value_efficiency(self, record):
        return record.efficiency

    def render_status(self, record):
        css = STATUS_BADGES.get(record.status, "")
        return format_html(
            '<span class="badge {}">{}</span>', css, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    # The page's rows are written by row_cells (lms/core/tables.py), the same cells
    # as the render_ methods above; the export goes through the view's values() query.
    def row_cells(self, v):
        if not hasattr(self, "_labels"):
            self._labels = {
                name: {value: str(label) for value, label in choices}
                for name, choices in (
                    ("vehicle_type", Vehicle.Type.choices),
                    ("motor", Vehicle.Motor.choices),
                    ("ownership", Vehicle.Ownership.choices),
                    ("status", Vehicle.Status.choices),
                )
            }
        labels, plain = self._labels, self.plain
        units = ", ".join(u.name for u in v.units.all())
        unit = "kWh" if v.motor == Vehicle.Motor.ELECTRIC else "L"
        return {
            "plate": format_html('<a href="{}">{}</a>', v.get_absolute_url(), v.plate),
            "brand": plain(v.brand),
            "model_name": plain(v.model_name),
            "year": plain(None if v.year is None else str(v.year)),
            "vehicle_type": plain(
                labels["vehicle_type"].get(v.vehicle_type, v.vehicle_type)
            ),
            "motor": plain(labels["motor"].get(v.motor, v.motor)),
            "ownership": plain(labels["ownership"].get(v.ownership, v.ownership)),
            "service": plain(v.service.name),
            "units": conditional_escape(units or "—"),
            "efficiency": conditional_escape(efficiency_text(v.efficiency, unit)),
            "status": format_html(
                '<span class="badge {}">{}</span>',
                STATUS_BADGES.get(v.status, ""),
                labels["status"].get(v.status, v.status),
            ),
        }


def findings_html(findings):
    if not findings:
        return "—"
    return format_html(
        '<ul class="findings">{}</ul>',
        format_html_join("", "<li>{}</li>", ((f,) for f in findings)),
    )


class FuelLoadTable(tables.Table):
    loaded_at = tables.DateTimeColumn(verbose_name=_("Fecha"), format="d-m-Y H:i")
    vehicle = tables.Column(
        verbose_name=_("Vehículo"),
        accessor="vehicle__plate",
        linkify=lambda record: record.vehicle.get_absolute_url(),
    )
    driver = tables.Column(verbose_name=_("Conductor"), orderable=False)
    odometer = tables.Column(verbose_name=_("Odómetro (km)"))
    quantity = tables.Column(verbose_name=_("Cantidad"))
    cost_clp = tables.Column(verbose_name=_("Costo (CLP)"))
    full_tank = tables.BooleanColumn(verbose_name=_("Lleno"), yesno=(_("Sí"), _("No")))
    efficiency = tables.Column(
        verbose_name=_("Rendimiento del tramo"), orderable=False, empty_values=()
    )
    co2e_kg = tables.Column(verbose_name=_("kg CO2e"))
    findings = tables.Column(
        verbose_name=_("Advertencias"), orderable=False, empty_values=()
    )
    actions = tables.Column(verbose_name="", orderable=False, empty_values=())

    class Meta:
        model = FuelLoad
        fields = ()
        sequence = (
            "loaded_at",
            "vehicle",
            "driver",
            "odometer",
            "quantity",
            "cost_clp",
            "full_tank",
            "efficiency",
            "co2e_kg",
            "findings",
            "actions",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay cargas con estos filtros.")

    def render_driver(self, record):
        return str(record.driver) if record.driver_id else "—"

    value_driver = render_driver

    def render_odometer(self, value):
        return number(Decimal(value))

    def value_odometer(self, value):
        return value

    def render_quantity(self, record):
        return f"{number(record.quantity)} {record.unit}"

    def value_quantity(self, record):
        return record.quantity

    def render_cost_clp(self, value):
        return number(Decimal(value))

    def value_cost_clp(self, value):
        return value

    def render_efficiency(self, record):
        if record.segment_km is None:
            return "—"
        return efficiency_text(record.efficiency, record.unit)

    def value_efficiency(self, record):
        eff = record.efficiency
        return None if eff is None else eff.quantize(Decimal("0.01"))

    def render_co2e_kg(self, value):
        return number(value.quantize(Decimal("0.1")))

    def value_co2e_kg(self, value):
        return value

    def render_findings(self, record):
        return findings_html(record.findings)

    def value_findings(self, record):
        return " | ".join(record.findings)

    def render_actions(self, record):
        if not record.receipt:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("fleet:fuel-receipt", args=[record.pk]),
            _("Comprobante"),
        )


class TripTable(tables.Table):
    departed_at = tables.DateTimeColumn(verbose_name=_("Salida"), format="d-m-Y H:i")
    returned_at = tables.DateTimeColumn(verbose_name=_("Llegada"), format="d-m-Y H:i")
    vehicle = tables.Column(
        verbose_name=_("Vehículo"),
        accessor="vehicle__plate",
        linkify=lambda record: record.vehicle.get_absolute_url(),
    )
    driver = tables.Column(verbose_name=_("Conductor"), orderable=False)
    origin = tables.Column(verbose_name=_("Origen"))
    destination = tables.Column(verbose_name=_("Destino"))
    purpose = tables.Column(verbose_name=_("Motivo"))
    km = tables.Column(verbose_name=_("km"), orderable=False, empty_values=())
    passengers = tables.Column(verbose_name=_("Pasajeros"))

    class Meta:
        model = Trip
        fields = ()
        sequence = (
            "departed_at",
            "returned_at",
            "vehicle",
            "driver",
            "origin",
            "destination",
            "purpose",
            "km",
            "passengers",
        )
        attrs = {"class": "table"}
        empty_text = _("No hay viajes con estos filtros.")

    def render_driver(self, record):
        return str(record.driver)

    value_driver = render_driver

    def render_km(self, record):
        return number(Decimal(record.km))

    def value_km(self, record):
        return record.km


class DriverTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Nombre"),
        accessor="user__last_name",
        linkify=lambda record: reverse("fleet:driver-update", args=[record.pk]),
    )
    email = tables.Column(verbose_name=_("Correo"), accessor="user__email")
    licence_class = tables.Column(verbose_name=_("Licencia"))
    licence_expiry = tables.DateColumn(verbose_name=_("Vence"), format="d-m-Y")
    warning = tables.Column(verbose_name=_("Aviso"), orderable=False, empty_values=())
    vehicles = tables.Column(
        verbose_name=_("Vehículos asignados"), orderable=False, empty_values=()
    )

    class Meta:
        model = Driver
        fields = ()
        sequence = (
            "name",
            "email",
            "licence_class",
            "licence_expiry",
            "warning",
            "vehicles",
        )
        attrs = {"class": "table"}
        empty_text = _("Aún no hay conductores registrados.")

    def render_name(self, record):
        return str(record)

    value_name = render_name

    def render_warning(self, record):
        text = record.licence_warning(timezone.localdate())
        if not text:
            return format_html('<span class="badge badge-ok">{}</span>', _("Vigente"))
        return format_html('<span class="badge badge-warn">{}</span>', text)

    def value_warning(self, record):
        return record.licence_warning(timezone.localdate()) or _("Vigente")

    def render_vehicles(self, record):
        return ", ".join(v.plate for v in record.vehicles.all()) or "—"

    value_vehicles = render_vehicles
