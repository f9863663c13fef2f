"""Help-desk services: topics, numbers, the ticket lifecycle, e-mails, attachments."""

from datetime import timedelta

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.accounts.roles import Role, group_name
from lms.helpdesk.access import hash_token
from lms.helpdesk.models import (
    AccessToken,
    HelpTopic,
    Message,
    Team,
    Ticket,
    TicketNumber,
)
from lms.helpdesk.selectors import suggested_answers, ticket_for_token
from lms.helpdesk.services import (
    add_internal_note,
    add_requester_reply,
    assign_ticket,
    change_status,
    next_ticket_number,
    open_ticket,
    reply_to_requester,
    resend_ticket_link,
)
from tests.factories import MembershipFactory, ServiceFactory, UserFactory

from .conftest import PNG, links_in, pdf, xlsx

pytestmark = pytest.mark.django_db

DOMAIN_TOPICS = [
    "Gestión de compras sustentables",
    "Registro de Boletas (consumos)",
    "Constitución de Comité Estado Verde",
    "Formulación Política Ambiental",
    "Actividades de concientización",
    "Gestión de Vehículos",
    "Traslados de personas",
    "Gestión del papel",
    "Gestión hídrica",
    "Gestión de los residuos",
    "Gestión de bienes muebles",
    "Diseño Pasivo",
    "Apoyo capacitación presencial",
    "Validación de consumos",
    "Nuevo Gestor Energético",
    "Cambio de Medidor",
    "Registro/edición edificios",
    "Solicitud de reunión",
    "Acceso a Aula Virtual",
]


def _open(topic, *, capture, email="ana@servicio.example", **kwargs):
    with capture(execute=True):
        return open_ticket(
            topic=topic,
            subject=kwargs.pop("subject", "Boleta rechazada"),
            body=kwargs.pop("body", "La plataforma rechaza mi boleta de marzo."),
            email=email,
            name=kwargs.pop("name", "Ana Díaz"),
            **kwargs,
        )


def test_the_nineteen_topics_are_seeded_in_order_each_routed_to_a_team():
    topics = list(HelpTopic.objects.filter(is_active=True))
    assert [t.name for t in topics] == DOMAIN_TOPICS
    assert all(t.team_id and t.response_hours > 0 for t in topics)
    assert HelpTopic.objects.get(slug="nuevo-gestor-energetico").name == (
        "Nuevo Gestor Energético"
    )


def test_agents_hold_the_help_desk_permissions():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=group_name(Role.AGENTE_SOPORTE))
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_ticket", "change_ticket", "change_helptopic"} <= codenames
    editor = Group.objects.get(name=group_name(Role.EDITOR))
    assert not editor.permissions.filter(codename="view_ticket").exists()


def test_numbers_come_from_a_sequence_and_are_never_reused(
    topic, django_capture_on_commit_callbacks
):
    first = _open(topic, capture=django_capture_on_commit_callbacks)
    second = _open(topic, capture=django_capture_on_commit_callbacks)
    assert second.number > first.number
    # Deleting the newest ticket must not give its number away again (max+1 would).
    newest = second.number
    second.delete()
    third = _open(topic, capture=django_capture_on_commit_callbacks)
    assert third.number > newest
    assert third.display_number == f"{third.number:06d}"
    assert next_ticket_number() > third.number
    assert TicketNumber.objects.count() >= 4


def test_opening_routes_to_the_team_sets_the_due_date_and_mails_a_private_link(
    topic, django_capture_on_commit_callbacks
):
    topic.team.email = "boletas@energia.example"
    topic.team.save()
    before = timezone.now()
    ticket = _open(topic, capture=django_capture_on_commit_callbacks)
    assert ticket.team == topic.team and ticket.status == Ticket.Status.OPEN
    assert (
        before + timedelta(hours=topic.response_hours)
        <= ticket.due_at
        <= timezone.now() + timedelta(hours=topic.response_hours)
    )
    assert list(ticket.messages.values_list("kind", flat=True)) == ["solicitante"]
    to_requester = [m for m in mail.outbox if m.to == ["ana@servicio.example"]]
    assert len(to_requester) == 1
    assert f"#{ticket.display_number}" in to_requester[0].subject
    (path,) = links_in(to_requester[0])
    token = path.rstrip("/").rsplit("/", 1)[-1]
    # Only the hash is stored; the token opens exactly this ticket.
    assert not AccessToken.objects.filter(token_hash=token).exists()
    assert AccessToken.objects.filter(token_hash=hash_token(token)).exists()
    assert ticket_for_token(token) == ticket
    team_mail = [m for m in mail.outbox if m.to == ["boletas@energia.example"]]
    assert len(team_mail) == 1 and "/admin/mesa-de-ayuda/" in team_mail[0].body
    assert "/soporte/ticket/" not in team_mail[0].body


def test_without_a_team_address_the_team_members_are_told(
    topic, agent, django_capture_on_commit_callbacks
):
    topic.team.email = ""
    topic.team.save()
    topic.team.members.add(agent)
    _open(topic, capture=django_capture_on_commit_callbacks)
    assert any(m.to == [agent.email] for m in mail.outbox)


def test_full_lifecycle_open_reply_requester_reopens_close(
    topic, agent, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    mail.outbox.clear()

    with capture(execute=True):
        reply_to_requester(
            ticket=ticket, author=agent, body="Revise el periodo de lectura."
        )
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.WAITING
    assert ticket.due_at is None and ticket.assignee == agent
    (reply_mail,) = mail.outbox
    assert reply_mail.to == ["ana@servicio.example"]
    assert "Revise el periodo de lectura." in reply_mail.body
    (path,) = links_in(reply_mail)
    assert ticket_for_token(path.rstrip("/").rsplit("/", 1)[-1]) == ticket

    mail.outbox.clear()
    with capture(execute=True):
        add_requester_reply(ticket=ticket, body="Ya lo corregí, pero sigue el error.")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN and ticket.due_at > timezone.now()
    assert ticket.messages.filter(kind=Message.Kind.EVENT, body__contains="Reabierto")
    # The assignee hears about the requester's answer.
    assert [m.to for m in mail.outbox] == [[agent.email]]

    mail.outbox.clear()
    with capture(execute=True):
        change_status(ticket=ticket, status=Ticket.Status.CLOSED, by=agent)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED and ticket.closed_at is not None
    assert ticket.due_at is None
    assert mail.outbox[0].to == ["ana@servicio.example"]
    assert "Cerrado" in mail.outbox[0].body and links_in(mail.outbox[0])

    with capture(execute=True):
        add_requester_reply(ticket=ticket, body="Vuelve a fallar en abril.")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN and ticket.closed_at is None
    kinds = list(ticket.messages.values_list("kind", flat=True))
    assert kinds.count("solicitante") == 3 and kinds.count("respuesta") == 1


def test_internal_notes_never_reach_the_requester(
    topic, agent, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    mail.outbox.clear()
    with capture(execute=True):
        add_internal_note(ticket=ticket, author=agent, body="NOTA-SECRETA-123")
        reply_to_requester(ticket=ticket, author=agent, body="Respuesta pública")
        change_status(ticket=ticket, status=Ticket.Status.RESOLVED, by=agent)
    assert mail.outbox
    for message in mail.outbox:
        assert "NOTA-SECRETA-123" not in message.body
    from lms.helpdesk.selectors import public_thread

    assert "NOTA-SECRETA-123" not in [m.body for m in public_thread(ticket)]


def test_only_agents_work_tickets(topic, django_capture_on_commit_callbacks):
    ticket = _open(topic, capture=django_capture_on_commit_callbacks)
    outsider = UserFactory(is_staff=True)
    for call in (
        lambda: reply_to_requester(ticket=ticket, author=outsider, body="x"),
        lambda: add_internal_note(ticket=ticket, author=outsider, body="x"),
        lambda: change_status(ticket=ticket, status="cerrado", by=outsider),
        lambda: assign_ticket(ticket=ticket, assignee=None, by=outsider),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_assigning_tells_the_new_assignee_and_refuses_non_agents(
    topic, agent, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    colleague = UserFactory(is_staff=True, first_name="Mario", last_name="Mesa")
    from lms.accounts.services import grant_staff_role

    grant_staff_role(user=colleague, role=Role.AGENTE_SOPORTE)
    mail.outbox.clear()
    with capture(execute=True):
        assign_ticket(ticket=ticket, assignee=colleague, by=agent)
    ticket.refresh_from_db()
    assert ticket.assignee == colleague
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert ticket.messages.filter(kind="evento", body__contains="Mario Mesa").exists()
    with pytest.raises(ValidationError):
        assign_ticket(ticket=ticket, assignee=UserFactory(), by=agent)


def test_a_service_must_be_one_of_the_users_own(
    topic, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    user = membership.user
    ticket = _open(
        topic,
        capture=django_capture_on_commit_callbacks,
        user=user,
        service=membership.service,
    )
    assert ticket.user == user and ticket.service == membership.service
    with pytest.raises(ValidationError):
        _open(
            topic,
            capture=django_capture_on_commit_callbacks,
            user=user,
            service=ServiceFactory(),
        )


def test_inactive_topics_are_refused(topic, django_capture_on_commit_callbacks):
    topic.is_active = False
    topic.save()
    with pytest.raises(ValidationError):
        _open(topic, capture=django_capture_on_commit_callbacks)


def test_attachments_are_checked_by_content_and_stored_under_random_names(
    topic, django_capture_on_commit_callbacks
):
    ticket = _open(
        topic,
        capture=django_capture_on_commit_callbacks,
        files=[pdf("Boleta marzo.pdf"), xlsx()],
    )
    stored = list(ticket.messages.get().attachments.all())
    assert [a.name for a in stored] == ["Boleta_marzo.pdf", "consumos.xlsx"]
    assert stored[0].content_type == "application/pdf"
    assert "Boleta" not in stored[0].file.name and stored[0].file.name.endswith(".pdf")
    disguised = SimpleUploadedFile("foto.png", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ValidationError):
        _open(topic, capture=django_capture_on_commit_callbacks, files=[disguised])
    with pytest.raises(ValidationError):
        _open(
            topic,
            capture=django_capture_on_commit_callbacks,
            files=[SimpleUploadedFile(f"{i}.png", PNG) for i in range(4)],
        )


def test_resending_the_link_needs_the_exact_pair(
    topic, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    mail.outbox.clear()
    with capture(execute=True):
        assert resend_ticket_link(email="ANA@servicio.example ", number=ticket.number)
        assert not resend_ticket_link(
            email="otra@servicio.example", number=ticket.number
        )
        assert not resend_ticket_link(
            email="ana@servicio.example", number=ticket.number + 1000
        )
    assert len(mail.outbox) == 1 and links_in(mail.outbox[0])


def test_overdue_means_an_answer_is_owed_past_the_topics_time(
    topic, agent, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    Ticket.objects.filter(pk=ticket.pk).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )
    ticket.refresh_from_db()
    assert ticket.is_overdue() and Ticket.objects.overdue().filter(pk=ticket.pk)
    with capture(execute=True):
        reply_to_requester(ticket=ticket, author=agent, body="Lo vemos.")
    ticket.refresh_from_db()
    assert not ticket.is_overdue() and not Ticket.objects.overdue().exists()


def test_suggested_answers_are_empty_while_the_faq_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "cms.selectors", None)
    assert suggested_answers("boleta de electricidad") == []


def test_suggested_answers_come_from_the_faq(faq):
    results = suggested_answers("¿Cómo registro una boleta?", limit=3)
    assert [r.url for r in results] == ["/preguntas-frecuentes/#registrar-boleta"]
    assert faq == [("¿Cómo registro una boleta?", 3)]
    assert suggested_answers("   ") == []


def test_team_and_topic_strings():
    team = Team.objects.first()
    assert str(team) == team.name
    assert str(HelpTopic.objects.get(slug="diseno-pasivo")) == "Diseño Pasivo"


def test_a_requester_note_on_a_ticket_in_progress_keeps_its_state_and_restarts_the_clock(
    topic, agent, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ticket = _open(topic, capture=capture)
    with capture(execute=True):
        reply_to_requester(
            ticket=ticket,
            author=agent,
            body="Lo estamos revisando.",
            status=Ticket.Status.IN_PROGRESS,
        )
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS and ticket.due_at is None
    with capture(execute=True):
        add_requester_reply(ticket=ticket, body="Agrego un dato más.")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.due_at > timezone.now() + timedelta(hours=topic.response_hours - 1)
    assert not ticket.messages.filter(body__contains="Reabierto").exists()
