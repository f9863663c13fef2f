"""Forms of the energy screens: N° Cliente, Medidor, Cambio de Medidor, Boleta."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.core.uploads import FileContentValidator

from .models import ClientNumber, Distributor, Unit
from .models.bills import INVOICE_KINDS, INVOICE_MAX_SIZE
from .models.energy import Tariff, source_units
from .models.units import EnergySource

DATE = {"type": "date"}


def date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": _("Escriba una fecha válida (dd-mm-aaaa).")},
        **kwargs,
    )


class ClientNumberForm(forms.Form):
    distributor = forms.ModelChoiceField(
        label=_("Distribuidora"),
        queryset=Distributor.objects.filter(is_active=True),
        empty_label=_("Elija la distribuidora"),
        help_text=_("La distribuidora define la fuente energética del cliente."),
    )
    number = forms.CharField(label=_("N° de cliente"), max_length=40)
    tariff = forms.ChoiceField(
        label=_("Tarifa (solo electricidad)"),
        choices=[("", _("Sin tarifa"))] + list(Tariff.choices),
        required=False,
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distributor"].label_from_instance = lambda d: (
            f"{d.get_source_display()} · {d.name}"
        )


class MeterForm(forms.Form):
    client_number = forms.ModelChoiceField(
        label=_("N° de cliente"),
        queryset=ClientNumber.objects.none(),
        empty_label=_("Elija el N° de cliente"),
    )
    number = forms.CharField(label=_("N° de medidor"), max_length=40)
    is_smart = forms.BooleanField(label=_("Medidor inteligente"), required=False)
    active_from = date_field(_("Activo desde"))
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Compartido con las unidades"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Marque las otras unidades del servicio que usan este medidor."),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_number"].queryset = ClientNumber.objects.filter(
            unit=unit
        ).select_related("distributor")
        self.fields["shared_with"].queryset = (
            Unit.objects.filter(service_id=unit.service_id, is_active=True)
            .exclude(pk=unit.pk)
            .select_related("building")
            .order_by("name")
        )
        self.fields["shared_with"].label_from_instance = lambda u: (
            f"{u.name} — {u.building.street} {u.building.number}"
        )


class MeterChangeForm(forms.Form):
    number = forms.CharField(label=_("N° del medidor nuevo"), max_length=40)
    changed_on = date_field(
        _("Fecha del cambio"),
        help_text=_("El medidor anterior queda activo hasta el día anterior."),
    )
    is_smart = forms.BooleanField(label=_("Medidor inteligente"), required=False)


#: Choice value of a source bought without a meter in the bill form ("sin-lena").
UNMETERED = "sin-"


def supply_value(meter_id=None, source="") -> str:
    """The bill form's "Medidor" value of a meter, or of a source without meter."""
    return str(meter_id) if meter_id else f"{UNMETERED}{source}"


def parse_supply_value(value: str) -> tuple[int | None, str | None]:
    """(meter id, None) or (None, source) of a "Medidor" value; (None, None) if
    it is neither."""
    if value.startswith(UNMETERED):
        return None, value[len(UNMETERED) :]
    return (int(value), None) if value.isdigit() else (None, None)


def supply_choices(meters, sources) -> list[tuple[str, str]]:
    """The bill form's "Medidor" choices: the unit's meters, then each source it may
    buy without a meter."""
    choices = [
        (
            str(m.pk),
            f"{m.client_number.get_source_display()} · medidor {m.number} · "
            f"cliente {m.client_number.number}"
            + (f" · tarifa {m.client_number.tariff}" if m.client_number.tariff else "")
            + ("" if m.active_until is None else " (reemplazado)"),
        )
        for m in meters
    ]
    choices += [
        (supply_value(source=source), f"{EnergySource(source).label} · sin medidor")
        for source in sources
    ]
    return choices


class BillForm(forms.Form):
    meter = forms.ChoiceField(
        label=_("Medidor o energético"),
        help_text=_(
            "Electricidad y gas natural: el medidor. Leña, cilindros de gas, petróleo "
            "y otros combustibles comprados sin medidor: el energético."
        ),
        error_messages={
            "invalid_choice": _("Elija un medidor o energético de la lista.")
        },
    )
    period_start = date_field(_("Inicio del periodo de lectura"))
    period_end = date_field(_("Término del periodo de lectura"))
    issue_date = date_field(_("Fecha de emisión"))
    consumption = forms.DecimalField(
        label=_("Consumo"),
        max_digits=14,
        decimal_places=3,
        localize=True,
        help_text=_("En la unidad de la boleta: kWh, m³, kg o L según el energético."),
        error_messages={
            "invalid": _("Escriba el consumo como número, p. ej. 1.234,5.")
        },
    )
    consumption_unit = forms.ChoiceField(
        label=_("Unidad de medida"),
        required=False,
        help_text=_(
            "Vacía: la habitual del energético. GLP a granel se compra en litros."
        ),
    )
    amount_clp = forms.IntegerField(
        label=_("Monto total (CLP)"),
        localize=True,
        error_messages={"invalid": _("Escriba el monto en pesos, sin decimales.")},
    )
    demand_kw = forms.DecimalField(
        label=_("Demanda (kW)"),
        required=False,
        max_digits=10,
        decimal_places=3,
        localize=True,
        help_text=_(
            "Solo para clientes con tarifa que factura demanda (todas excepto BT1)."
        ),
        error_messages={
            "invalid": _("Escriba la demanda como número, p. ej. 85,5."),
            "max_decimal_places": _("Use como máximo 3 decimales en la demanda."),
        },
    )
    is_estimated = forms.BooleanField(
        label=_("Boleta estimada"),
        required=False,
        help_text=_(
            "Marque si la distribuidora estimó el consumo sin leer el medidor."
        ),
    )
    invoice = forms.FileField(
        label=_("Boleta o factura (PDF o imagen)"),
        required=False,
        validators=[FileContentValidator(INVOICE_KINDS, INVOICE_MAX_SIZE)],
    )
    observation = forms.CharField(
        label=_("Observación"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, meters, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        meters = list(meters)
        self.meters = {str(m.pk): m for m in meters}
        self.fields["meter"].choices = supply_choices(meters, sources)
        measures = []
        used = [*{m.client_number.source for m in meters}, *sources]
        for source in used:
            measures += [u for u in source_units(source) if u not in measures]
        self.fields["consumption_unit"].choices = [("", _("La habitual"))] + [
            (u, u) for u in measures
        ]
        if not any(len(source_units(s)) > 1 for s in used):
            del self.fields["consumption_unit"]
        # Demand is asked only where a client's tariff bills it (not BT1).
        from .services.bills import bills_demand

        if not any(bills_demand(m.client_number) for m in meters):
            del self.fields["demand_kw"]

    def clean_meter(self):
        """The meter (a Meter) or the source bought without a meter (a str)."""
        meter_id, source = parse_supply_value(self.cleaned_data["meter"])
        return source if meter_id is None else self.meters[str(meter_id)]


class BillReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Validar")), ("observe", _("Observar"))]
    )
    note = forms.CharField(
        label=_("Comentario para el servicio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FactorVersionForm(forms.Form):
    """Nueva versión de un factor de conversión a kWh."""

    source = forms.ChoiceField(label=_("Energético"), choices=EnergySource.choices)
    unit = forms.ChoiceField(
        label=_("Unidad de medida"),
        required=False,
        choices=[("", _("La habitual del energético"))]
        + [(u, u) for u in ("kWh", "m³", "kg", "L")],
        help_text=_("GLP a granel: L (litros); el resto, la habitual."),
    )
    factor = forms.DecimalField(
        label=_("kWh por unidad"),
        max_digits=10,
        decimal_places=4,
        localize=True,
        help_text=_("kWh por unidad de la boleta (m³, kg, kWh…), hasta 4 decimales."),
        error_messages={
            "invalid": _("Escriba el factor como número, p. ej. 10,86."),
            "max_decimal_places": _("Use como máximo 4 decimales."),
        },
    )
    valid_from = date_field(
        _("Vigente desde"),
        help_text=_(
            "La versión vigente ese día termina el día anterior. Las boletas ya "
            "guardadas conservan el factor con que se guardaron."
        ),
    )
    reference = forms.CharField(
        label=_("Fuente bibliográfica"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Indique la fuente bibliográfica del factor.")},
    )
    is_confirmed = forms.BooleanField(
        label=_("Factor confirmado"), required=False, initial=True
    )


class FactorTextForm(forms.Form):
    reference = forms.CharField(
        label=_("Fuente bibliográfica"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indique la fuente bibliográfica del factor.")},
    )
    is_confirmed = forms.BooleanField(label=_("Factor confirmado"), required=False)


class GridFactorForm(forms.Form):
    year = forms.IntegerField(
        label=_("Año"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Escriba el año con cuatro dígitos."),
            "min_value": _("Escriba un año entre 2000 y 2100."),
            "max_value": _("Escriba un año entre 2000 y 2100."),
        },
    )
    factor = forms.DecimalField(
        label=_("tCO2e por MWh"),
        max_digits=8,
        decimal_places=4,
        localize=True,
        error_messages={
            "invalid": _("Escriba el factor como número, p. ej. 0,2384."),
            "max_decimal_places": _("Use como máximo 4 decimales."),
        },
    )
    reference = forms.CharField(
        label=_("Fuente"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Indique la fuente del factor.")},
    )
    is_official = forms.BooleanField(label=_("Factor oficial"), required=False)


class GridFactorTextForm(forms.Form):
    reference = forms.CharField(
        label=_("Fuente"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indique la fuente del factor.")},
    )
    is_official = forms.BooleanField(label=_("Factor oficial"), required=False)
