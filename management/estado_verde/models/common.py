"""What the Estado Verde records share: modules, years, months and upload rules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.uploads import DOCUMENTS, IMAGES
from management.models.units import FIRST_PROGRAMME_YEAR

FIRST_YEAR = 2023  # Sistema Estado Verde starts in 2023 (Etapa 1).
LAST_YEAR = 2100
UPLOAD_KINDS = (*DOCUMENTS, *IMAGES)
UPLOAD_MAX_SIZE = 10 * 1024 * 1024

MONTHS = [
    (1, _("Enero")),
    (2, _("Febrero")),
    (3, _("Marzo")),
    (4, _("Abril")),
    (5, _("Mayo")),
    (6, _("Junio")),
    (7, _("Julio")),
    (8, _("Agosto")),
    (9, _("Septiembre")),
    (10, _("Octubre")),
    (11, _("Noviembre")),
    (12, _("Diciembre")),
]


class Module(models.TextChoices):
    """The parts of Estado Verde that the Red reviews per service and year."""

    PAPER = "papel", _("Gestión de Papel")
    WATER = "agua", _("Gestión de Agua")
    WASTE = "residuos", _("Gestión de Residuos")
    DOCUMENTS = "documentos", _("Documentos y Comité")
    COMMUTING = "encuesta", _("Encuesta origen-destino")
    AIR_TRAVEL = "viajes", _("Viajes en avión")


UNIT_MODULES = (Module.PAPER, Module.WATER, Module.WASTE)


def year_range_q(field: str = "year") -> models.Q:
    return models.Q(
        **{f"{field}__gte": FIRST_PROGRAMME_YEAR, f"{field}__lte": LAST_YEAR}
    )


class Authored(models.Model):
    """Who entered a row and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingresado por"),
    )
    created_at = models.DateTimeField(_("ingresado"), auto_now_add=True)

    class Meta:
        abstract = True
