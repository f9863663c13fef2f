"""Cross-cutting records: outgoing e-mail, sent from the worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail queued for the worker; the row makes sending idempotent and auditable."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        SENT = "sent", _("Enviado")
        FAILED = "failed", _("Fallido")

    to = models.JSONField(_("destinatarios"))
    reply_to = models.JSONField(_("responder a"), default=list, blank=True)
    from_email = models.CharField(_("remitente"), max_length=254, blank=True)
    subject = models.CharField(_("asunto"), max_length=255)
    body_text = models.TextField(_("texto"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    last_error = models.TextField(_("último error"), blank=True)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)

    class Meta:
        verbose_name = _("correo saliente")
        verbose_name_plural = _("correos salientes")
        indexes = [
            models.Index(
                fields=["status", "created_at"], name="core_email_status_created"
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
