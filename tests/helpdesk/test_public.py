"""The public help desk: open a ticket, suggestions, status check, the private link."""

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.roles import Role
from lms.accounts.services import add_membership
from lms.helpdesk.models import HelpTopic, Message, Ticket
from lms.helpdesk.services import add_internal_note, open_ticket, reply_to_requester
from tests.factories import ServiceFactory, TOTPDeviceFactory, UserFactory
from tests.helpers import login

from .conftest import PNG, links_in, pdf

pytestmark = pytest.mark.django_db


def form_data(help_topic, **overrides):
    data = {
        "email": "ana@servicio.example",
        "name": "Ana Díaz Rojas",
        "phone": "+56 2 2345 6789",
        "phone_ext": "123",
        "organization": "Servicio de Salud Demo",
        "topic": help_topic.pk,
        "subject": "Boleta rechazada",
        "body": "La plataforma rechaza mi boleta de marzo.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, capture, data, url=None):
    with capture(execute=True):
        return client.post(url or reverse("helpdesk:create"), data)


@pytest.fixture
def open_existing(topic, django_capture_on_commit_callbacks):
    """A ticket opened by the service, and the private link e-mailed for it."""
    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(
            topic=topic,
            subject="Medidor nuevo",
            body="Cambiaron el medidor.",
            email="ana@servicio.example",
            name="Ana Díaz",
        )
    (path,) = links_in(mail.outbox[0])
    mail.outbox.clear()
    return ticket, path


def test_help_desk_home_is_the_first_step_and_links_the_faq(client):
    response = client.get("/soporte/")
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("helpdesk:open") == "/soporte/"
    assert 'href="/preguntas-frecuentes/"' in content
    assert f'action="{reverse("helpdesk:create")}"' in content
    assert content.count("<option") == 20  # 19 topics and the empty choice
    # The public menu shows it as "Contacto".
    assert '<a href="/soporte/" aria-current="page">Contacto</a>' in content


def test_new_gestor_link_preselects_its_topic(client):
    topic = HelpTopic.objects.get(slug="nuevo-gestor-energetico")
    response = client.get(reverse("helpdesk:new-gestor"))
    assert response.status_code == 200
    assert response.context["form"]["topic"].value() == topic.pk
    assert f'<option value="{topic.pk}" selected>' in response.content.decode()
    login_page = client.get("/gestion/ingresar/").content.decode()
    assert f'href="{reverse("helpdesk:new-gestor")}"' in login_page


def test_the_subject_step_shows_matching_faq_answers_before_the_form(
    client, topic, faq
):
    response = client.get(
        reverse("helpdesk:create"),
        {"topic": topic.pk, "subject": "Registro de boleta de electricidad"},
    )
    content = response.content.decode()
    assert "Revise estas respuestas" in content
    assert "¿Cómo registro una boleta de electricidad?" in content
    assert 'href="/preguntas-frecuentes/#registrar-boleta"' in content
    assert "¿Cómo recupero mi contraseña?" not in content
    # The form below keeps what was typed in the first step.
    form = response.context["form"]
    assert form["subject"].value() == "Registro de boleta de electricidad"
    assert form["topic"].value() == topic.pk
    assert faq and faq[0][0] == "Registro de boleta de electricidad"


def test_without_matches_the_form_comes_straight(client, faq):
    response = client.get(reverse("helpdesk:create"), {"subject": "Reunión"})
    assert "Revise estas respuestas" not in response.content.decode()
    assert response.context["form"]["subject"].value() == "Reunión"


def test_opening_a_ticket_confirms_the_number_and_mails_a_working_link(
    client, topic, django_capture_on_commit_callbacks
):
    data = form_data(topic, attachments=[pdf(), SimpleUploadedFile("foto.png", PNG)])
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("helpdesk:created")
    ticket = Ticket.objects.get()
    assert (ticket.phone, ticket.phone_ext) == ("+56 2 2345 6789", "123")
    assert ticket.organization == "Servicio de Salud Demo" and ticket.user is None
    assert ticket.messages.get().attachments.count() == 2
    confirmation = client.get(response["Location"]).content.decode()
    assert ticket.display_number in confirmation
    # The link is only e-mailed, never shown on the page.
    assert "/soporte/ticket/" not in confirmation
    requester_mail = [m for m in mail.outbox if m.to == ["ana@servicio.example"]]
    (path,) = links_in(requester_mail[0])
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Boleta rechazada" in text and "rechaza mi boleta de marzo" in text
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"]
    attachment = ticket.messages.get().attachments.first()
    download = client.get(
        reverse("helpdesk:attachment", args=[path.split("/")[-2], attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "boleta.pdf" in download["Content-Disposition"]


def test_confirmation_page_needs_a_ticket_from_this_session(client):
    response = client.get(reverse("helpdesk:created"))
    assert response.status_code == 302 and response["Location"] == "/soporte/"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": ""}, "email", "Escriba su correo electrónico."),
        ({"email": "ana@"}, "email", "Escriba un correo válido"),
        ({"name": ""}, "name", "Escriba su nombre completo."),
        ({"phone": "22 345 ABC"}, "phone", "solo con números"),
        ({"phone_ext": "12a"}, "phone_ext", "El anexo lleva solo números"),
        ({"topic": ""}, "topic", "Elija el tema de ayuda"),
        ({"topic": "999999"}, "topic", "no está disponible"),
        ({"subject": ""}, "subject", "Escriba el asunto"),
        ({"body": ""}, "body", "Escriba su mensaje."),
    ],
)
def test_bad_input_gets_a_spanish_message_and_keeps_what_was_typed(
    client, topic, django_capture_on_commit_callbacks, overrides, field, message
):
    data = form_data(topic, **overrides)
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 200 and not Ticket.objects.exists()
    form = response.context["form"]
    assert any(message in e for e in form.errors[field])
    content = response.content.decode()
    assert message in content
    for name in ("name", "subject", "body", "phone_ext"):
        if name != field and data.get(name):
            assert str(data[name]) in content


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("informe.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            "no corresponde",
        ),
        (
            SimpleUploadedFile("script.html", b"<script>alert(1)</script>"),
            "no corresponde",
        ),
        (pdf(content=b"%PDF-1.4 " + b"0" * (5 * 1024 * 1024)), "máximo permitido"),
    ],
)
def test_disguised_or_oversize_attachments_are_refused(
    client, topic, django_capture_on_commit_callbacks, upload, message
):
    data = form_data(topic, attachments=[upload])
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 200 and not Ticket.objects.exists()
    assert any(message in e for e in response.context["form"].errors["attachments"])
    content = response.content.decode()
    assert "adjúntelos de nuevo" in content
    assert "Boleta rechazada" in content


def test_more_than_three_attachments_are_refused(
    client, topic, django_capture_on_commit_callbacks
):
    files = [SimpleUploadedFile(f"foto{i}.png", PNG) for i in range(4)]
    response = submit(
        client, django_capture_on_commit_callbacks, form_data(topic, attachments=files)
    )
    assert "hasta 3 archivos" in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_honeypot_silently_drops_the_request(
    client, topic, django_capture_on_commit_callbacks
):
    data = form_data(topic, website="http://spam.example")
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 200
    assert "Recibimos su solicitud" in response.content.decode()
    assert not Ticket.objects.exists() and mail.outbox == []


def test_rate_limit_per_email(
    client, topic, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_RATE_LIMITS = {"open-email": (2, 3600)}
    for _ in range(2):
        response = submit(client, django_capture_on_commit_callbacks, form_data(topic))
        assert response.status_code == 302
    response = submit(client, django_capture_on_commit_callbacks, form_data(topic))
    assert response.status_code == 429
    assert "demasiadas solicitudes" in response.content.decode()
    assert "La plataforma rechaza mi boleta de marzo." in response.content.decode()
    assert Ticket.objects.count() == 2
    # Another e-mail from the same address is still welcome.
    other = form_data(topic, email="otra@servicio.example")
    assert submit(client, django_capture_on_commit_callbacks, other).status_code == 302


def test_rate_limit_per_ip(client, topic, settings, django_capture_on_commit_callbacks):
    settings.HELPDESK_RATE_LIMITS = {"open-ip": (3, 3600)}
    for i in range(3):
        data = form_data(topic, email=f"persona{i}@servicio.example")
        assert (
            submit(client, django_capture_on_commit_callbacks, data).status_code == 302
        )
    data = form_data(topic, email="cuarta@servicio.example")
    assert submit(client, django_capture_on_commit_callbacks, data).status_code == 429
    # A different client address is counted apart.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:create"), data, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302 and Ticket.objects.count() == 4


def test_wrong_or_malformed_tokens_are_404(client, open_existing):
    ticket, path = open_existing
    token = path.split("/")[-2]
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/soporte/ticket/{wrong}/").status_code == 404
    assert client.get("/soporte/ticket/corto/").status_code == 404
    assert client.post(f"/soporte/ticket/{wrong}/", {"body": "x"}).status_code == 404
    assert ticket.messages.count() == 1


def test_status_check_answers_identically_and_mails_only_a_real_pair(
    client, open_existing, django_capture_on_commit_callbacks
):
    ticket, _ = open_existing
    url = reverse("helpdesk:status")
    answers = []
    for email, number in [
        ("ana@servicio.example", ticket.display_number),
        ("ana@servicio.example", str(ticket.number + 7)),
        ("nadie@servicio.example", ticket.display_number),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": email, "number": number})
        follow = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], follow.content))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == 302
    (sent,) = mail.outbox
    assert sent.to == ["ana@servicio.example"]
    (path,) = links_in(sent)
    assert client.get(path).status_code == 200


def test_status_check_validates_and_is_rate_limited(
    client, open_existing, settings, django_capture_on_commit_callbacks
):
    ticket, _ = open_existing
    url = reverse("helpdesk:status")
    response = client.post(url, {"email": "ana", "number": "12a"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Escriba un correo válido" in content and "solo dígitos" in content
    settings.HELPDESK_RATE_LIMITS = {"status-email": (2, 3600)}
    data = {"email": "ana@servicio.example", "number": ticket.display_number}
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_requester_reply_through_the_link_reopens_and_keeps_notes_hidden(
    client, open_existing, agent, django_capture_on_commit_callbacks
):
    ticket, path = open_existing
    with django_capture_on_commit_callbacks(execute=True):
        add_internal_note(ticket=ticket, author=agent, body="NOTA-INTERNA-XYZ")
        reply_to_requester(
            ticket=ticket,
            author=agent,
            body="¿Puede enviar la boleta?",
            status=Ticket.Status.RESOLVED,
        )
    page = client.get(path).content.decode()
    assert "¿Puede enviar la boleta?" in page
    assert "NOTA-INTERNA-XYZ" not in page and "Estado:" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path, {"body": "Adjunto la boleta.", "attachments": [pdf()]}
        )
    assert response.status_code == 302 and response["Location"].endswith("#ultimo")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
    reply = ticket.messages.filter(kind=Message.Kind.REQUEST).last()
    assert reply.body == "Adjunto la boleta." and reply.attachments.count() == 1
    page = client.get(path).content.decode()
    assert "Adjunto la boleta." in page and "NOTA-INTERNA-XYZ" not in page
    assert "Reabierto" not in page  # events are for the agents


def test_requester_reply_validation_keeps_the_text(client, open_existing):
    _, path = open_existing
    response = client.post(
        path,
        {"body": "Mi texto", "attachments": [SimpleUploadedFile("a.pdf", b"MZ\x90")]},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "no corresponde a un tipo permitido" in content and "Mi texto" in content
    response = client.post(path, {"body": ""})
    assert "Escriba su mensaje." in response.content.decode()


def test_attachments_of_other_tickets_are_not_reachable(
    client, topic, open_existing, django_capture_on_commit_callbacks
):
    _, path = open_existing
    with django_capture_on_commit_callbacks(execute=True):
        other = open_ticket(
            topic=topic,
            subject="Otro",
            body="Otro",
            email="otro@servicio.example",
            name="Otro",
            files=[pdf()],
        )
    foreign = other.messages.get().attachments.get()
    token = path.split("/")[-2]
    url = reverse("helpdesk:attachment", args=[token, foreign.pk])
    assert client.get(url).status_code == 404


def test_a_signed_in_gestion_user_gets_the_form_filled_and_the_ticket_linked(
    client, topic, django_capture_on_commit_callbacks
):
    user = UserFactory(
        first_name="Gastón", last_name="Eficiente", phone="+56 9 8765 4321"
    )
    service = ServiceFactory(name="Subsecretaría de Energía")
    add_membership(user=user, service=service, role=Role.GESTOR_SERVICIO)
    login(client, user, TOTPDeviceFactory(user=user))
    response = client.get(reverse("helpdesk:create"), {"subject": "Consulta"})
    form = response.context["form"]
    assert form["email"].value() == user.email
    assert form["name"].value() == "Gastón Eficiente"
    assert form["service"].value() == service.pk
    assert "organization" not in form.fields
    data = form_data(
        topic,
        email=user.email,
        name="Gastón Eficiente",
        service=service.pk,
        organization=None,
    )
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.user == user and ticket.service == service
    # A service of someone else is not among the choices.
    data["service"] = ServiceFactory().pk
    response = submit(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 200 and "service" in response.context["form"].errors


def test_a_gestion_user_without_two_factor_is_treated_as_a_visitor(client):
    user = UserFactory()
    login(client, user)  # password only, no verified device
    response = client.get(reverse("helpdesk:create"))
    form = response.context["form"]
    assert form["email"].value() in (None, "")
    assert "organization" in form.fields and "service" not in form.fields


def test_a_stale_topic_in_the_first_step_keeps_the_subject(client, faq):
    response = client.get(
        reverse("helpdesk:create"),
        {"topic": "999999", "subject": "Boleta de electricidad"},
    )
    form = response.context["form"]
    assert form["subject"].value() == "Boleta de electricidad"
    assert form["topic"].value() in (None, "")
    assert "Revise estas respuestas" in response.content.decode()
