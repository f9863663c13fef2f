"""Inviting a service's collaborators to the Concientización course, and reminding them.

A list (a CSV/XLSX file or typed e-mails) is first checked row by row and kept as an
``InvitationUpload`` the gestor sees before anything is sent. Confirmed, the worker
creates the invitations in chunks — one per service and e-mail, so a list uploaded
twice invites nobody twice — and queues one e-mail per new invitation. Reminders go
only to people who have not passed the course, and never more than one a week.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Enrolment, LearningPlatform
from lms.accounts.models import User
from lms.accounts.realms import Realm
from lms.core.mail import queue_email
from lms.core.rut import normalize_rut
from lms.core.tabular import Table, read_table

from ..models import (
    CollaboratorInvitation,
    ConcientizedCollaborator,
    InvitationUpload,
    Service,
)

MAX_INVITATION_ROWS = 100_000
CHUNK = 500
REMINDER_INTERVAL = timedelta(days=7)
TOKEN_SALT = "management.collaborator-invitation"
TOKEN_MAX_AGE = 180 * 24 * 3600

#: Column names accepted in a file (compared without accents, case or spaces).
HEADERS = {
    "email": ("correo", "correo electronico", "email", "e-mail", "mail"),
    "first_name": ("nombres", "nombre"),
    "last_name": ("apellidos", "apellido"),
    "rut": ("rut",),
    "unit_name": ("unidad", "unidad de trabajo"),
}
FIELD_LABELS = {
    "email": gettext_lazy("Correo"),
    "first_name": gettext_lazy("Nombres"),
    "last_name": gettext_lazy("Apellidos"),
    "rut": gettext_lazy("RUT"),
    "unit_name": gettext_lazy("Unidad"),
}
MAX_LENGTHS = {"first_name": 150, "last_name": 150, "unit_name": 200, "email": 254}


class Status:
    INVITED = "invitado"
    REGISTERED = "registrado"
    IN_PROGRESS = "en_curso"
    COMPLETED = "aprobado"
    CHOICES = [
        (INVITED, gettext_lazy("Invitado")),
        (REGISTERED, gettext_lazy("Registrado")),
        (IN_PROGRESS, gettext_lazy("En curso")),
        (COMPLETED, gettext_lazy("Aprobado")),
    ]
    LABELS = dict(CHOICES)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("_", " ").casefold().split())


def _column_map(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Map each known field to the file's header; return the unknown headers too."""
    lookup = {alias: field for field, aliases in HEADERS.items() for alias in aliases}
    found: dict[str, str] = {}
    ignored = []
    for header in headers:
        field = lookup.get(_fold(header))
        if field and field not in found:
            found[field] = header
        elif header:
            ignored.append(header)
    return found, ignored


@dataclass
class CheckedList:
    rows: list[dict]
    problems: list[dict]
    total: int
    already_invited: int
    ignored_columns: list[str]


def check_rows(
    *, service: Service, raw_rows: list[tuple[int, dict[str, str]]], columns
) -> CheckedList:
    """Validate rows of ``{field: text}``; valid new ones in ``rows``, refusals in ``problems``."""
    rows, problems = [], []
    seen: dict[str, int] = {}
    for number, values in raw_rows:
        row = {f: (values.get(h) or "").strip() for f, h in columns.items()}
        if not any(row.values()):
            continue
        errors = []
        email = row.get("email", "").lower()
        try:
            validate_email(email)
            if len(email) > MAX_LENGTHS["email"]:
                raise ValidationError("too long")
        except ValidationError:
            errors.append(
                (
                    "email",
                    _("«%(v)s» no es un correo válido.") % {"v": email[:80]}
                    if email
                    else _("Falta el correo."),
                )
            )
        else:
            if email in seen:
                errors.append(
                    (
                        "email",
                        _("El correo %(e)s ya está en la fila %(n)s.")
                        % {"e": email, "n": seen[email]},
                    )
                )
            else:
                seen[email] = number
        if row.get("rut"):
            try:
                row["rut"] = normalize_rut(row["rut"])
            except ValidationError as exc:
                errors.append(("rut", exc.messages[0]))
        for field, limit in MAX_LENGTHS.items():
            if field != "email" and len(row.get(field, "")) > limit:
                errors.append(
                    (
                        field,
                        _("Tiene más de %(n)s caracteres.") % {"n": limit},
                    )
                )
        if errors:
            for field, message in errors:
                problems.append(
                    {
                        "row": number,
                        "column": str(FIELD_LABELS[field]),
                        "value": (row.get(field) or "")[:120],
                        "message": str(message),
                    }
                )
            continue
        rows.append(
            {
                "row": number,
                "email": email,
                "first_name": row.get("first_name", ""),
                "last_name": row.get("last_name", ""),
                "rut": row.get("rut", ""),
                "unit_name": row.get("unit_name", ""),
            }
        )
    existing = _already_invited(service, [r["email"] for r in rows])
    new_rows = [r for r in rows if r["email"] not in existing]
    return CheckedList(
        rows=new_rows,
        problems=problems,
        total=len(raw_rows),
        already_invited=len(rows) - len(new_rows),
        ignored_columns=[],
    )


def _already_invited(service: Service, emails: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(emails), 5000):
        found.update(
            CollaboratorInvitation.objects.filter(
                service=service, email__in=emails[start : start + 5000]
            ).values_list("email", flat=True)
        )
    return found


def check_file(*, service: Service, file) -> CheckedList:
    """Read and check an uploaded CSV/XLSX; a file that cannot be used raises."""
    table: Table = read_table(file, max_rows=MAX_INVITATION_ROWS)
    columns, ignored = _column_map(table.headers)
    if "email" not in columns:
        raise ValidationError(
            _(
                "El archivo no tiene una columna de correo. La primera fila debe traer "
                "los nombres de las columnas: Correo (obligatoria), Nombres, Apellidos, "
                "RUT y Unidad. Columnas encontradas: %(found)s."
            )
            % {"found": ", ".join(h for h in table.headers if h)[:300] or "ninguna"},
            code="no_email_column",
        )
    checked = check_rows(service=service, raw_rows=table.rows, columns=columns)
    checked.ignored_columns = ignored
    return checked


_SEPARATORS = re.compile(r"[\s,;]+")


def check_typed(*, service: Service, text: str) -> CheckedList:
    """E-mails typed or pasted: one per line, or separated by commas or semicolons."""
    words = [w for w in _SEPARATORS.split(text or "") if w]
    if not words:
        raise ValidationError(_("Escriba al menos un correo."), code="empty")
    if len(words) > 1000:
        raise ValidationError(
            _("Escriba hasta 1.000 correos; para más, suba un archivo."),
            code="too_many",
        )
    raw = [(n, {"email": w.strip("<>()\"'")}) for n, w in enumerate(words, start=1)]
    return check_rows(service=service, raw_rows=raw, columns={"email": "email"})


def create_upload(
    *, by, service: Service, checked: CheckedList, file_name: str = ""
) -> InvitationUpload:
    return InvitationUpload.objects.create(
        service=service,
        created_by=by,
        file_name=file_name[:255],
        total_rows=checked.total,
        rows=checked.rows,
        problems=checked.problems,
        already_invited=checked.already_invited,
    )


def confirm_upload(*, by, upload: InvitationUpload) -> InvitationUpload:
    """Start sending a checked list; confirming twice starts nothing twice."""
    from ..tasks import process_invitation_upload_task

    with transaction.atomic():
        claimed = InvitationUpload.objects.filter(
            pk=upload.pk, status=InvitationUpload.Status.PREVIEW
        ).update(status=InvitationUpload.Status.PROCESSING, confirmed_at=timezone.now())
        if claimed:
            transaction.on_commit(
                lambda: process_invitation_upload_task.delay(upload.pk)
            )
    upload.refresh_from_db()
    return upload


def cancel_upload(*, upload: InvitationUpload) -> bool:
    return bool(
        InvitationUpload.objects.filter(
            pk=upload.pk, status=InvitationUpload.Status.PREVIEW
        ).update(status=InvitationUpload.Status.CANCELLED, rows=[])
    )


def process_upload(upload_id: int) -> InvitationUpload:
    """Create the invitations of a confirmed list in chunks (resumable, idempotent)."""
    upload = InvitationUpload.objects.select_related("service").get(pk=upload_id)
    if upload.status != InvitationUpload.Status.PROCESSING:
        return upload
    rows = upload.rows
    start = upload.processed
    while start < len(rows):
        chunk = rows[start : start + CHUNK]
        with transaction.atomic():
            locked = InvitationUpload.objects.select_for_update().get(pk=upload.pk)
            if locked.processed != start:  # another delivery of this task got here
                start = locked.processed
                continue
            created = _invite_chunk(upload=locked, rows=chunk)
            InvitationUpload.objects.filter(pk=upload.pk).update(
                processed=F("processed") + len(chunk), created=F("created") + created
            )
        start += len(chunk)
    InvitationUpload.objects.filter(
        pk=upload.pk, status=InvitationUpload.Status.PROCESSING
    ).update(status=InvitationUpload.Status.DONE, finished_at=timezone.now(), rows=[])
    upload.refresh_from_db()
    return upload


def _invite_chunk(*, upload: InvitationUpload, rows: list[dict]) -> int:
    service = upload.service
    emails = [r["email"] for r in rows]
    existing = set(
        CollaboratorInvitation.objects.filter(
            service=service, email__in=emails
        ).values_list("email", flat=True)
    )
    new = [
        CollaboratorInvitation(
            service=service,
            email=r["email"],
            first_name=r.get("first_name", ""),
            last_name=r.get("last_name", ""),
            rut=r.get("rut", ""),
            unit_name=r.get("unit_name", ""),
            upload=upload,
            invited_by=upload.created_by,
        )
        for r in rows
        if r["email"] not in existing
    ]
    CollaboratorInvitation.objects.bulk_create(new, ignore_conflicts=True)
    _send_pending(service=service, emails=emails)
    return len(new)


def _send_pending(*, service: Service, emails: list[str]) -> int:
    """Queue the invitation e-mail of those not sent yet (exactly once each)."""
    pending = list(
        CollaboratorInvitation.objects.select_for_update(of=("self",))
        .filter(service=service, email__in=emails, sent_at__isnull=True)
        .select_related("service")
    )
    for invitation in pending:
        _email(invitation, reminder=False)
    CollaboratorInvitation.objects.filter(pk__in=[i.pk for i in pending]).update(
        sent_at=timezone.now()
    )
    return len(pending)


def invitation_token(invitation: CollaboratorInvitation) -> str:
    return signing.dumps(invitation.pk, salt=TOKEN_SALT, compress=True)


def invitation_from_token(token: str) -> CollaboratorInvitation | None:
    try:
        pk = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        CollaboratorInvitation.objects.select_related("service__institution")
        .filter(pk=pk, service__is_active=True)
        .first()
    )


def registration_link(invitation: CollaboratorInvitation) -> str:
    path = reverse(
        "courses:register", kwargs={"platform": LearningPlatform.CONCIENTIZACION}
    )
    return (
        settings.SITE_URL
        + path
        + "?"
        + urlencode({"invitacion": invitation_token(invitation)})
    )


def _email(invitation: CollaboratorInvitation, *, reminder: bool) -> None:
    context = {
        "invitation": invitation,
        "service": invitation.service,
        "link": registration_link(invitation),
        "courses_url": settings.SITE_URL
        + reverse(
            "courses:landing", kwargs={"platform": LearningPlatform.CONCIENTIZACION}
        ),
        "reminder": reminder,
    }
    subject = (
        _("Recordatorio: curso de Concientización – %(service)s")
        if reminder
        else _("Invitación al curso de Concientización – %(service)s")
    )
    queue_email(
        to=[invitation.email],
        subject=subject % {"service": invitation.service.name},
        template="management/email/collaborator_invitation",
        context=context,
    )


def invite_one(
    *,
    by,
    service: Service,
    email: str,
    first_name="",
    last_name="",
    rut="",
    unit_name="",
) -> tuple[CollaboratorInvitation, bool]:
    """Invite one person now (the e-mail goes after commit)."""
    email = email.strip().lower()
    with transaction.atomic():
        invitation, created = CollaboratorInvitation.objects.get_or_create(
            service=service,
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "rut": rut,
                "unit_name": unit_name,
                "invited_by": by,
            },
        )
        _send_pending(service=service, emails=[email])
    return invitation, created


# Status, read from the learner side -------------------------------------------------


def with_status(queryset):
    """Annotate ``status``: invitado, registrado, en curso or aprobado (in that service)."""
    learner = User.objects.filter(
        realm=Realm.CONCIENTIZACION, email__iexact=OuterRef("email")
    )
    enrolled = Enrolment.objects.filter(
        user__realm=Realm.CONCIENTIZACION,
        user__email__iexact=OuterRef("email"),
        course__platform=LearningPlatform.CONCIENTIZACION,
    )
    passed = ConcientizedCollaborator.objects.filter(
        service=OuterRef("service"), email__iexact=OuterRef("email")
    )
    return queryset.annotate(
        status=Case(
            When(Exists(passed), then=Value(Status.COMPLETED)),
            When(Exists(enrolled), then=Value(Status.IN_PROGRESS)),
            When(Exists(learner), then=Value(Status.REGISTERED)),
            default=Value(Status.INVITED),
            output_field=CharField(),
        )
    )


def status_counts(*, service: Service) -> dict[str, int]:
    counts = {key: 0 for key, _label in Status.CHOICES}
    for status in with_status(
        CollaboratorInvitation.objects.filter(service=service)
    ).values_list("status", flat=True):
        counts[status] += 1
    counts["total"] = sum(counts.values())
    return counts


# Reminders ---------------------------------------------------------------------------


def reminder_candidates(queryset, *, now=None):
    """Invitations that may get a reminder now: not passed, last e-mail a week ago."""
    now = now or timezone.now()
    return (
        with_status(queryset)
        .exclude(status=Status.COMPLETED)
        .filter(sent_at__isnull=False)
        .annotate(last_contact=Coalesce("last_reminded_at", "sent_at"))
        .filter(last_contact__lte=now - REMINDER_INTERVAL)
    )


def send_reminders(
    *, service: Service, ids: list[int] | None = None
) -> tuple[int, int]:
    """Remind the chosen invitations (all pending ones when ``ids`` is None).

    Returns (reminded, skipped). The row lock and the re-checked condition make two
    simultaneous clicks send one reminder, not two.
    """
    from ..tasks import send_invitation_reminders_task

    base = CollaboratorInvitation.objects.filter(service=service)
    if ids is not None:
        base = base.filter(pk__in=ids)
    asked = base.count()
    now = timezone.now()
    with transaction.atomic():
        chosen = list(reminder_candidates(base, now=now).values_list("pk", flat=True))
        locked = list(
            CollaboratorInvitation.objects.select_for_update()
            .filter(pk__in=chosen)
            .filter(
                Q(last_reminded_at__isnull=True, sent_at__lte=now - REMINDER_INTERVAL)
                | Q(last_reminded_at__lte=now - REMINDER_INTERVAL)
            )
            .values_list("pk", flat=True)
        )
        CollaboratorInvitation.objects.filter(pk__in=locked).update(
            last_reminded_at=now, reminders_sent=F("reminders_sent") + 1
        )
        for start in range(0, len(locked), CHUNK):
            part = locked[start : start + CHUNK]
            transaction.on_commit(
                lambda part=part: send_invitation_reminders_task.delay(part)
            )
    return len(locked), asked - len(locked)


def email_reminders(ids: list[int]) -> int:
    invitations = CollaboratorInvitation.objects.filter(pk__in=ids).select_related(
        "service"
    )
    count = 0
    with transaction.atomic():
        for invitation in invitations:
            _email(invitation, reminder=True)
            count += 1
    return count
