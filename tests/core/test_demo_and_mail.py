"""The demo command and the e-mail path through the worker."""

import smtplib
from unittest import mock

import pytest

from django.core import mail
from django.core.management import call_command

from wagtail.models import Site

from lms.accounts.demo import DEMO_PASSWORD, demo_email
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.accounts.roles import Role
from lms.core.mail import deliver_email, queue_email
from lms.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_to_the_same_state():
    call_command("load_demo", force=True, quiet=True)
    counts = (User.objects.count(), Site.objects.count())
    call_command("load_demo", force=True, quiet=True)
    assert (User.objects.count(), Site.objects.count()) == counts
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    gestor = User.objects.with_email(demo_email("gestor.servicio"), Realm.GESTION).get()
    assert gestor.check_password(DEMO_PASSWORD)
    assert gestor.has_role(Role.GESTOR_SERVICIO)
    assert gestor.totpdevice_set.filter(confirmed=True).exists()
    # One learner account on each course platform with the same e-mail.
    assert User.objects.filter(email=demo_email("aprendiz")).count() == 2


def test_demo_refuses_to_run_without_debug_unless_forced():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo", quiet=True)


def test_queued_mail_is_sent_after_commit_and_only_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(
            to=["persona@servicio.example"],
            subject="Aviso",
            template="registration/email/password_reset",
            context={"link": "http://testserver/x/", "platform": {"name": "Gestión"}},
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["persona@servicio.example"]
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    # A redelivered task finds it sent and sends nothing more.
    deliver_email(email_id=email.pk)
    assert len(mail.outbox) == 1


def test_mail_is_not_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(
            to=["x@servicio.example"],
            subject="x",
            template="registration/email/password_reset",
            context={"link": "", "platform": {"name": ""}},
        )
    assert len(callbacks) == 1 and mail.outbox == []


def test_a_failing_smtp_server_is_retried_then_marked_failed(settings):
    from lms.core.tasks import send_email

    email = OutgoingEmail.objects.create(
        to=["x@servicio.example"], subject="x", body_text="x"
    )
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send",
            side_effect=smtplib.SMTPServerDisconnected("caído"),
        ),
        pytest.raises(smtplib.SMTPException),
    ):
        send_email.apply(args=[email.pk], throw=True, retries=send_email.max_retries)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert "caído" in email.last_error


def test_every_django_email_goes_through_the_queue(
    settings, django_capture_on_commit_callbacks
):
    """Wagtail's and Django's own e-mails are queued like ours and sent by the worker."""
    from django.core.mail import send_mail

    settings.EMAIL_BACKEND = "lms.core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail(
            "Aviso de moderación",
            "Hay una página por revisar.",
            None,
            ["publicador@x.example"],
        )
    queued = OutgoingEmail.objects.get()
    assert queued.status == OutgoingEmail.Status.PENDING and mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.subject for m in mail.outbox] == ["Aviso de moderación"]
    queued.refresh_from_db()
    assert queued.status == OutgoingEmail.Status.SENT
