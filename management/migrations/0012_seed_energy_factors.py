"""The factors of DOMAIN.md as the first version of each (values frozen here)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

BNE = "Balance Nacional de Energía, tabla de poderes caloríficos (1 kWh = 860 kcal)"
FIRST_DAY = dt.date(2000, 1, 1)  # the first version covers every earlier period

FACTORS = [
    ("electricidad", "kWh", "1", "Electricidad facturada en kWh (factor 1).", True),
    ("gas_natural", "m³", "10.86", f"{BNE}: 9.341 kcal/m³.", True),
    ("glp", "kg", "14.07", f"{BNE}: gas licuado por kg.", True),
    ("calor", "kWh", "1", "Calor distrital facturado en kWh (sin confirmar).", False),
]

MONTHLY_MEAN = (
    "Factor de emisión del Sistema Eléctrico Nacional: promedio de los valores "
    "mensuales del año."
)
GRID = [
    (2018, "0.419", MONTHLY_MEAN, False),
    (2019, "0.406", MONTHLY_MEAN, False),
    (2020, "0.383", MONTHLY_MEAN, False),
    (2021, "0.391", MONTHLY_MEAN, False),
    (2022, "0.301", MONTHLY_MEAN, False),
    (
        2023,
        "0.2384",
        "Factor de emisión operacional oficial del Sistema Eléctrico Nacional.",
        True,
    ),
]


def seed(apps, schema_editor):
    ConversionFactor = apps.get_model("management", "ConversionFactor")
    GridFactor = apps.get_model("management", "GridFactor")
    for source, unit, factor, reference, confirmed in FACTORS:
        ConversionFactor.objects.get_or_create(
            source=source,
            unit=unit,
            valid_from=FIRST_DAY,
            defaults={
                "factor": Decimal(factor),
                "reference": reference,
                "is_confirmed": confirmed,
            },
        )
    for year, factor, reference, official in GRID:
        GridFactor.objects.get_or_create(
            year=year,
            defaults={
                "factor": Decimal(factor),
                "reference": reference,
                "is_official": official,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("management", "ConversionFactor").objects.all().delete()
    apps.get_model("management", "GridFactor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("management", "0011_energy_factors")]

    operations = [migrations.RunPython(seed, unseed)]
