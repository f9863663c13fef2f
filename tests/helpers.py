"""Test helpers: log a user in on the right platform cookie, read TOTP codes."""

from dataclasses import dataclass, field
from pathlib import Path

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
    inline in tests, and a certificate without its PDF draws it on first download.

    The first load in a process runs the command and keeps a copy of the database (and
    of the media files it wrote); a later call that finds the database exactly as the
    first one found it (same tables, same row counts: what a transactional test starts
    from) puts that copy back instead of running the command again, which gives the
    same rows at a small part of the cost. Any other starting point runs the command.
    """
    from django.db import connection
    from django.utils import timezone

    key = (
        connection.vendor,
        connection.settings_dict["NAME"],
        str(settings.MEDIA_ROOT),
        timezone.localdate(),
    )
    snapshot = _DEMO_SNAPSHOTS.get(key)
    if snapshot is not None and snapshot.restore(connection):
        return
    if connection.vendor not in _SNAPSHOT_VENDORS:
        _run_load_demo()
        return
    before = _table_counts(connection)
    files_before = _media_files()
    _run_load_demo()
    _DEMO_SNAPSHOTS[key] = _DemoSnapshot.take(connection, before, files_before)


def _run_load_demo():
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("certificates.services.issue._queue_pdf"):
        call_command("load_demo", force=True, quiet=True)


_SNAPSHOT_VENDORS = ("postgresql", "sqlite")
_DEMO_SNAPSHOTS: dict = {}


def _table_counts(connection) -> dict[str, int]:
    """Every table's row count, in one query."""
    tables = sorted(connection.introspection.table_names(include_views=False))
    if connection.vendor == "sqlite":
        # A full-text index keeps its own bookkeeping in shadow tables, whose rows
        # do not follow the indexed rows one to one: count the index itself.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            virtual = [row[0] for row in cursor.fetchall()]
        tables = [t for t in tables if not any(t.startswith(f"{v}_") for v in virtual)]
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _media_files() -> dict[Path, tuple[int, int]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path: (stat.st_mtime_ns, stat.st_size)
        for path in root.rglob("*")
        if path.is_file() and (stat := path.stat())
    }


@dataclass
class _DemoSnapshot:
    before: dict[str, int]
    files: dict[Path, bytes] = field(default_factory=dict)
    tables: dict[str, bytes] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    sqlite: object = None

    @classmethod
    def take(cls, connection, before, files_before):
        snapshot = cls(before=before)
        snapshot.files = {
            path: path.read_bytes()
            for path, state in _media_files().items()
            if files_before.get(path) != state
        }
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            import sqlite3

            snapshot.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(snapshot.sqlite)
            return snapshot
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for table in before:
                with raw.copy(f"COPY {quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                    snapshot.tables[table] = b"".join(bytes(chunk) for chunk in copy)
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), "
                "last_value FROM pg_sequences WHERE last_value IS NOT NULL"
            )
            snapshot.sequences = dict(cursor.fetchall())
        return snapshot

    def restore(self, connection) -> bool:
        """Put the demo back if the database is where the first load started from."""
        from django.core.cache import cache
        from django.db import transaction

        from management.models.factors import clear_factor_cache

        if _table_counts(connection) != self.before:
            return False
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.sqlite.backup(connection.connection)
        else:
            quote = connection.ops.quote_name
            with transaction.atomic(), connection.cursor() as cursor:
                raw = cursor.cursor
                cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in self.tables))
                for table, data in self.tables.items():
                    if not data:
                        continue
                    with raw.copy(
                        f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)"
                    ) as copy:
                        copy.write(data)
                # Never hand out an id twice: the sequences only move forward.
                for name, value in self.sequences.items():
                    cursor.execute(
                        f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {name})))",
                        [name, value],
                    )
        for path, data in self.files.items():
            if not path.exists() or path.stat().st_size != len(data):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        # What the command left in caches is derived from the rows: read it afresh.
        cache.clear()
        clear_factor_cache()
        return True


def default_cells(table) -> list[list[str]]:
    """Each cell of the table's page as django-tables2's own template shows it
    ({{ cell }}: localized unless the column says not to, then escaped): what a table
    that writes its rows itself (``body_rows``) must give."""
    from django.utils import formats
    from django.utils.html import conditional_escape

    columns = list(table.columns)
    return [
        [
            str(
                conditional_escape(
                    formats.localize(
                        row.get_cell(c.name), use_l10n=c.localize is not False
                    )
                )
            )
            for c in columns
        ]
        for row in table.paginated_rows
    ]


def written_cells(table) -> list[list[str]]:
    """The cells ``table.body_rows()`` writes, as text."""
    return [[str(cell) for _attrs, cell in cells] for _c, cells in table.body_rows()]
