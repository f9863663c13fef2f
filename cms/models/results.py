"""Yearly results of the programme, published like a page: the live row is the frozen
snapshot the public sees; edits wait in revisions until a Publicador approves them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin

# The figures the original publishes every year, in display order.
FIGURE_FIELDS = (
    "services_pmg",
    "services_voluntary",
    "buildings_registered",
    "gestores",
    "buildings_with_consumption",
    "buildings_electricity_only",
    "buildings_mixed",
)


def _figure(label, help_text=""):
    return models.PositiveIntegerField(
        label, null=True, blank=True, help_text=help_text
    )


class ResultsYear(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """The published figures of one year (services, buildings, gestores)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Ingresadas por el equipo editorial")
        MANAGEMENT = (
            "gestion",
            _("Calculadas con los datos de la Plataforma de Gestión"),
        )

    year = models.PositiveSmallIntegerField(
        _("año"),
        unique=True,
        validators=[MinValueValidator(2010), MaxValueValidator(2100)],
    )
    summary = RichTextField(
        _("resumen"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("El texto de la publicación de resultados de ese año."),
    )
    services_pmg = _figure(
        _("servicios con indicador PMG"),
        _("Servicios con el indicador de eficiencia energética del PMG comprometido."),
    )
    services_voluntary = _figure(
        _("servicios voluntarios"),
        _("Municipios, servicios de salud y otros que participan sin compromiso PMG."),
    )
    buildings_registered = _figure(_("edificios registrados"))
    gestores = _figure(_("gestores energéticos"))
    buildings_with_consumption = _figure(_("edificios con datos de consumo"))
    buildings_electricity_only = _figure(_("edificios que solo consumen electricidad"))
    buildings_mixed = _figure(
        _("edificios con consumo mixto (electricidad y combustibles)")
    )
    source = models.CharField(
        _("origen de las cifras"),
        max_length=10,
        choices=Source.choices,
        default=Source.MANUAL,
        editable=False,
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("services_pmg"), FieldPanel("services_voluntary")]
                ),
                FieldRowPanel(
                    [FieldPanel("buildings_registered"), FieldPanel("gestores")]
                ),
                FieldPanel("buildings_with_consumption"),
                FieldRowPanel(
                    [
                        FieldPanel("buildings_electricity_only"),
                        FieldPanel("buildings_mixed"),
                    ]
                ),
            ],
            heading=_("Cifras"),
            help_text=_(
                "Las cifras que deje vacías se calculan con los datos de la Plataforma "
                "de Gestión cuando estén disponibles. Lo publicado queda fijo aunque "
                "esos datos cambien después."
            ),
        ),
    ]

    class Meta:
        ordering = ["year"]
        verbose_name = _("resultados del año")
        verbose_name_plural = _("resultados por año")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2010) & Q(year__lte=2100),
                name="cms_resultsyear_year_range",
            ),
            models.CheckConstraint(
                condition=Q(buildings_with_consumption__isnull=True)
                | Q(buildings_electricity_only__isnull=True)
                | Q(buildings_mixed__isnull=True)
                | Q(
                    buildings_with_consumption__gte=F("buildings_electricity_only")
                    + F("buildings_mixed")
                ),
                name="cms_resultsyear_breakdown_within_total",
            ),
            models.CheckConstraint(
                condition=Q(buildings_registered__isnull=True)
                | Q(buildings_with_consumption__isnull=True)
                | Q(buildings_registered__gte=F("buildings_with_consumption")),
                name="cms_resultsyear_consumption_within_registered",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def clean(self):
        super().clean()
        errors = {}
        total = self.buildings_with_consumption
        parts = (self.buildings_electricity_only, self.buildings_mixed)
        if total is not None and None not in parts and sum(parts) > total:
            errors["buildings_with_consumption"] = _(
                "Los edificios con datos de consumo (%(total)s) no pueden ser menos que la "
                "suma de los que solo consumen electricidad y los de consumo mixto "
                "(%(sum)s)."
            ) % {"total": total, "sum": sum(parts)}
        registered = self.buildings_registered
        if registered is not None and total is not None and total > registered:
            errors["buildings_registered"] = _(
                "Los edificios registrados (%(registered)s) no pueden ser menos que los "
                "edificios con datos de consumo (%(total)s)."
            ) % {"registered": registered, "total": total}
        if errors:
            raise ValidationError(errors)

    @property
    def services_total(self) -> int | None:
        """PMG and voluntary services together (None when neither is known)."""
        values = [
            v for v in (self.services_pmg, self.services_voluntary) if v is not None
        ]
        return sum(values) if values else None

    def figures(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}
