"""Documentos, Comité and Colaboradores: rules, computed emissions, screens."""

from datetime import date
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.roles import Role
from management.estado_verde import selectors
from management.estado_verde.models import (
    AirTrip,
    CommutingSurvey,
    EmissionFactor,
    NoDocumentDeclaration,
    ServiceDocument,
)
from management.estado_verde.services import information as services
from tests.factories import ServiceFactory
from tests.management.conftest import client_for, person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 resolucion"


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.message_dict


def trip(service, **fields):
    values = {
        "period_start": date(2025, 3, 1),
        "period_end": date(2025, 3, 31),
        "origin": "Santiago (SCL)",
        "destination": "Punta Arenas (PUQ)",
        "round_trips": 2,
        "one_way_trips": 1,
        "distance_km": Decimal("2180"),
    }
    values.update(fields)
    return services.save_air_trip(trip=AirTrip(service=service, **values))


def test_trips_are_twice_the_round_trips_plus_one_way(unit):
    t = trip(unit.service)
    t.refresh_from_db()
    assert t.trips == t.flown_trips == 5  # 2 × 2 + 1, stored by the database
    assert t.year == 2025


def test_flight_emissions_by_distance_band(unit):
    trip(unit.service)  # 5 × 2.180 km = 10.900 km, short haul
    trip(
        unit.service,
        destination="Madrid (MAD)",
        round_trips=1,
        one_way_trips=0,
        distance_km=Decimal("10700"),
    )  # 2 × 10.700 = 21.400 km, long haul
    figures = selectors.flight_figures(
        AirTrip.objects.filter(service=unit.service),
        EmissionFactor.objects.in_force(2025),
    )
    assert figures["trips"] == 7
    assert figures["km"] == Decimal("32300")
    # 10.900 × 0,18592 + 21.400 × 0,26128 = 2.026,528 + 5.591,392
    assert figures["kg"] == Decimal("7617.92")
    assert figures["t"] == Decimal("7.618")


def test_air_trip_rules(unit):
    s = unit.service
    e = errors_of(lambda: trip(s, period_end=date(2025, 2, 1)))
    assert "anterior a su inicio" in e["period_end"][0]
    e = errors_of(lambda: trip(s, period_end=date(2026, 1, 2)))
    assert "mismo año" in e["period_end"][0]
    e = errors_of(lambda: trip(s, destination="santiago (scl)"))
    assert "distinto del origen" in e["destination"][0]
    e = errors_of(lambda: trip(s, round_trips=0, one_way_trips=0))
    assert "al menos un viaje" in e["round_trips"][0]


def test_no_travel_declaration_excludes_trips(unit):
    s = unit.service
    services.declare_no_travel(service=s, year=2024)
    e = errors_of(
        lambda: trip(s, period_start=date(2024, 5, 1), period_end=date(2024, 5, 2))
    )
    assert "no tuvo viajes" in e["period_start"][0]
    trip(s)
    e = errors_of(lambda: services.declare_no_travel(service=s, year=2025))
    assert "ya registró viajes" in e["year"][0]


def survey(service, respondents=50, entries=None):
    entries = entries or {
        "metro": (20, Decimal("10")),
        "auto_gasolina": (10, Decimal("15")),
        "caminata": (5, Decimal("1")),
    }
    return services.save_commuting_survey(
        survey=CommutingSurvey(service=service, year=2025, respondents=respondents),
        entries=entries,
    )


def test_commuting_totals_and_emissions(unit):
    s = survey(unit.service)
    figures = selectors.commuting_figures(s, EmissionFactor.objects.in_force(2025))
    assert figures["collaborators"] == 35
    # people × 2 trips × km × 220 days: 88.000 + 66.000 + 2.200
    assert figures["km"] == Decimal("156200")
    # 88.000 × 0,02781 + 66.000 × 0,16449 + 0 = 2.447,28 + 10.856,34
    assert figures["kg"] == Decimal("13303.62")
    assert figures["t"] == Decimal("13.304")


def test_survey_people_cannot_exceed_respondents_and_is_replaced_whole(unit):
    e = errors_of(lambda: survey(unit.service, respondents=30))
    assert "(35) supera" in e["respondents"][0]
    s = survey(unit.service)
    s = services.save_commuting_survey(survey=s, entries={"bus": (12, Decimal("8"))})
    assert list(s.entries.values_list("mode", "collaborators")) == [("bus", 12)]
    assert CommutingSurvey.objects.count() == 1


def test_a_newer_factor_version_applies_from_its_year(unit):
    EmissionFactor.objects.create(
        category="transporte",
        key="metro",
        label="Metro",
        value=Decimal("0.01"),
        unit="kgCO2e/pasajero-km",
        valid_from=2026,
        source="Metro de Santiago (prueba)",
        confirmed=True,
    )
    assert EmissionFactor.objects.in_force(2025)["metro"].value == Decimal("0.02781")
    assert EmissionFactor.objects.in_force(2026)["metro"].value == Decimal("0.01")


def test_documents_need_a_resolution_number_and_exclude_no_registra(unit):
    s = unit.service
    doc = ServiceDocument(
        service=s, year=2025, stage="etapa_1", kind="resolucion_comite", title="Res"
    )
    doc.file = SimpleUploadedFile("res.pdf", PDF)
    e = errors_of(lambda: services.save_document(document=doc))
    assert "N° de la resolución" in e["resolution_number"][0]
    services.declare_no_document(
        declaration=NoDocumentDeclaration(
            service=s, year=2025, kind="proc_papel", justification="En redacción"
        )
    )
    doc2 = ServiceDocument(
        service=s, year=2025, stage="etapa_2", kind="proc_papel", title="Papel"
    )
    doc2.file = SimpleUploadedFile("papel.pdf", PDF)
    assert (
        "No registra"
        in errors_of(lambda: services.save_document(document=doc2))["kind"][0]
    )


def test_the_encargado_uploads_a_document_checked_by_content(unit):
    encargado = client_for(person(Role.ENCARGADO_COMITE, unit.service))
    url = reverse("management:document-create")
    data = {
        "year": "2025",
        "stage": "etapa_1",
        "kind": "resolucion_comite",
        "title": "Resolución exenta Comité",
        "resolution_number": "REX 45",
    }
    fake = SimpleUploadedFile("resolucion.pdf", b"<html>no soy un pdf</html>")
    response = encargado.post(url, {**data, "file": fake})
    assert "no corresponde a un tipo permitido" in response.content.decode()
    assert "Resolución exenta Comité" in response.content.decode()
    big = SimpleUploadedFile("resolucion.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert (
        "el máximo permitido"
        in encargado.post(url, {**data, "file": big}).content.decode()
    )
    ok = encargado.post(url, {**data, "file": SimpleUploadedFile("r.pdf", PDF)})
    assert ok.status_code == 302
    document = ServiceDocument.objects.get()
    page = encargado.get(
        reverse("management:documents") + "?year=2025"
    ).content.decode()
    assert "Resolución exenta Comité" in page
    download = encargado.get(reverse("management:document-file", args=[document.pk]))
    assert b"".join(download.streaming_content) == PDF
    other = client_for(person(Role.GESTOR_SERVICIO, ServiceFactory()))
    assert (
        other.get(reverse("management:document-file", args=[document.pk])).status_code
        == 404
    )
    consulta = client_for(person(Role.GESTOR_CONSULTA, unit.service))
    assert consulta.get(url).status_code == 403


def test_the_survey_form_explains_and_computes(unit):
    gestor = client_for(person(Role.GESTOR_SERVICIO, unit.service))
    url = reverse("management:commuting-survey") + "?year=2025"
    bad = gestor.post(
        url,
        {
            "year": "2025",
            "respondents": "40",
            "working_days": "220",
            "n_metro": "20",
            "km_metro": "",
        },
    )
    assert "Indique la distancia de quienes viajan en Metro" in bad.content.decode()
    good = gestor.post(
        url,
        {
            "year": "2025",
            "respondents": "40",
            "working_days": "220",
            "n_metro": "20",
            "km_metro": "10",
            "n_auto_gasolina": "10",
            "km_auto_gasolina": "15",
        },
    )
    assert good.status_code == 302
    page = gestor.get(
        reverse("management:collaborators") + "?year=2025"
    ).content.decode()
    # 2.447,28 + 10.856,34 kg = 13,304 tCO2e
    assert 'data-testid="commuting-t">13,304<' in page
    assert "no confirmado" in page


def test_factors_are_edited_in_the_admin_with_unconfirmed_marked(client):
    from lms.accounts.services import grant_staff_role
    from tests.factories import TOTPDeviceFactory, UserFactory
    from tests.helpers import login

    admin = UserFactory(is_staff=True, is_superuser=True)
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    login(client, admin, TOTPDeviceFactory(user=admin))
    listing = client.get("/admin/factores-de-emision/").content.decode()
    assert "No confirmado" in listing and "Bicicleta" in listing
    metro = EmissionFactor.objects.get(key="metro", valid_from=2023)
    response = client.post(
        f"/admin/factores-de-emision/edit/{metro.pk}/",
        {
            "category": "transporte",
            "key": "metro",
            "label": "Metro",
            "value": "0.025",
            "unit": metro.unit,
            "valid_from": "2023",
            "source": "Metro de Santiago, reporte de sostenibilidad",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    metro.refresh_from_db()
    assert metro.confirmed and metro.value == Decimal("0.025")
    # The change is kept in the audit history with who made it.
    assert metro.history.latest().history_user == admin


def test_meetings_and_members_rules(unit):
    from django.utils import timezone

    from management.estado_verde.models import CommitteeMeeting, CommitteeMember

    s = unit.service
    meeting = CommitteeMeeting(
        service=s,
        held_on=timezone.localdate() + timezone.timedelta(days=3),
        subject="Planificación",
    )
    meeting.minutes = SimpleUploadedFile("acta.pdf", PDF)
    assert (
        "futura"
        in errors_of(lambda: services.save_meeting(meeting=meeting))["held_on"][0]
    )
    services.save_member(
        member=CommitteeMember(
            service=s, name="Ana", role="presidencia", email="Ana@Demo.example"
        )
    )
    e = errors_of(
        lambda: services.save_member(
            member=CommitteeMember(
                service=s, name="Otra", role="integrante", email="ana@demo.example"
            )
        )
    )
    assert "ya figura" in e["email"][0]


def test_no_registra_needs_a_reason_and_no_document(unit):
    s = unit.service
    empty = NoDocumentDeclaration(service=s, year=2025, kind="proc_papel")
    assert (
        "Explique"
        in errors_of(lambda: services.declare_no_document(declaration=empty))[
            "justification"
        ][0]
    )
    doc = ServiceDocument(
        service=s, year=2025, stage="etapa_2", kind="proc_papel", title="Papel"
    )
    doc.file = SimpleUploadedFile("papel.pdf", PDF)
    services.save_document(document=doc)
    empty.justification = "No aplica"
    assert (
        "ya subió"
        in errors_of(lambda: services.declare_no_document(declaration=empty))["kind"][0]
    )
