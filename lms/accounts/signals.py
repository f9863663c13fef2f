"""Security events go to the ``lms.security`` log (logins, failures, logouts)."""

import logging

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)

from .realms import realm_for_path

log = logging.getLogger("lms.security")


def _client(request) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


def on_login(sender, request, user, **kwargs):
    log.info("login user=%s realm=%s ip=%s", user.pk, user.realm, _client(request))


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        log.info("logout user=%s realm=%s ip=%s", user.pk, user.realm, _client(request))


def on_failure(sender, credentials, request=None, **kwargs):
    realm = realm_for_path(request.path) if request is not None else "-"
    # The e-mail is not logged: a typo of a password in the e-mail field would leak.
    log.warning("login-failed realm=%s ip=%s", realm, _client(request))


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="accounts.log_login")
    user_logged_out.connect(on_logout, dispatch_uid="accounts.log_logout")
    user_login_failed.connect(on_failure, dispatch_uid="accounts.log_failure")
