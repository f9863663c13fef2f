"""Staff reports per course, institution and service; streamed exports; permissions."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import selectors, services
from courses.models import Enrolment
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from tests.courses.factories import build_course, make_learner
from tests.factories import (
    InstitutionFactory,
    ServiceFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from tests.helpers import login

pytestmark = pytest.mark.django_db

REPORT = "/admin/informes-cursos/"
LIST = "/admin/informes-cursos/inscripciones/"


def staff(client, role=None, superuser=False):
    user = UserFactory(is_superuser=superuser, is_staff=superuser)
    if role:
        grant_staff_role(user=user, role=role)
    return login(client, user, TOTPDeviceFactory(user=user))


def add_enrolment(course, service, *, state="not_started", score=None, **learner):
    enrolment = services.enrol_learner(
        user=make_learner(service=service, **learner), course=course
    )
    now = timezone.now()
    fields = {"score": score}
    if state in ("in_progress", "completed"):
        fields["last_activity_at"] = now
    if state == "completed":
        fields["completed_at"] = now
    Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
    return enrolment


@pytest.fixture
def data():
    energia = InstitutionFactory(name="Ministerio de Energía")
    salud = InstitutionFactory(name="Ministerio de Salud")
    sub = ServiceFactory(institution=energia, name="Subsecretaría de Energía")
    sec = ServiceFactory(institution=energia, name="Superintendencia de Electricidad")
    hospital = ServiceFactory(institution=salud, name="Servicio de Salud Ñuble")
    course = build_course(title="Concientización", questions=0, quiz=False).course
    add_enrolment(course, sub, state="completed", score=Decimal("80"))
    add_enrolment(course, sub, state="completed", score=Decimal("100"))
    add_enrolment(course, sub, state="in_progress", score=Decimal("30"))
    add_enrolment(course, sub)
    add_enrolment(course, sec, state="completed", score=Decimal("70"))
    add_enrolment(course, hospital, state="in_progress")
    return {"course": course, "sub": sub, "sec": sec, "hospital": hospital}


def rows_by(group, key):
    return {
        row[key]: row
        for row in selectors.completion_report(Enrolment.objects.all(), group)
    }


def test_figures_per_service(data):
    rows = rows_by("service", "service__name")
    sub = rows["Subsecretaría de Energía"]
    assert (
        sub["enrolled"],
        sub["completed"],
        sub["in_progress"],
        sub["not_started"],
    ) == (
        4,
        2,
        1,
        1,
    )
    assert sub["completion_rate"] == pytest.approx(50.0)
    assert sub["average_score"] == pytest.approx(70.0)
    assert rows["Servicio de Salud Ñuble"]["completion_rate"] == 0
    assert rows["Servicio de Salud Ñuble"]["average_score"] is None


def test_figures_per_institution_and_course(data):
    energy = rows_by("institution", "institution__name")["Ministerio de Energía"]
    assert (energy["enrolled"], energy["completed"]) == (5, 3)
    course = rows_by("course", "course__title")["Concientización"]
    assert (course["enrolled"], course["completed"], course["in_progress"]) == (6, 3, 2)
    assert course["completion_rate"] == pytest.approx(50.0)
    totals = selectors.report_totals(Enrolment.objects.all())
    assert totals["completion_rate"] == pytest.approx(50.0)


def test_how_many_of_a_service_completed_in_two_clicks(client, data):
    staff(client, superuser=True)
    response = client.get(REPORT, {"service": data["sub"].pk})
    assert response.status_code == 200
    [row] = list(response.context["table"].data)
    assert row["service__name"] == "Subsecretaría de Energía"
    assert (row["enrolled"], row["completed"]) == (4, 2)
    assert "<td >Subsecretaría de Energía</td>" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.REVISOR_RED, True),
        (Role.ADMINISTRADOR, True),
        (Role.EDITOR, False),
        (Role.AGENTE_SOPORTE, False),
    ],
)
def test_who_may_read_the_reports(client, data, role, allowed):
    staff(client, role=role)
    for url in (REPORT, LIST, f"{LIST}?export=csv"):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200
        else:
            # Wagtail's answer to a refused admin page: back to the dashboard.
            assert response.status_code == 302 and response["Location"] == "/admin/"
    menu = client.get("/admin/").content.decode()
    assert ("/admin/informes-cursos/" in menu) is allowed


def test_learners_and_visitors_are_sent_to_the_admin_login(client, data):
    assert client.get(REPORT).status_code == 302
    login(client, make_learner())
    response = client.get(REPORT)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_report_exports_csv_and_xlsx(client, data):
    staff(client, superuser=True)
    response = client.get(REPORT, {"group": "institution", "export": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Curso", "Plataforma", "Institución"]
    assert "Servicio" not in rows[0]
    energy = next(r for r in rows if r[2] == "Ministerio de Energía")
    assert energy[3:7] == ["5", "1", "1", "3"]
    workbook = load_workbook(
        io.BytesIO(b"".join(client.get(REPORT, {"export": "xlsx"}).streaming_content))
    )
    sheet = workbook.active
    assert sheet.max_row == 4  # header + three services


def test_the_enrolment_list_streams_every_filtered_row(client, data):
    add_enrolment(
        data["course"], data["sub"], first_name='=HYPERLINK("x")', rut="12345678-5"
    )
    staff(client, superuser=True)
    response = client.get(LIST, {"service": data["sub"].pk, "export": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 5
    assert rows[0][:4] == ["Apellidos", "Nombres", "Correo", "RUT"]
    injected = next(r for r in rows if "HYPERLINK" in r[1])
    assert injected[1].startswith("'=")  # neutralised for spreadsheets
    assert injected[3] == "12.345.678-5" and injected[4] == "Concientización"
    states = sorted(r[9] for r in rows[1:])
    assert states == [
        "Completado",
        "Completado",
        "En curso",
        "Sin iniciar",
        "Sin iniciar",
    ]


def test_the_enrolment_list_searches_by_name_email_or_rut(client, data):
    add_enrolment(data["course"], data["sec"], first_name="Rigoberta", rut="9876543-3")
    staff(client, superuser=True)
    for query in ("rigoberta", "9.876.543"):
        table = client.get(LIST, {"q": query}).context["table"]
        assert [e.user.first_name for e in table.data] == ["Rigoberta"]


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [REPORT, LIST])
def test_report_queries_do_not_grow_with_rows(client, data, url):
    staff(client, superuser=True)
    count_queries(client, url)  # warm caches (site, content types)
    before = count_queries(client, url)
    course = build_course(
        title="Otro curso", platform=Realm.CONCIENTIZACION, quiz=False
    ).course
    for n in range(40):
        add_enrolment(
            course if n % 2 else data["course"],
            ServiceFactory(),
            state="completed" if n % 3 == 0 else "in_progress",
            score=Decimal(n),
        )
    assert count_queries(client, url) == before
