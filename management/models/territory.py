"""Chile's territorial division (Código Único Territorial): regions, provinces, comunas."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def digits(n: int) -> RegexValidator:
    return RegexValidator(
        rf"^[0-9]{{{n}}}$", _("El código no tiene la cantidad de dígitos oficial.")
    )


class Region(models.Model):
    """A region, coded with two digits (13 Metropolitana, 16 Ñuble)."""

    code = models.CharField(
        _("código"), max_length=2, unique=True, validators=[digits(2)]
    )
    name = models.CharField(_("nombre"), max_length=100)
    roman = models.CharField(_("numeral"), max_length=5, blank=True)
    # North to south, as Chileans list them (the codes are not in that order).
    position = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("región")
        verbose_name_plural = _("regiones")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class Province(models.Model):
    """A province, coded with three digits starting with its region's code."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="provinces",
        verbose_name=_("región"),
    )
    code = models.CharField(
        _("código"), max_length=3, unique=True, validators=[digits(3)]
    )
    name = models.CharField(_("nombre"), max_length=100)

    class Meta:
        verbose_name = _("provincia")
        verbose_name_plural = _("provincias")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Comuna(models.Model):
    """A comuna, coded with five digits starting with its province's code."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="comunas",
        verbose_name=_("provincia"),
    )
    code = models.CharField(
        _("código"), max_length=5, unique=True, validators=[digits(5)]
    )
    name = models.CharField(_("nombre"), max_length=100)

    class Meta:
        verbose_name = _("comuna")
        verbose_name_plural = _("comunas")
        ordering = ["name"]

    def __str__(self):
        return self.name
