"""Invitations to the Concientización course: checked lists, sending once, the
registration link bound to the service, status from the learner side, reminders at
most once a week, and the validation of the year's list with the Red's review."""

import datetime as dt
import io
import re

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from management.models import (
    CollaboratorInvitation,
    InvitationUpload,
    ListValidation,
    ListValidationEvent,
)
from management.services import invitations
from management.services.collaborators import (
    ListValidationError,
    build_list_pdf,
    review_list,
    validate_list,
)
from tests.courses.factories import build_course, make_learner
from tests.factories import InstitutionFactory, ServiceFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

CREATE = reverse("management:invitation-create")
LIST = reverse("management:invitations")
LINK = re.compile(r"http://testserver(/concientizacion/registro/\?invitacion=\S+)")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def service():
    return ServiceFactory(
        name="Subsecretaría de Energía",
        code="SUBE",
        institution=InstitutionFactory(name="Ministerio de Energía", code="MEN"),
    )


@pytest.fixture
def gestor(service):
    return person(Role.GESTOR_SERVICIO, service)


@pytest.fixture
def client(gestor):
    return client_for(gestor)


def csv_file(text: str, encoding="utf-8", name="colaboradores.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


GOOD_CSV = (
    "Correo Electrónico;Nombres;Apellidos;RUT;Unidad;Cargo\n"
    "ana.perez@energia.example;Ana;Pérez;12.345.678-5;Oficina central;Analista\n"
    "Bruno.Soto@Energia.example;Bruno;Soto;;Bodega;Chofer\n"
    "no-es-correo;Carla;Núñez;;;\n"
    "ana.perez@energia.example;Ana;Repetida;;;\n"
    "diego@energia.example;Diego;Ruiz;11.111.111-2;;\n"
    ";;;;;\n"
)


def upload(client, file, capture=None):
    response = client.post(CREATE, {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return InvitationUpload.objects.latest("pk"), response


def confirm(client, pk, capture):
    with capture(execute=True):
        return client.post(
            reverse("management:invitation-upload", args=[pk]), {"action": "confirm"}
        )


# Checking a list -----------------------------------------------------------------------


def test_a_file_is_checked_row_by_row_before_anything_is_sent(client, service):
    record, response = upload(client, csv_file(GOOD_CSV))
    assert response["Location"] == reverse(
        "management:invitation-upload", args=[record.pk]
    )
    assert CollaboratorInvitation.objects.count() == 0
    assert mail.outbox == []
    assert [r["email"] for r in record.rows] == [
        "ana.perez@energia.example",
        "bruno.soto@energia.example",  # stored lower-case
    ]
    assert record.rows[0]["rut"] == "12345678-5"
    assert record.total_rows == 5  # the blank line is not a row
    problems = {(p["row"], p["column"]): p["message"] for p in record.problems}
    assert "no es un correo válido" in problems[(4, "Correo")]
    assert "ya está en la fila 2" in problems[(5, "Correo")]
    assert "RUT" in problems[(6, "RUT")] or "dígito" in problems[(6, "RUT")]
    page = client.get(response["Location"]).content.decode()
    assert "Enviar 2 invitaciones" in page
    assert "no-es-correo" in page and "ya está en la fila 2" in page


@pytest.mark.parametrize(
    "encoding,prefix", [("cp1252", ""), ("utf-8", "\ufeff"), ("utf-8", "")]
)
def test_latin1_and_utf8_with_bom_both_read(service, encoding, prefix):
    text = prefix + "correo,nombres\nnuñez@energia.example,Ñuñoa José\n"
    text = text.replace("nuñez", "nunez")
    checked = invitations.check_file(
        service=service, file=csv_file(text, encoding=encoding)
    )
    assert checked.problems == []
    assert checked.rows[0]["first_name"] == "Ñuñoa José"


def test_an_xlsx_list_reads_like_a_csv(service):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nombres", "Apellidos", "Email"])
    sheet.append(["Eva", "Lagos", "eva.lagos@energia.example"])
    sheet.append(["Sin", "Correo", None])
    data = io.BytesIO()
    book.save(data)
    file = SimpleUploadedFile("lista.xlsx", data.getvalue())
    checked = invitations.check_file(service=service, file=file)
    assert [r["email"] for r in checked.rows] == ["eva.lagos@energia.example"]
    assert checked.problems[0]["row"] == 3
    assert checked.problems[0]["message"] == "Falta el correo."


def test_a_file_without_an_email_column_or_not_a_table_is_refused(client):
    response = client.post(CREATE, {"file": csv_file("nombre;apellido\nAna;Pérez\n")})
    assert response.status_code == 200
    assert "no tiene una columna de correo" in response.content.decode()
    pdf = SimpleUploadedFile("lista.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    response = client.post(CREATE, {"file": pdf})
    assert response.status_code == 200
    assert InvitationUpload.objects.count() == 0
    response = client.post(CREATE, {})
    assert "Suba un archivo o escriba al menos un correo" in response.content.decode()


def test_typed_emails_keep_what_was_typed_on_error(client):
    response = client.post(CREATE, {"emails": ""})
    assert response.status_code == 200
    response = client.post(
        CREATE, {"emails": "uno@energia.example, dos@energia.example;malo"}
    )
    assert response.status_code == 302
    record = InvitationUpload.objects.get()
    assert [r["email"] for r in record.rows] == [
        "uno@energia.example",
        "dos@energia.example",
    ]
    assert record.problems[0]["value"] == "malo"


# Sending -------------------------------------------------------------------------------


def test_confirming_invites_each_person_once_and_mails_a_bound_link(
    client, service, django_capture_on_commit_callbacks
):
    record, _ = upload(client, csv_file(GOOD_CSV))
    confirm(client, record.pk, django_capture_on_commit_callbacks)
    record.refresh_from_db()
    assert record.status == InvitationUpload.Status.DONE
    assert (record.processed, record.created) == (2, 2)
    assert record.rows == []  # the personal data of the list is not kept twice
    assert set(CollaboratorInvitation.objects.values_list("email", flat=True)) == {
        "ana.perez@energia.example",
        "bruno.soto@energia.example",
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana.perez@energia.example",
        "bruno.soto@energia.example",
    ]
    assert "Subsecretaría de Energía" in mail.outbox[0].subject
    # Confirming again, or uploading the same file again, sends nothing more.
    confirm(client, record.pk, django_capture_on_commit_callbacks)
    again, _ = upload(client, csv_file(GOOD_CSV))
    assert again.rows == [] and again.already_invited == 2
    assert len(mail.outbox) == 2
    assert CollaboratorInvitation.objects.count() == 2


def test_a_big_list_is_processed_in_chunks_with_progress(
    client, service, django_capture_on_commit_callbacks
):
    rows = "\n".join(f"persona{n}@energia.example" for n in range(1, 1201))
    record, _ = upload(client, csv_file("correo\n" + rows))
    assert len(record.rows) == 1200
    page = client.get(reverse("management:invitation-upload", args=[record.pk]))
    assert "Enviar 1.200 invitaciones" in page.content.decode()
    confirm(client, record.pk, django_capture_on_commit_callbacks)
    record.refresh_from_db()
    assert (record.status, record.processed, record.created) == ("done", 1200, 1200)
    assert record.percent == 100
    assert CollaboratorInvitation.objects.filter(service=service).count() == 1200
    assert CollaboratorInvitation.objects.filter(sent_at__isnull=True).count() == 0


def test_processing_resumes_where_a_killed_worker_left_it(service, gestor):
    rows = [{"row": n, "email": f"p{n}@energia.example"} for n in range(2, 1202)]
    record = InvitationUpload.objects.create(
        service=service,
        created_by=gestor,
        rows=rows,
        status=InvitationUpload.Status.PROCESSING,
    )
    # The first chunk was committed before the worker died.
    invitations._invite_chunk(upload=record, rows=rows[: invitations.CHUNK])
    InvitationUpload.objects.filter(pk=record.pk).update(processed=invitations.CHUNK)
    sent_before = CollaboratorInvitation.objects.filter(sent_at__isnull=False).count()
    assert sent_before == invitations.CHUNK
    invitations.process_upload(record.pk)
    record.refresh_from_db()
    assert record.status == "done" and record.processed == 1200
    assert CollaboratorInvitation.objects.count() == 1200
    from lms.core.models import OutgoingEmail

    assert OutgoingEmail.objects.count() == 1200  # nobody mailed twice


def test_the_link_fills_registration_with_the_service_and_status_follows_the_learner(
    client, service, django_capture_on_commit_callbacks
):
    ServiceFactory(name="Otro servicio")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite_one(
            by=None,
            service=service,
            email="eva@energia.example",
            first_name="Eva",
            last_name="Lagos",
        )
    path = LINK.search(mail.outbox[-1].body).group(1)
    anonymous = client_class()
    page = anonymous.get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Subsecretaría de Energía le invitó" in html
    assert 'value="eva@energia.example"' in html
    assert "Subsecretaría de Energía (Ministerio de Energía)" in html
    # A forged token is ignored: the plain form.
    assert "le invitó" not in anonymous.get(path[:-3] + "xyz").content.decode()

    def status():
        return (
            invitations.with_status(CollaboratorInvitation.objects.all()).get().status
        )

    assert status() == "invitado"
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(
            path,
            {
                "first_name": "Eva",
                "last_name": "Lagos",
                "email": "eva@energia.example",
                "rut": "12.345.678-5",
                "service_name": "Subsecretaría de Energía (Ministerio de Energía)",
                "service": str(service.pk),
                "password1": "Sol-de-Invierno-44",
                "password2": "Sol-de-Invierno-44",
                "accept_privacy": "on",
            },
        )
    assert response.status_code == 302
    learner = User.objects.get(realm=Realm.CONCIENTIZACION, email="eva@energia.example")
    assert learner.learner_profile.service == service
    assert status() == "registrado"
    User.objects.filter(pk=learner.pk).update(is_active=True)  # e-mail confirmed
    learner.refresh_from_db()
    course = build_course(platform=Realm.CONCIENTIZACION, lessons=1, questions=4).course
    enrolment = course_services.enrol_learner(user=learner, course=course)
    assert status() == "en_curso"
    course_services.complete_enrolment(enrolment=enrolment)
    assert status() == "aprobado"
    counts = invitations.status_counts(service=service)
    assert counts == {
        "invitado": 0,
        "registrado": 0,
        "en_curso": 0,
        "aprobado": 1,
        "total": 1,
    }


def client_class():
    from django.test import Client

    return Client()


# Reminders -----------------------------------------------------------------------------


def _invite(service, email, days_ago):
    invitation = CollaboratorInvitation.objects.create(service=service, email=email)
    CollaboratorInvitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return invitation


def test_reminders_at_most_once_a_week_and_never_to_who_passed(
    client, service, django_capture_on_commit_callbacks
):
    fresh = _invite(service, "fresh@energia.example", days_ago=2)
    old = _invite(service, "old@energia.example", days_ago=8)
    passed = _invite(service, "passed@energia.example", days_ago=30)
    learner = make_learner(
        Realm.CONCIENTIZACION, service=service, email="passed@energia.example"
    )
    course = build_course(platform=Realm.CONCIENTIZACION, lessons=1, questions=4).course
    course_services.complete_enrolment(
        enrolment=course_services.enrol_learner(user=learner, course=course)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("management:invitation-remind-all"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["old@energia.example"]]
    assert "Recordatorio" in mail.outbox[0].subject
    old.refresh_from_db()
    assert old.reminders_sent == 1 and old.last_reminded_at is not None
    # A second click the same day: nobody gets a second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("management:invitation-remind", args=[old.pk]))
    assert len(mail.outbox) == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("menos de 7 días" in m for m in messages)
    # Eight days later the person may be reminded again.
    CollaboratorInvitation.objects.filter(pk=old.pk).update(
        last_reminded_at=timezone.now() - dt.timedelta(days=8)
    )
    sent, skipped = invitations.send_reminders(service=service, ids=[old.pk])
    assert (sent, skipped) == (1, 0)
    assert invitations.send_reminders(service=service, ids=[fresh.pk]) == (0, 1)
    assert invitations.send_reminders(service=service, ids=[passed.pk]) == (0, 1)


def test_the_invitation_list_counts_filters_and_exports(client, service):
    _invite(service, "ana@energia.example", days_ago=1)
    _invite(service, "bruno@energia.example", days_ago=1)
    CollaboratorInvitation.objects.create(
        service=ServiceFactory(), email="ajeno@otro.example"
    )
    page = client.get(LIST)
    html = page.content.decode()
    assert "ana@energia.example" in html and "ajeno@otro.example" not in html
    assert page.context["counts"]["total"] == 2
    filtered = client.get(LIST, {"q": "bruno"}).content.decode()
    assert "bruno@energia.example" in filtered and "ana@energia.example" not in filtered
    export = client.get(LIST, {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert body.count("@energia.example") == 2
    assert "Invitado" in body


def test_invitation_list_queries_do_not_grow_with_rows(client, service):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def invite(start, stop):
        for n in range(start, stop):
            _invite(service, f"a{n}@energia.example", days_ago=1)

    invite(0, 30)  # more than a page: the same paginated page at both sizes
    client.get(LIST)  # the first visit stores the current service in the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    invite(30, 90)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many) == len(few)


# Validation of the year's list and the Red's review -------------------------------------


def _completion(service, course, **fields):
    learner = make_learner(Realm.CONCIENTIZACION, service=service, **fields)
    return course_services.complete_enrolment(
        enrolment=course_services.enrol_learner(user=learner, course=course)
    )


def test_validating_freezes_the_list_and_files_a_pdf(
    client, service, gestor, django_capture_on_commit_callbacks
):
    course = build_course(platform=Realm.CONCIENTIZACION, lessons=1, questions=4).course
    _completion(service, course, first_name="Ana", last_name="Pérez", rut="12345678-5")
    _completion(service, course, first_name="Bruno", last_name="Soto")
    year = timezone.localdate().year
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("management:concientized-validate"), {"year": str(year)}
        )
    assert response.status_code == 302
    validation = ListValidation.objects.get(service=service, year=year)
    assert validation.status == ListValidation.Status.SUBMITTED
    assert validation.count == 2
    assert [r["name"] for r in validation.rows] == ["Ana Pérez", "Bruno Soto"]
    assert (
        validation.rows[0]["rut"].startswith("12.")
        and "***" in validation.rows[0]["rut"]
    )
    assert validation.pdf and len(validation.pdf_sha256) == 64
    data = validation.pdf.read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Subsecretaría de Energía" in text
    assert f"concientizados {year}" in text
    for row in validation.rows:
        assert row["code"] and row["code"] in text
    # A completion after validating does not change the frozen list.
    _completion(service, course, first_name="Carla", last_name="Núñez")
    validation.refresh_from_db()
    assert validation.count == 2
    # The PDF is served to the service's readers.
    pdf = client.get(
        reverse("management:concientized-validation-pdf", args=[validation.pk])
    )
    assert pdf["Content-Type"] == "application/pdf"
    # Building it again (a redelivered task) changes nothing.
    assert build_list_pdf(validation.pk).pdf_sha256 == validation.pdf_sha256


def test_the_red_observes_the_service_revalidates_the_red_approves(
    service, gestor, django_capture_on_commit_callbacks
):
    red = person(Role.REVISOR_RED)
    course = build_course(platform=Realm.CONCIENTIZACION, lessons=1, questions=4).course
    _completion(service, course)
    year = timezone.localdate().year
    validation = validate_list(by=gestor, service=service, year=year)
    with pytest.raises(ListValidationError, match="escriba el motivo"):
        review_list(by=red, validation=validation, approve=False, comment="  ")
    red_client = client_for(red)
    response = red_client.post(
        reverse("management:concientized-review", args=[validation.pk]),
        {"decision": "observe", "comment": "Faltan los colaboradores de regiones."},
    )
    assert response.status_code == 302
    validation.refresh_from_db()
    assert validation.status == ListValidation.Status.OBSERVED
    # The service sees the reason on its list.
    page = client_for(gestor).get(reverse("management:concientized-list"))
    assert "Faltan los colaboradores de regiones." in page.content.decode()
    # An observed list cannot be approved before the service validates it again.
    with pytest.raises(ListValidationError):
        review_list(by=red, validation=validation, approve=True)
    _completion(service, course)
    validation = validate_list(by=gestor, service=service, year=year)
    assert validation.count == 2
    review_list(by=red, validation=validation, approve=True)
    validation.refresh_from_db()
    assert validation.status == ListValidation.Status.APPROVED
    with pytest.raises(ListValidationError, match="ya validó"):
        validate_list(by=gestor, service=service, year=year)
    actions = list(
        ListValidationEvent.objects.filter(validation=validation).values_list(
            "action", "count"
        )
    )
    assert actions == [
        ("validated", 1),
        ("observed", 1),
        ("validated", 2),
        ("approved", 2),
    ]
    queue = red_client.get(
        reverse("management:concientized-validations"), {"status": "approved"}
    )
    assert "Subsecretaría de Energía" in queue.content.decode()


def test_a_future_year_cannot_be_validated(service, gestor):
    with pytest.raises(ListValidationError, match="futuro"):
        validate_list(by=gestor, service=service, year=timezone.localdate().year + 1)


# Accreditation shown in the service's user list ----------------------------------------


def test_the_user_list_shows_who_is_accredited_with_the_certificate(
    client, service, gestor
):
    from certificates.codes import format_code
    from management.models import GestorAccreditation

    accredited = person(
        Role.GESTOR_UNIDAD, service, first_name="Rosa", email="rosa@energia.example"
    )
    person(Role.GESTOR_CONSULTA, service, first_name="Tomás")
    course = build_course(platform=Realm.CAPACITACION, lessons=1, questions=4).course
    learner = make_learner(
        Realm.CAPACITACION, service=service, email="ROSA@energia.example"
    )
    course_services.complete_enrolment(
        enrolment=course_services.enrol_learner(user=learner, course=course)
    )
    accreditation = GestorAccreditation.objects.get()
    assert accreditation.user == accredited
    url = reverse("management:user-list")
    html = client.get(url).content.decode()
    code = format_code(accreditation.certificate.code)
    assert code in html and "Acreditado" in html
    only = client.get(url, {"accredited": "true"}).context["table"].rows
    assert [row.record.pk for row in only] == [accredited.pk]
    others = client.get(url, {"accredited": "false"}).context["table"].rows
    assert accredited.pk not in [row.record.pk for row in others]
    assert len(others) == 2  # the gestor and the Gestor de Consulta
    export = client.get(url, {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Acreditación" in body
    assert timezone.localtime(accreditation.accredited_at).strftime("%d-%m-%Y") in body
