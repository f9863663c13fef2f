"""Help desk: topics routed to teams, tickets with their thread, private access links."""

import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A group of agents that receives the tickets of some topics."""

    name = models.CharField(_("nombre"), max_length=100, unique=True)
    email = models.EmailField(
        _("correo del equipo"),
        blank=True,
        help_text=_("Recibe un aviso por cada ticket nuevo de sus temas."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="helpdesk_teams",
        verbose_name=_("integrantes"),
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text=_(
            "Reciben un aviso por cada ticket nuevo si el equipo no tiene correo."
        ),
    )

    class Meta:
        verbose_name = _("equipo de soporte")
        verbose_name_plural = _("equipos de soporte")
        ordering = ["name"]

    def __str__(self):
        return self.name


class HelpTopic(models.Model):
    """A help topic of the ticket form; routes new tickets to a team with a response time."""

    name = models.CharField(_("nombre"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="topics",
        verbose_name=_("equipo"),
    )
    response_hours = models.PositiveSmallIntegerField(
        _("plazo de respuesta (horas)"),
        default=48,
        help_text=_("Un ticket sin respuesta pasado este plazo aparece atrasado."),
    )
    sort_order = models.PositiveSmallIntegerField(_("orden"), default=100)
    is_active = models.BooleanField(
        _("activo"),
        default=True,
        help_text=_("Los temas inactivos no se ofrecen en el formulario."),
    )

    class Meta:
        verbose_name = _("tema de ayuda")
        verbose_name_plural = _("temas de ayuda")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response_hours__gte=1),
                name="helpdesk_topic_response_hours_positive",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def response_time(self) -> timedelta:
        return timedelta(hours=self.response_hours)


class TicketNumber(models.Model):
    """A database sequence: each row's auto-increment id is one ticket number.

    The database hands out the ids (an identity column on PostgreSQL, AUTOINCREMENT
    on SQLite), so two concurrent requests never get the same number and a number
    is never reused, even after a rollback.
    """

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("número de ticket")
        verbose_name_plural = _("números de ticket")

    def __str__(self):
        return format_number(self.pk) if self.pk else ""


class TicketQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Ticket.ACTIVE_STATUSES)

    def overdue(self, now=None):
        return self.filter(
            status__in=Ticket.AWAITING_STAFF, due_at__lt=now or timezone.now()
        )


class Ticket(models.Model):
    """A request to the help desk and its state."""

    class Status(models.TextChoices):
        OPEN = "abierto", _("Abierto")
        IN_PROGRESS = "en_proceso", _("En proceso")
        WAITING = "esperando", _("Esperando respuesta")
        RESOLVED = "resuelto", _("Resuelto")
        CLOSED = "cerrado", _("Cerrado")

    # The help desk owes an answer in these states; the due date counts only then.
    AWAITING_STAFF = (Status.OPEN, Status.IN_PROGRESS)
    ACTIVE_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.WAITING)
    FINISHED_STATUSES = (Status.RESOLVED, Status.CLOSED)

    number = models.PositiveBigIntegerField(_("número"), unique=True, editable=False)
    topic = models.ForeignKey(
        HelpTopic,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("tema de ayuda"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("equipo"),
    )
    subject = models.CharField(_("asunto"), max_length=200)
    status = models.CharField(
        _("estado"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    name = models.CharField(_("nombre completo"), max_length=150)
    email = models.EmailField(_("correo electrónico"))
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    phone_ext = models.CharField(_("anexo"), max_length=8, blank=True)
    organization = models.CharField(
        _("servicio o institución"), max_length=200, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
        verbose_name=_("cuenta del solicitante"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
        verbose_name=_("servicio"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        verbose_name=_("asignado a"),
    )
    created_at = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("última actividad"), default=timezone.now)
    due_at = models.DateTimeField(
        _("respuesta esperada antes de"),
        null=True,
        blank=True,
        help_text=_("Vacío mientras no se debe una respuesta al solicitante."),
    )
    closed_at = models.DateTimeField(_("cerrado el"), null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "abierto",
                        "en_proceso",
                        "esperando",
                        "resuelto",
                        "cerrado",
                    ]
                ),
                name="helpdesk_ticket_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="helpdesk_ticket_number_positive"
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "due_at"], name="helpdesk_ticket_status_due"
            ),
            models.Index(
                fields=["assignee", "status"], name="helpdesk_ticket_assignee"
            ),
            models.Index(fields=["email"], name="helpdesk_ticket_email"),
        ]

    def __str__(self):
        return f"#{self.display_number} {self.subject}"

    def get_absolute_url(self):
        return reverse("helpdesk_admin:ticket", args=[self.pk])

    @property
    def display_number(self) -> str:
        return format_number(self.number)

    def is_overdue(self, now=None) -> bool:
        return (
            self.status in self.AWAITING_STAFF
            and self.due_at is not None
            and self.due_at < (now or timezone.now())
        )


def format_number(number: int) -> str:
    """Ticket numbers are shown with at least six digits: 000042."""
    return f"{number:06d}"


class Message(models.Model):
    """One entry of a ticket's thread: the requester's, a reply, an internal note, an event."""

    class Kind(models.TextChoices):
        REQUEST = "solicitante", _("Mensaje del solicitante")
        REPLY = "respuesta", _("Respuesta de la mesa de ayuda")
        NOTE = "nota", _("Nota interna")
        EVENT = "evento", _("Evento")

    # Only these kinds are ever shown to the requester.
    PUBLIC_KINDS = (Kind.REQUEST, Kind.REPLY)

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("ticket"),
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autor"),
    )
    author_name = models.CharField(_("nombre del autor"), max_length=150)
    body = models.TextField(_("mensaje"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("mensaje")
        verbose_name_plural = _("mensajes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["solicitante", "respuesta", "nota", "evento"]),
                name="helpdesk_message_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.ticket}"


def attachment_path(instance, filename: str) -> str:
    """A random stored name: the original name is kept in the row, never in the path."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"helpdesk/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file sent with a message, checked by content before it is stored."""

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("mensaje"),
    )
    file = models.FileField(_("archivo"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("nombre original"), max_length=150)
    size = models.PositiveIntegerField(_("tamaño"))
    content_type = models.CharField(_("tipo"), max_length=120)

    class Meta:
        verbose_name = _("adjunto")
        verbose_name_plural = _("adjuntos")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class AccessToken(models.Model):
    """A private link to one ticket; only the SHA-256 of the token is stored."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="access_tokens",
        verbose_name=_("ticket"),
    )
    token_hash = models.CharField(_("huella del enlace"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    class Meta:
        verbose_name = _("enlace privado")
        verbose_name_plural = _("enlaces privados")

    def __str__(self):
        return f"{self.ticket} · {self.created_at:%d-%m-%Y}"
