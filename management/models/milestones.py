"""The yearly inventory milestones (Hitos 1–4) and what each service did at them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet

from .institutions import Service


class MilestoneCalendar(models.Model):
    """The four milestone dates of one year, editable by the ministry."""

    year = models.PositiveSmallIntegerField(_("año"), unique=True)
    update_due = models.DateField(
        _("Hito 1: actualización y ratificación del inventario")
    )
    preliminary_on = models.DateField(_("Hito 2: envío del inventario preliminar"))
    observations_due = models.DateField(_("Hito 3: recepción de observaciones"))
    definitive_due = models.DateField(_("Hito 4: inventario definitivo"))

    class Meta:
        verbose_name = _("calendario de hitos")
        verbose_name_plural = _("calendarios de hitos")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(update_due__lte=F("preliminary_on"))
                & Q(preliminary_on__lte=F("observations_due"))
                & Q(observations_due__lte=F("definitive_due")),
                name="management_calendar_in_order",
            )
        ]

    def __str__(self):
        return str(self.year)

    def dates(self) -> list[tuple[int, str, object]]:
        """(number, label, date) of the four milestones."""
        return [
            (1, self._meta.get_field("update_due").verbose_name, self.update_due),
            (
                2,
                self._meta.get_field("preliminary_on").verbose_name,
                self.preliminary_on,
            ),
            (
                3,
                self._meta.get_field("observations_due").verbose_name,
                self.observations_due,
            ),
            (
                4,
                self._meta.get_field("definitive_due").verbose_name,
                self.definitive_due,
            ),
        ]


class InventoryRatification(models.Model):
    """Hito 1: the service has updated and ratified its unit inventory."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="inventory_ratifications",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    ratified_at = models.DateTimeField(_("ratificado el"), auto_now_add=True)
    ratified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ratificado por"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ratificación de inventario")
        verbose_name_plural = _("ratificaciones de inventario")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year"], name="management_ratification_unique"
            )
        ]

    def __str__(self):
        return f"{self.service} · {self.year}"


def snapshot_path(instance, filename):
    """Where an inventory PDF is stored: by year, kind and service."""
    return (
        f"inventarios/{instance.year}/{instance.kind}/{instance.service_id}-{filename}"
    )


class InventorySnapshot(models.Model):
    """Hito 2 (preliminary) or Hito 4 (definitive): the inventory frozen with its PDF."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminar", _("Inventario preliminar")
        DEFINITIVE = "definitivo", _("Inventario definitivo")

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="inventory_snapshots",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    rows = models.JSONField(_("unidades"), default=list)
    pdf = models.FileField(_("PDF"), upload_to=snapshot_path, blank=True)
    created_at = models.DateTimeField(_("generado el"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("enviado el"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inventario de unidades")
        verbose_name_plural = _("inventarios de unidades")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "kind"], name="management_snapshot_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} · {self.service}"

    def get_absolute_url(self):
        return reverse("management:snapshot-pdf", args=[self.pk])


class InventoryObservation(models.Model):
    """Hito 3: an observation of the service on its preliminary inventory."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="inventory_observations",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    text = models.TextField(_("observación"))
    created_at = models.DateTimeField(_("enviada el"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("enviada por"),
    )
    answer = models.TextField(_("respuesta del ministerio"), blank=True)
    answered_at = models.DateTimeField(_("respondida el"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("observación al inventario")
        verbose_name_plural = _("observaciones al inventario")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="management_observation_text"
            )
        ]

    def __str__(self):
        return f"{self.service} · {self.year}"


class InventoryUnlock(models.Model):
    """The Administrador reopens a service's frozen inventory until a date."""

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="inventory_unlocks",
        verbose_name=_("servicio"),
    )
    year = models.PositiveSmallIntegerField(_("año"))
    until = models.DateField(_("abierto hasta"))
    reason = models.CharField(_("motivo"), max_length=255)
    granted_at = models.DateTimeField(_("otorgado el"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("otorgado por"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reapertura de inventario")
        verbose_name_plural = _("reaperturas de inventario")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""), name="management_unlock_reason"
            )
        ]

    def __str__(self):
        return f"{self.service} · {self.year} → {self.until}"
