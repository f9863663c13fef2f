"""Worker tasks shared by every app."""

import smtplib

from celery import shared_task

from .mail import deliver_email, mark_email_failed


@shared_task(
    bind=True,
    name="core.send_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    retry_jitter=True,
    max_retries=8,
)
def send_email(self, email_id: int) -> None:
    """Send a queued e-mail; retried with back-off, marked failed when retries run out."""
    try:
        deliver_email(email_id=email_id)
    except (smtplib.SMTPException, OSError) as exc:
        if self.request.retries >= self.max_retries:
            mark_email_failed(email_id=email_id, error=repr(exc))
        raise
