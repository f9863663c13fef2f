"""Concientized collaborators and accredited gestores, both fed by course completions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
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
