"""The service a Gestión user is working on (the header's selector), kept in the session."""

from lms.accounts.scoping import scope_for

from .models import Service

SESSION_KEY = "gestion_service_id"


def services_of(user):
    """Services the user reaches, for the header's selector."""
    return Service.objects.visible_to(user).active().select_related("institution")


def current_service(request) -> Service | None:
    """The selected service, falling back to the user's first one."""
    if hasattr(request, "_current_service"):
        return request._current_service
    user = request.user
    service = None
    wanted = request.session.get(SESSION_KEY)
    if wanted is not None and scope_for(user).allows_service(wanted):
        service = Service.objects.filter(pk=wanted, is_active=True).first()
    if service is None and not scope_for(user).national:
        service = services_of(user).first()
    request._current_service = service
    return service


def select_service(request, service_id: int) -> Service | None:
    service = services_of(request.user).filter(pk=service_id).first()
    if service is not None:
        request.session[SESSION_KEY] = service.pk
        request._current_service = service
    return service
