"""An issued certificate: a frozen record of a completed enrolment, with its public code."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from courses.models import LearningPlatform

from ..codes import PATTERN, format_code


def pdf_path(instance, filename: str) -> str:
    # A random name: the storage may be public, and the code alone must not reveal it.
    return f"certificados/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.pdf"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)


class Certificate(models.Model):
    """One certificate of a completed enrolment; revoked ones stay, so codes never repeat."""

    code = models.CharField(_("código"), max_length=16, unique=True, editable=False)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("inscripción"),
    )
    # Kept beside the enrolment so staff filters and bulk downloads use one table.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("curso"),
    )
    service = models.ForeignKey(
        "management.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("servicio"),
    )
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("plantilla"),
    )

    # The snapshot: what the certificate says, whatever changes later.
    first_name = models.CharField(_("nombres"), max_length=150)
    last_name = models.CharField(_("apellidos"), max_length=150)
    rut = models.CharField(_("RUT"), max_length=12, blank=True, db_index=True)
    institution_name = models.CharField(_("institución"), max_length=255, blank=True)
    service_name = models.CharField(_("servicio"), max_length=255, blank=True)
    course_title = models.CharField(_("curso"), max_length=255)
    platform = models.CharField(
        _("plataforma"), max_length=20, choices=LearningPlatform.choices
    )
    hours = models.PositiveSmallIntegerField(_("horas"))
    score = models.DecimalField(
        _("puntaje (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    completed_at = models.DateTimeField(_("aprobado el"))
    design = models.JSONField(_("diseño"), default=dict)

    issued_at = models.DateTimeField(_("emitido el"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emitido por"),
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("reemplaza a"),
    )
    revoked_at = models.DateTimeField(_("revocado el"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocado por"),
    )
    revocation_reason = models.TextField(_("motivo de la revocación"), blank=True)

    pdf = models.FileField(_("PDF"), upload_to=pdf_path, blank=True, max_length=200)
    pdf_sha256 = models.CharField(_("SHA-256 del PDF"), max_length=64, blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF generado el"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificado")
        verbose_name_plural = _("certificados")
        ordering = ["-issued_at", "-pk"]
        permissions = [
            ("revoke_certificate", _("Puede revocar y reemitir certificados")),
        ]
        constraints = [
            # Revoked certificates stay beside the one that replaced them.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_at__isnull=True),
                name="certificates_one_valid_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=PATTERN), name="certificates_code_alphabet"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revocation_reason="")
                | (Q(revoked_at__isnull=False) & ~Q(revocation_reason="")),
                name="certificates_revoked_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(pdf="", pdf_sha256="")
                | (~Q(pdf="") & Q(pdf_sha256__regex=r"^[0-9a-f]{64}$")),
                name="certificates_pdf_with_hash",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="certificates_score_range",
            ),
            models.CheckConstraint(
                condition=Q(issued_at__gte=F("completed_at")),
                name="certificates_issued_after_completion",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"], name="cert_course_date"),
            models.Index(fields=["service", "completed_at"], name="cert_service_date"),
            models.Index(fields=["completed_at"], name="cert_completed"),
        ]

    def __str__(self):
        return self.display_code

    def get_absolute_url(self) -> str:
        """The public verification page (what the QR code opens)."""
        return reverse("certificates:verify-code", args=[self.display_code])

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def get_verification_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()

    def get_download_url(self) -> str:
        """The learner's own download, under the platform where they are signed in."""
        return reverse(
            "courses:certificate",
            kwargs={"platform": self.platform, "code": self.display_code},
        )

    @property
    def filename(self) -> str:
        """``certificado-<curso>-<apellido>.pdf``, in plain ASCII."""
        course = slugify(self.course_title)[:60].rstrip("-") or "curso"
        surname = slugify(self.last_name.split(" ")[0] if self.last_name else "")
        return f"certificado-{course}-{surname or 'participante'}.pdf"
