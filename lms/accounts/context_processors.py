"""Template context: the platform of the page and, on Gestión pages, the sidebar."""

from django.utils.functional import SimpleLazyObject

from .realms import platform_for_path


def platform(request):
    current = platform_for_path(request.path_info)
    context = {"current_platform": current}
    if current is not None and current.slug in ("gestion", "flota"):
        from management.context import current_service, services_of
        from management.navigation import sidebar_for

        context["sidebar"] = SimpleLazyObject(
            lambda: sidebar_for(request, current.slug)
        )
        context["current_service"] = SimpleLazyObject(lambda: current_service(request))
        context["user_services"] = SimpleLazyObject(
            lambda: list(services_of(request.user))
        )
    return context
