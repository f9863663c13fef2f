"""Load the demo data of every module (idempotent): ``manage.py load_demo``."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Order matters: services before the users that belong to them, pages last.
DEMO_MODULES = [
    "management.demo",
    "lms.accounts.demo",
    "management.demo_assignments",
    "cms.demo",
    "lms.helpdesk.demo",
    "courses.demo",
    "certificates.demo",
    "management.demo_energy",
    "management.demo_estado_verde",
    "management.demo_fleet",
    "management.demo_collaborators",
]


class Command(BaseCommand):
    help = "Crea o actualiza los datos de demostración (sitio, servicio, un usuario por perfil)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Permite cargar la demostración con DEBUG desactivado.",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="No imprime los accesos."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "La demostración crea cuentas con contraseñas conocidas; use --force si de verdad "
                "quiere cargarla con DEBUG desactivado."
            )
        notes: list[str] = []
        for path in DEMO_MODULES:
            try:
                module = import_module(path)
            except ModuleNotFoundError as exc:
                if exc.name == path:
                    continue
                raise
            with transaction.atomic():
                result = module.load()
            if result:
                notes.extend(result)
        if not options["quiet"]:
            self.stdout.write("\n".join(notes))
