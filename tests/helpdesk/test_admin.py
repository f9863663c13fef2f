"""The agents' queue and ticket view inside the Wagtail admin."""

import csv
import io
import re
from datetime import timedelta

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from lms.helpdesk.models import HelpTopic, Message, Ticket
from lms.helpdesk.services import next_ticket_number
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.helpers import login

from .conftest import links_in, pdf

pytestmark = pytest.mark.django_db

QUEUE = "/admin/mesa-de-ayuda/"


def make_tickets(
    count, *, topic=None, status=Ticket.Status.OPEN, assignee=None, **extra
):
    topics = list(HelpTopic.objects.all()) if topic is None else [topic]
    now = timezone.now()
    tickets = []
    for i in range(count):
        chosen = topics[i % len(topics)]
        ticket = Ticket.objects.create(
            number=next_ticket_number(),
            topic=chosen,
            team=chosen.team,
            subject=f"Consulta {i}",
            name=f"Persona {i}",
            email=f"persona{i}@servicio.example",
            status=status,
            assignee=assignee,
            due_at=extra.get("due_at", now + timedelta(hours=48)),
            created_at=extra.get("created_at", now),
        )
        Message.objects.create(
            ticket=ticket, kind="solicitante", author_name=ticket.name, body="Hola"
        )
        tickets.append(ticket)
    return tickets


def test_the_queue_needs_a_verified_agent(client, agent):
    login(client, agent)  # password only
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/2fa/verificar/" in response["Location"]
    editor = UserFactory(is_staff=True)
    grant_staff_role(user=editor, role=Role.EDITOR)
    client.logout()
    login(client, editor, TOTPDeviceFactory(user=editor))
    # Wagtail turns the 403 into a redirect to the dashboard with a message.
    for url in (QUEUE, reverse("helpdesk_admin:ticket", args=[1])):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"


def test_agents_see_the_menu_and_the_queue(agent_client, topic):
    ticket = make_tickets(1, topic=topic)[0]
    home = agent_client.get("/admin/").content.decode()
    assert "Mesa de ayuda" in home and QUEUE in home
    response = agent_client.get(QUEUE)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"#{ticket.display_number}" in content and "Consulta 0" in content
    assert reverse("helpdesk_admin:ticket", args=[ticket.pk]) in content


def test_overdue_rows_are_highlighted(agent_client, topic):
    late = make_tickets(1, topic=topic, due_at=timezone.now() - timedelta(hours=1))[0]
    on_time = make_tickets(1, topic=topic)[0]
    waiting = make_tickets(
        1,
        topic=topic,
        status=Ticket.Status.WAITING,
        due_at=timezone.now() - timedelta(hours=1),
    )[0]
    table = agent_client.get(QUEUE).context["table"]
    classes = {
        row.record.pk: row.attrs.get("class", "").split()
        for row in table.paginated_rows
    }
    assert "hd-overdue" in classes[late.pk]
    assert "hd-overdue" not in classes[on_time.pk] + classes[waiting.pk]
    assert 'class="hd-overdue' in agent_client.get(QUEUE).content.decode()
    only_late = agent_client.get(QUEUE, {"overdue": "on"}).context["table"]
    assert [r.record.pk for r in only_late.paginated_rows] == [late.pk]


def test_filters_by_topic_status_assignee_age_and_search(agent_client, agent, topic):
    other_topic = HelpTopic.objects.get(slug="cambio-de-medidor")
    mine = make_tickets(2, topic=topic, assignee=agent)
    unassigned = make_tickets(1, topic=other_topic)
    closed = make_tickets(1, topic=topic, status=Ticket.Status.CLOSED)
    old = make_tickets(1, topic=topic, created_at=timezone.now() - timedelta(days=10))

    def pks(**params):
        table = agent_client.get(QUEUE, params).context["table"]
        return {row.record.pk for row in table.paginated_rows}

    assert pks(topic=other_topic.pk) == {unassigned[0].pk}
    assert pks(status="cerrado") == {closed[0].pk}
    assert closed[0].pk not in pks(status="activos")
    assert pks(assignee=agent.pk) == {t.pk for t in mine}
    assert pks(assignee="null") == {unassigned[0].pk, closed[0].pk, old[0].pk}
    assert pks(age="30") == {old[0].pk}
    assert old[0].pk not in pks(age="1")
    assert pks(q=mine[1].display_number) == {mine[1].pk}
    assert pks(q=str(mine[1].number)) == {mine[1].pk}
    assert pks(q="persona0@") == {mine[0].pk, unassigned[0].pk, closed[0].pk, old[0].pk}


def test_the_queue_exports_csv(agent_client, topic):
    make_tickets(3, topic=topic)
    response = agent_client.get(QUEUE, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:3] == ["N°", "Asunto", "Solicitante"]
    assert len(rows) == 4 and rows[1][5] == "Abierto"
    # Cells are plain values: no markup from the HTML rendering.
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", rows[1][7])
    assert all("<" not in cell for row in rows for cell in row)


def test_queue_query_count_does_not_grow_with_tickets(agent_client, agent, topic):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = agent_client.get(QUEUE, {"status": "activos"})
        assert response.status_code == 200
        return len(queries), response

    make_tickets(3, topic=topic, assignee=agent)
    count_queries()  # the first request of a session does one-off work
    few, _ = count_queries()
    make_tickets(22, assignee=agent)
    make_tickets(5, due_at=timezone.now() - timedelta(hours=2))
    many, response = count_queries()
    assert len(response.context["table"].paginated_rows) == 25
    assert many == few, f"{few} queries with 3 tickets, {many} with 30"


def test_ticket_view_shows_notes_and_events_to_agents(agent_client, agent, topic):
    ticket = make_tickets(1, topic=topic)[0]
    Message.objects.create(
        ticket=ticket, kind="nota", author=agent, author_name="Sofía", body="NOTA-789"
    )
    response = agent_client.get(ticket.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "NOTA-789" in content and "Nota interna" in content and "Hola" in content


def test_an_agent_replies_and_the_requester_gets_the_reply_by_email(
    agent_client, agent, topic, client, django_capture_on_commit_callbacks
):
    ticket = make_tickets(1, topic=topic)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            ticket.get_absolute_url(),
            {
                "action": "reply",
                "reply-body": "Debe corregir la fecha de término.",
                "reply-status": "esperando",
                "reply-attachments": [pdf("instructivo.pdf")],
            },
        )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.WAITING and ticket.assignee == agent
    (sent,) = mail.outbox
    assert sent.to == [ticket.email]
    assert "Debe corregir la fecha de término." in sent.body
    (path,) = links_in(sent)
    page = client.get(path).content.decode()
    assert "Debe corregir la fecha de término." in page and "instructivo.pdf" in page


def test_notes_assignment_and_status_from_the_ticket_view(
    agent_client, agent, topic, client, django_capture_on_commit_callbacks
):
    ticket = make_tickets(1, topic=topic)[0]
    url = ticket.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url, {"action": "note", "note-body": "Llamar al servicio."})
        agent_client.post(url, {"action": "take"})
        agent_client.post(url, {"action": "status", "status-status": "en_proceso"})
    ticket.refresh_from_db()
    assert ticket.assignee == agent and ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.messages.filter(kind="nota", body="Llamar al servicio.").exists()
    assert mail.outbox == []  # none of these concern the requester
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url, {"action": "assign", "assign-assignee": ""})
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_invalid_actions_keep_the_text_and_say_why(agent_client, topic):
    ticket = make_tickets(1, topic=topic)[0]
    url = ticket.get_absolute_url()
    response = agent_client.post(
        url, {"action": "reply", "reply-body": "", "reply-status": "esperando"}
    )
    assert (
        response.status_code == 200
        and "Escriba la respuesta." in response.content.decode()
    )
    response = agent_client.post(
        url,
        {"action": "reply", "reply-body": "Texto largo escrito", "reply-status": "x"},
    )
    content = response.content.decode()
    assert "Texto largo escrito" in content and response.status_code == 200
    assert agent_client.post(url, {"action": "borrar"}).status_code == 404
    assert ticket.messages.count() == 1


def test_agents_edit_topics_response_time_and_routing(agent_client, topic):
    listing = agent_client.get("/admin/mesa-de-ayuda-temas/")
    assert (
        listing.status_code == 200 and "Registro de Boletas" in listing.content.decode()
    )
    other_team = HelpTopic.objects.get(slug="nuevo-gestor-energetico").team
    response = agent_client.post(
        f"/admin/mesa-de-ayuda-temas/edit/{topic.pk}/",
        {
            "name": topic.name,
            "slug": topic.slug,
            "team": other_team.pk,
            "response_hours": 24,
            "sort_order": topic.sort_order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.response_hours == 24 and topic.team == other_team


def test_staff_attachment_download(
    agent_client, agent, topic, django_capture_on_commit_callbacks
):
    from lms.helpdesk.services import open_ticket

    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(
            topic=topic,
            subject="x",
            body="x",
            email="a@b.example",
            name="A",
            files=[pdf()],
        )
    attachment = ticket.messages.get().attachments.get()
    url = reverse("helpdesk_admin:attachment", args=[ticket.pk, attachment.pk])
    response = agent_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    wrong = reverse("helpdesk_admin:attachment", args=[ticket.pk + 1, attachment.pk])
    assert agent_client.get(wrong).status_code == 404
