"""Alcance: which units count (one function), load status, start years, the Red's
review; Información agregada; Estado reporte de consumos unidades."""

import re
from types import SimpleNamespace

import pytest

from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.models import ConsumptionJustification, ReviewStatus, ScopeDefinition
from management.selectors import scope_status, unit_counts
from management.services import unit_flags
from tests.factories import ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def unit(**kw):
    base = {
        "is_active": True,
        "energy_start_year": None,
        "other_start_year": None,
        "shares_electricity_meter": False,
        "shares_gas_meter": False,
    }
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize(
    ("fields", "energy", "indicator", "other"),
    [
        ({}, False, False, False),
        ({"energy_start_year": YEAR}, True, True, False),
        ({"energy_start_year": YEAR - 3}, True, True, False),
        ({"energy_start_year": YEAR + 1}, False, False, False),
        (
            {"energy_start_year": YEAR, "shares_electricity_meter": True},
            True,
            False,
            False,
        ),
        ({"energy_start_year": YEAR, "shares_gas_meter": True}, True, False, False),
        ({"other_start_year": YEAR}, False, False, True),
        ({"other_start_year": YEAR + 2}, False, False, False),
        (
            {"energy_start_year": YEAR, "other_start_year": YEAR, "is_active": False},
            False,
            False,
            False,
        ),
    ],
)
def test_which_units_count(fields, energy, indicator, other):
    flags = unit_flags(unit(**fields), YEAR)
    assert (
        flags.reports_energy,
        flags.in_efficiency_indicator,
        flags.reports_other_items,
    ) == (energy, indicator, other)


def test_load_status_is_complete_when_every_active_unit_has_both_years():
    service = ServiceFactory()
    assert not scope_status(service=service, year=YEAR).complete  # no units at all
    a = UnitFactory(service=service, energy_start_year=YEAR, other_start_year=YEAR + 1)
    b = UnitFactory(service=service, energy_start_year=YEAR)
    status = scope_status(service=service, year=YEAR)
    assert (status.complete, status.missing_years, status.load_label) == (
        False,
        1,
        "Incompleto",
    )
    b.is_active, b.deactivation_reason = False, "Cerrada"
    b.save()
    assert scope_status(service=service, year=YEAR).load_label == "Completo"
    counts = unit_counts(units=service.units.all(), year=YEAR)
    assert (counts.active, counts.inactive, counts.reports_energy) == (1, 1, 1)
    assert a.pk


@pytest.fixture
def setup():
    service = ServiceFactory()
    units = [UnitFactory(service=service) for _ in range(2)]
    gestor = person(Role.GESTOR_SERVICIO, service)
    return service, units, gestor


def test_the_service_sets_start_years_and_justification(setup):
    service, units, gestor = setup
    client = client_for(gestor)
    data = {
        "unit": [u.pk for u in units],
        f"energy_start_year-{units[0].pk}": YEAR,
        f"other_start_year-{units[0].pk}": YEAR + 1,
        f"energy_start_year-{units[1].pk}": YEAR + 2,
        f"other_start_year-{units[1].pk}": YEAR + 2,
        "justification": "Se incorporarán gradualmente.",
    }
    response = client.post(reverse("management:scope"), data)
    assert response.status_code == 302
    units[0].refresh_from_db()
    assert (units[0].energy_start_year, units[0].other_start_year) == (YEAR, YEAR + 1)
    assert ScopeDefinition.objects.get(service=service).justification.startswith("Se")
    page = client.get(reverse("management:scope"))
    assert "Completo" in page.content.decode()
    # The Alcance change is audited on the unit and on the service's definition.
    assert units[0].history.latest().history_user == gestor
    assert (
        ScopeDefinition.objects.get(service=service).history.latest().history_user
        == gestor
    )


def test_a_start_year_outside_the_range_is_refused_and_nothing_is_saved(setup):
    service, units, gestor = setup
    client = client_for(gestor)
    data = {
        "unit": [u.pk for u in units],
        f"energy_start_year-{units[0].pk}": YEAR,
        f"other_start_year-{units[0].pk}": YEAR,
        f"energy_start_year-{units[1].pk}": YEAR + 5,
        "justification": "Texto escrito",
    }
    page = client.post(reverse("management:scope"), data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "debe ser uno de" in html
    # What was typed stays on screen; nothing was saved (all or nothing).
    kept = re.search(
        rf'name="energy_start_year-{units[0].pk}".*?</select>', html, re.S
    ).group(0)
    assert f'<option value="{YEAR}" selected>' in kept
    assert "Texto escrito" in html
    units[0].refresh_from_db()
    assert units[0].energy_start_year is None
    assert not ScopeDefinition.objects.filter(
        service=service, justification="Texto escrito"
    ).exists()


def test_a_past_start_year_already_stored_may_stay(setup):
    service, units, gestor = setup
    units[0].energy_start_year = YEAR - 3
    units[0].save()
    response = client_for(gestor).post(
        reverse("management:scope"),
        {
            "unit": [units[0].pk],
            f"energy_start_year-{units[0].pk}": YEAR - 3,
            f"other_start_year-{units[0].pk}": YEAR,
        },
    )
    assert response.status_code == 302
    units[0].refresh_from_db()
    assert units[0].other_start_year == YEAR


def test_readers_see_alcance_but_cannot_change_it(setup):
    service, units, _ = setup
    reader = person(Role.GESTOR_CONSULTA, service)
    client = client_for(reader)
    page = client.get(reverse("management:scope"))
    assert "<select" not in page.content.decode()
    response = client.post(
        reverse("management:scope"),
        {"unit": [units[0].pk], f"energy_start_year-{units[0].pk}": YEAR},
    )
    assert response.status_code == 403


def test_the_red_validates_or_observes_with_a_comment(setup):
    service, _, _ = setup
    revisor = person(Role.REVISOR_RED)
    client = client_for(revisor)
    client.post(reverse("management:select-service"), {"service": service.pk})
    client.post(reverse("management:scope-review"), {"review_status": "observed"})
    assert not ScopeDefinition.objects.filter(review_status="observed").exists()
    client.post(
        reverse("management:scope-review"),
        {"review_status": "observed", "review_comment": "Faltan unidades regionales"},
    )
    definition = ScopeDefinition.objects.get(service=service)
    assert definition.review_status == ReviewStatus.OBSERVED
    assert definition.reviewed_by == revisor
    page = client.get(reverse("management:scope"))
    assert "Faltan unidades regionales" in page.content.decode()
    gestor_client = client_for(person(Role.GESTOR_SERVICIO, service))
    assert (
        gestor_client.post(
            reverse("management:scope-review"), {"review_status": "validated"}
        ).status_code
        == 403
    )


def test_aggregate_information_per_year(setup):
    service, units, gestor = setup
    client = client_for(gestor)
    page = client.post(
        reverse("management:aggregate"),
        {"year": YEAR, "officials": "-1", "other_collaborators": "3"},
    )
    assert "No puede ser negativo." in str(page.context["form"].errors)
    client.post(
        reverse("management:aggregate"),
        {"year": YEAR, "officials": "120", "other_collaborators": "15"},
    )
    page = client.get(reverse("management:aggregate"))
    row = next(r for r in page.context["rows"] if r["year"] == YEAR)
    assert row["declared"].collaborators == 135
    assert row["counts"].active == 2


def test_units_without_energy_management_need_a_justification(setup):
    service, units, gestor = setup
    units[0].energy_start_year = YEAR
    units[0].save()
    client = client_for(gestor)
    page = client.get(reverse("management:consumption-status"))
    rows = list(page.context["table"].rows)
    assert [r.record.pk for r in rows] == [units[1].pk]
    assert "Falta" in page.content.decode()
    url = reverse("management:consumption-justify", args=[units[1].pk])
    page = client.post(url, {"action": "justify", "text": ""})
    assert "Escriba la justificación." in str(page.context["form"].errors)
    client.post(url, {"action": "justify", "text": "Bodega sin consumo propio"})
    justification = ConsumptionJustification.objects.get(unit=units[1])
    revisor_client = client_for(person(Role.REVISOR_RED))
    revisor_client.post(url, {"action": "review", "review_status": "validated"})
    justification.refresh_from_db()
    assert justification.review_status == ReviewStatus.VALIDATED
    # A new text sends it back to review.
    client.post(url, {"action": "justify", "text": "Texto corregido"})
    justification.refresh_from_db()
    assert justification.review_status == ReviewStatus.PENDING


def test_alcance_exports_with_its_flags(setup):
    service, units, gestor = setup
    units[0].energy_start_year = YEAR
    units[0].save()
    response = client_for(gestor).get(reverse("management:scope") + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Dirección;Pisos;Año inicio Gestión Energética")
    assert len(lines) == 3
    assert "Gestión energética (RT4): Sí" in body


def test_national_users_are_asked_to_choose_a_service(setup):
    service, _, _ = setup
    client = client_for(person(Role.REVISOR_RED))
    page = client.get(reverse("management:scope"))
    assert page.status_code == 404
    assert "Elija un servicio" in page.content.decode()
    response = client.post(
        reverse("management:select-service"),
        {"service": service.pk, "next": reverse("management:scope")},
    )
    assert client.get(response["Location"]).status_code == 200


def test_the_sidebar_shows_a_gestor_de_unidad_only_their_modules(setup):
    service, units, _ = setup
    gu = person(Role.GESTOR_UNIDAD, service, units=[units[0]])
    sidebar = client_for(gu).get("/gestion/").context["sidebar"]
    labels = [str(item["label"]) for item in sidebar]
    assert "Mi Unidad" in labels and "Información" not in labels
