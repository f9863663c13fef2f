"""Learner forms: registration (with a service found by its name) and quiz attempts."""

import unicodedata

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import User
from lms.core.rut import RUTField
from management.models import Service

from .models import Question

# More matches than this are not listed: the learner is asked to type more of the name.
MAX_CANDIDATES = 15


def _fold(text: str) -> str:
    """Lower case without accents or extra spaces, to compare names as people type them."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


def service_label(service: Service) -> str:
    return f"{service.name} ({service.institution.name})"


class ServiceFinder:
    """Active services of the catalog, matched by (part of) their name."""

    def __init__(self):
        self.services = list(
            Service.objects.active().select_related("institution").order_by("name")
        )

    def labels(self) -> list[str]:
        return [service_label(s) for s in self.services]

    def get(self, pk) -> Service | None:
        return next((s for s in self.services if str(s.pk) == str(pk)), None)

    def search(self, text: str) -> list[Service]:
        wanted = _fold(text)
        if not wanted:
            return []
        exact = [
            s
            for s in self.services
            if wanted in (_fold(service_label(s)), _fold(s.name))
        ]
        if exact:
            return exact
        words = wanted.replace("(", " ").replace(")", " ").split()
        return [
            s for s in self.services if all(w in _fold(service_label(s)) for w in words)
        ]


class RegistrationForm(forms.Form):
    """A new learner account: who, where they work, and a password."""

    first_name = forms.CharField(
        label=_("Nombres"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Ingrese sus nombres.")},
    )
    last_name = forms.CharField(
        label=_("Apellidos"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Ingrese sus apellidos.")},
    )
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Le enviaremos un enlace para activar la cuenta."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Ingrese su correo electrónico."),
            "invalid": _("Ingrese un correo válido, por ejemplo nombre@servicio.cl."),
        },
    )
    rut = RUTField(error_messages={"required": _("Ingrese su RUT.")})
    service_name = forms.CharField(
        label=_("Servicio donde trabaja"),
        max_length=300,
        help_text=_(
            "Escriba parte del nombre, por ejemplo «Energía», y elija de la lista."
        ),
        widget=forms.TextInput(
            attrs={"list": "service-options", "autocomplete": "off"}
        ),
        error_messages={"required": _("Indique el servicio donde trabaja.")},
    )
    service = forms.CharField(required=False, widget=forms.HiddenInput)
    password1 = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(
            lambda: " ".join(password_validation.password_validators_help_texts()), str
        )(),
        error_messages={"required": _("Elija una contraseña.")},
    )
    password2 = forms.CharField(
        label=_("Repita la contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Repita la contraseña.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("Leí y acepto el aviso de privacidad"),
        error_messages={
            "required": _("Para crear la cuenta debe aceptar el aviso de privacidad.")
        },
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "rut",
        "service_name",
        "service",
        "password1",
        "password2",
        "accept_privacy",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates: list[Service] = []

    @cached_property
    def finder(self) -> ServiceFinder:
        return ServiceFinder()

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())

    def clean(self):
        cleaned = super().clean()
        self._clean_service(cleaned)
        self._clean_passwords(cleaned)
        return cleaned

    def _choose(self, cleaned, service: Service) -> None:
        cleaned["service"] = service
        # Show the full name from now on, so a new error elsewhere keeps the choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("service_name")] = service_label(service)

    def _clean_service(self, cleaned):
        picked = (
            self.finder.get(cleaned.get("service")) if cleaned.get("service") else None
        )
        if picked is not None:
            self._choose(cleaned, picked)
            return
        cleaned["service"] = None
        text = cleaned.get("service_name")
        if not text:
            return
        matches = self.finder.search(text)
        if len(matches) == 1:
            self._choose(cleaned, matches[0])
        elif not matches:
            self.add_error(
                "service_name",
                _(
                    "No encontramos un servicio con ese nombre. Escriba solo una parte, "
                    "por ejemplo «Salud» o «Energía»."
                ),
            )
        elif len(matches) > MAX_CANDIDATES:
            self.add_error(
                "service_name",
                _(
                    "Hay %(n)s servicios con ese nombre. Escriba una parte más larga del "
                    "nombre."
                )
                % {"n": len(matches)},
            )
        else:
            self.candidates = matches
            self.add_error(
                "service_name",
                _("Hay varios servicios con ese nombre: elija el suyo en la lista."),
            )

    def _clean_passwords(self, cleaned):
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Las contraseñas no coinciden."))
            return
        if first:
            probe = User(
                email=cleaned.get("email") or "",
                first_name=cleaned.get("first_name") or "",
                last_name=cleaned.get("last_name") or "",
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)

    @property
    def candidate_choices(self) -> list[tuple[int, str]]:
        return [(s.pk, service_label(s)) for s in self.candidates]


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Ingrese el correo con que se registró."),
            "invalid": _("Ingrese un correo válido, por ejemplo nombre@servicio.cl."),
        },
    )


class AttemptForm(forms.Form):
    """One field per drawn question, alternatives in the order drawn for this attempt."""

    def __init__(self, *args, questions: list[tuple[Question, list]], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        total = len(questions)
        for index, (question, choices) in enumerate(questions, start=1):
            options = [(str(c.pk), c.text) for c in choices]
            common = {
                "label": question.text,
                "choices": options,
                "error_messages": {
                    "required": _("Responda esta pregunta."),
                    "invalid_choice": _(
                        "Elija una de las alternativas de la pregunta."
                    ),
                },
            }
            if question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Marque todas las alternativas correctas."),
                    **common,
                )
            else:
                field = forms.ChoiceField(widget=forms.RadioSelect, **common)
            field.number = index
            field.total = total
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, list[int]]:
        """Question id → chosen alternative ids, from cleaned data."""
        result = {}
        for question, _choices in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            values = value if isinstance(value, list) else [value]
            result[question.pk] = [int(v) for v in values if v]
        return result
