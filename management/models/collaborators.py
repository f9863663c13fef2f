"""Concientized collaborators and accredited gestores, both fed by course completions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .institutions import Service


class ConcientizedCollaborator(models.Model):
    """One Concientización completion in its service's list for the completion year.

    The person's name, RUT and e-mail are a snapshot taken at completion: a learner
    who later moves to another service stays in the list where they completed. An
    erased learner keeps their row (the count must not change) with the identity
    withheld.
    """

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="concientized_entry",
        verbose_name=_("inscripción"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="concientized_collaborators",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    completed_at = models.DateTimeField(_("aprobado el"))
    first_name = models.CharField(_("nombres"), max_length=150, blank=True)
    last_name = models.CharField(_("apellidos"), max_length=150, blank=True)
    rut = models.CharField(_("RUT"), max_length=12, blank=True)
    email = models.EmailField(_("correo"), blank=True)
    unit_name = models.CharField(_("unidad"), max_length=200, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificado"),
    )
    withheld = models.BooleanField(_("identidad reservada"), default=False)
    created_at = models.DateTimeField(_("ingresado el"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("colaborador concientizado")
        verbose_name_plural = _("colaboradores concientizados")
        ordering = ["-completed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="management_concientized_year_range",
            ),
            models.CheckConstraint(
                condition=Q(withheld=False) | Q(rut="", email=""),
                name="management_concientized_withheld_blank",
            ),
        ]
        indexes = [
            models.Index(
                fields=["service", "year", "completed_at"],
                name="mgmt_concientized_service_year",
            ),
            models.Index(fields=["year", "service"], name="mgmt_concientized_year"),
            models.Index(fields=["rut"], name="mgmt_concientized_rut"),
        ]

    def __str__(self):
        return f"{self.full_name or self.pk} · {self.service_id} · {self.year}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class AccreditationQuerySet(models.QuerySet):
    def visible_to(self, user, roles=None):
        """Accreditations of gestores who hold a role in the services ``user`` reaches."""
        from lms.accounts.scoping import scope_for

        scope = scope_for(user, roles)
        if scope.national:
            return self
        if not scope.service_ids:
            return self.none()
        return self.for_services(scope.service_ids)

    def for_services(self, service_ids):
        return self.filter(
            user__memberships__service_id__in=list(service_ids)
        ).distinct()


class GestorAccreditation(models.Model):
    """A Capacitación completion that accredits the Gestión account with that e-mail or RUT."""

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="accreditation",
        verbose_name=_("inscripción"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=_("cuenta de Gestión"),
    )
    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificado"),
    )
    course_title = models.CharField(_("curso"), max_length=255)
    accredited_at = models.DateTimeField(_("acreditado el"))

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        verbose_name = _("acreditación de gestor")
        verbose_name_plural = _("acreditaciones de gestores")
        ordering = ["-accredited_at", "-pk"]

    def __str__(self):
        return f"{self.user} · {self.course_title}"


class InvitationUpload(models.Model):
    """A list of collaborators to invite, checked row by row before anything is sent.

    ``rows`` keeps the valid rows until the gestor confirms; ``problems`` the refused
    ones with their row and column. Confirmed, the worker creates the invitations in
    chunks and reports its progress in ``processed``.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Por confirmar")
        PROCESSING = "processing", _("En proceso")
        DONE = "done", _("Terminada")
        CANCELLED = "cancelled", _("Descartada")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="invitation_uploads",
        verbose_name=_("servicio"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("cargada por"),
    )
    created_at = models.DateTimeField(_("cargada el"), auto_now_add=True)
    file_name = models.CharField(_("archivo"), max_length=255, blank=True)
    total_rows = models.PositiveIntegerField(_("filas leídas"), default=0)
    rows = models.JSONField(_("filas válidas"), default=list, blank=True)
    problems = models.JSONField(_("filas rechazadas"), default=list, blank=True)
    already_invited = models.PositiveIntegerField(_("ya invitados"), default=0)
    status = models.CharField(
        _("estado"), max_length=12, choices=Status.choices, default=Status.PREVIEW
    )
    processed = models.PositiveIntegerField(_("filas procesadas"), default=0)
    created = models.PositiveIntegerField(_("invitaciones nuevas"), default=0)
    confirmed_at = models.DateTimeField(_("confirmada el"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminada el"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("carga de invitaciones")
        verbose_name_plural = _("cargas de invitaciones")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name or self.pk} · {self.service_id}"

    @property
    def percent(self) -> int:
        if not self.rows:
            return 100
        return min(100, round(100 * self.processed / len(self.rows)))


class CollaboratorInvitation(models.Model):
    """A collaborator invited by their service to the Concientización course.

    One per service and e-mail (inviting again changes nothing). Whether the person
    registered, is taking the course or passed it is read from their learner account
    and the concientized list, never stored twice.
    """

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="collaborator_invitations",
        verbose_name=_("servicio"),
    )
    email = models.EmailField(_("correo"))
    first_name = models.CharField(_("nombres"), max_length=150, blank=True)
    last_name = models.CharField(_("apellidos"), max_length=150, blank=True)
    rut = models.CharField(_("RUT"), max_length=12, blank=True)
    unit_name = models.CharField(_("unidad"), max_length=200, blank=True)
    upload = models.ForeignKey(
        InvitationUpload,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("carga"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invitado por"),
    )
    created_at = models.DateTimeField(_("invitado el"), auto_now_add=True)
    sent_at = models.DateTimeField(_("invitación enviada el"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(
        _("último recordatorio"), null=True, blank=True
    )
    reminders_sent = models.PositiveSmallIntegerField(_("recordatorios"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitación a Concientización")
        verbose_name_plural = _("invitaciones a Concientización")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "email"], name="management_invitation_unique"
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")),
                name="management_invitation_email_lower",
            ),
        ]
        indexes = [
            models.Index(
                fields=["service", "created_at"], name="mgmt_invitation_service"
            ),
            models.Index(fields=["email"], name="mgmt_invitation_email"),
        ]

    def __str__(self):
        return f"{self.email} · {self.service_id}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ListValidation(models.Model):
    """A service's validation of its concientized list of one year, and the Red's review.

    Validating freezes the list (``rows``) and files it as a PDF built by the worker;
    the Red validates or observes it with a comment; an observed list may be validated
    again, which freezes it anew. ``events`` keeps every step.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Validada por el servicio, en revisión")
        APPROVED = "approved", _("Validada por la Red")
        OBSERVED = "observed", _("Observada por la Red")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="collaborator_list_validations",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    rows = models.JSONField(_("listado congelado"), default=list, blank=True)
    count = models.PositiveIntegerField(_("concientizados"), default=0)
    declared = models.PositiveIntegerField(
        _("colaboradores declarados"), null=True, blank=True
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("validada por"),
    )
    validated_at = models.DateTimeField(_("validada el"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisada por"),
    )
    reviewed_at = models.DateTimeField(_("revisada el"), null=True, blank=True)
    review_comment = models.TextField(_("comentario de la Red"), blank=True)
    pdf = models.FileField(
        _("PDF"), upload_to="concientizados/%Y/", blank=True, max_length=255
    )
    pdf_sha256 = models.CharField(_("SHA-256 del PDF"), max_length=64, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("validación del listado de concientizados")
        verbose_name_plural = _("validaciones del listado de concientizados")
        ordering = ["-year", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="management_list_validation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="observed") | ~Q(review_comment=""),
                name="management_list_validation_observed_comment",
            ),
        ]

    def __str__(self):
        return f"{self.service_id} · {self.year} · {self.status}"

    @property
    def percent(self):
        if not self.declared:
            return None
        return round(100 * self.count / self.declared, 1)


class ListValidationEvent(models.Model):
    """One step in the life of a list validation: validated, approved, observed."""

    class Action(models.TextChoices):
        VALIDATED = "validated", _("El servicio validó el listado")
        APPROVED = "approved", _("La Red validó el listado")
        OBSERVED = "observed", _("La Red observó el listado")

    validation = models.ForeignKey(
        ListValidation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("validación"),
    )
    action = models.CharField(_("acción"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("por"),
    )
    at = models.DateTimeField(_("fecha"), auto_now_add=True)
    count = models.PositiveIntegerField(_("concientizados"), default=0)
    comment = models.TextField(_("comentario"), blank=True)

    class Meta:
        verbose_name = _("paso de la validación")
        verbose_name_plural = _("pasos de la validación")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.validation_id} · {self.action} · {self.at:%Y-%m-%d}"
