"""Background work of the help desk."""

from celery import shared_task

from .services import resend_ticket_link


@shared_task(name="helpdesk.send_ticket_link")
def send_ticket_link(email: str, number: int) -> None:
    """Look the pair up and e-mail a fresh link if it matches (off the request, so the
    answer to the visitor takes the same time whether it matches or not)."""
    resend_ticket_link(email=email, number=number)
