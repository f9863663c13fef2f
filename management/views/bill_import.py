"""Consumo > Importar boletas: template, upload, check with progress, confirm, report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from lms.accounts.scoping import scope_for
from lms.core.exports import csv_response

from ..models import BillImport
from ..permissions import MANAGE, UNIT_WORK
from ..services import bill_import as service
from .base import ServiceMixin

PREVIEW_PROBLEMS = 200


class BillImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Archivo de boletas (XLSX o CSV)"),
        help_text=gettext_lazy(
            "Use la plantilla: una fila por boleta, hasta 120.000 filas y 20 MB."
        ),
        error_messages={"required": gettext_lazy("Elija el archivo de boletas.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportMixin(ServiceMixin):
    allowed_roles = UNIT_WORK

    def imports(self):
        """The service's imports; a Gestor de Unidad sees only the ones they uploaded."""
        current = self.service_or_404()
        queryset = BillImport.objects.filter(service=current)
        if not scope_for(self.request.user, MANAGE).allows_service(current.pk):
            queryset = queryset.filter(created_by=self.request.user)
        return queryset


class BillImportView(ImportMixin, FormView):
    form_class = BillImportForm
    template_name = "management/energy/import.html"

    def form_valid(self, form):
        try:
            record = service.start_import(
                user=self.request.user,
                service=self.service_or_404(),
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.form_invalid(form)
        return redirect("management:bill-import-detail", pk=record.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent"] = self.imports().select_related("created_by")[:10]
        context["meter_count"] = service.importable_meters(
            self.request.user, self.service_or_404()
        ).count()
        return context


class BillImportTemplateView(ImportMixin, View):
    def get(self, request):
        current = self.service_or_404()
        data = service.template_workbook(user=request.user, service=current)
        response = HttpResponse(
            data,
            content_type="application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
        )
        name = f"plantilla-boletas-{current.code or current.pk}.xlsx".lower()
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class BillImportDetailView(ImportMixin, TemplateView):
    template_name = "management/energy/import_detail.html"

    def get_import(self) -> BillImport:
        return get_object_or_404(self.imports(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        record = self.get_import()
        if request.GET.get("export") == "informe":
            return csv_response(
                ["Fila", "Resultado", "Columna", "Detalle"],
                service.report_rows(record),
                f"informe-importacion-boletas-{record.pk}",
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        record = self.get_import()
        if request.POST.get("action") == "cancel":
            if service.cancel_import(import_=record):
                messages.info(request, _("Importación descartada: no se guardó nada."))
            return redirect("management:bill-import")
        if service.confirm_import(import_=record):
            messages.success(
                request,
                _("Importando %(n)s boletas. Puede seguir trabajando mientras tanto.")
                % {"n": len(record.rows)},
            )
        return redirect("management:bill-import-detail", pk=record.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_import()
        errors = [p for p in record.problems if p["kind"] == "error"]
        warnings = [p for p in record.problems if p["kind"] == "warning"]
        context.update(
            record=record,
            errors=errors[:PREVIEW_PROBLEMS],
            warnings=warnings[:PREVIEW_PROBLEMS],
            error_total=len(errors),
            warning_total=len(warnings),
            valid=len(record.rows),
        )
        return context
