"""The landing pages of Gestión and Flota, and the header's service selector."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lms.accounts.mixins import PlatformAccessMixin

from ..context import current_service, select_service


class GestionHomeView(PlatformAccessMixin, TemplateView):
    platform = "gestion"
    template_name = "management/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        memberships = user.memberships.select_related("service__institution").order_by(
            "service__name", "role"
        )
        return super().get_context_data(
            memberships=memberships,
            staff_roles=sorted(r.label for r in user.staff_roles()),
            service=current_service(self.request),
            **kwargs,
        )


class FleetHomeView(GestionHomeView):
    """The Flota dashboard: a Conductor's vehicles, a manager's fleet at a glance."""

    platform = "flota"
    template_name = "management/fleet_home.html"

    def get_context_data(self, **kwargs):
        from ..fleet.selectors import dashboard

        context = super().get_context_data(**kwargs)
        context["fleet"] = dashboard(self.request.user, context["service"])
        return context


class SelectServiceView(PlatformAccessMixin, View):
    """POST a service id: it becomes the current service of the session."""

    platform = "gestion"
    http_method_names = ["post"]

    def post(self, request):
        try:
            service_id = int(request.POST.get("service", ""))
        except ValueError:
            service_id = None
        service = select_service(request, service_id) if service_id else None
        if service is None:
            messages.error(
                request, _("Ese servicio no está disponible para su cuenta.")
            )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            back = "/gestion/"
        return redirect(back)
