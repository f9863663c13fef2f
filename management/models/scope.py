"""Service-level records of Información: Alcance, aggregate figures, justifications."""

from simple_history.models import HistoricalRecords

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .common import ReviewStatus
from .institutions import Service
from .units import Unit, UnitChildQuerySet


class ReviewFields(models.Model):
    """The Red's review of a record: state, comment, who and when."""

    review_status = models.CharField(
        _("revisión de la Red"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
    )
    review_comment = models.TextField(_("comentario de la revisión"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    reviewed_at = models.DateTimeField(_("revisado el"), null=True, blank=True)

    class Meta:
        abstract = True


class ScopeDefinition(ReviewFields):
    """A service's Alcance of one year: justification and the Red's review.

    The start years themselves live on each unit; this row holds what belongs to
    the service as a whole.
    """

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="scope_definitions",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    justification = models.TextField(
        _("justificación de unidades sin diagnóstico"), blank=True
    )
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("alcance")
        verbose_name_plural = _("alcances")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="management_scope_unique_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(review_status=ReviewStatus.OBSERVED)
                | ~models.Q(review_comment=""),
                name="management_scope_observed_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.service} · {self.year}"


class AggregateInformation(models.Model):
    """Collaborators a service declares for a year (Información agregada)."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="aggregate_information",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    officials = models.PositiveIntegerField(_("n° de funcionarios"))
    other_collaborators = models.PositiveIntegerField(_("n° de otros colaboradores"))
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actualizado por"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("información agregada")
        verbose_name_plural = _("información agregada")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="management_aggregate_unique_year"
            )
        ]

    def __str__(self):
        return f"{self.service} · {self.year}"

    @property
    def collaborators(self) -> int:
        return self.officials + self.other_collaborators


class ConsumptionJustification(ReviewFields):
    """Why an active unit will not report energy consumption in a year."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="consumption_justifications",
        verbose_name=_("unidad"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    text = models.TextField(_("justificación"))
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actualizada por"),
    )

    objects = UnitChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("justificación de reporte de consumos")
        verbose_name_plural = _("justificaciones de reporte de consumos")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="management_justification_unique_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="management_justification_text"
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} · {self.year}"
