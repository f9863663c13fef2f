"""Conductores: the service's drivers with their licences; new Conductor accounts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from lms.core.listing import FilteredTableView
from management.services.accounts import manageable_services
from management.views.base import apply_service_errors

from .. import services
from ..filters import DriverFilter
from ..forms import DriverForm, LicenceForm
from ..models import Driver
from ..permissions import MANAGE, READ
from ..tables import DriverTable
from .base import FleetMixin


class DriverListView(FleetMixin, FilteredTableView):
    allowed_roles = READ
    table_class = DriverTable
    filterset_class = DriverFilter
    template_name = "fleet/driver_list.html"
    page_title = gettext_lazy("Conductores")

    def get_queryset(self):
        return (
            self.narrow(Driver.objects.visible_to(self.request.user, roles=READ))
            .select_related("user")
            .prefetch_related("vehicles")
        )


class DriverCreateView(FleetMixin, FormView):
    allowed_roles = MANAGE
    form_class = DriverForm
    template_name = "fleet/form.html"

    def creates_accounts(self) -> bool:
        return (
            manageable_services(self.request.user)
            .filter(pk=self.service_or_404().pk)
            .exists()
        )

    def get_context_data(self, **kwargs):
        lead = (
            _(
                "Si la cuenta no existe se crea con el perfil Conductor y recibe un "
                "correo para elegir su contraseña."
            )
            if self.creates_accounts()
            else _(
                "El Gestor de Servicio crea las cuentas de Conductor; aquí registra la "
                "licencia de una cuenta que ya tiene ese perfil."
            )
        )
        return super().get_context_data(
            title=_("Agregar conductor"),
            lead=lead,
            back_url=reverse("fleet:driver-list"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            driver = services.create_driver(
                by=self.request.user, service=self.service_or_404(), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Conductor %(n)s registrado.") % {"n": driver})
        return redirect("fleet:driver-list")


class DriverUpdateView(FleetMixin, FormView):
    allowed_roles = MANAGE
    form_class = LicenceForm
    template_name = "fleet/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.driver = None
        return super().dispatch(request, *args, **kwargs)

    def get_driver(self):
        if self.driver is None:
            self.driver = get_object_or_404(
                Driver.objects.visible_to(
                    self.request.user, roles=MANAGE
                ).select_related("user", "service"),
                pk=self.kwargs["pk"],
            )
        return self.driver

    def get(self, request, *args, **kwargs):
        self.get_driver()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_driver()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        d = self.get_driver()
        return {"licence_class": d.licence_class, "licence_expiry": d.licence_expiry}

    def get_context_data(self, **kwargs):
        d = self.get_driver()
        return super().get_context_data(
            title=_("Licencia de %(n)s") % {"n": d},
            lead=d.licence_warning(),
            back_url=reverse("fleet:driver-list"),
            **kwargs,
        )

    def form_valid(self, form):
        d = self.get_driver()
        services.save_driver(service=d.service, user=d.user, **form.cleaned_data)
        messages.success(self.request, _("Licencia de %(n)s actualizada.") % {"n": d})
        return redirect("fleet:driver-list")
