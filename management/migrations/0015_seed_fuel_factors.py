"""The fuels of DOMAIN.md's conversion table as the first version of each factor
(values frozen here); GLP bought in bulk is billed in litres."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

BNE = "Balance Nacional de Energía, tabla de poderes caloríficos (1 kWh = 860 kcal)"
FIRST_DAY = dt.date(2000, 1, 1)  # the first version covers every earlier period

FACTORS = [
    ("glp", "L", "7.74", f"{BNE}: gas licuado a granel por litro (0,550 kg/L).", True),
    ("diesel", "L", "10.65", f"{BNE}: petróleo diésel.", True),
    ("kerosene", "L", "10.45", f"{BNE}: kerosene (parafina).", True),
    ("gasolina", "L", "9.51", f"{BNE}: gasolina automotriz.", True),
    ("petroleo_6", "L", "11.54", f"{BNE}: petróleo combustible N°6.", True),
    ("lena", "kg", "4.07", f"{BNE}: leña.", True),
    ("carbon", "kg", "8.14", f"{BNE}: carbón.", True),
    (
        "pellet",
        "kg",
        "4.8",
        "Pellet de madera: 4,6 a 5,0 kWh/kg según humedad; valor medio sin confirmar.",
        False,
    ),
]


def seed(apps, schema_editor):
    ConversionFactor = apps.get_model("management", "ConversionFactor")
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


def unseed(apps, schema_editor):
    ConversionFactor = apps.get_model("management", "ConversionFactor")
    for source, unit, _factor, _reference, _confirmed in FACTORS:
        ConversionFactor.objects.filter(
            source=source, unit=unit, valid_from=FIRST_DAY
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("management", "0014_bills_require_unit_source")]

    operations = [migrations.RunPython(seed, unseed)]
