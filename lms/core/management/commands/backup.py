"""``manage.py backup <folder>``: database dump and media files (see docs/deploy.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.core.backup import create_backup


class Command(BaseCommand):
    help = "Respalda la base de datos y los archivos subidos en una carpeta."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default="")

    def handle(self, *args, folder, **options):
        target = Path(folder or f"var/backups/{timezone.localtime():%Y%m%d-%H%M%S}")
        create_backup(target)
        self.stdout.write(f"Respaldo en {target}")
