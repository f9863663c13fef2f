"""Demo site: home, Ley 21.305, ¿Qué es?, Biblioteca with three guides, Preguntas
Frecuentes, Resultados 2017–2022 and news. Idempotent: a second run changes nothing,
and a page is republished only when its demo text changed."""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.models import Page, Site

from certificates.pdf import render_template_pdf

from . import demo_content as content
from .models import (
    DocumentCategory,
    DocumentSettings,
    FAQItem,
    FAQPage,
    FAQTopic,
    HomePage,
    LibraryDocument,
    LibraryItem,
    LibraryPage,
    NewsIndexPage,
    NewsPage,
    ResultsPage,
    ResultsYear,
    StandardPage,
)

HOME_INTRO = content.HOME_INTRO
SITE_NAME = "Gestiona Energía – Sector Público"


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _site_address() -> tuple[str, int]:
    parts = urlsplit(settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def ensure_home() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and welcome.specific_class is Page:
            welcome.delete()
        home = HomePage(title="Inicio", slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = _site_address()
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = SITE_NAME
        # Wagtail's own default is localhost:80; absolute URLs (sitemap) need ours.
        if (site.hostname, site.port) == ("localhost", 80):
            site.hostname, site.port = _site_address()
        site.save()
    return home


def _stream_signature(stream) -> list:
    return [(b["type"], b["value"]) for b in stream.get_prep_value()]


def _sync(page: Page, **fields) -> Page:
    """Set ``fields`` on ``page`` and publish, unless it holds them or an editor changed it."""
    revision = page.latest_revision
    if revision is not None and revision.user_id is not None:
        return page
    changed = False
    for name, value in fields.items():
        current = getattr(page, name)
        if hasattr(current, "get_prep_value"):
            before = _stream_signature(current)
            setattr(page, name, value)
            changed |= before != _stream_signature(getattr(page, name))
        elif current != value:
            setattr(page, name, value)
            changed = True
    if changed or not page.live:
        _publish(page)
    return page


def _child(parent: Page, model, slug: str, **defaults):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **defaults)
        parent.add_child(instance=page)
        _publish(page)
    return page


def ensure_page(
    parent: Page,
    *,
    slug: str,
    title: str,
    intro: str,
    body: list,
    show_in_menus: bool = True,
) -> StandardPage:
    page = _child(
        parent,
        StandardPage,
        slug,
        title=title,
        intro=intro,
        body=body,
        show_in_menus=show_in_menus,
    )
    return _sync(page, title=title, intro=intro, body=body)


@functools.cache
def guide_pdf(slug: str) -> bytes:
    """The demo guide rendered as PDF (cached: tests load the demo many times)."""
    guide = next(g for g in content.GUIDES if g["slug"] == slug)
    return render_template_pdf("cms/pdf/guide.html", guide)


def ensure_guides() -> list[LibraryDocument]:
    collection = DocumentSettings.load().public_collection
    documents = []
    for guide in content.GUIDES:
        document = LibraryDocument.objects.filter(title=guide["title"]).first()
        if document is None:
            document = LibraryDocument(
                title=guide["title"],
                category=DocumentCategory.objects.get(slug=guide["category"]),
                description=guide["description"],
                published_on=guide["published_on"],
            )
            if collection is not None:
                document.collection = collection
            document.file.save(
                f"{guide['slug']}.pdf",
                ContentFile(guide_pdf(guide["slug"])),
                save=False,
            )
            document._set_document_file_metadata()
            document.save()
        documents.append(document)
    return documents


def ensure_library(home: HomePage) -> LibraryPage:
    page = _child(
        home,
        LibraryPage,
        "biblioteca",
        title="Biblioteca",
        intro=content.LIBRARY_INTRO,
        show_in_menus=True,
    )
    documents = ensure_guides()
    listed = set(page.library_items.values_list("document_id", flat=True))
    if not {d.pk for d in documents} <= listed:
        page.library_items = [
            *page.library_items.all(),
            *(LibraryItem(document=d) for d in documents if d.pk not in listed),
        ]
        _publish(page)
    return page


def ensure_faq(home: HomePage) -> FAQPage:
    page = _child(
        home,
        FAQPage,
        "preguntas-frecuentes",
        title="Preguntas Frecuentes",
        intro=content.FAQ_INTRO,
        show_in_menus=True,
    )
    topics = {}
    for order, (slug, name) in enumerate(content.FAQ_TOPICS):
        topics[slug], _ = FAQTopic.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
    wanted = [
        (topic, question, answer) for topic, question, answer in content.FAQ_ITEMS
    ]
    current = [
        (item.topic.slug, item.question, item.answer)
        for item in page.faq_items.select_related("topic").order_by("sort_order")
    ]
    if current != wanted:
        page.faq_items = [
            FAQItem(topic=topics[topic], question=question, answer=answer, sort_order=i)
            for i, (topic, question, answer) in enumerate(wanted)
        ]
        _publish(page)
    return page


def ensure_results(home: HomePage) -> ResultsPage:
    page = _child(
        home,
        ResultsPage,
        "resultados",
        title="Resultados",
        intro=content.RESULTS_INTRO,
        show_in_menus=True,
    )
    for year, figures in content.RESULTS.items():
        if ResultsYear.objects.filter(year=year).exists():
            continue
        results = ResultsYear(
            year=year, summary=content.results_summary(year, figures), **figures
        )
        results.full_clean()
        results.save()
        results.save_revision().publish()
    return page


def ensure_news(home: HomePage) -> NewsIndexPage:
    index = _child(
        home,
        NewsIndexPage,
        "noticias",
        title="Noticias",
        intro=content.NEWS_INTRO,
        show_in_menus=False,
    )
    for item in content.NEWS:
        _child(
            index,
            NewsPage,
            item["slug"],
            title=item["title"],
            date=item["date"],
            intro=item["intro"],
            body=item["body"],
        )
    return index


def load() -> list[str]:
    home = ensure_home()
    ensure_page(
        home,
        slug="ley-21305",
        title="Ley 21.305",
        intro=content.LEY_INTRO,
        body=content.LEY_BODY,
    )
    que_es = ensure_page(
        home,
        slug="que-es",
        title="¿Qué es?",
        intro=content.QUE_ES_INTRO,
        body=content.QUE_ES_BODY,
    )
    ensure_page(
        que_es,
        slug="sistema-estado-verde",
        title="Sistema Estado Verde",
        intro=content.ESTADO_VERDE_INTRO,
        body=content.ESTADO_VERDE_BODY,
        show_in_menus=False,
    )
    ensure_library(home)
    ensure_faq(home)
    ensure_results(home)
    ensure_news(home)
    return [
        "Sitio público: http://127.0.0.1:8000/ (Biblioteca, Preguntas Frecuentes, "
        "Resultados). Editores: /admin/ con editor@… (envía a revisión) y "
        "publicador@… (aprueba y publica)."
    ]
