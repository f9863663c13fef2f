"""Hitos: ratification, the preliminary inventory PDF e-mailed by a task, observations,
the frozen definitive inventory, the locks it brings and the Administrador's override."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from management.models import (
    InventoryObservation,
    InventoryRatification,
    InventorySnapshot,
    MilestoneCalendar,
)
from management.services import build_inventory_snapshot, inventory_lock
from tests.factories import ServiceFactory, UnitFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def world():
    service = ServiceFactory(name="Servicio de Prueba Ñandú")
    units = [
        UnitFactory(service=service, name="Oficina <central>", energy_start_year=YEAR),
        UnitFactory(service=service, name="Bodega", other_start_year=YEAR + 1),
    ]
    gestor = person(Role.GESTOR_SERVICIO, service, email="gs@servicio.example")
    person(Role.GESTOR_CONSULTA, service, email="consulta@servicio.example")
    admin = person(Role.ADMINISTRADOR)
    MilestoneCalendar.objects.create(
        year=YEAR,
        update_due=timezone.localdate() - dt.timedelta(days=10),
        preliminary_on=timezone.localdate() - dt.timedelta(days=5),
        observations_due=timezone.localdate() + dt.timedelta(days=5),
        definitive_due=timezone.localdate() + dt.timedelta(days=20),
    )
    return service, units, gestor, admin


def test_hito_1_the_service_ratifies_its_inventory(world):
    service, _, gestor, _ = world
    client = client_for(gestor)
    client.post(reverse("management:milestones"), {"action": "ratify"})
    assert InventoryRatification.objects.get(service=service).ratified_by == gestor
    page = client_for(person(Role.REVISOR_RED)).get(
        reverse("management:milestone-dashboard")
    )
    row = next(r for r in page.context["table"].rows if r.record.pk == service.pk)
    assert row.record.ratified


def test_hito_2_builds_the_pdf_in_a_task_and_emails_the_gestores(
    world, django_capture_on_commit_callbacks
):
    service, _, gestor, admin = world
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("management:milestone-start", args=[YEAR, "preliminar"])
        )
    assert response.status_code == 302
    assert callbacks  # the task is queued after commit, not run inside the request
    snapshot = InventorySnapshot.objects.get(service=service, kind="preliminar")
    assert snapshot.emailed_at is not None
    assert len(snapshot.rows) == 2
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(snapshot.pdf.read())).pages
    )
    assert "Servicio de Prueba Ñandú" in text
    assert "Oficina <central>" in text  # escaped HTML, printed as text
    assert f"Inventario preliminar de unidades {YEAR}" in text
    sent = [m for m in mail.outbox if "Inventario preliminar" in m.subject]
    assert len(sent) == 1
    assert sent[0].to == ["gs@servicio.example"]  # Gestores de Servicio only
    assert f"/gestion/inventarios/{snapshot.pk}/pdf/" in sent[0].body
    # The Gestor downloads the PDF; another service's Gestor cannot guess it.
    download = client_for(gestor).get(
        reverse("management:snapshot-pdf", args=[snapshot.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    stranger = person(Role.GESTOR_SERVICIO, ServiceFactory())
    assert (
        client_for(stranger)
        .get(reverse("management:snapshot-pdf", args=[snapshot.pk]))
        .status_code
        == 404
    )


def test_building_a_snapshot_twice_sends_one_email(world):
    service, *_ = world
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="preliminar")
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="preliminar")
    assert InventorySnapshot.objects.filter(service=service).count() == 1
    from lms.core.models import OutgoingEmail

    assert OutgoingEmail.objects.filter(subject__contains="preliminar").count() == 1


def test_only_the_administrator_starts_milestones(world):
    _, _, gestor, _ = world
    revisor = person(Role.REVISOR_RED)
    for user in (gestor, revisor):
        response = client_for(user).post(
            reverse("management:milestone-start", args=[YEAR, "preliminar"])
        )
        assert response.status_code == 403
    assert not InventorySnapshot.objects.exists()


def test_hito_3_observations_open_after_the_preliminary_and_close_at_the_due_date(
    world,
):
    service, _, gestor, _ = world
    client = client_for(gestor)
    client.post(reverse("management:milestones"), {"text": "Falta la bodega"})
    assert not InventoryObservation.objects.exists()
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="preliminar")
    page = client.post(reverse("management:milestones"), {"text": ""})
    assert "Escriba la observación." in str(page.context["observation_form"].errors)
    client.post(reverse("management:milestones"), {"text": "Falta la bodega"})
    observation = InventoryObservation.objects.get(service=service)
    revisor = person(Role.REVISOR_RED)
    client_for(revisor).post(
        reverse("management:observation-answer", args=[observation.pk]),
        {"answer": "Se agregará"},
    )
    observation.refresh_from_db()
    assert observation.answer == "Se agregará"
    MilestoneCalendar.objects.filter(year=YEAR).update(
        observations_due=timezone.localdate() - dt.timedelta(days=1)
    )
    page = client.post(reverse("management:milestones"), {"text": "Tarde"})
    assert "venció" in str(page.context["observation_form"].errors)
    assert InventoryObservation.objects.count() == 1


def test_hito_4_needs_the_preliminary_first(world):
    _, _, _, admin = world
    response = client_for(admin).post(
        reverse("management:milestone-start", args=[YEAR, "definitivo"]), follow=True
    )
    assert "Primero envíe el inventario preliminar" in response.content.decode()
    assert not InventorySnapshot.objects.exists()


def test_hito_4_freezes_the_inventory_and_locks_editing(world):
    service, units, gestor, admin = world
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="preliminar")
    definitive = build_inventory_snapshot(
        service_id=service.pk, year=YEAR, kind="definitivo"
    )
    frozen_rows = list(definitive.rows)
    assert inventory_lock(service=service)
    client = client_for(gestor)
    unit = units[0]
    response = client.post(
        reverse("management:unit-deactivate", args=[unit.pk]),
        {"reason": "Cierre"},
        follow=True,
    )
    assert "ya fue emitido" in response.content.decode()
    unit.refresh_from_db()
    assert unit.is_active
    response = client.post(
        reverse("management:scope"),
        {"unit": [unit.pk], f"energy_start_year-{unit.pk}": YEAR + 1},
        follow=True,
    )
    unit.refresh_from_db()
    assert unit.energy_start_year == YEAR
    page = client.get(reverse("management:scope"))
    assert "<select" not in page.content.decode()
    # The Administrador may still correct, and the frozen rows do not change.
    client_for(admin).post(
        reverse("management:unit-deactivate", args=[unit.pk]), {"reason": "Oficio 123"}
    )
    unit.refresh_from_db()
    assert not unit.is_active
    definitive.refresh_from_db()
    assert definitive.rows == frozen_rows


def test_the_administrator_reopens_a_frozen_inventory(world):
    service, units, gestor, admin = world
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="preliminar")
    build_inventory_snapshot(service_id=service.pk, year=YEAR, kind="definitivo")
    page = client_for(admin).post(
        reverse("management:milestone-unlock"),
        {"service": service.pk, "until": "01-01-2000", "reason": "Corrección"},
    )
    assert "hoy o posterior" in str(page.context["form"].errors)
    until = timezone.localdate() + dt.timedelta(days=3)
    client_for(admin).post(
        reverse("management:milestone-unlock"),
        {
            "service": service.pk,
            "until": until.strftime("%d-%m-%Y"),
            "reason": "Corrección",
        },
    )
    assert inventory_lock(service=service) == ""
    client_for(gestor).post(
        reverse("management:unit-deactivate", args=[units[1].pk]), {"reason": "Cierre"}
    )
    units[1].refresh_from_db()
    assert not units[1].is_active


def test_milestone_dates_are_editable_and_must_be_in_order(world):
    _, _, _, admin = world
    client = client_for(admin)
    url = reverse("management:milestone-calendar", args=[YEAR])
    page = client.post(
        url,
        {
            "update_due": f"31-05-{YEAR}",
            "preliminary_on": f"15-05-{YEAR}",
            "observations_due": f"30-06-{YEAR}",
            "definitive_due": f"31-07-{YEAR + 1}",
        },
    )
    errors = page.context["form"].errors
    assert "posterior a la del hito anterior" in str(errors["preliminary_on"])
    assert f"del año {YEAR}" in str(errors["definitive_due"])
    client.post(
        url,
        {
            "update_due": f"29-05-{YEAR}",
            "preliminary_on": f"12-06-{YEAR}",
            "observations_due": f"30-06-{YEAR}",
            "definitive_due": f"31-07-{YEAR}",
        },
    )
    assert MilestoneCalendar.objects.get(year=YEAR).preliminary_on == dt.date(
        YEAR, 6, 12
    )
