"""Editable lists of the inventory: tipos de uso and tipos de propiedad."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CatalogEntry(models.Model):
    """An entry of an editable list; retired entries stay for the units that use them."""

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_active = models.BooleanField(_("activo"), default=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class UseType(CatalogEntry):
    """What a unit is used for (Oficinas administrativas, Hospital…)."""

    class Meta(CatalogEntry.Meta):
        verbose_name = _("tipo de uso")
        verbose_name_plural = _("tipos de uso")


class PropertyType(CatalogEntry):
    """How the service holds the unit (propio/fiscal, arrendado, comodato…)."""

    class Meta(CatalogEntry.Meta):
        verbose_name = _("tipo de propiedad")
        verbose_name_plural = _("tipos de propiedad")
