"""Demo Estado Verde data for the demo services (fictitious people, real service names).

For each unit of the Subsecretaría de Energía and the Subsecretaría del Medio
Ambiente that reports the other items: monthly paper and waste and water readings
for last year and this year's elapsed months, fixtures and containers; for the
services: documents of Etapa 1 and 2, the committee, the commuting survey, air
travel and a review by the Red. Idempotent: skipped when the demo survey exists.
"""

from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from django.core.files.base import ContentFile
from django.utils import timezone

from .estado_verde.models import (
    AirTrip,
    CommitteeMeeting,
    CommitteeMember,
    CommutingSurvey,
    NoDocumentDeclaration,
    PaperPurchase,
    ServiceDocument,
    WasteContainer,
    WasteRecord,
    WasteType,
    WaterFixture,
    WaterRecord,
)
from .estado_verde.services import information, resources, review
from .models import Service, Unit

SERVICES = ("SUBENERGIA", "SUBMA")
DOMAIN = "demo.gestionaenergia.example"
# Reams of an office month (fewer in the summer holidays).
REAMS = [6, 5, 9, 10, 10, 11, 10, 9, 10, 11, 10, 8]
PDF = b"%PDF-1.4\n% Documento de demostracion\n%%EOF\n"

MEMBERS = [
    ("Carolina Fuentes Rivas", "presidencia"),
    ("Matías Soto Herrera", "coordinacion"),
    ("Javiera Muñoz Vidal", "secretaria"),
    ("Felipe Araya Contreras", "integrante"),
]
DOCUMENTS = [
    (
        "etapa_1",
        "resolucion_comite",
        "Resolución que constituye el Comité Estado Verde",
        "REX N° 1.245",
    ),
    (
        "etapa_1",
        "politica_ambiental",
        "Política Ambiental del Servicio",
        "REX N° 1.410",
    ),
    ("etapa_1", "informe_diagnostico", "Informe de diagnóstico ambiental", ""),
    ("etapa_2", "proc_papel", "Procedimiento de gestión del papel", ""),
    ("etapa_2", "proc_residuos", "Procedimiento de gestión de residuos", ""),
    ("etapa_2", "proc_compras", "Procedimiento de compras sustentables", ""),
]
TRIPS = [
    ("Santiago (SCL)", "Punta Arenas (PUQ)", 3, 1, "2180"),
    ("Santiago (SCL)", "Antofagasta (ANF)", 5, 0, "1100"),
    ("Santiago (SCL)", "Concepción (CCP)", 2, 2, "430"),
]
SURVEY = {
    "metro": (48, "11"),
    "bus": (31, "9.5"),
    "auto_gasolina": (22, "16"),
    "compartido_gasolina": (6, "14"),
    "bicicleta": (9, "6"),
    "caminata": (7, "1.5"),
    "colectivo": (5, "7"),
}


def _months(year: int, today: date) -> list[int]:
    last = 12 if year < today.year else today.month - 1
    return list(range(1, last + 1))


def _unit_rows(unit: Unit, year: int, today: date, types, rows: dict) -> int:
    """Add the unit's monthly paper, waste and water rows of ``year`` to ``rows``.

    The services' own rules hold by construction (the unit reports in ``year``, no
    future month, one row per month and waste type, water periods that do not
    overlap); the database checks the constraints on insert.
    """
    if not resources.reports_other_items(unit, year):
        raise ValueError(f"{unit} does not report other items in {year}")
    people = max(unit.staff_count + unit.other_collaborators_count, 1)
    made = 0
    for month in _months(year, today):
        reams = max(1, round(REAMS[month - 1] * people / 60))
        rows[PaperPurchase].append(
            PaperPurchase(
                unit=unit,
                year=year,
                month=month,
                reams=reams,
                recycled_reams=reams // 3,
                cost_clp=reams * 3890,
            )
        )
        for waste_type, share in types:
            rows[WasteRecord].append(
                WasteRecord(
                    unit=unit,
                    year=year,
                    month=month,
                    waste_type=waste_type,
                    kg=(Decimal(people) * share).quantize(Decimal("0.1")),
                )
            )
        start = date(year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows[WaterRecord].append(
            WaterRecord(
                unit=unit,
                year=end.year,
                supply=WaterRecord.Supply.NETWORK,
                meter_number=f"AP-{unit.pk:05d}",
                period_start=start,
                period_end=end,
                m3=(Decimal(people) * Decimal("0.55")).quantize(Decimal("0.1")),
                cost_clp=people * 820,
            )
        )
        made += 1
    return made


def _save_rows(rows: dict) -> None:
    """Check each row's fields and insert every model's rows (and their history) at once."""
    for model, objs in rows.items():
        for obj in objs:
            # The related rows were just read from the database.
            obj.full_clean(
                exclude=["unit", "waste_type", "created_by"],
                validate_unique=False,
                validate_constraints=False,
            )
        bulk_create_with_history(objs, model)


def _units(service, today):
    return Unit.objects.filter(
        service=service,
        is_active=True,
        other_start_year__isnull=False,
        other_start_year__lte=today.year,
    ).order_by("pk")


def _service_data(service, year: int) -> None:
    slug = service.code.lower()
    for stage, kind, title, number in DOCUMENTS:
        document = ServiceDocument(
            service=service,
            year=year,
            stage=stage,
            kind=kind,
            title=title,
            resolution_number=number,
            issued_on=date(year, 4, 15),
            dissemination="Correo a todo el personal e intranet"
            if kind == "politica_ambiental"
            else "",
        )
        document.file.save(f"{kind}-{year}.pdf", ContentFile(PDF), save=False)
        information.save_document(document=document)
    information.declare_no_document(
        declaration=NoDocumentDeclaration(
            service=service,
            year=year,
            kind="proc_baja_bienes",
            justification="El procedimiento se aprueba en el primer semestre del año siguiente.",
        )
    )
    units = list(service.units.filter(is_active=True).order_by("pk")[:4])
    for n, (name, role) in enumerate(MEMBERS):
        first, last = name.split()[0], name.split()[1]
        information.save_member(
            member=CommitteeMember(
                service=service,
                name=name,
                role=role,
                unit=units[n % len(units)] if units else None,
                email=f"{first}.{last}.{slug}@{DOMAIN}".lower()
                .replace("á", "a")
                .replace("ñ", "n")
                .replace("í", "i"),
            )
        )
    for month, subject in (
        (4, "Constitución del comité"),
        (9, "Avance del diagnóstico"),
    ):
        meeting = CommitteeMeeting(
            service=service, held_on=date(year, month, 10), subject=subject
        )
        meeting.minutes.save(
            f"acta-{year}-{month:02d}.pdf", ContentFile(PDF), save=False
        )
        information.save_meeting(meeting=meeting)
    information.save_commuting_survey(
        survey=CommutingSurvey(service=service, year=year, respondents=140),
        entries={m: (n, Decimal(km)) for m, (n, km) in SURVEY.items()},
    )
    for origin, destination, round_trips, one_way, km in TRIPS:
        information.save_air_trip(
            trip=AirTrip(
                service=service,
                period_start=date(year, 3, 1),
                period_end=date(year, 11, 30),
                origin=origin,
                destination=destination,
                round_trips=round_trips,
                one_way_trips=one_way,
                distance_km=Decimal(km),
            )
        )


def load() -> list[str]:
    services = list(Service.objects.filter(code__in=SERVICES))
    if not services:
        return []
    if CommutingSurvey.objects.filter(service__in=services).exists():
        return ["  Estado Verde de demostración ya cargado."]
    today = timezone.localdate()
    last_year = today.year - 1
    recycled = list(WasteType.objects.filter(is_recycled=True).order_by("position")[:3])
    rest = WasteType.objects.get(is_recycled=False)
    types = [
        (recycled[0], Decimal("1.8")),
        (recycled[1], Decimal("0.6")),
        (recycled[2], Decimal("0.3")),
        (rest, Decimal("3.1")),
    ]
    months = 0
    rows = {PaperPurchase: [], WasteRecord: [], WaterRecord: []}
    for service in services:
        for unit in _units(service, today):
            for year in (last_year, today.year):
                if unit.other_start_year <= year:
                    months += _unit_rows(unit, year, today, types, rows)
            WaterFixture.objects.get_or_create(
                unit=unit,
                kind="wc",
                state="bueno",
                saving_device=True,
                defaults={"count": 6},
            )
            WaterFixture.objects.get_or_create(
                unit=unit,
                kind="lavamanos",
                state="regular",
                saving_device=False,
                defaults={"count": 5, "observation": "Dos llaves gotean"},
            )
            WasteContainer.objects.get_or_create(
                unit=unit,
                name="Punto de reciclaje",
                location="Hall de acceso",
                defaults={"count": 3, "capacity_l": 120, "kind": "reciclaje"},
            )
    _save_rows(rows)
    for service in services:
        _service_data(service, last_year)
    subenergia = next(s for s in services if s.code == "SUBENERGIA")
    review.review_module(
        service=subenergia,
        year=last_year,
        module="documentos",
        user=None,
        validated=True,
    )
    review.review_module(
        service=subenergia,
        year=last_year,
        module="agua",
        user=None,
        validated=False,
        comment="Adjunte las boletas de agua de los meses de invierno.",
    )
    return [
        f"  Estado Verde de demostración: {months} meses de papel, agua y residuos; "
        f"documentos, comité, encuesta y viajes de {len(services)} servicios."
    ]
