"""The demo: a template per platform and the demo learner certified on both."""

import pytest

from django.core.management import call_command
from django.db import transaction

from certificates.models import Certificate, CertificateTemplate
from courses.models import Enrolment
from lms.accounts.demo import demo_email
from lms.accounts.realms import Realm

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", force=True, quiet=True)
        counts = (Certificate.objects.count(), CertificateTemplate.objects.count())
        call_command("load_demo", force=True, quiet=True)
        yield counts
        transaction.set_rollback(True)


def test_loading_twice_issues_nothing_new(demo):
    assert (Certificate.objects.count(), CertificateTemplate.objects.count()) == demo


@pytest.mark.parametrize("platform", [Realm.CAPACITACION, Realm.CONCIENTIZACION])
def test_the_demo_learner_holds_a_valid_certificate_on_each_platform(demo, platform):
    certificate = Certificate.objects.valid().get(
        enrolment__user__email=demo_email("aprendiz"), platform=platform
    )
    assert certificate.full_name == "Lucía Aprendiz"
    template = CertificateTemplate.objects.get(default_for=platform)
    assert certificate.template == template
    assert certificate.design["signature"]


def test_every_completed_demo_enrolment_has_one_valid_certificate(demo):
    completed = Enrolment.objects.completed()
    assert completed.count() >= 4
    for enrolment in completed:
        assert enrolment.certificates.valid().count() == 1
