"""Forms of the certificates: the public lookup and the staff actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from management.models import Service

from .codes import ALPHABET, LENGTH, SEPARATORS, normalize_code

EXAMPLE = "7Q4K-9XZ2-MB3H-WRTP"


class VerifyForm(forms.Form):
    """A certificate code as printed, typed any way (case, dashes, spaces)."""

    codigo = forms.CharField(
        label=_("Código del certificado"),
        max_length=40,
        help_text=_("Está bajo el código QR del certificado, por ejemplo %(example)s.")
        % {"example": EXAMPLE},
        error_messages={"required": _("Escriba el código del certificado.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_codigo(self):
        value = self.cleaned_data["codigo"]
        bare = SEPARATORS.sub("", value).upper()
        if len(bare) != LENGTH or any(symbol not in ALPHABET for symbol in bare):
            raise ValidationError(
                _(
                    "Un código tiene %(length)s letras y números (sin 0, O, 1, I ni L), "
                    "por ejemplo %(example)s."
                )
                % {"length": LENGTH, "example": EXAMPLE},
                code="format",
            )
        code = normalize_code(bare)
        if code is None:
            raise ValidationError(
                _(
                    "Este código no existe: tiene un carácter mal escrito o dos "
                    "cambiados de lugar. Revíselo en el certificado."
                ),
                code="check",
            )
        return code


class ReasonForm(forms.Form):
    """Why staff revoke or re-issue; the reason is kept with the certificate."""

    reason = forms.CharField(
        label=_("Motivo"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indique el motivo; queda registrado.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Indique el motivo; queda registrado."))
        return reason


class ArchiveForm(forms.Form):
    """Which valid certificates go into a bulk ZIP download."""

    course = forms.ModelChoiceField(
        label=_("Curso"),
        queryset=CoursePage.objects.order_by("path"),
        required=False,
        empty_label=_("Todos"),
    )
    service = forms.ModelChoiceField(
        label=_("Servicio"),
        queryset=Service.objects.order_by("name"),
        required=False,
        empty_label=_("Todos"),
    )
    completed_from = forms.DateField(
        label=_("Aprobados desde"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba una fecha válida.")},
    )
    completed_to = forms.DateField(
        label=_("Aprobados hasta"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Escriba una fecha válida.")},
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("completed_from"), cleaned.get("completed_to")
        if first and last and first > last:
            self.add_error(
                "completed_to", _("La fecha final es anterior a la inicial.")
            )
        return cleaned
