"""Backup and restore: dump the database and media, load them into a fresh database,
and find the data there through the application itself."""

import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from lms.core.backup import create_backup, restore_backup
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[2]


def fresh_database(tmp_path) -> dict:
    """An empty database of the same kind as the test database."""
    db = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        db["NAME"] = str(tmp_path / "restored.sqlite3")
        return db
    import psycopg

    name = f"{db['NAME']}_restored"
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    db["NAME"] = name
    return db


def database_url(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = (
        db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "") + "@"
        if db["USER"]
        else ""
    )
    return f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_in_app(db: dict, code: str) -> str:
    """Run Python inside the application, pointed at ``db``."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.test",
            "DATABASE_URL": database_url(db),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_a_backup_restores_into_a_fresh_database_with_its_files(tmp_path):
    learner = LearnerFactory(first_name="Íñigo", email="inigo@servicio.example")
    media_file = Path(settings.MEDIA_ROOT) / "respaldo" / "prueba.txt"
    media_file.parent.mkdir(parents=True, exist_ok=True)
    media_file.write_bytes("contenido ñ".encode())

    backup = create_backup(tmp_path / "backup")
    assert (backup / "manifest.json").exists()

    target = fresh_database(tmp_path)
    restored_media = tmp_path / "media"
    restore_backup(backup, database=target, media_root=restored_media)

    name = run_in_app(
        target,
        "from lms.accounts.models import User; "
        f"print(User.objects.get(pk={learner.pk}).first_name)",
    )
    assert name == "Íñigo"
    assert (
        restored_media / "respaldo" / "prueba.txt"
    ).read_bytes() == "contenido ñ".encode()


def test_a_media_archive_with_paths_outside_the_media_folder_is_refused(tmp_path):
    import io
    import json
    import tarfile

    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "manifest.json").write_text(
        json.dumps(
            {
                "vendor": "sqlite",
                "database": "database.sqlite3",
                "media": "media.tar.gz",
            }
        )
    )
    (folder / "database.sqlite3").write_bytes(b"")
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        data = b"x"
        info = tarfile.TarInfo("media/../../fuera.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    with pytest.raises(ValueError):
        restore_backup(
            folder,
            database={"NAME": str(tmp_path / "x.sqlite3")},
            media_root=tmp_path / "m",
        )
    assert not (tmp_path / "fuera.txt").exists()
