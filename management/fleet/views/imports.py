"""Importar vehículos: upload, preview with per-row errors, confirm (all or nothing)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from lms.core.exports import csv_response

from .. import imports
from ..forms import ImportForm
from ..permissions import MANAGE
from .base import FleetMixin

SESSION_KEY = "fleet_vehicle_import"


class VehicleImportView(FleetMixin, FormView):
    allowed_roles = MANAGE
    form_class = ImportForm
    template_name = "fleet/import.html"

    def get(self, request, *args, **kwargs):
        self.service_or_404()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        service = self.service_or_404()
        if "confirm" in request.POST:
            pending = request.session.get(SESSION_KEY)
            if not pending or pending.get("service") != service.pk:
                messages.error(
                    request, _("La vista previa expiró; suba la planilla de nuevo.")
                )
                return redirect("fleet:vehicle-import")
            try:
                count = imports.import_rows(service=service, rows=pending["rows"])
            except ValidationError as error:
                messages.error(
                    request,
                    _("No se importó nada: %(e)s") % {"e": " ".join(error.messages)},
                )
                return redirect("fleet:vehicle-import")
            del request.session[SESSION_KEY]
            messages.success(request, _("%(n)s vehículos importados.") % {"n": count})
            return redirect("fleet:vehicle-list")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        service = self.service_or_404()
        try:
            columns, rows = imports.parse(form.cleaned_data["file"], service)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        bad = [r for r in rows if r.errors]
        if not bad:
            self.request.session[SESSION_KEY] = {
                "service": service.pk,
                "rows": [{"data": r.data, "unit_ids": r.unit_ids} for r in rows],
            }
        else:
            self.request.session.pop(SESSION_KEY, None)
        return self.render_to_response(
            self.get_context_data(
                form=form, columns=columns, rows=rows, bad=len(bad), preview=True
            )
        )


class VehicleImportTemplateView(FleetMixin, View):
    allowed_roles = MANAGE

    def get(self, request, *args, **kwargs):
        header = [name for name, _f, _r in imports.COLUMNS]
        return csv_response(header, imports.TEMPLATE_ROWS, "plantilla-vehiculos")
