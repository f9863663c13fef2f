"""Forms of the management platform: every bad input gets a Spanish message and
nothing typed is lost (forms re-render with what was sent)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.roles import Role
from lms.core.rut import RUTField

from .models import (
    AggregateInformation,
    Building,
    BuildingComplex,
    Comuna,
    Institution,
    MilestoneCalendar,
    PropertyType,
    Province,
    Region,
    ReviewStatus,
    Service,
    Unit,
    UseType,
)
from .models.units import MAX_SURFACE_M2, OLDEST_CONSTRUCTION_YEAR
from .services.units import parse_floors
from .widgets import FastSelect, FastSelectMultiple

SELECT = _("-- SELECCIONE --")


class PlaceMixin:
    """Región → Provincia → Comuna selects that narrow each other without JavaScript.

    The form is sent again with ``refresh`` to narrow the lists; the comuna keeps the
    full list for validation so that a comuna of another province gets a clear error.
    """

    place_required = True

    def init_place(self, initial_comuna: Comuna | None = None):
        self.fields["region"] = forms.ModelChoiceField(
            Region.objects.all(),
            label=_("Región"),
            empty_label=SELECT,
            widget=FastSelect(attrs={"data-cascade": "region"}),
            required=self.place_required,
            error_messages={"required": _("Elija la región.")},
        )
        self.fields["province"] = forms.ModelChoiceField(
            Province.objects.all(),
            label=_("Provincia"),
            empty_label=SELECT,
            widget=FastSelect(attrs={"data-cascade": "province"}),
            required=self.place_required,
            error_messages={
                "required": _("Elija la provincia."),
                "invalid_choice": _("Elija una provincia de la lista."),
            },
        )
        self.fields["comuna"] = forms.ModelChoiceField(
            Comuna.objects.select_related("province"),
            label=_("Comuna"),
            empty_label=SELECT,
            widget=FastSelect(attrs={"data-cascade": "comuna"}),
            required=self.place_required,
            error_messages={
                "required": _("Elija la comuna."),
                "invalid_choice": _("Elija una comuna de la lista."),
            },
        )
        if initial_comuna is not None and not self.is_bound:
            self.initial.setdefault("comuna", initial_comuna.pk)
            self.initial.setdefault("province", initial_comuna.province_id)
            self.initial.setdefault("region", initial_comuna.province.region_id)
        region = self._chosen("region")
        province = self._chosen("province")
        provinces = Province.objects.filter(region_id=region) if region else None
        if provinces is not None:
            self.fields["province"].widget.choices = [("", SELECT)] + [
                (p.pk, p.name) for p in provinces.order_by("name")
            ]
        else:
            self.fields["province"].widget.choices = [("", SELECT)]
        if (
            province
            and provinces is not None
            and provinces.filter(pk=province).exists()
        ):
            self.fields["comuna"].widget.choices = [("", SELECT)] + [
                (c.pk, c.name) for c in Comuna.objects.filter(province_id=province)
            ]
        else:
            self.fields["comuna"].widget.choices = [("", SELECT)]

    def _chosen(self, name):
        raw = (
            self.data.get(self.add_prefix(name))
            if self.is_bound
            else self.initial.get(name)
        )
        try:
            return int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def clean_place(self, cleaned):
        region, province, comuna = (
            cleaned.get("region"),
            cleaned.get("province"),
            cleaned.get("comuna"),
        )
        if region and province and province.region_id != region.pk:
            self.add_error(
                "province",
                _("La provincia %(p)s no pertenece a la %(r)s.")
                % {"p": province, "r": region},
            )
        elif province and comuna and comuna.province_id != province.pk:
            self.add_error(
                "comuna",
                _("La comuna %(c)s no pertenece a la provincia %(p)s.")
                % {"c": comuna, "p": province},
            )


class BuildingForm(PlaceMixin, forms.ModelForm):
    """Create or edit a building; warns about an address already registered."""

    complex_name = forms.CharField(
        label=_("O cree un complejo nuevo"),
        max_length=200,
        required=False,
        help_text=_(
            "Por ejemplo, el nombre de un campus o de un complejo hospitalario."
        ),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Sí, es otro edificio con la misma dirección"), required=False
    )

    class Meta:
        model = Building
        fields = ["street", "number", "complex", "latitude", "longitude"]
        labels = {"street": _("Calle"), "number": _("N°")}
        help_texts = {
            "number": _("Escriba S/N si no tiene número."),
            "latitude": _("Opcional, en grados decimales (por ejemplo -53,1638)."),
            "longitude": _("Opcional, en grados decimales (por ejemplo -70,9171)."),
        }
        error_messages = {
            "street": {"required": _("Escriba la calle.")},
            "number": {"required": _("Escriba el número (o S/N).")},
        }

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.init_place(self.instance.comuna if self.instance.comuna_id else None)
        order = [
            "street",
            "number",
            "region",
            "province",
            "comuna",
            "complex",
            "complex_name",
        ]
        self.order_fields(order)
        self.fields["complex"].queryset = BuildingComplex.objects.filter(
            service=service
        )
        self.fields["complex"].empty_label = _("(ninguno)")
        for name in ("latitude", "longitude"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.duplicates = []

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        if value is not None and not (-90 <= value <= -17):
            raise ValidationError(
                _("La latitud de un lugar de Chile está entre -17 y -90.")
            )
        return value

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        if value is not None and not (-110 <= value <= -66):
            raise ValidationError(
                _("La longitud de un lugar de Chile está entre -66 y -110.")
            )
        return value

    def clean(self):
        cleaned = super().clean()
        self.clean_place(cleaned)
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None) and not self.has_error("latitude"):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Ingrese la latitud y la longitud, o ninguna de las dos."),
            )
        comuna, street, number = (
            cleaned.get("comuna"),
            cleaned.get("street"),
            cleaned.get("number"),
        )
        if comuna and street and number and not self.has_error("comuna"):
            same = Building.objects.filter(
                comuna=comuna,
                street__iexact=street.strip(),
                number__iexact=number.strip(),
            ).exclude(pk=self.instance.pk)
            self.duplicates = list(same[:5])
            if self.duplicates and not cleaned.get("confirm_duplicate"):
                self.add_error(
                    "confirm_duplicate",
                    _(
                        "Ya hay un edificio registrado en %(street)s %(number)s, "
                        "%(comuna)s. Si es el mismo, use ese edificio al crear la unidad; "
                        "si es otro, marque esta casilla y guarde de nuevo."
                    )
                    % {"street": street, "number": number, "comuna": comuna},
                )
        return cleaned


class UnitPlaceForm(PlaceMixin, forms.Form):
    """Step 1 of "Crear nueva Unidad": Región → Provincia → Comuna → Edificio."""

    place_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_place()
        comuna = self._chosen("comuna")
        buildings = Building.objects.none()
        if comuna and self.fields["comuna"].widget.choices[1:]:
            allowed = {c for c, _label in self.fields["comuna"].widget.choices[1:]}
            if comuna in allowed:
                # Buildings are shared: any service may add its unit to one already
                # registered in the comuna (only the address is shown).
                buildings = Building.objects.active().filter(comuna_id=comuna)
        self.fields["building"] = forms.ModelChoiceField(
            buildings,
            label=_("Edificio"),
            empty_label=SELECT,
            required=False,
            error_messages={"invalid_choice": _("Elija un edificio de la lista.")},
        )

    def clean(self):
        cleaned = super().clean()
        self.clean_place(cleaned)
        return cleaned


class UnitForm(forms.ModelForm):
    """The fields of DOMAIN.md "Unit fields"."""

    floors = forms.CharField(
        label=_("Pisos"),
        max_length=200,
        help_text=_(
            "Separados por comas o como rango: 4, 5, 7 · 1-3 · -1 (subterráneo)."
        ),
        error_messages={"required": _("Indique los pisos que ocupa la unidad.")},
    )
    has_rol = forms.TypedChoiceField(
        label=_("N° de rol"),
        choices=[("1", _("Tiene N° de rol")), ("0", _("No posee rol"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )

    class Meta:
        model = Unit
        fields = [
            "name",
            "use_type",
            "floors",
            "surface_m2",
            "property_type",
            "has_rol",
            "rol",
            "no_rol_reason",
            "year_built",
            "in_use_since",
            "staff_count",
            "other_collaborators_count",
            "invoice_access",
            "invoice_payer_service",
            "invoice_payer_name",
            "shares_electricity_meter",
            "shares_gas_meter",
            "shares_water_meter",
        ]
        labels = {"rol": _("N° de rol (SII)")}
        widgets = {
            "invoice_access": forms.RadioSelect,
            "in_use_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "rol": _("Como manzana-predio, por ejemplo 1234-56."),
            "in_use_since": _(
                "Deben cargarse las unidades en uso a más tardar el 1 de noviembre del "
                "año anterior."
            ),
            "invoice_payer_service": _(
                "Solo si otro servicio público paga la factura."
            ),
            "invoice_payer_name": _("Solo si otra organización paga la factura."),
        }
        error_messages = {
            "name": {"required": _("Escriba el nombre de la unidad.")},
            "use_type": {"required": _("Elija el tipo de uso.")},
            "property_type": {"required": _("Elija el tipo de propiedad.")},
            "surface_m2": {
                "required": _("Indique la superficie en m²."),
                "invalid": _("Escriba la superficie como número, por ejemplo 1.250,5."),
            },
            "year_built": {"invalid": _("Escriba el año con cuatro dígitos.")},
            "staff_count": {"min_value": _("No puede ser negativo.")},
            "other_collaborators_count": {"min_value": _("No puede ser negativo.")},
        }

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["use_type"].queryset = (
            UseType.objects.filter(pk=self.instance.use_type_id)
            | UseType.objects.active()
        )
        self.fields["property_type"].queryset = (
            PropertyType.objects.filter(pk=self.instance.property_type_id)
            | PropertyType.objects.active()
        )
        self.fields["use_type"].empty_label = SELECT
        self.fields["property_type"].empty_label = SELECT
        self.fields[
            "invoice_payer_service"
        ].queryset = Service.objects.active().exclude(pk=service.pk)
        self.fields["invoice_payer_service"].empty_label = SELECT
        self.fields["surface_m2"].localize = True
        self.fields["surface_m2"].widget = forms.TextInput(
            attrs={"inputmode": "decimal"}
        )
        self.fields["year_built"].widget.attrs.update({"min": OLDEST_CONSTRUCTION_YEAR})
        if self.instance.pk:
            self.initial["floors"] = self.instance.floor_summary
            self.initial["has_rol"] = "1" if self.instance.has_rol else "0"

    def clean_floors(self):
        return parse_floors(self.cleaned_data["floors"])

    def clean_surface_m2(self):
        value = self.cleaned_data.get("surface_m2")
        if value is None:
            return value
        if value <= 0:
            raise ValidationError(_("La superficie debe ser mayor que 0 m²."))
        if value > MAX_SURFACE_M2:
            raise ValidationError(
                _(
                    "Una superficie de más de 1.000.000 m² no es plausible para una unidad: "
                    "revise la cifra (¿puso los decimales con coma?)."
                )
            )
        return value.quantize(Decimal("0.01"))

    def clean_year_built(self):
        value = self.cleaned_data.get("year_built")
        if value is None:
            return value
        this_year = timezone.localdate().year
        if value > this_year:
            raise ValidationError(
                _("El año de construcción no puede ser posterior a %(y)s.")
                % {"y": this_year}
            )
        if value < OLDEST_CONSTRUCTION_YEAR:
            raise ValidationError(
                _("El año de construcción debe ser %(y)s o posterior.")
                % {"y": OLDEST_CONSTRUCTION_YEAR}
            )
        return value

    def clean_in_use_since(self):
        value = self.cleaned_data.get("in_use_since")
        if value and value > timezone.localdate():
            raise ValidationError(_("La fecha no puede ser futura."))
        return value

    def clean(self):
        cleaned = super().clean()
        has_rol = cleaned.get("has_rol")
        rol = (cleaned.get("rol") or "").strip().upper()
        if has_rol:
            cleaned["no_rol_reason"] = ""
            if not rol:
                self.add_error(
                    "rol", _("Escriba el N° de rol o marque «No posee rol».")
                )
            elif not _valid_rol(rol):
                self.add_error(
                    "rol", _("Escriba el rol como manzana-predio, por ejemplo 1234-56.")
                )
            else:
                clash = (
                    Unit.objects.filter(service=self.service, rol=rol)
                    .exclude(pk=self.instance.pk)
                    .select_related("building")
                    .first()
                )
                if clash:
                    self.add_error(
                        "rol",
                        _(
                            "El rol %(rol)s ya está registrado en otra unidad de este "
                            "servicio (%(unit)s)."
                        )
                        % {
                            "rol": rol,
                            "unit": f"{clash.building.address}, {clash.name}",
                        },
                    )
            cleaned["rol"] = rol
        elif has_rol is False:
            cleaned["rol"] = ""
            if not (cleaned.get("no_rol_reason") or "").strip():
                self.add_error(
                    "no_rol_reason", _("Explique por qué la unidad no posee rol.")
                )
        access = cleaned.get("invoice_access")
        if access == Unit.InvoiceAccess.OTHER_SERVICE:
            cleaned["invoice_payer_name"] = ""
            if not cleaned.get("invoice_payer_service"):
                self.add_error(
                    "invoice_payer_service", _("Elija el servicio que paga la factura.")
                )
        elif access == Unit.InvoiceAccess.OTHER_ORGANISATION:
            cleaned["invoice_payer_service"] = None
            if not (cleaned.get("invoice_payer_name") or "").strip():
                self.add_error(
                    "invoice_payer_name",
                    _("Escriba el nombre de la organización que paga la factura."),
                )
        else:
            cleaned["invoice_payer_service"] = None
            cleaned["invoice_payer_name"] = ""
        return cleaned

    def _post_clean(self):
        # The model's own checks run in the service (with the service and building set).
        pass

    def unit_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("floors", None)
        return data


def _valid_rol(rol: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{1,6}-\d{1,4}", rol))


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indique el motivo.")},
    )


class AreaForm(forms.Form):
    floor = forms.TypedChoiceField(label=_("Piso"), coerce=int)
    name = forms.CharField(
        label=_("Nombre del área"),
        max_length=120,
        error_messages={"required": _("Escriba el nombre del área.")},
    )
    surface_m2 = forms.DecimalField(
        label=_("Superficie (m²)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages={"min_value": _("La superficie debe ser mayor que 0 m².")},
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor"].choices = [(f.pk, f.number) for f in unit.floors.all()]


class ScopeJustificationForm(forms.Form):
    justification = forms.CharField(
        label=_("Justificación unidades sin diagnóstico en el año"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    review_status = forms.ChoiceField(
        label=_("Revisión"),
        choices=[
            (ReviewStatus.VALIDATED, ReviewStatus.VALIDATED.label),
            (ReviewStatus.OBSERVED, ReviewStatus.OBSERVED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija Validado u Observado.")},
    )
    review_comment = forms.CharField(
        label=_("Comentario"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("review_status") == ReviewStatus.OBSERVED
            and not (cleaned.get("review_comment") or "").strip()
        ):
            self.add_error(
                "review_comment",
                _("Explique la observación para que el servicio la corrija."),
            )
        return cleaned


class JustificationForm(forms.Form):
    text = forms.CharField(
        label=_("Justificación"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Escriba la justificación.")},
    )


class AggregateForm(forms.ModelForm):
    class Meta:
        model = AggregateInformation
        fields = ["officials", "other_collaborators"]
        error_messages = {
            "officials": {
                "required": _("Indique el número de funcionarios."),
                "min_value": _("No puede ser negativo."),
            },
            "other_collaborators": {
                "required": _(
                    "Indique el número de otros colaboradores (0 si no hay)."
                ),
                "min_value": _("No puede ser negativo."),
            },
        }


class AccountForm(forms.Form):
    """Create or edit an account of a service (Configuración > Usuarios)."""

    service = forms.ModelChoiceField(
        Service.objects.none(),
        label=_("Servicio"),
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "No puede crear cuentas en ese servicio: elija uno de los servicios que "
                "usted gestiona."
            ),
            "required": _("Elija el servicio."),
        },
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        error_messages={
            "required": _("Escriba el correo electrónico."),
            "invalid": _("Escriba un correo válido, por ejemplo nombre@servicio.cl."),
        },
    )
    first_name = forms.CharField(
        label=_("Nombres"),
        max_length=150,
        error_messages={"required": _("Escriba los nombres.")},
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        max_length=150,
        error_messages={"required": _("Escriba los apellidos.")},
    )
    rut = RUTField(required=False)
    phone = forms.CharField(label=_("Teléfono"), max_length=30, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Perfiles"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Elija al menos un perfil.")},
    )
    units = forms.ModelMultipleChoiceField(
        Unit.objects.none(),
        label=_("Unidades que gestiona"),
        required=False,
        widget=FastSelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Solo para el perfil Gestor de Unidad. Para elegir varias, mantenga "
            "presionada la tecla Ctrl (Cmd en Mac)."
        ),
        error_messages={"invalid_choice": _("Elija unidades de la lista.")},
    )

    def __init__(
        self,
        *args,
        services,
        roles,
        service=None,
        editing=None,
        personal=True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["roles"].choices = [(r, Role(r).label) for r in roles]
        if service is not None:
            self.initial.setdefault("service", service.pk)
        chosen = self._service_id()
        if chosen is None or not services.filter(pk=chosen).exists():
            # Never list the units of a service the user does not manage.
            chosen = service.pk if service else None
        self.fields["units"].queryset = (
            Unit.objects.filter(service_id=chosen, is_active=True)
            .with_place()
            .order_by("building__street", "building__number", "floor_summary")
            if chosen
            else Unit.objects.none()
        )
        self.editing = editing
        if editing is not None:
            self.fields["email"].disabled = True
            self.fields["service"].disabled = True
            if not personal:
                for name in ("first_name", "last_name", "rut", "phone"):
                    self.fields[name].disabled = True

    def _service_id(self):
        raw = self.data.get("service") if self.is_bound else None
        try:
            return int(raw) if raw else None
        except ValueError:
            return None

    def clean(self):
        cleaned = super().clean()
        roles = cleaned.get("roles") or []
        if Role.GESTOR_UNIDAD in roles and not cleaned.get("units"):
            self.add_error(
                "units", _("Un Gestor de Unidad necesita al menos una unidad asignada.")
            )
        return cleaned


class CalendarForm(forms.ModelForm):
    class Meta:
        model = MilestoneCalendar
        fields = ["update_due", "preliminary_on", "observations_due", "definitive_due"]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in fields
        }

    def clean(self):
        cleaned = super().clean()
        names = self.Meta.fields
        dates = [cleaned.get(n) for n in names]
        if all(dates):
            for earlier, later, name in zip(dates, dates[1:], names[1:], strict=False):
                if later < earlier:
                    self.add_error(
                        name,
                        _(
                            "Esta fecha debe ser igual o posterior a la del hito anterior."
                        ),
                    )
        year = self.instance.year
        for name, value in zip(names, dates, strict=False):
            if value and value.year != year:
                self.add_error(
                    name, _("La fecha debe ser del año %(y)s.") % {"y": year}
                )
        return cleaned


class ObservationForm(forms.Form):
    text = forms.CharField(
        label=_("Observación al inventario preliminar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Escriba la observación.")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Respuesta"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Escriba la respuesta.")},
    )


class UnlockForm(forms.Form):
    service = forms.ModelChoiceField(
        Service.objects.active(), label=_("Servicio"), empty_label=SELECT
    )
    until = forms.DateField(
        label=_("Abierto hasta"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba la fecha como dd-mm-aaaa.")},
    )
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=255,
        error_messages={"required": _("Indique el motivo.")},
    )


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["institution", "name", "code", "is_pmg", "is_active"]
        error_messages = {
            "name": {"required": _("Escriba el nombre del servicio.")},
            "code": {
                "required": _("Escriba el código del servicio."),
                "unique": _("Ya existe un servicio con ese código."),
            },
        }


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["name", "code", "is_active"]
        error_messages = {
            "name": {
                "required": _("Escriba el nombre."),
                "unique": _("Ya existe una institución con ese nombre."),
            },
            "code": {
                "required": _("Escriba el código."),
                "unique": _("Ya existe una institución con ese código."),
            },
        }


class CatalogForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre"),
        max_length=120,
        error_messages={"required": _("Escriba el nombre.")},
    )
    position = forms.IntegerField(label=_("Orden"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=_("Activo"), required=False, initial=True)
