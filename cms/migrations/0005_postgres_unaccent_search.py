"""On PostgreSQL, a text search configuration that ignores accents (``unaccent``) before
Spanish stemming, used by the site search (SEARCH_CONFIG in settings). Other
databases need nothing: SQLite's FTS5 tokenizer already drops diacritics."""

from django.db import migrations

CONFIG = "cms_spanish_unaccent"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute(
            "SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG]
        )
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = spanish)")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem"
            )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_editorial_setup")]

    operations = [migrations.RunPython(create_config, drop_config)]
