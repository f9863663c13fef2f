"""Forms of Estado Verde: every field says in Spanish what is wrong with it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from management.forms_energy import date_field

from .models import (
    FIRST_YEAR,
    MONTHS,
    AirTrip,
    CommitteeMeeting,
    CommitteeMember,
    CommutingMode,
    CommutingSurvey,
    NoDocumentDeclaration,
    PaperPurchase,
    ServiceDocument,
    UnitModuleNote,
    WasteContainer,
    WasteRecord,
    WasteType,
    WaterFixture,
    WaterRecord,
)

NOT_NEGATIVE = _("No puede ser negativo.")


def year_choices():
    return [(y, str(y)) for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def whole(label, *, min_value=0, max_value=None, required=True, help_text="", **kwargs):
    """An integer field that accepts 1.234 and says so when it gets text."""
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        required=required,
        localize=True,
        help_text=help_text,
        error_messages={
            "invalid": _("Escriba un número entero, sin decimales (p. ej. 1.234)."),
            "min_value": NOT_NEGATIVE
            if min_value == 0
            else _("Debe ser mayor que cero."),
            "max_value": _("No puede ser mayor que %(limit_value)s."),
            "required": _("Este dato es obligatorio."),
        },
        **kwargs,
    )


def amount(label, *, max_digits=12, decimal_places=3, help_text=""):
    """A positive decimal figure in the Chilean format (1.234,5)."""
    return forms.DecimalField(
        label=label,
        max_digits=max_digits,
        decimal_places=decimal_places,
        localize=True,
        help_text=help_text,
        error_messages={
            "invalid": _("Escriba un número, p. ej. 1.234,5."),
            "max_decimal_places": _("Use como máximo %(max)s decimales."),
            "max_digits": _("El número es demasiado grande."),
            "max_whole_digits": _("El número es demasiado grande."),
            "required": _("Este dato es obligatorio."),
        },
    )


class YearMonthMixin(forms.Form):
    year = forms.TypedChoiceField(label=_("Año"), coerce=int, choices=())
    month = forms.TypedChoiceField(
        label=_("Mes"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Total anual"))] + MONTHS,
        help_text=_("Elija «Total anual» si solo conoce el total del año."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        if not self.is_bound and not self.initial.get("year"):
            self.initial["year"] = timezone.localdate().year


class PaperPurchaseForm(YearMonthMixin, forms.ModelForm):
    reams = whole(
        _("Resmas compradas"), min_value=1, help_text=_("1 resma = 500 hojas.")
    )
    recycled_reams = whole(_("De ellas, resmas de papel reciclado"), initial=0)
    cost_clp = whole(_("Costo total (CLP)"))

    class Meta:
        model = PaperPurchase
        fields = [
            "year",
            "month",
            "reams",
            "recycled_reams",
            "cost_clp",
            "purchase_id",
            "observation",
        ]
        widgets = {"observation": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        reams, recycled = data.get("reams"), data.get("recycled_reams")
        if reams is not None and recycled is not None and recycled > reams:
            self.add_error(
                "recycled_reams",
                _("Las resmas recicladas no pueden superar las resmas compradas."),
            )
        return data


class WaterRecordForm(forms.ModelForm):
    supply = forms.ChoiceField(
        label=_("Tipo de suministro"),
        choices=WaterRecord.Supply.choices,
        widget=forms.RadioSelect,
    )
    period_start = date_field(_("Inicio del periodo"))
    period_end = date_field(
        _("Término del periodo"),
        help_text=_("Para agua comprada, la fecha de la compra en ambos campos."),
    )
    m3 = amount(
        _("Consumo (m³)"),
        help_text=_("Un bidón de 20 litros son 0,02 m³."),
    )
    cost_clp = whole(_("Costo total (CLP)"))

    class Meta:
        model = WaterRecord
        fields = [
            "supply",
            "meter_number",
            "period_start",
            "period_end",
            "m3",
            "cost_clp",
            "invoice",
            "observation",
        ]
        widgets = {"observation": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"meter_number": _("Obligatorio para agua de red.")}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("El término del periodo es anterior a su inicio.")
            )
        m3 = data.get("m3")
        if m3 is not None and m3 <= 0:
            self.add_error("m3", _("El consumo debe ser mayor que cero."))
        if (
            data.get("supply") == WaterRecord.Supply.NETWORK
            and not (data.get("meter_number") or "").strip()
        ):
            self.add_error(
                "meter_number",
                _("El agua de red se registra por medidor: escriba su número."),
            )
        return data


class WasteRecordForm(YearMonthMixin, forms.ModelForm):
    waste_type = forms.ModelChoiceField(
        label=_("Tipo de residuo"),
        queryset=WasteType.objects.filter(is_active=True),
        empty_label=_("Elija el tipo de residuo"),
    )
    kg = amount(_("Cantidad (kg)"), decimal_places=2)

    class Meta:
        model = WasteRecord
        fields = ["year", "month", "waste_type", "kg", "observation"]
        widgets = {"observation": forms.Textarea(attrs={"rows": 2})}

    def clean_kg(self):
        kg = self.cleaned_data["kg"]
        if kg <= 0:
            raise forms.ValidationError(_("La cantidad debe ser mayor que cero."))
        return kg


class WaterFixtureForm(forms.ModelForm):
    count = whole(_("Cantidad"), min_value=1)

    class Meta:
        model = WaterFixture
        fields = ["kind", "count", "state", "saving_device", "observation"]


class WasteContainerForm(forms.ModelForm):
    count = whole(_("Cantidad"), min_value=1)
    capacity_l = whole(_("Capacidad de cada uno (litros)"), min_value=1)

    class Meta:
        model = WasteContainer
        fields = ["name", "location", "kind", "count", "capacity_l"]


class UnitModuleNoteForm(forms.ModelForm):
    class Meta:
        model = UnitModuleNote
        fields = ["not_managed", "shared_meter", "no_invoice_access", "observation"]
        widgets = {"observation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, module: str, **kwargs):
        super().__init__(*args, **kwargs)
        if module != "agua":
            del self.fields["shared_meter"]
            del self.fields["no_invoice_access"]


# ---------------------------------------------------------------- service level


class ServiceDocumentForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Año"), coerce=int, choices=())
    issued_on = date_field(_("Fecha del documento"), required=False)

    class Meta:
        model = ServiceDocument
        fields = [
            "year",
            "stage",
            "kind",
            "title",
            "file",
            "resolution_number",
            "issued_on",
            "dissemination",
        ]
        widgets = {"dissemination": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "file": _("PDF, Word, Excel, PowerPoint o imagen; máximo 10 MB."),
            "resolution_number": _(
                "Obligatorio para la resolución del comité y la política ambiental."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()

    def clean(self):
        data = super().clean()
        if (
            data.get("kind")
            in (
                "resolucion_comite",
                "politica_ambiental",
            )
            and not (data.get("resolution_number") or "").strip()
        ):
            self.add_error(
                "resolution_number",
                _("Indique el N° de la resolución que aprueba este documento."),
            )
        return data


class NoDocumentForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Año"), coerce=int, choices=())

    class Meta:
        model = NoDocumentDeclaration
        fields = ["year", "kind", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "role", "unit", "area", "email", "is_active"]

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = service.units.filter(is_active=True).order_by(
            "name"
        )
        self.fields["unit"].empty_label = _("Sin unidad")


class CommitteeMeetingForm(forms.ModelForm):
    held_on = date_field(_("Fecha de la reunión"))

    class Meta:
        model = CommitteeMeeting
        fields = ["held_on", "subject", "minutes"]
        help_texts = {"minutes": _("PDF, Word o imagen; máximo 10 MB.")}


class CommutingSurveyForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Año"), coerce=int, choices=())
    respondents = whole(_("N° de personas que respondieron"), min_value=1)
    working_days = whole(
        _("Días de trabajo presencial al año"),
        min_value=1,
        max_value=366,
        help_text=_("Se usa para llevar los viajes diarios a un total anual."),
    )

    class Meta:
        model = CommutingSurvey
        fields = ["year", "respondents", "working_days", "observation"]
        widgets = {"observation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        for mode, label in CommutingMode.choices:
            self.fields[f"n_{mode}"] = whole(
                _("%(mode)s: n° de colaboradores") % {"mode": label}, required=False
            )
            self.fields[f"km_{mode}"] = amount(
                _("%(mode)s: distancia promedio de ida (km)") % {"mode": label},
                max_digits=8,
                decimal_places=2,
            )
            self.fields[f"km_{mode}"].required = False

    def mode_rows(self):
        """(label, people field, km field) per mode, for the table layout."""
        return [
            (label, self[f"n_{mode}"], self[f"km_{mode}"])
            for mode, label in CommutingMode.choices
        ]

    def entries(self) -> dict[str, tuple[int, object]]:
        data = self.cleaned_data
        out = {}
        for mode, _label in CommutingMode.choices:
            people, km = data.get(f"n_{mode}"), data.get(f"km_{mode}")
            if people or km:
                out[mode] = (people or 0, km)
        return out

    def clean(self):
        data = super().clean()
        for mode, label in CommutingMode.choices:
            people, km = data.get(f"n_{mode}"), data.get(f"km_{mode}")
            if people and km is None and f"km_{mode}" not in self.errors:
                self.add_error(
                    f"km_{mode}",
                    _("Indique la distancia de quienes viajan en %(m)s.")
                    % {"m": label},
                )
            if km is not None and km <= 0:
                self.add_error(f"km_{mode}", _("La distancia debe ser mayor que cero."))
            elif km and not people:
                self.add_error(
                    f"n_{mode}",
                    _("Indique cuántas personas viajan en %(m)s.") % {"m": label},
                )
        return data


class AirTripForm(forms.ModelForm):
    period_start = date_field(_("Inicio del periodo"))
    period_end = date_field(_("Término del periodo"))
    one_way_trips = whole(_("Viajes solo ida"), initial=0)
    round_trips = whole(_("Viajes ida y vuelta"), initial=0)
    distance_km = amount(
        _("Distancia del tramo (km)"),
        max_digits=8,
        decimal_places=1,
        help_text=_("Distancia de un tramo entre origen y destino."),
    )

    class Meta:
        model = AirTrip
        fields = [
            "period_start",
            "period_end",
            "origin",
            "destination",
            "one_way_trips",
            "round_trips",
            "distance_km",
            "observation",
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("El término del periodo es anterior a su inicio.")
            )
        if data.get("one_way_trips") == 0 and data.get("round_trips") == 0:
            self.add_error("round_trips", _("Registre al menos un viaje."))
        km = data.get("distance_km")
        if km is not None and km <= 0:
            self.add_error("distance_km", _("La distancia debe ser mayor que cero."))
        elif km is not None and km > 20000:
            self.add_error(
                "distance_km", _("Un tramo no supera los 20.000 km; revise la cifra.")
            )
        return data


class NoTravelForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Año"), coerce=int, choices=())
    justification = forms.CharField(
        label=_("Observación"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[("validated", _("Validado")), ("observed", _("Observado"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comentario para el servicio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "observed" and not data.get("comment", "").strip():
            self.add_error(
                "comment", _("Diga al servicio qué debe corregir para observar.")
            )
        return data


class ReviewAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Respuesta del servicio"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Escriba su respuesta a la observación.")},
    )
