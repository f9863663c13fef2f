"""Page types of the public site and the rules for where each may live."""

from modelcluster.fields import ParentalKey

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.admin_forms import FAQPageForm, LibraryPageForm
from cms.blocks import ContentStreamBlock

NEWS_PER_PAGE = 10


class PublicPageMixin:
    """What every public page offers its template: a description for meta tags."""

    og_type = "website"

    def serve(self, request, *args, **kwargs):
        from cms.cache import serve_cached

        return serve_cached(
            self,
            request,
            lambda: super(PublicPageMixin, self).serve(request, *args, **kwargs),
        )

    def meta_description(self) -> str:
        text = self.search_description or getattr(self, "intro", "") or ""
        return Truncator(strip_tags(str(text)).strip()).chars(200)


class HomePage(PublicPageMixin, Page):
    """The portal's home: what Gestiona Energía is, the platforms, news and results."""

    intro = RichTextField(
        _("introducción"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.LibraryPage",
        "cms.FAQPage",
        "cms.ResultsPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("página de inicio")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_highlights

        context = super().get_context(request, *args, **kwargs)
        context.update(home_highlights())
        return context


class StandardPage(PublicPageMixin, Page):
    """A content page (Ley 21.305, ¿Qué es?, …) built from StreamField blocks."""

    intro = models.TextField(_("bajada"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("página de contenido")


class NewsIndexPage(PublicPageMixin, Page):
    """Noticias y avisos: the list of news pages, newest first."""

    intro = models.TextField(_("bajada"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("índice de noticias")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news_page"] = Paginator(news, NEWS_PER_PAGE).get_page(
            request.GET.get("pagina")
        )
        return context


class NewsPage(PublicPageMixin, Page):
    """A news item or notice."""

    date = models.DateField(_("fecha"), default=timezone.localdate)
    intro = models.TextField(
        _("resumen"), help_text=_("Una o dos frases; se muestra en la portada.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    og_type = "article"

    class Meta:
        verbose_name = _("noticia")
        verbose_name_plural = _("noticias")


class LibraryPage(PublicPageMixin, Page):
    """The Biblioteca: the documents listed here, filterable by category and searchable."""

    intro = models.TextField(_("bajada"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "library_items",
            label=_("Documento"),
            heading=_("Documentos de la biblioteca"),
            help_text=_(
                "Suba el documento en Documentos (queda en la colección privada de "
                "borradores), agréguelo aquí y envíe la página a revisión. Al "
                "aprobarse, el documento pasa a la colección pública."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "library_items",
            [index.RelatedFields("document", [index.SearchField("title")])],
        ),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    base_form_class = LibraryPageForm

    class Meta:
        verbose_name = _("biblioteca")

    def get_context(self, request, *args, **kwargs):
        from cms.forms import LibraryFilterForm
        from cms.selectors import library_documents

        context = super().get_context(request, *args, **kwargs)
        form = LibraryFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        documents = library_documents(
            page=self,
            query=filters.get("q") or "",
            category=filters.get("categoria"),
            order=filters.get("orden") or "recientes",
        )
        context["filter_form"] = form
        context["documents_page"] = Paginator(documents, 10).get_page(
            request.GET.get("pagina")
        )
        context["filtered"] = bool(filters.get("q") or filters.get("categoria"))
        return context


class LibraryItem(Orderable):
    """A document listed in the Biblioteca."""

    page = ParentalKey(
        LibraryPage, on_delete=models.CASCADE, related_name="library_items"
    )
    document = models.ForeignKey(
        "cms.LibraryDocument",
        verbose_name=_("documento"),
        on_delete=models.CASCADE,
        related_name="library_items",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("documento de la biblioteca")
        verbose_name_plural = _("documentos de la biblioteca")


class FAQPage(PublicPageMixin, Page):
    """Preguntas Frecuentes grouped by topic, each with its own anchor; searchable."""

    intro = models.TextField(_("bajada"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("faq_items", label=_("Pregunta"), heading=_("Preguntas")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "faq_items", [index.SearchField("question"), index.SearchField("answer")]
        ),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    base_form_class = FAQPageForm

    class Meta:
        verbose_name = _("preguntas frecuentes")

    def get_context(self, request, *args, **kwargs):
        from cms.forms import FAQSearchForm
        from cms.selectors import faq_topics

        context = super().get_context(request, *args, **kwargs)
        form = FAQSearchForm(request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        topics = faq_topics(page=self, query=query)
        context.update(
            search_form=form,
            query=query,
            topics=topics,
            match_count=sum(len(items) for _topic, items in topics),
        )
        return context


class ResultsPage(PublicPageMixin, Page):
    """Resultados: the published figures of each year and their history."""

    intro = models.TextField(_("bajada"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("resultados")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import results_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(results_overview(selected=request.GET.get("anio")))
        return context
