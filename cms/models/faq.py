"""Preguntas Frecuentes: topics are snippets; questions are items of the FAQ page, so
that they go through the same moderation as the page."""

from modelcluster.fields import ParentalKey

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
ANCHOR_MAX_LENGTH = 80


def anchor_for(question: str) -> str:
    """The default anchor of a question: its words, lower-case, without accents."""
    return slugify(question)[:ANCHOR_MAX_LENGTH].strip("-") or "pregunta"


class FAQTopic(models.Model):
    """A group of questions on the FAQ page (e.g. «Cuentas y acceso»)."""

    name = models.CharField(_("nombre"), max_length=120, unique=True)
    slug = models.SlugField(
        _("identificador"),
        max_length=80,
        unique=True,
        help_text=_("Ancla del tema en la página, por ejemplo «cuentas-y-acceso»."),
    )
    sort_order = models.PositiveSmallIntegerField(_("orden"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("tema de preguntas frecuentes")
        verbose_name_plural = _("temas de preguntas frecuentes")

    def __str__(self):
        return self.name


class FAQItem(Orderable):
    """One question and its answer, with an anchor of its own."""

    page = ParentalKey(
        "cms.FAQPage", on_delete=models.CASCADE, related_name="faq_items"
    )
    topic = models.ForeignKey(
        FAQTopic,
        verbose_name=_("tema"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    question = models.CharField(_("pregunta"), max_length=255)
    answer = RichTextField(_("respuesta"), features=ANSWER_FEATURES)
    anchor = models.SlugField(
        _("ancla"),
        max_length=ANCHOR_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Parte final del enlace a esta pregunta (#…). Si se deja vacía se forma "
            "con la pregunta; cámbiela solo si sabe que nadie enlaza la anterior."
        ),
    )

    panels = [
        FieldPanel("topic"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("anchor"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("pregunta frecuente")
        verbose_name_plural = _("preguntas frecuentes")

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = anchor_for(self.question)
        super().save(*args, **kwargs)
