"""Issue: one certificate per completed enrolment, a frozen snapshot, unique codes."""

import pytest

from django.db import IntegrityError, transaction

from certificates import codes, services
from certificates.models import Certificate, CertificateTemplate
from certificates.services import issue
from certificates.tasks import render_certificate_pdf
from courses import completion
from courses import services as course_services
from lms.accounts.realms import Realm
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import build_course, make_learner

pytestmark = pytest.mark.django_db


def test_the_completion_event_issues_the_certificate_and_queues_its_pdf(
    django_capture_on_commit_callbacks,
):
    assert "certificates.services.issue_for_enrolment" in (
        completion.COMPLETION_HANDLERS
    )
    tree = build_course(lessons=1, questions=2)
    learner = make_learner(first_name="Ana", last_name="Rojas Vega", rut="12345678-5")
    enrolment = course_services.enrol_learner(user=learner, course=tree.course)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        course_services.complete_enrolment(enrolment=enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert not certificate.pdf  # rendering waits for the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the worker's turn (tasks run inline in tests)
    certificate.refresh_from_db()
    assert certificate.pdf and len(certificate.pdf_sha256) == 64
    assert certificate.pdf.name.startswith("certificados/")
    assert certificate.code not in certificate.pdf.name


def test_exactly_one_certificate_per_enrolment_whatever_runs_twice(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = completed_enrolment()
    # The completion event again, the handler again, the task twice.
    course_services.complete_enrolment(enrolment=enrolment)
    again = services.issue_for_enrolment(enrolment=enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert again == certificate
    stored, digest = certificate.pdf.name, certificate.pdf_sha256
    render_certificate_pdf.delay(certificate.pk)
    render_certificate_pdf.delay(certificate.pk)
    certificate.refresh_from_db()
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert (certificate.pdf.name, certificate.pdf_sha256) == (stored, digest)


def test_the_database_refuses_a_second_valid_certificate_for_an_enrolment():
    enrolment = completed_enrolment()
    first = Certificate.objects.get(enrolment=enrolment)
    second = Certificate(
        **{
            f.attname: getattr(first, f.attname)
            for f in Certificate._meta.concrete_fields
            if f.name not in ("id", "code")
        },
        code=codes.generate_code(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_database_refuses_a_code_outside_the_alphabet():
    certificate = Certificate.objects.get(enrolment=completed_enrolment())
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(code="0" * 16)


def test_a_code_collision_draws_another_code(monkeypatch):
    taken = Certificate.objects.get(enrolment=completed_enrolment()).code
    fresh = codes.generate_code()
    drawn = iter([taken, taken, fresh])
    monkeypatch.setattr(issue, "generate_code", lambda: next(drawn))
    enrolment = completed_enrolment()
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.code == fresh
    assert Certificate.objects.filter(code=taken).count() == 1


def test_the_snapshot_stays_frozen_after_names_course_and_template_change():
    tree = build_course(platform=Realm.CAPACITACION, title="Gestión de energía 1")
    template = CertificateTemplate.objects.create(
        name="General",
        default_for=Realm.CAPACITACION,
        title="Certificado original",
        signatory_name="Firma Uno",
        signatory_role="Cargo Uno",
    )
    enrolment = completed_enrolment(
        tree=tree, first_name="Ana María", last_name="Núñez Soto"
    )
    certificate = Certificate.objects.get(enrolment=enrolment)
    user = enrolment.user
    user.first_name, user.last_name = "Otra", "Persona"
    user.save()
    tree.course.title, tree.course.hours = "Título nuevo", 40
    tree.course.save_revision().publish()
    template.title = "Título cambiado"
    template.save()
    certificate.refresh_from_db()
    assert certificate.full_name == "Ana María Núñez Soto"
    assert (certificate.course_title, certificate.hours) == ("Gestión de energía 1", 2)
    assert certificate.design["title"] == "Certificado original"
    assert certificate.platform == Realm.CAPACITACION
    assert certificate.rut == "12345678-5"
    assert certificate.service_name == enrolment.service.name
    assert certificate.completed_at == enrolment.completed_at


def test_an_incomplete_enrolment_gets_no_certificate():
    tree = build_course(lessons=1, questions=2)
    enrolment = course_services.enrol_learner(user=make_learner(), course=tree.course)
    with pytest.raises(Exception, match="no está completada"):
        services.issue_certificate(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_the_course_template_wins_over_the_platform_default_and_the_built_in_one():
    tree = build_course(platform=Realm.CONCIENTIZACION)
    builtin = services.template_for(tree.course)
    assert builtin.pk is None and builtin.signatory_name
    platform = CertificateTemplate.objects.create(
        name="Plataforma",
        default_for=Realm.CONCIENTIZACION,
        signatory_name="A",
        signatory_role="B",
    )
    assert services.template_for(tree.course) == platform
    own = CertificateTemplate.objects.create(
        name="Propia", signatory_name="C", signatory_role="D"
    )
    tree.course.certificate_template = own
    tree.course.save()
    assert services.template_for(tree.course) == own
    enrolment = completed_enrolment(tree=tree)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.template == own
    assert certificate.design["signatory_name"] == "C"
