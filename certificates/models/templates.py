"""How a certificate looks: a template editors keep in Wagtail, per course or platform."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from courses.models import LearningPlatform

#: Placeholders the body may use, and what each one prints.
PLACEHOLDERS = {
    "nombre": _("nombre completo de la persona"),
    "rut": _("RUT completo"),
    "curso": _("nombre del curso"),
    "horas": _("horas del curso"),
    "fecha": _("fecha de aprobación (dd-mm-aaaa)"),
    "institucion": _("institución"),
    "servicio": _("servicio"),
    "plataforma": _("plataforma"),
    "puntaje": _("puntaje de la evaluación (%)"),
}
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Use un color hexadecimal de seis cifras, por ejemplo #1d6b38."),
)
DEFAULT_BODY = (
    "Por haber aprobado el curso «{curso}», de {horas} horas, "
    "en la Plataforma de {plataforma} del programa Gestiona Energía, el {fecha}."
)


def placeholder_help() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


class CertificateTemplate(RevisionMixin, index.Indexed, models.Model):
    """Title, text, signatory, images and colours of the certificates of a course or platform.

    Issuing a certificate copies these values into it (``freeze``), so editing a
    template changes only certificates issued afterwards.
    """

    class Border(models.TextChoices):
        DOUBLE = "double", _("Doble línea")
        SOLID = "solid", _("Línea simple")
        NONE = "none", _("Sin borde")

    name = models.CharField(
        _("nombre interno"),
        max_length=120,
        help_text=_("Para reconocerla al elegirla en un curso; no se imprime."),
    )
    default_for = models.CharField(
        _("plantilla por defecto de"),
        max_length=20,
        choices=LearningPlatform.choices,
        blank=True,
        help_text=_(
            "Los cursos de esa plataforma sin plantilla propia usan esta. "
            "Cada plataforma tiene a lo más una."
        ),
    )
    title = models.CharField(
        _("título"), max_length=120, default="Certificado de aprobación"
    )
    intro = models.CharField(
        _("texto antes del nombre"),
        max_length=200,
        blank=True,
        default="Se otorga el presente certificado a",
    )
    body = models.TextField(
        _("texto"),
        default=DEFAULT_BODY,
        help_text=_("Puede usar %(placeholders)s.")
        % {"placeholders": placeholder_help()},
    )
    signatory_name = models.CharField(_("nombre de quien firma"), max_length=120)
    signatory_role = models.CharField(_("cargo de quien firma"), max_length=200)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen de la firma"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PNG con fondo transparente o blanco."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Si no elige uno, se usa el logo de Gestiona Energía."),
    )
    accent_colour = models.CharField(
        _("color principal"), max_length=7, default="#1d6b38", validators=[COLOUR]
    )
    background_colour = models.CharField(
        _("color de fondo"), max_length=7, default="#ffffff", validators=[COLOUR]
    )
    border = models.CharField(
        _("borde"), max_length=10, choices=Border.choices, default=Border.DOUBLE
    )
    updated_at = models.DateTimeField(_("modificada"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="+")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("default_for")], heading=_("Uso")
        ),
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("intro"), FieldPanel("body")],
            heading=_("Texto"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("signatory_name"), FieldPanel("signatory_role")]
                ),
                FieldPanel("signature"),
            ],
            heading=_("Firma"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldRowPanel(
                    [FieldPanel("accent_colour"), FieldPanel("background_colour")]
                ),
                FieldPanel("border"),
            ],
            heading=_("Diseño"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("plantilla de certificado")
        verbose_name_plural = _("plantillas de certificado")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_for"],
                condition=~Q(default_for=""),
                name="certificates_one_default_per_platform",
            ),
            models.CheckConstraint(
                condition=Q(accent_colour__regex=r"^#[0-9a-fA-F]{6}$")
                & Q(background_colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="certificates_template_colours_hex",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        unknown = sorted(set(PLACEHOLDER.findall(self.body)) - set(PLACEHOLDERS))
        if unknown:
            raise ValidationError(
                {
                    "body": _(
                        "No existe el marcador %(unknown)s. Use solo %(allowed)s."
                    )
                    % {
                        "unknown": ", ".join(f"{{{n}}}" for n in unknown),
                        "allowed": placeholder_help(),
                    }
                }
            )
        if (
            self.default_for
            and CertificateTemplate.objects.filter(default_for=self.default_for)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "default_for": _(
                        "Otra plantilla ya es la plantilla por defecto de esta "
                        "plataforma; quítele esa opción primero."
                    )
                }
            )

    def freeze(self) -> dict:
        """What a certificate keeps of this template when it is issued."""
        return {
            "template_id": self.pk,
            "title": self.title,
            "intro": self.intro,
            "body": self.body,
            "signatory_name": self.signatory_name,
            "signatory_role": self.signatory_role,
            "signature": self.signature.file.name if self.signature_id else "",
            "logo": self.logo.file.name if self.logo_id else "",
            "accent": self.accent_colour,
            "background": self.background_colour,
            "border": self.border,
        }


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` markers with values; anything else is left as typed."""
    return PLACEHOLDER.sub(
        lambda m: values.get(m.group(1), m.group(0)),
        text,
    )
