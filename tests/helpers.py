"""Test helpers: log a user in on the right platform cookie, read TOTP codes."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from django.conf import settings

from lms.accounts.realms import SESSION_COOKIES


def totp_code(device, offset_steps: int = 0) -> str:
    """The device's code now (or ``offset_steps`` periods away)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def login(client, user, device=None):
    """Log ``user`` in on its realm's cookie; with ``device``, as two-factor verified."""
    client.force_login(user)
    default = settings.SESSION_COOKIE_NAME
    session_key = client.cookies[default].value
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    name = SESSION_COOKIES[user.realm]
    if name != default:
        del client.cookies[default]
        client.cookies[name] = session_key
    return client


def load_demo():
    """The demo data of ``make run``, without drawing the certificates' PDFs: tasks run
    inline in tests, and a certificate without its PDF draws it on first download."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("certificates.services.issue._queue_pdf"):
        call_command("load_demo", force=True, quiet=True)
