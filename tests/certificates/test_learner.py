"""The learner downloads their own certificate from "Mis cursos"; nobody else can."""

import io

import pytest
from pypdf import PdfReader

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from courses import services as course_services
from lms.accounts.realms import Realm
from tests.certificates.conftest import staff
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import build_course, make_learner
from tests.helpers import login

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    return login(Client(), user)


@pytest.fixture
def certificate():
    enrolment = completed_enrolment(first_name="Tomás", last_name="Pérez Soto")
    return Certificate.objects.get(enrolment=enrolment)


def test_the_owner_downloads_a_pdf_with_a_meaningful_name(certificate):
    assert not certificate.pdf  # the worker has not run (no commit in this test)
    client = signed_in(certificate.enrolment.user)
    url = certificate.get_download_url()
    assert url == (
        f"/concientizacion/mis-cursos/certificados/{certificate.display_code}/"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="certificado-curso-de-prueba-perez.pdf"'
    )
    assert (
        "no-store" in response["Cache-Control"]
        or "private" in (response["Cache-Control"])
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Tomás Pérez Soto" in text
    # Generated on this first download, and stored for the next ones.
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.pdf_rendered_at
    assert client.get(url).content == response.content


def test_the_code_in_the_url_may_be_typed_any_way(certificate):
    client = signed_in(certificate.enrolment.user)
    url = reverse(
        "courses:certificate",
        kwargs={"platform": "concientizacion", "code": certificate.code.lower()},
    )
    assert client.get(url).status_code == 200


def test_another_learners_certificate_is_not_found(certificate):
    intruder = make_learner(platform=Realm.CONCIENTIZACION)
    response = signed_in(intruder).get(certificate.get_download_url())
    assert response.status_code == 404
    bogus = certificate.get_download_url().replace(certificate.display_code, "XXXX")
    owner = signed_in(certificate.enrolment.user)
    assert owner.get(bogus).status_code == 404


def test_the_other_platform_and_anonymous_visitors_are_sent_to_the_login(certificate):
    other_platform = make_learner(platform=Realm.CAPACITACION)
    url = certificate.get_download_url()
    for client in (Client(), signed_in(other_platform)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/concientizacion/ingresar/")
    # The certificate's code under the other platform's prefix is not theirs either.
    wrong = url.replace("/concientizacion/", "/capacitacion/")
    assert signed_in(other_platform).get(wrong).status_code == 404


def test_a_reissued_certificate_leads_to_its_replacement(certificate):
    client = signed_in(certificate.enrolment.user)
    new = services.reissue_certificate(
        certificate=certificate, by=staff(), reason="Corrección"
    )
    response = client.get(certificate.get_download_url())
    assert response.status_code == 302
    assert response["Location"] == new.get_download_url()
    revoked_only = Certificate.objects.get(
        enrolment=completed_enrolment(learner=certificate.enrolment.user)
    )
    services.revoke_certificate(certificate=revoked_only, by=staff(), reason="Error")
    assert client.get(revoked_only.get_download_url()).status_code == 404


def my_courses_html(client) -> tuple[str, int]:
    url = reverse("courses:my-courses", kwargs={"platform": "concientizacion"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_mis_cursos_links_each_certificate_with_a_constant_number_of_queries():
    learner = make_learner(platform=Realm.CONCIENTIZACION)
    client = signed_in(learner)
    first = completed_enrolment(learner=learner)
    my_courses_html(client)
    html, one = my_courses_html(client)
    assert Certificate.objects.get(enrolment=first).get_download_url() in html
    for _ in range(4):
        completed_enrolment(learner=learner)
    open_course = build_course(lessons=1, questions=2)
    course_services.enrol_learner(user=learner, course=open_course.course)
    html, five = my_courses_html(client)
    assert html.count("Descargar certificado") == 5
    for certificate in Certificate.objects.filter(enrolment__user=learner):
        assert certificate.get_download_url() in html
    assert five == one


def test_the_course_page_links_the_certificate(certificate):
    client = signed_in(certificate.enrolment.user)
    response = client.get(certificate.enrolment.course.url)
    assert response.status_code == 200
    assert certificate.get_download_url() in response.content.decode()
