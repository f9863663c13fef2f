"""On PostgreSQL, the database itself refuses two bills of one meter whose periods
overlap by more than one day (a shared reading day is allowed: ``[)`` ranges).

``save_bill`` already checks this rule with a clear message and locks the meter; the
exclusion constraint guards every other writer (bulk import, scripts). SQLite has no
exclusion constraints, so the operation does nothing there.
"""

from django.db import migrations

CONSTRAINT = "management_bill_no_overlap"

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE management_bill ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
    "(meter_id WITH =, daterange(period_start, period_end, '[)') WITH &&)",
]
DROP = [f"ALTER TABLE management_bill DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("management", "0009_bill_demand_estimated")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
