"""Print the current two-factor code of a Gestión account (for demos and support)."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import User
from lms.accounts.realms import Realm


class Command(BaseCommand):
    help = "Muestra el código TOTP vigente de una cuenta de Gestión (solo con DEBUG o --force)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, email, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Solo disponible en desarrollo (DEBUG) o con --force.")
        user = User.objects.with_email(email, Realm.GESTION).first()
        device = (
            TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if user
            else None
        )
        if device is None:
            raise CommandError(
                "Esa cuenta no existe o no tiene un dispositivo de doble factor."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
