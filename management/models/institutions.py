"""Institutions (ministerios and others) and the public services that report under them."""

from simple_history.models import HistoricalRecords

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.accounts.scoping import ScopedQuerySet


class Institution(models.Model):
    """A ministry or other institution that groups public services."""

    name = models.CharField(_("nombre"), max_length=200, unique=True)
    code = models.CharField(_("código"), max_length=20, unique=True)
    is_active = models.BooleanField(_("activa"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("management:institution-list")


class ServiceQuerySet(ScopedQuerySet):
    service_lookup = "pk"

    def active(self):
        return self.filter(is_active=True)


class Service(models.Model):
    """A public service: the unit that reports to Gestiona Energía and Estado Verde."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("institución"),
    )
    name = models.CharField(_("nombre"), max_length=200)
    code = models.CharField(_("código"), max_length=20, unique=True)
    is_pmg = models.BooleanField(
        _("con compromiso PMG"),
        default=True,
        help_text=_("Desmarque para servicios que participan en forma voluntaria."),
    )
    is_active = models.BooleanField(_("activo"), default=True)

    objects = ServiceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("servicio")
        verbose_name_plural = _("servicios")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="management_service_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("management:service-detail", args=[self.pk])
