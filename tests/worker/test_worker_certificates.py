"""A real worker renders the certificate after the completion commits, and builds ZIPs."""

import hashlib
import io
import zipfile

import pytest

from django.db import transaction

from certificates import services
from certificates.models import Certificate, CertificateArchive
from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from tests.certificates.factories import completed_enrolment
from tests.factories import UserFactory
from tests.worker.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_renders_the_pdf_once_the_completion_commits(worker):
    with transaction.atomic():
        enrolment = completed_enrolment(first_name="Íñigo")
        certificate = Certificate.objects.get(enrolment=enrolment)
    assert wait_for(lambda: bool(Certificate.objects.get(pk=certificate.pk).pdf)), (
        "the worker did not render the certificate"
    )
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as file:
        data = file.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256


def test_the_worker_builds_a_bulk_zip(worker):
    for _ in range(2):
        completed_enrolment()
    admin = UserFactory()
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    archive = services.request_archive(by=admin)
    assert wait_for(
        lambda: (
            CertificateArchive.objects.get(pk=archive.pk).status
            == CertificateArchive.Status.READY
        )
    ), "the worker did not build the ZIP"
    archive.refresh_from_db()
    with archive.file.open("rb") as file:
        names = zipfile.ZipFile(io.BytesIO(file.read())).namelist()
    assert len(names) == 3 and names[0] == "indice.csv"
