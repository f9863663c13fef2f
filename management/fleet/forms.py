"""Forms of the Flota screens; the services do the checks that need the database."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.core.uploads import FileContentValidator
from management.forms_energy import date_field

from .factors import Fuel
from .models import RECEIPT_KINDS, RECEIPT_MAX_SIZE, Driver, Vehicle

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}


def datetime_field(label, **kwargs):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
        ),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "invalid": _("Escriba la fecha y hora (dd-mm-aaaa hh:mm)."),
            "required": _("Indique la fecha y hora."),
        },
        **kwargs,
    )


def km_field(label, **kwargs):
    return forms.IntegerField(
        label=label,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={
            "invalid": _("Escriba los kilómetros como número entero, p. ej. 45.210."),
            "min_value": _("El odómetro no puede ser negativo."),
            "required": _("Indique el odómetro."),
        },
        **kwargs,
    )


def plate_label(vehicle: Vehicle) -> str:
    return f"{vehicle.plate} · {vehicle.brand} {vehicle.model_name}"


class VehicleForm(forms.Form):
    plate = forms.CharField(
        label=_("Patente"),
        max_length=12,
        help_text=_("BBCD12 (actual) o AB1234 (antigua); sin guion."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    brand = forms.CharField(label=_("Marca"), max_length=60)
    model_name = forms.CharField(label=_("Modelo"), max_length=80)
    year = forms.IntegerField(
        label=_("Año"),
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={"invalid": _("Escriba el año con 4 cifras.")},
    )
    vehicle_type = forms.ChoiceField(
        label=_("Tipo"), choices=[("", _("Elija el tipo"))] + Vehicle.Type.choices
    )
    motor = forms.ChoiceField(
        label=_("Motor / combustible"),
        choices=[("", _("Elija el motor"))] + Vehicle.Motor.choices,
    )
    ownership = forms.ChoiceField(
        label=_("Propiedad"),
        choices=[("", _("Elija"))] + Vehicle.Ownership.choices,
    )
    vin = forms.CharField(label=_("VIN (n° de chasis)"), max_length=20, required=False)
    initial_odometer = km_field(
        _("Odómetro inicial (km)"),
        help_text=_("La lectura al registrarlo; las siguientes no pueden ser menores."),
    )
    tank_capacity = forms.IntegerField(
        label=_("Capacidad del estanque (L) o batería (kWh)"),
        required=False,
        min_value=1,
        widget=forms.TextInput(attrs=NUMERIC),
        help_text=_("Opcional: si queda vacía se usa el máximo plausible de su tipo."),
    )

    field_order = [
        "plate",
        "brand",
        "model_name",
        "year",
        "vehicle_type",
        "motor",
        "ownership",
        "vin",
        "initial_odometer",
        "tank_capacity",
    ]


class VehicleStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Estado"),
        choices=[
            (Vehicle.Status.ACTIVE, Vehicle.Status.ACTIVE.label),
            (Vehicle.Status.MAINTENANCE, Vehicle.Status.MAINTENANCE.label),
        ],
    )


class RetireForm(forms.Form):
    on = date_field(_("Fecha de baja"))
    reason = forms.CharField(
        label=_("Motivo de la baja"),
        max_length=255,
        widget=forms.TextInput(),
        help_text=_("P. ej. remate, siniestro, fin del arriendo."),
    )


class AssignForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Unidades que atiende"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Las unidades del servicio que usan este vehículo."),
    )
    drivers = forms.ModelMultipleChoiceField(
        label=_("Conductores asignados"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Solo ellos pueden registrar viajes y cargas desde su cuenta."),
    )

    def __init__(self, *args, units, drivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["drivers"].queryset = drivers
        self.fields["drivers"].label_from_instance = lambda d: (
            f"{d} · licencia {d.licence_class}"
            + (f" ({d.licence_warning()})" if d.licence_warning() else "")
        )


class RecordForm(forms.Form):
    """What a fuel load and a trip share: the vehicle and (for managers) the driver."""

    vehicle = forms.ModelChoiceField(
        label=_("Vehículo"),
        queryset=Vehicle.objects.none(),
        empty_label=_("Elija el vehículo"),
        error_messages={
            "invalid_choice": _("Ese vehículo no está disponible para usted."),
            "required": _("Elija el vehículo."),
        },
    )
    driver = forms.ModelChoiceField(
        label=_("Conductor"),
        queryset=Driver.objects.none(),
        required=False,
        empty_label=_("Sin conductor"),
    )

    def __init__(self, *args, vehicles, drivers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = vehicles
        self.fields["vehicle"].label_from_instance = plate_label
        if drivers is None:
            del self.fields["driver"]
        else:
            self.fields["driver"].queryset = drivers


class FuelLoadForm(RecordForm):
    loaded_at = datetime_field(_("Fecha y hora de la carga"))
    odometer = km_field(_("Odómetro (km)"))
    fuel = forms.ChoiceField(
        label=_("Combustible"),
        choices=[("", _("El del vehículo"))] + Fuel.choices,
        required=False,
    )
    quantity = forms.DecimalField(
        label=_("Litros (kWh si es eléctrico)"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=DECIMAL),
        error_messages={
            "invalid": _("Escriba la cantidad como número, p. ej. 42,5."),
            "required": _("Indique cuántos litros o kWh cargó."),
            "max_decimal_places": _("Use a lo más 2 decimales."),
        },
    )
    cost_clp = forms.IntegerField(
        label=_("Costo total (CLP)"),
        localize=True,
        min_value=0,
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={
            "invalid": _("Escriba el monto en pesos, sin decimales."),
            "required": _("Indique el costo de la carga."),
            "min_value": _("El costo no puede ser negativo."),
        },
    )
    full_tank = forms.BooleanField(
        label=_("Llené el estanque"), required=False, initial=True
    )
    missed_previous = forms.BooleanField(
        label=_("No registré la carga anterior"),
        required=False,
        help_text=_("Márquelo si hubo una carga que no quedó registrada."),
    )
    receipt = forms.FileField(
        label=_("Comprobante (foto o PDF)"),
        required=False,
        validators=[FileContentValidator(RECEIPT_KINDS, RECEIPT_MAX_SIZE)],
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "loaded_at" not in self.initial:
            self.initial["loaded_at"] = timezone.localtime().replace(
                second=0, microsecond=0
            )


class TripForm(RecordForm):
    departed_at = datetime_field(_("Salida (fecha y hora)"))
    odometer_out = km_field(_("Odómetro de salida (km)"))
    returned_at = datetime_field(_("Llegada (fecha y hora)"))
    odometer_in = km_field(_("Odómetro de llegada (km)"))
    origin = forms.CharField(label=_("Origen"), max_length=200)
    destination = forms.CharField(label=_("Destino"), max_length=200)
    purpose = forms.CharField(label=_("Motivo del viaje"), max_length=255)
    passengers = forms.IntegerField(
        label=_("Pasajeros"),
        min_value=0,
        max_value=80,
        initial=0,
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={"invalid": _("Escriba un número entero.")},
    )


class DriverForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico"),
        error_messages={"invalid": _("Escriba un correo válido.")},
    )
    first_name = forms.CharField(label=_("Nombre"), max_length=150)
    last_name = forms.CharField(label=_("Apellidos"), max_length=150)
    licence_class = forms.ChoiceField(
        label=_("Clase de licencia"),
        choices=[("", _("Elija la clase"))] + Driver.LicenceClass.choices,
    )
    licence_expiry = date_field(_("Vencimiento de la licencia"))


class LicenceForm(forms.Form):
    licence_class = forms.ChoiceField(
        label=_("Clase de licencia"), choices=Driver.LicenceClass.choices
    )
    licence_expiry = date_field(_("Vencimiento de la licencia"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Planilla de vehículos (XLSX o CSV)"),
        help_text=_("Use la plantilla: una fila por vehículo."),
    )
