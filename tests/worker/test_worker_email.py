"""A real worker picks up e-mail tasks from the broker and sends them once."""

import pytest

from django.db import transaction

from lms.core.mail import queue_email
from lms.core.models import OutgoingEmail
from tests.worker.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_worker_sends_queued_email_after_commit(worker, mail_dir):
    with transaction.atomic():
        email = queue_email(
            to=["gestora@servicio.example"],
            subject="Prueba del worker",
            template="registration/email/password_reset",
            context={
                "link": "http://testserver/enlace/",
                "platform": {"name": "Gestión"},
            },
        )
    assert wait_for(
        lambda: (
            OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.SENT
        )
    ), "the worker did not send the e-mail"
    files = list(mail_dir.glob("*.log"))
    assert len(files) == 1
    content = files[0].read_text()
    assert (
        "gestora@servicio.example" in content and "http://testserver/enlace/" in content
    )


def test_password_reset_mail_goes_through_the_worker(worker, mail_dir, client):
    from tests.factories import UserFactory

    user = UserFactory()
    client.post("/gestion/contrasena/olvido/", {"email": user.email})
    assert wait_for(lambda: OutgoingEmail.objects.filter(status="sent").exists())
    text = next(mail_dir.glob("*.log")).read_text()
    assert "/gestion/contrasena/restablecer/" in text
