"""Security events: who signed in, failed, was locked out, enrolled two-factor, changed
roles or exported personal data — kept in the database for the Administrador."""

import logging

from .models import SecurityEvent

log = logging.getLogger("lms.security")


def client_ip(request) -> str:
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "")[:45]


def record_event(
    *, kind: str, request=None, user=None, realm: str = "", detail: dict | None = None
) -> SecurityEvent:
    """Store one security event and mirror it to the ``lms.security`` log."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        realm=realm or (user.realm if user is not None else ""),
        ip=client_ip(request),
        path=(request.path[:255] if request is not None else ""),
        detail=detail or {},
    )
    log.info(
        "%s user=%s realm=%s ip=%s %s",
        kind,
        getattr(user, "pk", "-"),
        event.realm,
        event.ip,
        detail or "",
    )
    return event
