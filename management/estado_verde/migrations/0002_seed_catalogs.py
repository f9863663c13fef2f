"""Waste types and emission factors as editable data (values marked unconfirmed)."""

from decimal import Decimal

from django.db import migrations

WASTE_TYPES = [
    ("Papel y cartón", True),
    ("Plásticos", True),
    ("Vidrio", True),
    ("Latas y metales", True),
    ("Orgánicos", True),
    ("RAEE (aparatos eléctricos y electrónicos)", True),
    ("Tóner y cartuchos", True),
    ("Residuos NO reciclados", False),
]

DESNZ = "DESNZ/DEFRA, UK Government GHG Conversion Factors 2023"
PKM = "kgCO2e/pasajero-km"
# (category, key, label, value, unit, source, confirmed)
FACTORS = [
    ("transporte", "auto_gasolina", "Auto propio a gasolina", "0.16449", PKM, DESNZ, False),
    ("transporte", "auto_diesel", "Auto propio diésel", "0.16843", PKM, DESNZ, False),
    ("transporte", "auto_hibrido", "Auto propio híbrido", "0.11513", PKM, DESNZ, False),
    ("transporte", "auto_electrico", "Auto propio eléctrico", "0.04727", PKM, DESNZ + " (red del Reino Unido)", False),
    ("transporte", "compartido_gasolina", "Auto compartido a gasolina", "0.08225", PKM, DESNZ + ", 2 ocupantes", False),
    ("transporte", "compartido_diesel", "Auto compartido diésel", "0.08422", PKM, DESNZ + ", 2 ocupantes", False),
    ("transporte", "compartido_hibrido", "Auto compartido híbrido", "0.05757", PKM, DESNZ + ", 2 ocupantes", False),
    ("transporte", "compartido_electrico", "Auto compartido eléctrico", "0.02364", PKM, DESNZ + ", 2 ocupantes", False),
    ("transporte", "bus", "Bus", "0.10227", PKM, DESNZ + ", bus urbano promedio", False),
    ("transporte", "metro", "Metro", "0.02781", PKM, DESNZ + ", metro", False),
    ("transporte", "tren", "Tren", "0.03546", PKM, DESNZ + ", tren nacional", False),
    ("transporte", "bicicleta", "Bicicleta", "0", PKM, "Sin emisiones directas", True),
    ("transporte", "bicicleta_electrica", "Bicicleta eléctrica", "0.00500", PKM, "Estimación por consumo eléctrico", False),
    ("transporte", "motocicleta", "Motocicleta", "0.11367", PKM, DESNZ + ", motocicleta promedio", False),
    ("transporte", "scooter", "Scooter", "0.08306", PKM, DESNZ + ", motocicleta pequeña", False),
    ("transporte", "taxi", "Taxi", "0.14876", PKM, DESNZ + ", taxi", False),
    ("transporte", "colectivo", "Colectivo", "0.04112", PKM, DESNZ + ", auto a gasolina con 4 pasajeros", False),
    ("transporte", "caminata", "Caminata", "0", PKM, "Sin emisiones directas", True),
    ("vuelo", "vuelo_corto", "Vuelo de corta distancia (hasta 3.700 km)", "0.18592", PKM, DESNZ + ", con forzamiento radiativo", False),
    ("vuelo", "vuelo_largo", "Vuelo de larga distancia (más de 3.700 km)", "0.26128", PKM, DESNZ + ", con forzamiento radiativo", False),
    ("combustible", "diesel", "Diésel", "2.68000", "kgCO2e/L", "IPCC 2006, factores por defecto", False),
    ("combustible", "gasolina", "Gasolina", "2.31000", "kgCO2e/L", "IPCC 2006, factores por defecto", False),
    ("combustible", "glp", "Gas licuado (GLP)", "2.94000", "kgCO2e/kg", "IPCC 2006, factores por defecto", False),
    ("combustible", "gas_natural", "Gas natural", "2.02000", "kgCO2e/m³", "IPCC 2006, factores por defecto", False),
    ("combustible", "kerosene", "Kerosene (parafina)", "2.54000", "kgCO2e/L", "IPCC 2006, factores por defecto", False),
    ("combustible", "petroleo_6", "Petróleo combustible N°6", "3.17000", "kgCO2e/L", "IPCC 2006, factores por defecto", False),
    ("combustible", "carbon", "Carbón", "2.40000", "kgCO2e/kg", "IPCC 2006, factores por defecto", False),
]


def seed(apps, schema_editor):
    WasteType = apps.get_model("estado_verde", "WasteType")
    for position, (name, recycled) in enumerate(WASTE_TYPES):
        WasteType.objects.get_or_create(
            name=name, defaults={"is_recycled": recycled, "position": position}
        )
    EmissionFactor = apps.get_model("estado_verde", "EmissionFactor")
    for category, key, label, value, unit, source, confirmed in FACTORS:
        EmissionFactor.objects.get_or_create(
            key=key,
            valid_from=2023,
            defaults={
                "category": category,
                "label": label,
                "value": Decimal(value),
                "unit": unit,
                "source": source,
                "confirmed": confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("estado_verde", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
