"""Public pages of the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The portal's home: what Gestiona Energía is and the way into each platform."""

    intro = RichTextField(_("introducción"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("página de inicio")


class StandardPage(Page):
    """A content page (Ley 21.305, ¿Qué es?, …)."""

    intro = models.TextField(_("bajada"), blank=True)
    body = RichTextField(_("cuerpo"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("página de contenido")
