"""Bills carry their unit and energy source (first step: added and filled in).

Existing bills and their history rows take the unit and source of their meter's
client number; the next migration makes both required and the meter optional.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Meter = apps.get_model("management", "Meter")
    meters = Meter.objects.filter(pk=OuterRef("meter_id"))
    for name in ("Bill", "HistoricalBill"):
        model = apps.get_model("management", name)
        model.objects.filter(meter_id__isnull=False).update(
            unit_id=Subquery(meters.values("client_number__unit_id")[:1]),
            source=Subquery(meters.values("client_number__source")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("management", "0012_seed_energy_factors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bill",
            name="source",
            field=models.CharField(
                default="", max_length=20, verbose_name="energético"
            ),
        ),
        migrations.AddField(
            model_name="bill",
            name="unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bills",
                to="management.unit",
                verbose_name="unidad",
            ),
        ),
        migrations.AddField(
            model_name="historicalbill",
            name="source",
            field=models.CharField(
                default="", max_length=20, verbose_name="energético"
            ),
        ),
        migrations.AddField(
            model_name="historicalbill",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="management.unit",
                verbose_name="unidad",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
