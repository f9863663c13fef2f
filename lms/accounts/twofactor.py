"""Two-factor devices: TOTP enrolment with a locally drawn QR code, and backup codes."""

import qrcode
import qrcode.image.svg
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.db import transaction

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "Aplicación de autenticación"


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(data: str) -> str:
    """An inline SVG QR code, drawn here: no external service sees the secret."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="Código QR" ', 1)


@transaction.atomic
def confirm_totp(*, user, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the pending device with a valid code; replace old devices and backup codes."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    return device, regenerate_backup_codes(user=user)


@transaction.atomic
def regenerate_backup_codes(*, user) -> list[str]:
    """Ten new single-use backup codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Códigos de respaldo", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify_code(user, token: str):
    """The device that accepts ``token`` (TOTP codes are single-use), or None."""
    return match_token(user, token)


def throttled_wait(user) -> int:
    """Seconds to wait before another code may be tried (0 when allowed)."""
    from django.utils import timezone

    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            return max(1, int((info["locked_until"] - timezone.now()).total_seconds()))
    return 0


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
