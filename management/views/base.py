"""What every management screen shares: access by role, the current service, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.accounts.mixins import PlatformAccessMixin
from lms.accounts.scoping import scope_for

from ..context import current_service, services_of
from ..models import Service
from ..permissions import READ
from ..services.locks import (
    InventoryLocked,
    current_year,
    inventory_lock,
    is_administrator,
)


class GestionMixin(PlatformAccessMixin):
    """A Gestión page for ``allowed_roles`` (readers of the service by default)."""

    platform = "gestion"
    allowed_roles = READ

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("year", current_year())
        context.setdefault("is_admin", is_administrator(self.request.user))
        return context


class NoServiceChosen(Http404):
    """A national user opened a screen about one service without choosing one."""


class ServiceMixin(GestionMixin):
    """Pages about the current service (the header's selector).

    ``service_roles`` are the roles through which the service must be reached; a
    national user who has not chosen a service is asked to choose one.
    """

    service_roles: tuple[str, ...] | None = None
    needs_service = True

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

    def get_service(self) -> Service | None:
        if not hasattr(self, "_service"):
            service = current_service(self.request)
            roles = self.service_roles or self.allowed_roles or None
            if service is not None and not scope_for(
                self.request.user, roles
            ).allows_service(service.pk):
                service = None
            self._service = service
        return self._service

    def service_or_404(self) -> Service:
        service = self.get_service()
        if service is None:
            raise NoServiceChosen(
                _("Elija un servicio en el selector de la parte superior.")
            )
        return service

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.get_service()
        context["service"] = service
        if service is not None:
            context["lock_reason"] = inventory_lock(service=service)
        return context


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on top of it)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def refuse_locked(request, error: PermissionDenied, url):
    """Tell a user why a frozen inventory cannot change, and go back."""
    if isinstance(error, InventoryLocked):
        messages.error(request, str(error))
        return redirect(url)
    raise error
