"""Security headers that depend on the path."""

from csp.middleware import CSPMiddleware

# Wagtail's admin renders a few inline scripts (inline panels, date pickers); it is
# staff-only behind two-factor. Every other page keeps script-src 'self' only.
ADMIN_PREFIX = "/admin/"


class PlatformCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with inline scripts allowed in the Wagtail admin only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**(parts.update or {}), "script-src": ["'unsafe-inline'"]}
        return parts
