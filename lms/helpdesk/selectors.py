"""Reads of the help desk: FAQ suggestions, the private link, threads, the staff queue."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q

from lms.accounts.realms import Realm

from .access import hash_token
from .models import AccessToken, Attachment, HelpTopic, Message, Ticket


def suggested_answers(text: str, *, limit: int = 5) -> list:
    """FAQ entries that may answer ``text`` (empty while the FAQ is not installed)."""
    if not text or not text.strip():
        return []
    try:
        from cms.selectors import faq_suggestions
    except ImportError as exc:
        if exc.name not in ("cms.selectors", "cms"):
            raise
        return []
    return list(faq_suggestions(text, limit=limit))


def active_topics():
    return HelpTopic.objects.filter(is_active=True).order_by("sort_order", "name")


def ticket_for_token(token: str) -> Ticket | None:
    """The ticket a private link opens, or None for an unknown token."""
    access = (
        AccessToken.objects.select_related("ticket__topic", "ticket__service")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return access.ticket if access else None


def _with_attachments(messages):
    return messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )


def public_thread(ticket: Ticket):
    """What the requester may read: their messages and the help desk's replies."""
    return _with_attachments(
        ticket.messages.filter(kind__in=Message.PUBLIC_KINDS).order_by(
            "created_at", "pk"
        )
    )


def staff_thread(ticket: Ticket):
    """Everything, internal notes and events included."""
    return _with_attachments(ticket.messages.order_by("created_at", "pk"))


def public_attachment(ticket: Ticket, attachment_id: int) -> Attachment | None:
    """An attachment of a message the requester may read."""
    return Attachment.objects.filter(
        pk=attachment_id,
        message__ticket=ticket,
        message__kind__in=Message.PUBLIC_KINDS,
    ).first()


def agents():
    """Active staff accounts that may work tickets."""
    return (
        get_user_model()
        .objects.filter(is_active=True, realm=Realm.GESTION)
        .filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="change_ticket",
                groups__permissions__content_type__app_label="helpdesk",
            )
            | Q(
                user_permissions__codename="change_ticket",
                user_permissions__content_type__app_label="helpdesk",
            )
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def ticket_queue():
    """Tickets for the staff list, with what each row shows fetched in the same query."""
    return Ticket.objects.select_related("topic", "team", "assignee", "service")
