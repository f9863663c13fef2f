"""Per-platform sessions, session time limits and mandatory two-factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from .mixins import login_url, with_next
from .realms import (
    SESSION_COOKIES,
    STRONG_AUTH_PREFIXES,
    platform_for_path,
    realm_for_path,
)

LAST_SEEN_KEY = "_ge_last_seen"
LOGIN_AT_KEY = "_ge_login_at"
# Set at login for learners who chose to enrol a two-factor device.
NEEDS_CODE_KEY = "_ge_needs_code"


def session_cookie_name(request) -> str:
    return SESSION_COOKIES[realm_for_path(request.path_info)]


class PlatformSessionMiddleware(SessionMiddleware):
    """Django's session middleware with one cookie per realm, chosen by the path.

    Capacitación, Concientización and Gestión/Flota are separate platforms with
    separate accounts; separate cookies keep a login on one from opening another,
    and let a person be signed in to several at once, as with separate sites.
    """

    def process_request(self, request):
        request.session_cookie_name = session_cookie_name(request)
        request.session = self.SessionStore(
            request.COOKIES.get(request.session_cookie_name)
        )

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        name = getattr(request, "session_cookie_name", None)
        if session is None or name is None:
            return response
        empty = session.is_empty()
        vary = session.accessed
        cookie_kwargs = {
            "domain": settings.SESSION_COOKIE_DOMAIN,
            "path": settings.SESSION_COOKIE_PATH,
            "samesite": settings.SESSION_COOKIE_SAMESITE,
        }
        if empty:
            if name in request.COOKIES:
                response.delete_cookie(name, **cookie_kwargs)
                vary = True
        elif (session.modified or settings.SESSION_SAVE_EVERY_REQUEST) and (
            response.status_code < 500
        ):
            if session.get_expire_at_browser_close():
                max_age, expires = None, None
            else:
                max_age = session.get_expiry_age()
                expires = http_date(time.time() + max_age)
            try:
                session.save()
            except UpdateError as exc:
                raise SessionInterrupted(
                    "The session was deleted before the request completed."
                ) from exc
            response.set_cookie(
                name,
                session.session_key,
                max_age=max_age,
                expires=expires,
                secure=settings.SESSION_COOKIE_SECURE or None,
                httponly=settings.SESSION_COOKIE_HTTPONLY or None,
                **cookie_kwargs,
            )
            vary = True
        if vary:
            patch_vary_headers(response, ("Cookie",))
        return response


class SessionTimeoutMiddleware:
    """End Gestión/Flota and staff sessions after idle or absolute time limits."""

    # Writing the timestamp at most this often keeps most requests free of session writes.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.requires_two_factor:
            now = int(time.time())
            session = request.session
            last_seen = session.get(LAST_SEEN_KEY, now)
            login_at = session.setdefault(LOGIN_AT_KEY, now)
            idle = now - last_seen > settings.GESTION_IDLE_TIMEOUT
            too_old = now - login_at > settings.GESTION_ABSOLUTE_TIMEOUT
            if idle or too_old:
                logout(request)
                messages.info(
                    request,
                    _("Su sesión terminó por inactividad. Ingrese nuevamente.")
                    if idle
                    else _("Su sesión alcanzó el tiempo máximo. Ingrese nuevamente."),
                )
                platform = platform_for_path(request.path_info)
                slug = platform.slug if platform else "gestion"
                return redirect(login_url(slug, request.get_full_path()))
            if now - last_seen >= self.TOUCH_EVERY or LAST_SEEN_KEY not in session:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def two_factor_exempt(path: str) -> bool:
    """Pages a half-logged-in user may open: the two-factor steps and logout."""
    platform = platform_for_path(path)
    if platform is None:
        return False
    rest = path[len(platform.slug) + 2 :]
    return rest.startswith(("2fa/", "salir/"))


class TwoFactorMiddleware:
    """Until a user who needs two-factor has verified a code, they are not logged in.

    On the strong-auth prefixes (Gestión, Flota, Wagtail admin) they are sent to
    enrolment or verification; everywhere else they are treated as anonymous.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and (user.requires_two_factor or request.session.get(NEEDS_CODE_KEY))
        ):
            path = request.path_info
            if two_factor_exempt(path):
                return self.get_response(request)
            platform = platform_for_path(path)
            if path.startswith(STRONG_AUTH_PREFIXES) or (
                platform is not None and platform.realm == user.realm
            ):
                slug = platform.slug if platform else "gestion"
                url = reverse("accounts:2fa-verify", kwargs={"platform": slug})
                return redirect(with_next(url, request.get_full_path()))
            request.user = AnonymousUser()
        return self.get_response(request)
