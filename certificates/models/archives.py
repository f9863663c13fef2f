"""Bulk downloads: a ZIP of many certificates, built by the worker with its progress."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def archive_path(instance, filename: str) -> str:
    return f"certificados/zip/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.zip"


class CertificateArchive(models.Model):
    """A requested ZIP of the valid certificates of a course, service and date range."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En cola")
        RUNNING = "running", _("En preparación")
        READY = "ready", _("Lista")
        FAILED = "failed", _("Falló")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_archives",
        verbose_name=_("solicitada por"),
    )
    requested_at = models.DateTimeField(_("solicitada el"), default=timezone.now)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curso"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("servicio"),
    )
    completed_from = models.DateField(_("aprobados desde"), null=True, blank=True)
    completed_to = models.DateField(_("aprobados hasta"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("certificados"), default=0)
    done = models.PositiveIntegerField(_("agregados"), default=0)
    file = models.FileField(
        _("archivo ZIP"), upload_to=archive_path, blank=True, max_length=200
    )
    size = models.PositiveBigIntegerField(_("tamaño (bytes)"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminada el"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("descarga masiva de certificados")
        verbose_name_plural = _("descargas masivas de certificados")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="certificates_archive_progress"
            ),
            models.CheckConstraint(
                condition=Q(completed_from__isnull=True)
                | Q(completed_to__isnull=True)
                | Q(completed_from__lte=F("completed_to")),
                name="certificates_archive_date_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""),
                name="certificates_archive_ready_has_file",
            ),
        ]

    def __str__(self):
        return f"ZIP {self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def filename(self) -> str:
        return f"certificados-{self.requested_at:%Y%m%d}-{self.pk}.zip"
