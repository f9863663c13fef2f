"""What every Flota screen shares: the platform, the roles, the current service."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.accounts.mixins import PlatformAccessMixin
from lms.accounts.scoping import scope_for
from management.context import current_service, services_of
from management.views.base import NoServiceChosen

from ..permissions import MANAGE, SEE


class FleetMixin(PlatformAccessMixin):
    """A Flota page for ``allowed_roles``; lists narrow to the header's service."""

    platform = "flota"
    allowed_roles = SEE

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except NoServiceChosen:
            return render(
                request,
                "management/choose_service.html",
                {"services": services_of(request.user)},
                status=404,
            )

    def get_service(self):
        """The header's service when the user reaches it through these roles."""
        if not hasattr(self, "_service"):
            service = current_service(self.request)
            if service is not None and not scope_for(
                self.request.user, self.allowed_roles
            ).allows_service(service.pk):
                service = None
            self._service = service
        return self._service

    def service_or_404(self):
        service = self.get_service()
        if service is None:
            raise NoServiceChosen(
                _("Elija un servicio en el selector de la parte superior.")
            )
        return service

    def narrow(self, queryset, path: str = "service"):
        """Only the current service's rows (a national user without one sees all)."""
        service = self.get_service()
        return queryset.filter(**{path: service}) if service is not None else queryset

    @property
    def manages(self) -> bool:
        service = self.get_service()
        scope = scope_for(self.request.user, MANAGE)
        return scope.national or (
            service is not None and scope.allows_service(service.pk)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("service", self.get_service())
        context.setdefault("manages", self.manages)
        return context
