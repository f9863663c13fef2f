"""Bills without meter: unit and source required, the meter optional for sources
bought without one (fuels, gas in cylinders), the new sources in every list.

Kept apart from the backfill so PostgreSQL alters the table after the update has
committed. On PostgreSQL a second exclusion constraint refuses overlapping bills of
one unit and source without meter, as the first one does per meter (one shared
boundary day allowed).
"""

import django.db.models.deletion
from django.db import migrations, models

SOURCES = [
    ("electricidad", "Electricidad"),
    ("gas_natural", "Gas Natural"),
    ("glp", "Gas Licuado de Petróleo"),
    ("calor", "Calor"),
    ("diesel", "Diésel"),
    ("kerosene", "Kerosene (parafina)"),
    ("gasolina", "Gasolina"),
    ("petroleo_6", "Petróleo combustible N°6"),
    ("lena", "Leña"),
    ("carbon", "Carbón"),
    ("pellet", "Pellet"),
]

CONSTRAINT = "management_bill_no_overlap_unmetered"
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE management_bill ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
    "(unit_id WITH =, source WITH =, daterange(period_start, period_end, '[)') WITH &&) "
    "WHERE (meter_id IS NULL)",
]
DROP = [f"ALTER TABLE management_bill DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("management", "0013_bills_without_meter")]

    operations = [
        migrations.AlterField(
            model_name="bill",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bills",
                to="management.unit",
                verbose_name="unidad",
            ),
        ),
        migrations.AlterField(
            model_name="bill",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=20, verbose_name="energético"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbill",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=20, verbose_name="energético"
            ),
        ),
        migrations.AlterField(
            model_name="bill",
            name="meter",
            field=models.ForeignKey(
                blank=True,
                help_text="Vacío: compra sin medidor (leña, cilindros de gas, petróleo…).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bills",
                to="management.meter",
                verbose_name="medidor",
            ),
        ),
        migrations.AlterField(
            model_name="clientnumber",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=30, verbose_name="fuente energética"
            ),
        ),
        migrations.AlterField(
            model_name="conversionfactor",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=30, verbose_name="energético"
            ),
        ),
        migrations.AlterField(
            model_name="distributor",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=30, verbose_name="fuente energética"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbill",
            name="meter",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Vacío: compra sin medidor (leña, cilindros de gas, petróleo…).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="management.meter",
                verbose_name="medidor",
            ),
        ),
        migrations.AlterField(
            model_name="historicalconversionfactor",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=30, verbose_name="energético"
            ),
        ),
        migrations.AlterField(
            model_name="monthlyconsumption",
            name="meter",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="months",
                to="management.meter",
                verbose_name="medidor",
            ),
        ),
        migrations.AlterField(
            model_name="monthlyconsumption",
            name="source",
            field=models.CharField(
                choices=SOURCES, max_length=20, verbose_name="energético"
            ),
        ),
        migrations.AddIndex(
            model_name="bill",
            index=models.Index(
                fields=["unit", "source", "period_start"],
                name="management_bill_unit_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="bill",
            constraint=models.UniqueConstraint(
                condition=models.Q(("meter__isnull", True)),
                fields=("unit", "source", "period_start", "period_end"),
                name="management_bill_unique_period_unmetered",
            ),
        ),
        migrations.AddConstraint(
            model_name="bill",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("meter__isnull", False),
                    models.Q(
                        ("source__in", ["electricidad", "gas_natural"]), _negated=True
                    ),
                    _connector="OR",
                ),
                name="management_bill_metered_source",
            ),
        ),
        migrations.AddConstraint(
            model_name="monthlyconsumption",
            constraint=models.UniqueConstraint(
                condition=models.Q(("meter__isnull", True)),
                fields=("unit", "source", "year", "month"),
                name="management_monthly_unique_unmetered",
            ),
        ),
        migrations.RunPython(
            _on_postgresql(CREATE), _on_postgresql(DROP), elidable=False
        ),
    ]
