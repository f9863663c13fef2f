"""E-mail goes through the worker: render now, record, send after commit."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail


def queue_email(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> OutgoingEmail:
    """Render ``template``.txt (and .html when present) and send it from the worker."""
    body_text = render_to_string(f"{template}.txt", context)
    try:
        body_html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    email = OutgoingEmail.objects.create(
        to=list(to),
        reply_to=list(reply_to or []),
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
    )
    from .tasks import send_email

    transaction.on_commit(lambda: send_email.delay(email.pk))
    return email


def deliver_email(*, email_id: int) -> OutgoingEmail:
    """Send one queued e-mail unless it was already sent; raise on transport errors."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
        if email.status == OutgoingEmail.Status.SENT:
            return email
        email.attempts += 1
        email.save(update_fields=["attempts"])
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email or None,
        to=email.to,
        reply_to=email.reply_to,
        # The transport itself, never the queue (which would only queue it again).
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND),
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    message.send()
    # Bodies may hold one-time links (password reset, confirmation): keep only the envelope.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        body_text="",
        body_html="",
        last_error="",
    )
    email.refresh_from_db()
    return email


def mark_email_failed(*, email_id: int, error: str) -> None:
    OutgoingEmail.objects.filter(pk=email_id).exclude(
        status=OutgoingEmail.Status.SENT
    ).update(status=OutgoingEmail.Status.FAILED, last_error=error[:2000])


log = logging.getLogger(__name__)


class QueuedEmailBackend(BaseEmailBackend):
    """Django's e-mail backend for the whole project: every message (Django's password
    e-mails, Wagtail's moderation notices, ours) becomes an OutgoingEmail sent by the
    worker after commit, with retries. Messages with attachments are sent at once."""

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if message.attachments:
                log.warning(
                    "E-mail with attachments sent directly: %s", message.subject
                )
                connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
                sent += connection.send_messages([message])
                continue
            html = next(
                (
                    content
                    for content, mime in getattr(message, "alternatives", [])
                    if mime == "text/html"
                ),
                "",
            )
            email = OutgoingEmail.objects.create(
                to=[*message.to, *message.cc, *message.bcc],
                reply_to=list(message.reply_to),
                from_email=message.from_email or "",
                subject=" ".join(str(message.subject).split())[:255],
                body_text=message.body,
                body_html=html,
            )
            from .tasks import send_email

            transaction.on_commit(lambda pk=email.pk: send_email.delay(pk))
            sent += 1
        return sent
