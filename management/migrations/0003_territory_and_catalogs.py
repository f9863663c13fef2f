"""Load Chile's territorial division (from management/data/dpa_chile.csv) and the
initial tipos de uso and tipos de propiedad (editable afterwards)."""

import csv
from pathlib import Path

from django.db import migrations

DPA_FILE = Path(__file__).resolve().parent.parent / "data" / "dpa_chile.csv"

# Regions listed north to south, the order Chileans expect in a list.
REGION_ORDER = [
    "15", "01", "02", "03", "04", "05", "13", "06", "07", "16", "08", "09", "14",
    "10", "11", "12",
]

USE_TYPES = [
    "Oficinas administrativas",
    "Atención de público",
    "Hospital",
    "Establecimiento educacional",
    "Bodega",
    "Laboratorio",
    "Recinto penitenciario",
    "Cuartel",
    "Museo / biblioteca",
    "Residencia",
    "Otro",
]
PROPERTY_TYPES = [
    "Propio / fiscal",
    "Arrendado",
    "Comodato",
    "Destinación / concesión",
    "Otro",
]


def load(apps, schema_editor):
    Region = apps.get_model("management", "Region")
    Province = apps.get_model("management", "Province")
    Comuna = apps.get_model("management", "Comuna")
    regions, provinces = {}, {}
    with DPA_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["region_code"]
            if code not in regions:
                regions[code], _ = Region.objects.update_or_create(
                    code=code,
                    defaults={
                        "name": row["region_name"],
                        "roman": row["region_roman"],
                        "position": REGION_ORDER.index(code) + 1,
                    },
                )
            pcode = row["province_code"]
            if pcode not in provinces:
                provinces[pcode], _ = Province.objects.update_or_create(
                    code=pcode,
                    defaults={"name": row["province_name"], "region": regions[code]},
                )
            Comuna.objects.update_or_create(
                code=row["comuna_code"],
                defaults={"name": row["comuna_name"], "province": provinces[pcode]},
            )
    UseType = apps.get_model("management", "UseType")
    PropertyType = apps.get_model("management", "PropertyType")
    for model, names in ((UseType, USE_TYPES), (PropertyType, PROPERTY_TYPES)):
        for position, name in enumerate(names, start=1):
            model.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("management", "0002_inventory")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
