"""A worker killed in the middle of a task: the task is redelivered and done once.

Tasks are acknowledged late (``CELERY_TASK_ACKS_LATE``), so a worker that dies before
finishing leaves its message unacknowledged on Redis; once the visibility timeout has
passed another worker takes it again. The tasks are written to be re-run from the
start, so the result is complete and nothing is doubled.

Only Redis keeps unacknowledged messages: with the embedded filesystem broker (the
default of a machine without Redis) these tests are skipped; CI runs them on Redis.
"""

import io
import signal
import zipfile

import pytest

from django.conf import settings

from certificates import services
from certificates.models import Certificate, CertificateArchive
from lms.accounts.roles import Role
from lms.accounts.services import grant_staff_role
from tests.certificates.factories import completed_enrolment
from tests.factories import UserFactory
from tests.worker.conftest import app_env, prepare_broker, start_worker, stop, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL.startswith("redis"),
        reason="redelivery of unacknowledged tasks needs the Redis broker",
    ),
]

VISIBILITY = "6"


@pytest.fixture
def fault_env(mail_dir, eager_off):
    prepare_broker()
    return app_env(mail_dir, CELERY_VISIBILITY_TIMEOUT=VISIBILITY)


def test_a_certificate_archive_survives_its_worker_being_killed(
    fault_env, tmp_path, settings
):
    count = 40
    for _ in range(count):
        completed_enrolment()
    # Drop the PDF renderings queued by the completions: the archive then draws each
    # certificate itself, slowly enough to be killed half way.
    prepare_broker()
    assert not Certificate.objects.exclude(pdf="").exists()
    admin = UserFactory()
    grant_staff_role(user=admin, role=Role.ADMINISTRADOR)
    first = start_worker(fault_env, tmp_path / "first.log", "doomed")
    try:
        archive = services.request_archive(by=admin)

        def started():
            row = CertificateArchive.objects.get(pk=archive.pk)
            return row.status == CertificateArchive.Status.RUNNING and row.done > 0

        assert wait_for(started, timeout=120), (tmp_path / "first.log").read_text()
    finally:
        stop(first, signal.SIGKILL)
    killed = CertificateArchive.objects.get(pk=archive.pk)
    assert killed.status == CertificateArchive.Status.RUNNING
    assert 0 < killed.done < count, "the worker was killed before it finished"

    second = start_worker(fault_env, tmp_path / "second.log", "rescuer")
    try:
        assert wait_for(
            lambda: (
                CertificateArchive.objects.get(pk=archive.pk).status
                == CertificateArchive.Status.READY
            ),
            timeout=120,
        ), (tmp_path / "second.log").read_text()
    finally:
        stop(second)
    archive.refresh_from_db()
    assert archive.done == archive.total == count and archive.error == ""
    with archive.file.open("rb") as file:
        names = zipfile.ZipFile(io.BytesIO(file.read())).namelist()
    # Every certificate once, none twice, the index first.
    assert names[0] == "indice.csv"
    assert len(names) == len(set(names)) == count + 1
    assert CertificateArchive.objects.count() == 1
    assert Certificate.objects.count() == count
