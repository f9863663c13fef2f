"""The service (and unit) a Gestión user is working on, kept in the session."""

from lms.accounts.scoping import scope_for

from .models import Service

SESSION_KEY = "gestion_service_id"
UNIT_SESSION_KEY = "gestion_unit_id"


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
    """Make ``service_id`` the current service when the user reaches it."""
    service = services_of(request.user).filter(pk=service_id).first()
    if service is not None:
        request.session[SESSION_KEY] = service.pk
        request.session.pop(UNIT_SESSION_KEY, None)
        request._current_service = service
    return service


def remember_unit(request, unit) -> None:
    """Mi Unidad: the unit last opened becomes the current one (and its service)."""
    request.session[UNIT_SESSION_KEY] = unit.pk
    if request.session.get(SESSION_KEY) != unit.service_id:
        request.session[SESSION_KEY] = unit.service_id
        request._current_service = unit.service


def current_unit(request):
    """The unit last opened in Mi Unidad, if the user still reaches it."""
    from .models import Unit

    wanted = request.session.get(UNIT_SESSION_KEY)
    if wanted is None:
        return None
    return Unit.objects.visible_to(request.user).filter(pk=wanted).first()
