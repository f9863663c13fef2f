"""Writes of the help desk: open, reply, note, assign, change status, resend the link."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from lms.core.mail import queue_email
from lms.core.uploads import KINDS, FileContentValidator

from .access import hash_token, new_token
from .models import (
    AccessToken,
    Attachment,
    HelpTopic,
    Message,
    Team,
    Ticket,
    TicketNumber,
)

ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "gif", "webp", "xlsx", "docx")
MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024
attachment_validator = FileContentValidator(
    kinds=ATTACHMENT_KINDS, max_size=MAX_ATTACHMENT_SIZE
)
AGENT_PERMISSION = "helpdesk.change_ticket"


def next_ticket_number() -> int:
    """The next number of the database sequence (never reused, safe under concurrency)."""
    return TicketNumber.objects.create().pk


def is_agent(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(AGENT_PERMISSION)
    )


def _require_agent(user) -> None:
    if not is_agent(user):
        raise PermissionDenied(_("Solo los agentes de soporte pueden hacer esto."))


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def issue_access_link(*, ticket: Ticket) -> str:
    """A new private link to ``ticket`` (absolute URL); only its hash is stored."""
    token = new_token()
    AccessToken.objects.create(ticket=ticket, token_hash=hash_token(token))
    return _site_url(reverse("helpdesk:ticket", kwargs={"token": token}))


def staff_url(ticket: Ticket) -> str:
    return _site_url(reverse("helpdesk_admin:ticket", args=[ticket.pk]))


def _subject(ticket: Ticket, text: str = "") -> str:
    prefix = f"[Ticket #{ticket.display_number}]"
    return f"{prefix} {text or ticket.subject}"


def _store_attachments(message: Message, files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Puede adjuntar hasta %(max)d archivos.") % {"max": MAX_ATTACHMENTS}
        )
    for upload in files:
        attachment_validator(upload)
        name = get_valid_filename(PurePath(upload.name).name)[-150:] or "adjunto"
        kind = getattr(upload, "detected_kind", None)
        Attachment.objects.create(
            message=message,
            file=upload,
            name=name,
            size=upload.size,
            content_type=KINDS[kind].content_type
            if kind
            else "application/octet-stream",
        )


def _add_message(
    *,
    ticket: Ticket,
    kind: str,
    body: str,
    author=None,
    author_name: str = "",
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> Message:
    body = body.strip()
    if not body:
        raise ValidationError(_("Escriba un mensaje."))
    message = Message.objects.create(
        ticket=ticket,
        kind=kind,
        author=author,
        author_name=(author_name or (author.get_full_name() if author else ""))[:150]
        or _("Mesa de ayuda"),
        body=body,
        created_at=now or timezone.now(),
    )
    _store_attachments(message, files)
    return message


def _event(ticket: Ticket, text: str, *, by=None, now=None) -> Message:
    return _add_message(
        ticket=ticket,
        kind=Message.Kind.EVENT,
        body=text,
        author=by,
        author_name=by.get_full_name() if by else _("Sistema"),
        now=now,
    )


def _requester_message(ticket, body, files, now) -> Message:
    return _add_message(
        ticket=ticket,
        kind=Message.Kind.REQUEST,
        body=body,
        author=ticket.user,
        author_name=ticket.name,
        files=files,
        now=now,
    )


def _set_status(ticket: Ticket, status: str, now: datetime) -> bool:
    """Move to ``status`` keeping due and closing dates right; False if unchanged."""
    status = Ticket.Status(status)
    if status == ticket.status:
        return False
    was_awaiting = ticket.status in Ticket.AWAITING_STAFF
    ticket.status = status
    if status in Ticket.AWAITING_STAFF and not was_awaiting:
        # Back on the help desk's side: a fresh response time starts now.
        ticket.due_at = now + ticket.topic.response_time
    elif status not in Ticket.AWAITING_STAFF:
        ticket.due_at = None
    ticket.closed_at = now if status in Ticket.FINISHED_STATUSES else None
    return True


def _change_status_logged(ticket: Ticket, status: str, *, by, now) -> bool:
    """``_set_status`` plus an event in the thread when the state really changes."""
    previous = ticket.get_status_display()
    if not _set_status(ticket, status, now):
        return False
    _event(
        ticket,
        _("Estado: %(old)s → %(new)s.")
        % {"old": previous, "new": ticket.get_status_display()},
        by=by,
        now=now,
    )
    return True


def _team_recipients(team: Team) -> list[str]:
    if team.email:
        return [team.email]
    return sorted(team.members.filter(is_active=True).values_list("email", flat=True))


def _notify_staff(ticket: Ticket, *, template: str, subject: str, message=None):
    recipients = (
        [ticket.assignee.email]
        if ticket.assignee_id and ticket.assignee.is_active
        else _team_recipients(ticket.team)
    )
    if recipients:
        queue_email(
            to=recipients,
            subject=_subject(ticket, subject),
            template=template,
            context={"ticket": ticket, "message": message, "url": staff_url(ticket)},
        )


def _locked(ticket: Ticket) -> Ticket:
    return (
        Ticket.objects.select_for_update()
        .select_related("topic", "team")
        .get(pk=ticket.pk)
    )


@transaction.atomic
def open_ticket(
    *,
    topic: HelpTopic,
    subject: str,
    body: str,
    email: str,
    name: str,
    phone: str = "",
    phone_ext: str = "",
    organization: str = "",
    user=None,
    service=None,
    files: Sequence[UploadedFile] = (),
) -> Ticket:
    """Create a ticket routed to its topic's team and e-mail the requester a private link."""
    if not topic.is_active:
        raise ValidationError(_("Ese tema de ayuda ya no está disponible."))
    if service is not None and (
        user is None or not user.memberships.filter(service=service).exists()
    ):
        raise ValidationError(_("Ese servicio no corresponde a su cuenta."))
    now = timezone.now()
    ticket = Ticket(
        number=next_ticket_number(),
        topic=topic,
        team=topic.team,
        subject=" ".join(subject.split()),
        name=name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        phone_ext=phone_ext.strip(),
        organization=organization.strip(),
        user=user if user is not None and user.is_authenticated else None,
        service=service,
        created_at=now,
        updated_at=now,
        due_at=now + topic.response_time,
    )
    ticket.full_clean()
    ticket.save()
    message = _requester_message(ticket, body, files, now)
    queue_email(
        to=[ticket.email],
        subject=_subject(ticket),
        template="helpdesk/email/ticket_opened",
        context={
            "ticket": ticket,
            "message": message,
            "link": issue_access_link(ticket=ticket),
        },
    )
    _notify_staff(
        ticket,
        template="helpdesk/email/staff_new_ticket",
        subject=_("Nuevo ticket: %(subject)s") % {"subject": ticket.subject},
        message=message,
    )
    return ticket


@transaction.atomic
def add_requester_reply(
    *, ticket: Ticket, body: str, files: Sequence[UploadedFile] = ()
) -> Message:
    """The requester writes through the private link; a waiting or closed ticket reopens."""
    ticket = _locked(ticket)
    now = timezone.now()
    message = _requester_message(ticket, body, files, now)
    if ticket.status not in Ticket.AWAITING_STAFF:
        previous = ticket.get_status_display()
        _set_status(ticket, Ticket.Status.OPEN, now)
        _event(
            ticket,
            _("Reabierto por respuesta del solicitante (antes: %(status)s).")
            % {"status": previous},
            now=now,
        )
    elif ticket.due_at is None:
        # Already with the help desk, but its last reply had settled what was owed.
        ticket.due_at = now + ticket.topic.response_time
    ticket.updated_at = now
    ticket.save(update_fields=["status", "due_at", "closed_at", "updated_at"])
    _notify_staff(
        ticket,
        template="helpdesk/email/staff_requester_reply",
        subject=_("Respuesta del solicitante"),
        message=message,
    )
    return message


@transaction.atomic
def reply_to_requester(
    *,
    ticket: Ticket,
    author,
    body: str,
    status: str = Ticket.Status.WAITING,
    files: Sequence[UploadedFile] = (),
) -> Message:
    """An agent answers: the requester gets the reply by e-mail with a private link."""
    _require_agent(author)
    ticket = _locked(ticket)
    now = timezone.now()
    message = _add_message(
        ticket=ticket, kind=Message.Kind.REPLY, body=body, author=author, files=files
    )
    _change_status_logged(ticket, status, by=author, now=now)
    # The reply answers what was owed; a new clock starts when the requester writes.
    ticket.due_at = None
    if ticket.assignee_id is None:
        ticket.assignee = author
    ticket.updated_at = now
    ticket.save(
        update_fields=["status", "due_at", "closed_at", "updated_at", "assignee"]
    )
    queue_email(
        to=[ticket.email],
        subject=_subject(ticket),
        template="helpdesk/email/staff_reply",
        context={
            "ticket": ticket,
            "message": message,
            "link": issue_access_link(ticket=ticket),
        },
    )
    return message


@transaction.atomic
def add_internal_note(*, ticket: Ticket, author, body: str) -> Message:
    """A note for the agents only; it never reaches the requester."""
    _require_agent(author)
    ticket = _locked(ticket)
    message = _add_message(
        ticket=ticket, kind=Message.Kind.NOTE, body=body, author=author
    )
    ticket.updated_at = message.created_at
    ticket.save(update_fields=["updated_at"])
    return message


@transaction.atomic
def assign_ticket(*, ticket: Ticket, assignee, by) -> Ticket:
    """Give the ticket to an agent (or to nobody); the new assignee is told by e-mail."""
    _require_agent(by)
    if assignee is not None and not is_agent(assignee):
        raise ValidationError(_("Solo se puede asignar a un agente de soporte."))
    ticket = _locked(ticket)
    if ticket.assignee_id == (assignee.pk if assignee else None):
        return ticket
    ticket.assignee = assignee
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=["assignee", "updated_at"])
    _event(
        ticket,
        _("Asignado a %(name)s.") % {"name": assignee.get_full_name() or assignee}
        if assignee
        else _("Sin asignar."),
        by=by,
    )
    if assignee is not None and assignee.pk != by.pk:
        queue_email(
            to=[assignee.email],
            subject=_subject(ticket, _("Se le asignó un ticket")),
            template="helpdesk/email/staff_assigned",
            context={"ticket": ticket, "by": by, "url": staff_url(ticket)},
        )
    return ticket


@transaction.atomic
def change_status(*, ticket: Ticket, status: str, by) -> Ticket:
    """Move the ticket to another state; the requester hears when it is resolved or closed."""
    _require_agent(by)
    ticket = _locked(ticket)
    now = timezone.now()
    if not _change_status_logged(ticket, status, by=by, now=now):
        return ticket
    ticket.updated_at = now
    ticket.save(update_fields=["status", "due_at", "closed_at", "updated_at"])
    if ticket.status in Ticket.FINISHED_STATUSES:
        queue_email(
            to=[ticket.email],
            subject=_subject(ticket),
            template="helpdesk/email/status_finished",
            context={"ticket": ticket, "link": issue_access_link(ticket=ticket)},
        )
    return ticket


@transaction.atomic
def resend_ticket_link(*, email: str, number: int) -> bool:
    """E-mail a fresh private link when ``email`` and ``number`` match a ticket."""
    ticket = Ticket.objects.filter(number=number, email__iexact=email.strip()).first()
    if ticket is None:
        return False
    queue_email(
        to=[ticket.email],
        subject=_subject(ticket, _("Enlace para seguir su ticket")),
        template="helpdesk/email/ticket_link",
        context={"ticket": ticket, "link": issue_access_link(ticket=ticket)},
    )
    return True
