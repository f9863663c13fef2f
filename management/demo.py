"""Demo catalog and inventory: real services (public names), fictitious addresses'
numbers, ~30 buildings and ~40 units across regions, and this year's milestones."""

from decimal import Decimal

from django.utils import timezone

from .models import (
    Building,
    Comuna,
    Institution,
    MilestoneCalendar,
    PropertyType,
    Service,
    Unit,
    UnitEnergySource,
    UnitFloor,
    UseType,
)
from .services.milestones import default_calendar
from .services.units import floor_summary

INSTITUTIONS = [
    ("MINENERGIA", "Ministerio de Energía"),
    ("MMA", "Ministerio del Medio Ambiente"),
    ("MINHACIENDA", "Ministerio de Hacienda"),
    ("MINSAL", "Ministerio de Salud"),
]
SERVICES = [
    ("SUBENERGIA", "Subsecretaría de Energía", "MINENERGIA", True),
    ("CNE", "Comisión Nacional de Energía", "MINENERGIA", True),
    ("SEC", "Superintendencia de Electricidad y Combustibles", "MINENERGIA", True),
    ("SUBMA", "Subsecretaría del Medio Ambiente", "MMA", True),
    ("SII", "Servicio de Impuestos Internos", "MINHACIENDA", True),
    ("TGR", "Tesorería General de la República", "MINHACIENDA", True),
    ("SSMAGALLANES", "Servicio de Salud Magallanes", "MINSAL", False),
]
# (comuna code, street, number): streets are real, numbers are for the demo.
BUILDINGS = [
    ("13101", "Avenida Libertador Bernardo O'Higgins", "1449"),
    ("13101", "Amunátegui", "95"),
    ("13101", "Teatinos", "120"),
    ("13101", "Morandé", "115"),
    ("13123", "Pedro de Valdivia", "2360"),
    ("13114", "Avenida Apoquindo", "3000"),
    ("13101", "Agustinas", "1235"),
    ("13101", "Bandera", "341"),
    ("12101", "Libertador Bernardo O'Higgins", "693"),
    ("12101", "Avenida Colón", "1020"),
    ("12101", "Avenida España", "959"),
    ("15101", "Avenida Santa María", "2080"),
    ("01101", "Avenida Arturo Prat", "390"),
    ("02101", "Avenida Angamos", "0610"),
    ("03101", "Atacama", "640"),
    ("04101", "Arturo Prat", "255"),
    ("05101", "Blanco", "1131"),
    ("05109", "Avenida Libertad", "919"),
    ("06101", "Avenida Brasil", "1040"),
    ("07101", "1 Oriente", "1150"),
    ("16101", "Arauco", "878"),
    ("08101", "Avenida Arturo Prat", "501"),
    ("08101", "Avenida Bernardo O'Higgins", "520"),
    ("09101", "Bulnes", "590"),
    ("14101", "Avenida Ramón Picarte", "1151"),
    ("10101", "Avenida Décima Región", "480"),
    ("11101", "Bilbao", "344"),
    ("13201", "Avenida Concha y Toro", "1820"),
    ("13101", "7 de Junio", "280"),
    ("13101", "Bello Horizonte", "869"),
]
# (service code, building index, unit name, floors, m², use type, energy year, other year)
UNITS = [
    ("SUBENERGIA", 0, "Oficinas centrales", [13, 14], "2850", 0, 0, 1),
    ("SUBENERGIA", 8, "Seremi de Energía Magallanes", [1], "420", 0, 0, 2),
    ("SUBENERGIA", 4, "Oficina de proyectos", [4], "610", 0, 0, 0),
    ("SUBENERGIA", 4, "Sala de capacitación", [5], "380", 0, 1, 1),
    ("SUBENERGIA", 12, "Seremi de Energía Tarapacá", [3], "310", 0, 1, 2),
    ("SUBENERGIA", 13, "Seremi de Energía Antofagasta", [2], "295", 0, 0, 1),
    ("SUBENERGIA", 15, "Seremi de Energía Coquimbo", [4], "260", 0, 1, 1),
    ("SUBENERGIA", 16, "Seremi de Energía Valparaíso", [6], "340", 0, 0, 1),
    ("SUBENERGIA", 20, "Seremi de Energía Ñuble", [1], "240", 0, 2, 2),
    ("SUBENERGIA", 21, "Seremi de Energía Biobío", [7], "410", 0, 0, 0),
    ("SUBENERGIA", 23, "Seremi de Energía Araucanía", [2], "280", 0, None, None),
    ("SUBENERGIA", 26, "Seremi de Energía Aysén", [1], "190", 0, 1, 2),
    ("SUBENERGIA", 28, "Archivo", [-1], "150", 4, None, None),
    ("CNE", 1, "Oficinas CNE", [4, 5, 7], "1900", 0, 0, 1),
    ("CNE", 28, "Oficinas CNE anexo", [4], "520", 0, 1, 1),
    ("SEC", 2, "Oficina central SEC", [1, 2, 3], "3100", 1, 0, 0),
    ("SEC", 9, "Dirección regional Magallanes", [2], "350", 1, 0, 1),
    ("SEC", 17, "Dirección regional Valparaíso", [3], "420", 1, 0, 1),
    ("SEC", 22, "Dirección regional Biobío", [5], "390", 1, 1, 1),
    ("SEC", 24, "Dirección regional Los Ríos", [2], "260", 1, 1, 2),
    ("SEC", 25, "Dirección regional Los Lagos", [1], "300", 1, None, None),
    ("SUBMA", 3, "Oficinas centrales MMA", [8, 9], "2400", 0, 0, 0),
    ("SUBMA", 18, "Seremi Medio Ambiente O'Higgins", [2], "310", 0, 1, 1),
    ("SUBMA", 19, "Seremi Medio Ambiente Maule", [3], "280", 0, 1, 2),
    ("SUBMA", 11, "Seremi Medio Ambiente Arica y Parinacota", [1], "230", 0, 2, 2),
    ("SII", 6, "Dirección Nacional", [1, 2, 3, 4], "8200", 0, 0, 0),
    ("SII", 5, "Dirección Regional Santiago Oriente", [1, 2], "3500", 1, 0, 1),
    ("SII", 27, "Unidad Puente Alto", [1], "900", 1, 0, 1),
    ("SII", 10, "Dirección Regional Punta Arenas", [1, 2], "1100", 1, 1, 1),
    ("SII", 14, "Dirección Regional Copiapó", [1], "780", 1, 1, 2),
    ("SII", 22, "Dirección Regional Concepción", [2, 3], "1600", 1, 0, 1),
    ("TGR", 7, "Oficinas centrales TGR", [1, 2], "2600", 0, 0, 1),
    ("TGR", 29, "Tesorería regional", [7], "640", 1, 1, 1),
    ("TGR", 16, "Tesorería regional Valparaíso", [1], "700", 1, 1, 2),
    ("TGR", 23, "Tesorería regional Temuco", [1], "520", 1, 2, 2),
    ("SSMAGALLANES", 10, "Dirección del Servicio de Salud", [1, 2], "1400", 0, 0, 1),
    ("SSMAGALLANES", 9, "Centro de salud familiar", [1], "950", 1, None, 1),
    ("SSMAGALLANES", 8, "Bodega de insumos", [1], "600", 4, None, None),
    ("CNE", 0, "Sala de reuniones compartida", [12], "120", 0, 1, 1),
    ("SEC", 4, "Oficina de atención", [1], "200", 1, 0, 0),
]


def load() -> list[str]:
    institutions = {
        code: Institution.objects.update_or_create(code=code, defaults={"name": name})[
            0
        ]
        for code, name in INSTITUTIONS
    }
    services = {
        code: Service.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "institution": institutions[inst],
                "is_pmg": pmg,
            },
        )[0]
        for code, name, inst, pmg in SERVICES
    }
    comunas = {
        c.code: c for c in Comuna.objects.filter(code__in={b[0] for b in BUILDINGS})
    }
    # Buildings are registered by the first service with a unit in them.
    first_service = {}
    for code, index, *_rest in UNITS:
        first_service.setdefault(index, code)
    buildings = []
    for index, (comuna, street, number) in enumerate(BUILDINGS):
        building, _created = Building.objects.get_or_create(
            comuna=comunas[comuna],
            street=street,
            number=number,
            defaults={"service": services[first_service.get(index, "SUBENERGIA")]},
        )
        buildings.append(building)
    use_types = list(UseType.objects.order_by("position"))
    property_types = list(PropertyType.objects.order_by("position"))
    year = timezone.localdate().year
    for n, (code, index, name, floors, m2, use, energy, other) in enumerate(UNITS):
        service = services[code]
        unit, created = Unit.objects.get_or_create(
            service=service,
            name=name,
            defaults={
                "building": buildings[index],
                "use_type": use_types[use],
                "property_type": property_types[n % 3],
                "surface_m2": Decimal(m2),
                "rol": f"{100 + n * 7}-{n % 40 + 1}",
                "year_built": 1950 + (n * 3) % 70,
                "staff_count": int(Decimal(m2) / 25),
                "other_collaborators_count": n % 6,
                "shares_electricity_meter": n % 9 == 4,
                "shares_gas_meter": n % 11 == 6,
                "energy_start_year": None if energy is None else year - 1 + energy,
                "other_start_year": None if other is None else year - 1 + other,
                "floor_summary": floor_summary(floors),
            },
        )
        if created:
            UnitFloor.objects.bulk_create(
                UnitFloor(unit=unit, number=f) for f in floors
            )
            UnitEnergySource.objects.create(
                unit=unit, source="electricidad", is_on=True
            )
            if n % 5 == 0:
                UnitEnergySource.objects.create(unit=unit, source="glp", is_on=True)
    if not MilestoneCalendar.objects.filter(year=year).exists():
        default_calendar(year).save()
    return [
        f"Inventario de demostración: {len(services)} servicios, "
        f"{Building.objects.count()} edificios, {Unit.objects.count()} unidades."
    ]


def demo_service() -> Service:
    return Service.objects.get(code="SUBENERGIA")
