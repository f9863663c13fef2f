"""Backups: the database (pg_dump custom format, or SQLite's online backup) and the media
files, into one folder with a manifest; and the way back."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def create_backup(target: Path, *, alias: str = "default") -> Path:
    """Write ``database.dump`` (or ``database.sqlite3``), ``media.tar.gz`` and a manifest."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        database_file = target / "database.dump"
        subprocess.run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-privileges",
                *_pg_args(db),
                "-f",
                str(database_file),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
        )
    elif connection.vendor == "sqlite":
        database_file = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(database_file) as copy:
            connection.connection.backup(copy)
    else:
        raise ValueError(f"No backup procedure for {connection.vendor}")
    media_file = target / "media.tar.gz"
    with tarfile.open(media_file, "w:gz") as archive:
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            archive.add(media, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "database": database_file.name,
        "media": media_file.name,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def restore_backup(source: Path, *, database: dict, media_root: Path) -> None:
    """Load a backup into ``database`` (an empty database: NAME, HOST… or a SQLite path)
    and unpack its media files into ``media_root``."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest["vendor"] == "postgresql":
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *_pg_args(database),
                "-d",
                database["NAME"],
                str(source / manifest["database"]),
            ],
            check=True,
            env=_pg_env(database),
        )
    else:
        shutil.copyfile(source / manifest["database"], database["NAME"])
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / manifest["media"], "r:gz") as archive:
        for member in archive.getmembers():
            if not member.name.startswith("media") or ".." in Path(member.name).parts:
                raise ValueError(f"Unexpected path in the media archive: {member.name}")
        archive.extractall(media_root.parent / "_restore_tmp", filter="data")
    unpacked = media_root.parent / "_restore_tmp" / "media"
    if unpacked.is_dir():
        shutil.copytree(unpacked, media_root, dirs_exist_ok=True)
    shutil.rmtree(media_root.parent / "_restore_tmp", ignore_errors=True)
