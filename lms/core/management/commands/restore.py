"""``manage.py restore <folder>``: load a backup into the configured (empty) database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lms.core.backup import restore_backup


class Command(BaseCommand):
    help = "Restaura un respaldo en la base de datos configurada, que debe estar vacía."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder, **options):
        if connection.vendor == "postgresql" and connection.introspection.table_names():
            raise CommandError(
                "La base de datos no está vacía: restaure en una base nueva."
            )
        connection.close()
        restore_backup(
            Path(folder),
            database=connection.settings_dict,
            media_root=Path(settings.MEDIA_ROOT),
        )
        self.stdout.write("Respaldo restaurado.")
