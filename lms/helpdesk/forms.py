"""Forms of the public help desk and of the agents' ticket view."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from management.models import Service

from .models import Ticket
from .selectors import active_topics, agents
from .services import (
    MAX_ATTACHMENT_SIZE,
    MAX_ATTACHMENTS,
    attachment_validator,
)

ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.docx"
ATTACHMENT_HELP = _(
    "Hasta %(count)d archivos PDF, imágenes (PNG, JPG), Excel (XLSX) o Word (DOCX), "
    "de %(size)d MB como máximo cada uno."
) % {"count": MAX_ATTACHMENTS, "size": MAX_ATTACHMENT_SIZE // (1024 * 1024)}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_ATTACHMENTS files, each checked by its content."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Adjuntos"))
        kwargs.setdefault("help_text", ATTACHMENT_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": ACCEPT})

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(AttachmentsField, self).clean(d, initial) for d in items if d]
        files = [f for f in files if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Puede adjuntar hasta %(max)d archivos; eligió %(count)d."),
                code="too_many_files",
                params={"max": MAX_ATTACHMENTS, "count": len(files)},
            )
        errors = []
        for upload in files:
            try:
                attachment_validator(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files


INVALID_EMAIL = _("Escriba un correo válido, por ejemplo nombre@servicio.cl.")
phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{6,20}$",
    _("Escriba el teléfono solo con números; puede incluir +, espacios y guiones."),
)
extension_validator = RegexValidator(
    r"^[0-9]{1,6}$", _("El anexo lleva solo números (hasta 6).")
)


class SubjectForm(forms.Form):
    """First step: what the question is about, to look for answers before asking."""

    topic = forms.ModelChoiceField(
        label=_("Tema de ayuda"),
        queryset=active_topics(),
        required=False,
        empty_label=_("— Seleccione un tema de ayuda —"),
    )
    subject = forms.CharField(
        label=_("Asunto"),
        max_length=200,
        help_text=_("En una línea, ¿en qué podemos ayudarle?"),
    )


class TicketForm(forms.Form):
    """Abrir un nuevo ticket: contact details, topic, the question and its files."""

    email = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        error_messages={
            "required": _("Escriba su correo electrónico."),
            "invalid": INVALID_EMAIL,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Nombre completo"),
        max_length=150,
        error_messages={"required": _("Escriba su nombre completo.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Número de teléfono"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    phone_ext = forms.CharField(
        label=_("Anexo"),
        max_length=6,
        required=False,
        validators=[extension_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    organization = forms.CharField(
        label=_("Servicio o institución"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    service = forms.ModelChoiceField(
        label=_("Servicio"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— Ninguno en particular —"),
    )
    topic = forms.ModelChoiceField(
        label=_("Tema de ayuda"),
        queryset=active_topics(),
        empty_label=_("— Seleccione un tema de ayuda —"),
        error_messages={
            "required": _("Elija el tema de ayuda que mejor describe su solicitud."),
            "invalid_choice": _("Ese tema de ayuda no está disponible; elija otro."),
        },
    )
    subject = forms.CharField(
        label=_("Asunto"),
        max_length=200,
        error_messages={"required": _("Escriba el asunto de su solicitud.")},
    )
    body = forms.CharField(
        label=_("Mensaje"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Escriba su mensaje.")},
    )
    attachments = AttachmentsField()
    # Honeypot: hidden from people (and screen readers); bots tend to fill it.
    website = forms.CharField(
        label=_("No complete este campo"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            services = Service.objects.filter(
                memberships__user=self.user, is_active=True
            ).distinct()
            self.fields["service"].queryset = services
            del self.fields["organization"]
            if not services.exists():
                del self.fields["service"]
        else:
            del self.fields["service"]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class StatusCheckForm(forms.Form):
    """Ver estado de un ticket: the link is e-mailed, never shown."""

    email = forms.EmailField(
        label=_("Correo electrónico"),
        error_messages={
            "required": _("Escriba el correo con que abrió el ticket."),
            "invalid": INVALID_EMAIL,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    number = forms.CharField(
        label=_("Número de ticket"),
        max_length=20,
        help_text=_("Viene en el correo de confirmación, por ejemplo 000123."),
        error_messages={"required": _("Escriba el número del ticket.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean_number(self) -> int:
        raw = self.cleaned_data["number"].strip().lstrip("#")
        if not re.fullmatch(r"[0-9]{1,12}", raw) or int(raw) == 0:
            raise ValidationError(
                _("El número del ticket lleva solo dígitos, por ejemplo 000123.")
            )
        return int(raw)


class RequesterReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Su respuesta"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Escriba su mensaje.")},
    )
    attachments = AttachmentsField()


STAFF_REPLY_STATUSES = [
    (s.value, s.label)
    for s in (
        Ticket.Status.WAITING,
        Ticket.Status.IN_PROGRESS,
        Ticket.Status.RESOLVED,
        Ticket.Status.CLOSED,
    )
]


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Respuesta al solicitante"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Escriba la respuesta.")},
    )
    status = forms.ChoiceField(
        label=_("Estado después de responder"),
        choices=STAFF_REPLY_STATUSES,
        initial=Ticket.Status.WAITING,
    )
    attachments = AttachmentsField()


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Nota interna"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Solo la ven los agentes; nunca se envía al solicitante."),
        error_messages={"required": _("Escriba la nota.")},
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Asignar a"),
        queryset=agents(),
        required=False,
        empty_label=_("— Sin asignar —"),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Estado"), choices=Ticket.Status.choices)
