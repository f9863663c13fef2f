"""Concientized collaborators: the list fed by completions, its screens, the indicator,
exports, scoping, erasure, and the accreditation of gestores."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import services as course_services
from courses.models import Enrolment
from lms.accounts.privacy import erase_account, export_personal_data
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from management.models import (
    AggregateInformation,
    ConcientizedCollaborator,
    GestorAccreditation,
)
from management.services.collaborators import (
    WITHHELD_NAME,
    concientization_indicator,
    enter_concientized_collaborator,
    enter_past_completions,
    record_completion,
    services_with_indicator,
)
from tests.courses.factories import build_course, make_learner
from tests.factories import ServiceFactory, UserFactory

from .conftest import client_for, person

pytestmark = pytest.mark.django_db

LIST = "management:concientized-list"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def course():
    return build_course(platform=Realm.CONCIENTIZACION, lessons=1, questions=4).course


@pytest.fixture
def service():
    return ServiceFactory(name="Servicio Propio")


def complete(course, service, **learner_fields) -> Enrolment:
    learner = make_learner(Realm.CONCIENTIZACION, service=service, **learner_fields)
    enrolment = course_services.enrol_learner(user=learner, course=course)
    return course_services.complete_enrolment(enrolment=enrolment)


def test_a_completion_enters_the_list_once_with_a_snapshot(course, service):
    enrolment = complete(
        course, service, first_name="Ana", last_name="Pérez", rut="12345678-5"
    )
    entry = ConcientizedCollaborator.objects.get()
    assert entry.enrolment == enrolment
    assert entry.service == service
    assert entry.year == timezone.localtime(enrolment.completed_at).year
    assert (entry.first_name, entry.last_name, entry.rut) == (
        "Ana",
        "Pérez",
        "12345678-5",
    )
    assert entry.email == enrolment.user.email
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert entry.certificate == certificate
    # A retried handler (or the completion called again) adds nothing.
    record_completion(enrolment=enrolment)
    enter_concientized_collaborator(enrolment=enrolment)
    course_services.complete_enrolment(enrolment=enrolment)
    assert ConcientizedCollaborator.objects.count() == 1
    assert enter_past_completions() == 0


def test_the_database_refuses_a_second_entry_of_an_enrolment(course, service):
    from django.db import IntegrityError, transaction

    enrolment = complete(course, service)
    entry = ConcientizedCollaborator.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConcientizedCollaborator.objects.create(
            enrolment=enrolment,
            service=service,
            year=entry.year,
            completed_at=entry.completed_at,
        )


def test_a_learner_who_moves_stays_where_they_completed(course, service):
    enrolment = complete(course, service)
    profile = enrolment.user.learner_profile
    profile.service = ServiceFactory(name="Servicio Nuevo")
    profile.save()
    assert ConcientizedCollaborator.objects.get().service == service


def test_the_year_is_the_completion_year(course, service):
    learner = make_learner(Realm.CONCIENTIZACION, service=service)
    enrolment = course_services.enrol_learner(user=learner, course=course)
    when = timezone.make_aware(dt.datetime(2024, 12, 31, 23, 30))
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=when - dt.timedelta(days=1), completed_at=when
    )
    enrolment.refresh_from_db()
    entry = enter_concientized_collaborator(enrolment=enrolment)
    assert entry.year == 2024


def test_capacitacion_completions_do_not_enter_the_list_but_accredit(service):
    cap = build_course(platform=Realm.CAPACITACION, lessons=1, questions=4).course
    account = UserFactory(email="gestora@servicio.example", first_name="Gestora")
    learner = make_learner(
        Realm.CAPACITACION, service=service, email="GESTORA@servicio.example"
    )
    enrolment = course_services.enrol_learner(user=learner, course=cap)
    course_services.complete_enrolment(enrolment=enrolment)
    assert not ConcientizedCollaborator.objects.exists()
    accreditation = GestorAccreditation.objects.get()
    assert accreditation.user == account
    assert accreditation.certificate == Certificate.objects.get(enrolment=enrolment)
    record_completion(enrolment=enrolment)
    assert GestorAccreditation.objects.count() == 1


def test_accreditation_by_rut_and_none_without_a_gestion_account(service):
    cap = build_course(platform=Realm.CAPACITACION, lessons=1, questions=4).course
    account = UserFactory(email="otra@servicio.example", rut="11111111-1")
    by_rut = make_learner(Realm.CAPACITACION, service=service, rut="11111111-1")
    nobody = make_learner(Realm.CAPACITACION, service=service, rut="")
    for learner in (by_rut, nobody):
        enrolment = course_services.enrol_learner(user=learner, course=cap)
        course_services.complete_enrolment(enrolment=enrolment)
    assert list(GestorAccreditation.objects.values_list("user", flat=True)) == [
        account.pk
    ]


def test_the_indicator_divides_by_the_declared_collaborators(course, service):
    year = timezone.localdate().year
    for _n in range(3):
        complete(course, service)
    empty = concientization_indicator(service=service, year=year)
    assert (empty.completions, empty.declared, empty.percent) == (3, None, None)
    AggregateInformation.objects.create(
        service=service, year=year, officials=0, other_collaborators=0
    )
    assert concientization_indicator(service=service, year=year).percent is None
    AggregateInformation.objects.filter(service=service).update(
        officials=6, other_collaborators=2
    )
    full = concientization_indicator(service=service, year=year)
    assert (full.declared, str(full.percent)) == (8, "37.5")
    other = ServiceFactory()
    rows = {s.pk: s for s in services_with_indicator(year=year)}
    assert rows[service.pk].completions == 3
    assert rows[service.pk].percent == pytest.approx(37.5)
    assert rows[other.pk].completions == 0 and rows[other.pk].percent is None
    assert concientization_indicator(service=service, year=year - 1).completions == 0


def test_the_gestor_sees_the_list_with_masked_rut_and_certificate_link(course, service):
    enrolment = complete(
        course, service, first_name="Ana", last_name="Pérez", rut="12345678-5"
    )
    complete(course, ServiceFactory(), first_name="Ajena", last_name="Otra")
    code = Certificate.objects.get(enrolment=enrolment).display_code
    response = client_for(person(Role.GESTOR_SERVICIO, service)).get(reverse(LIST))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ana Pérez" in body and "Ajena" not in body
    assert "12.***.***-5" in body and "12.345.678-5" not in body
    assert reverse("certificates:verify-code", args=[code]) in body
    assert response.context["table"].paginator.count == 1
    assert response.context["indicator"].completions == 1


@pytest.mark.parametrize(
    "role", [Role.GESTOR_CONSULTA, Role.ENCARGADO_COMITE, Role.GESTOR_SERVICIO]
)
def test_service_readers_see_only_their_service(course, service, role):
    complete(course, service, first_name="Propia")
    other = ServiceFactory()
    complete(course, other, first_name="Ajena")
    client = client_for(person(role, other))
    # Asking for the other service's rows by the filter changes nothing.
    response = client.get(reverse(LIST), {"service": service.pk})
    names = [r.record.first_name for r in response.context["table"].rows]
    assert names == ["Ajena"]


def test_the_gestor_de_unidad_is_refused(service):
    response = client_for(person(Role.GESTOR_UNIDAD, service)).get(reverse(LIST))
    assert response.status_code == 403


def test_the_red_sees_every_service_and_filters_by_service(course, service):
    complete(course, service, first_name="Propia")
    other = ServiceFactory()
    complete(course, other, first_name="Ajena")
    client = client_for(person(Role.REVISOR_RED))
    response = client.get(reverse(LIST))
    assert response.context["table"].paginator.count == 2
    response = client.get(reverse(LIST), {"service": other.pk})
    assert [r.record.first_name for r in response.context["table"].rows] == ["Ajena"]
    indicator = client.get(reverse("management:concientized-indicator"))
    assert indicator.status_code == 200
    counts = {
        r.record.pk: r.record.completions for r in indicator.context["table"].rows
    }
    assert counts[service.pk] == 1 and counts[other.pk] == 1


def test_filters_by_name_rut_year_unit_and_dates(course, service):
    complete(course, service, first_name="Ana", last_name="Pérez", rut="12345678-5")
    complete(course, service, first_name="Bruno", last_name="Díaz", rut="9876543-3")
    ConcientizedCollaborator.objects.filter(first_name="Bruno").update(
        unit_name="Oficina Regional", year=2024
    )
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    today = timezone.localdate()

    def names(**query):
        response = client.get(reverse(LIST), query)
        return sorted(r.record.first_name for r in response.context["table"].rows)

    assert names(q="pérez") == ["Ana"]
    assert names(q="12.345.678-5") == ["Ana"]
    assert names(q="9876543") == ["Bruno"]
    assert names(year="2024") == ["Bruno"]
    assert names(unit="regional") == ["Bruno"]
    assert names(completed_from=today.isoformat()) == ["Ana", "Bruno"]
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert names(completed_from=tomorrow) == []


def test_csv_and_xlsx_exports_hold_every_filtered_row(course, service):
    for n in range(3):
        complete(course, service, first_name=f"P{n}", rut="12345678-5")
    complete(course, ServiceFactory(), first_name="Ajena")
    ConcientizedCollaborator.objects.filter(first_name="P0").update(
        first_name="=HYPERLINK(1)"
    )
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    response = client.get(reverse(LIST), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Nombres" and len(rows) == 4
    assert {r[2] for r in rows[1:]} == {"12.***.***-5"}
    assert "'=HYPERLINK(1)" in {r[0] for r in rows[1:]}
    codes = set(
        Certificate.objects.filter(service=service).values_list("code", flat=True)
    )
    assert {r[8].replace("-", "") for r in rows[1:]} == codes
    assert all(r[9].endswith(r[8] + "/") for r in rows[1:])
    response = client.get(reverse(LIST), {"export": "xlsx", "q": "P1"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 2 and values[1][0] == "P1"


def test_erasure_keeps_the_count_and_withholds_the_identity(course, service):
    enrolment = complete(course, service, first_name="Ana", rut="12345678-5")
    complete(course, service, first_name="Bruno")
    learner = enrolment.user
    export = export_personal_data(user=learner)
    assert export["colaborador_concientizado"][0]["servicio"] == service.name
    erase_account(user=learner)
    entry = ConcientizedCollaborator.objects.get(enrolment=enrolment)
    assert entry.withheld and entry.first_name == WITHHELD_NAME
    assert (entry.last_name, entry.rut, entry.email) == ("", "", "")
    year = entry.year
    assert concientization_indicator(service=service, year=year).completions == 2
    response = client_for(person(Role.GESTOR_SERVICIO, service)).get(reverse(LIST))
    assert "12.***.***-5" not in response.content.decode()
    assert response.context["table"].paginator.count == 2


def test_the_accredited_list_is_scoped_to_the_service(service):
    cap = build_course(platform=Realm.CAPACITACION, lessons=1, questions=4).course
    own = person(Role.GESTOR_UNIDAD, service, email="propio@servicio.example")
    other_service = ServiceFactory()
    person(Role.GESTOR_UNIDAD, other_service, email="ajeno@servicio.example")
    for email in ("propio@servicio.example", "ajeno@servicio.example"):
        learner = make_learner(Realm.CAPACITACION, service=service, email=email)
        enrolment = course_services.enrol_learner(user=learner, course=cap)
        course_services.complete_enrolment(enrolment=enrolment)
    response = client_for(person(Role.GESTOR_SERVICIO, service)).get(
        reverse("management:accredited-list")
    )
    assert [r.record.user for r in response.context["table"].rows] == [own]
    national = client_for(person(Role.REVISOR_RED)).get(
        reverse("management:accredited-list")
    )
    assert national.context["table"].paginator.count == 2


def test_the_list_queries_do_not_grow_with_rows(
    course, service, django_assert_max_num_queries
):
    client = client_for(person(Role.GESTOR_SERVICIO, service))
    complete(course, service)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse(LIST))
    for _n in range(15):
        complete(course, service)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(LIST))
    assert response.context["table"].paginator.count == 16


def test_the_indicator_table_queries_do_not_grow_with_services(
    course, django_assert_max_num_queries
):
    client = client_for(person(Role.ADMINISTRADOR))
    complete(course, ServiceFactory())
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("management:concientized-indicator"))
    for _n in range(10):
        complete(course, ServiceFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("management:concientized-indicator"))


def test_the_list_rows_are_the_cells_django_tables2_would_render(course, service):
    """The rows written directly give, cell for cell, what the columns render."""
    import django_tables2 as tables

    from django.test import RequestFactory

    from management.views.collaborators import CollaboratorTable
    from tests.helpers import default_cells, written_cells

    complete(course, service, first_name="Ana <b>", last_name="Pérez & Cía")
    complete(course, service)
    entry = ConcientizedCollaborator.objects.order_by("pk").last()
    entry.rut, entry.email, entry.unit_name = "", "", ""
    entry.save(update_fields=["rut", "email", "unit_name"])
    rows = ConcientizedCollaborator.objects.select_related(
        "service", "certificate"
    ).order_by("pk")
    table = CollaboratorTable(rows)
    tables.RequestConfig(RequestFactory().get("/")).configure(table)
    written = written_cells(table)
    assert written == default_cells(table)
    assert len(written) == 2
    assert "Ana &lt;b&gt;" in written[0][0] and "/certificados/" in written[0][-1]
    assert written[1][1:4] == ["—", "—", "—"]  # no RUT, e-mail or unit
