"""Información > Colaboradores concientizados > Invitaciones.

The service invites its collaborators to the Concientización course from a CSV/XLSX
file or typed e-mails, checks the rows before anything is sent, follows who
registered, is taking the course or passed it, and reminds the rest (at most once a
week per person).
"""

import django_filters
import django_tables2 as tables

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from lms.core.exports import csv_response
from lms.core.listing import FilteredTableView
from lms.core.rut import mask_rut
from lms.core.tabular import MAX_BYTES

from ..models import CollaboratorInvitation, InvitationUpload
from ..permissions import COLLABORATORS
from ..services import invitations as service
from .base import ServiceMixin

PREVIEW_PROBLEMS = 200
PREVIEW_ROWS = 20


class InvitationForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Archivo CSV o Excel (XLSX)"),
        required=False,
        help_text=gettext_lazy(
            "Primera fila con los nombres de las columnas: Correo (obligatoria), "
            "Nombres, Apellidos, RUT, Unidad. Hasta 100.000 filas y 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    emails = forms.CharField(
        label=gettext_lazy("O escriba los correos"),
        required=False,
        help_text=gettext_lazy(
            "Uno por línea, o separados por comas o punto y coma. Hasta 1.000."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
    )

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.checked = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        typed = (cleaned.get("emails") or "").strip()
        if not upload and not typed:
            raise ValidationError(
                _("Suba un archivo o escriba al menos un correo."), code="empty"
            )
        if upload and typed:
            raise ValidationError(
                _("Use el archivo o los correos escritos, no ambos a la vez."),
                code="both",
            )
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise ValidationError(
                        _("El archivo pesa más de 20 MB: divídalo en partes.")
                    )
                self.checked = service.check_file(service=self.service, file=upload)
            else:
                self.checked = service.check_typed(service=self.service, text=typed)
        except ValidationError as exc:
            self.add_error("file" if upload else "emails", exc)
        return cleaned


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Nombre o correo"), method="search"
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Estado"),
        choices=service.Status.CHOICES,
        empty_label=gettext_lazy("Todos"),
    )
    unit = django_filters.CharFilter(
        label=gettext_lazy("Unidad"), field_name="unit_name", lookup_expr="icontains"
    )

    class Meta:
        model = CollaboratorInvitation
        fields = ["q", "status", "unit"]

    def search(self, queryset, name, value):
        match = Q()
        for word in value.split():
            match &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset.filter(match)


STATUS_BADGES = {
    service.Status.INVITED: "badge",
    service.Status.REGISTERED: "badge badge-warn",
    service.Status.IN_PROGRESS: "badge badge-warn",
    service.Status.COMPLETED: "badge badge-ok",
}


class InvitationTable(tables.Table):
    name = tables.Column(
        verbose_name=gettext_lazy("Nombre"),
        accessor="last_name",
        order_by=("last_name", "first_name"),
        default="—",
    )
    email = tables.Column(verbose_name=gettext_lazy("Correo"))
    rut = tables.Column(verbose_name=gettext_lazy("RUT"), orderable=False, default="—")
    unit_name = tables.Column(verbose_name=gettext_lazy("Unidad"), default="—")
    status = tables.Column(verbose_name=gettext_lazy("Estado"))
    created_at = tables.DateColumn(
        verbose_name=gettext_lazy("Invitado el"), format="d-m-Y"
    )
    last_reminded_at = tables.DateColumn(
        verbose_name=gettext_lazy("Recordado el"), format="d-m-Y", default="—"
    )
    actions = tables.Column(
        verbose_name=gettext_lazy("Acciones"), empty_values=(), orderable=False
    )

    class Meta:
        model = CollaboratorInvitation
        fields = ()
        # The action first, so it never scrolls out of sight.
        sequence = (
            "actions",
            "name",
            "email",
            "rut",
            "unit_name",
            "status",
            "created_at",
            "last_reminded_at",
        )
        attrs = {"class": "table"}
        empty_text = gettext_lazy("Aún no hay invitaciones con estos filtros.")

    def render_name(self, record):
        return record.full_name or "—"

    def value_name(self, record):
        return record.full_name

    def render_rut(self, value):
        return mask_rut(value) or "—"

    def render_status(self, value):
        return format_html(
            '<span class="{}">{}</span>',
            STATUS_BADGES.get(value, "badge"),
            service.Status.LABELS.get(value, value),
        )

    def value_status(self, value):
        return str(service.Status.LABELS.get(value, value))

    def render_actions(self, record):
        if record.status == service.Status.COMPLETED:
            return "—"
        return render_to_string(
            "management/collaborators/remind_button.html",
            {"record": record},
            request=getattr(self, "request", None),
        )


class InvitationListView(ServiceMixin, FilteredTableView):
    """Who the service invited, and where each one is: invited → passed."""

    allowed_roles = COLLABORATORS
    table_class = InvitationTable
    filterset_class = InvitationFilter
    page_title = gettext_lazy("Invitaciones a Concientización")
    export_name = "invitaciones-concientizacion"
    template_name = "management/collaborators/invitations.html"

    def get_queryset(self):
        return service.with_status(
            CollaboratorInvitation.objects.filter(service=self.service_or_404())
        )

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.request = self.request
        return table

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.service_or_404()
        context["counts"] = service.status_counts(service=current)
        context["status_labels"] = service.Status.CHOICES
        context["uploads"] = InvitationUpload.objects.filter(service=current).exclude(
            status=InvitationUpload.Status.CANCELLED
        )[:5]
        return context


class InvitationCreateView(ServiceMixin, FormView):
    """Upload a list or type e-mails; the rows are checked before anything is sent."""

    allowed_roles = COLLABORATORS
    form_class = InvitationForm
    template_name = "management/collaborators/invitation_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["service"] = self.service_or_404()
        return kwargs

    def form_valid(self, form):
        upload_file = form.cleaned_data.get("file")
        upload = service.create_upload(
            by=self.request.user,
            service=self.service_or_404(),
            checked=form.checked,
            file_name=upload_file.name if upload_file else _("Correos escritos"),
        )
        return redirect("management:invitation-upload", pk=upload.pk)


class InvitationUploadView(ServiceMixin, TemplateView):
    """A checked list: what will be sent, what was refused and why; then its progress."""

    allowed_roles = COLLABORATORS
    template_name = "management/collaborators/invitation_upload.html"

    def get_upload(self) -> InvitationUpload:
        return get_object_or_404(
            InvitationUpload.objects.filter(service=self.service_or_404()),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        upload = self.get_upload()
        if request.GET.get("export") == "rechazos":
            rows = (
                [p["row"], p["column"], p["value"], p["message"]]
                for p in upload.problems
            )
            return csv_response(
                ["Fila", "Columna", "Valor", "Motivo"],
                rows,
                f"invitaciones-rechazadas-{upload.pk}",
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        upload = self.get_upload()
        if request.POST.get("action") == "cancel":
            if service.cancel_upload(upload=upload):
                messages.info(request, _("Carga descartada: no se envió nada."))
            return redirect("management:invitations")
        if not upload.rows:
            messages.error(request, _("Esta carga no tiene filas válidas para enviar."))
            return redirect("management:invitation-upload", pk=upload.pk)
        service.confirm_upload(by=request.user, upload=upload)
        messages.success(
            request,
            _("Enviando %(n)s invitaciones. Puede seguir trabajando mientras tanto.")
            % {"n": len(upload.rows)},
        )
        return redirect("management:invitation-upload", pk=upload.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upload = self.get_upload()
        context.update(
            upload=upload,
            problems=upload.problems[:PREVIEW_PROBLEMS],
            sample=upload.rows[:PREVIEW_ROWS],
            valid=len(upload.rows)
            if upload.status == InvitationUpload.Status.PREVIEW
            else upload.processed,
            refused_rows=len({p["row"] for p in upload.problems}),
            refresh=upload.status == InvitationUpload.Status.PROCESSING,
        )
        return context


class RemindView(ServiceMixin, View):
    """POST: remind one invitation (``pk``) or every pending one of the service."""

    allowed_roles = COLLABORATORS
    http_method_names = ["post"]

    def post(self, request, pk=None):
        current = self.service_or_404()
        if pk is not None:
            get_object_or_404(
                CollaboratorInvitation.objects.filter(service=current), pk=pk
            )
        sent, skipped = service.send_reminders(
            service=current, ids=[pk] if pk is not None else None
        )
        if sent:
            messages.success(
                request,
                ngettext(
                    "Recordatorio enviado a %(n)s persona.",
                    "Recordatorio enviado a %(n)s personas.",
                    sent,
                )
                % {"n": sent},
            )
        if skipped:
            messages.info(
                request,
                ngettext(
                    "%(n)s persona no recibió recordatorio: ya aprobó el curso o "
                    "recibió un correo hace menos de 7 días.",
                    "%(n)s personas no recibieron recordatorio: ya aprobaron el curso "
                    "o recibieron un correo hace menos de 7 días.",
                    skipped,
                )
                % {"n": skipped},
            )
        return redirect(reverse("management:invitations"))
