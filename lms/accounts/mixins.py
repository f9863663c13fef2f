"""View mixins every platform view uses: realm login, role check, scoped querysets."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .realms import PLATFORMS
from .scoping import scope_for


def with_next(url: str, next_path: str | None) -> str:
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def login_url(platform_slug: str, next_path: str | None = None) -> str:
    return with_next(
        reverse("accounts:login", kwargs={"platform": platform_slug}), next_path
    )


def user_may_enter(user, platform_slug: str) -> bool:
    """Whether ``user`` holds a session valid for this platform's pages."""
    platform = PLATFORMS[platform_slug]
    if not (user.is_authenticated and user.is_active and user.realm == platform.realm):
        return False
    return not (user.requires_two_factor and not user.is_verified())


class PlatformAccessMixin:
    """Send anyone without a verified session of ``platform`` to its own login, and
    refuse (403) users that hold none of ``allowed_roles`` (no check when empty)."""

    platform = "gestion"
    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not user_may_enter(request.user, self.platform):
            return redirect(login_url(self.platform, request.get_full_path()))
        if self.allowed_roles and not request.user.has_role(*self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin:
    """Objects come from ``visible_to(user, roles=scope_roles)``: others' ids give 404."""

    scope_roles: tuple[str, ...] | None = None

    def get_queryset(self):
        return (
            super().get_queryset().visible_to(self.request.user, roles=self.scope_roles)
        )

    def get_scope(self):
        return scope_for(self.request.user, self.scope_roles)
