"""Login throttling (django-axes): keyed by realm, e-mail and IP, with a Spanish answer."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from .realms import platform_for_path, realm_for_path


def axes_username(request, credentials) -> str:
    """``realm:email`` so a lock on one platform's account leaves the others alone."""
    username = None
    if credentials:
        username = credentials.get("username") or credentials.get("email")
    if username is None and request is not None:
        username = request.POST.get("username") or request.POST.get("email")
    realm = realm_for_path(request.path) if request is not None else ""
    return f"{realm}:{(username or '').strip().lower()}"


def lockout_response(request, credentials, *args, **kwargs):
    """The page shown when a username + IP pair is locked out (HTTP 429)."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    platform = platform_for_path(request.path)
    return render(
        request,
        "registration/lockout.html",
        {
            "cooloff_minutes": minutes,
            "platform": platform,
            "message": _(
                "Demasiados intentos fallidos de ingreso. Por seguridad, la cuenta quedó "
                "bloqueada en este equipo durante %(minutes)s minutos. Si olvidó su "
                "contraseña, puede restablecerla."
            )
            % {"minutes": minutes},
        },
        status=429,
    )
