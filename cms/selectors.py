"""Reads of the public site: home highlights, library, FAQ, results and site search.

``faq_suggestions`` is also what the help desk calls to suggest answers before a
ticket is opened.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from lms.core.charts import Series, bar_chart, data_table

from .models import (
    FAQItem,
    FAQPage,
    LibraryDocument,
    LibraryPage,
    NewsIndexPage,
    NewsPage,
    ResultsPage,
    ResultsYear,
)

HOME_NEWS = 3
HOME_DOCUMENTS = 3
SUGGESTION_ANSWER_LENGTH = 300

# Words that say nothing about a question's subject (compared without accents).
_STOPWORD_TEXT = """
    a al algo algun alguna algunas alguno algunos ante antes aqui asi aun cada como con
    contra cual cuales cuando de del desde donde dos e el ella ellas ellos en entre era
    es esa esas ese eso esos esta estan estar estas este esto estos fue ha hay la las le
    les lo los mas me mi mis muy no nos o os otra otras otro otros para pero poco por
    porque que quien se segun ser si sin sobre su sus tambien tan te tengo tiene tienen
    ti toda todas todo todos tu tus un una unas uno unos ya yo hola gracias favor buenas
    buenos dias tardes saludos necesito quiero puedo debo hacer hace cuanto cuanta
    estimado estimada estimados consulta ayuda problema
    """
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Lower-case text without accents, for comparisons that ignore them."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def _stem(word: str) -> str:
    """A light Spanish stem: plurals and a few endings, so «boletas» meets «boleta»."""
    for ending in ("ciones", "cion", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _plain(rich_text: str) -> str:
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


# --- Preguntas Frecuentes -------------------------------------------------------------


@dataclass(frozen=True)
class FAQSuggestion:
    """A FAQ answer suggested for some text (plain text, ready to show or e-mail)."""

    question: str
    answer: str
    url: str


def _public_faq_items() -> QuerySet[FAQItem]:
    pages = FAQPage.objects.live().public()
    return (
        FAQItem.objects.filter(page__in=pages)
        .select_related("topic", "page")
        .order_by("topic__sort_order", "topic__name", "page_id", "sort_order", "pk")
    )


def faq_suggestions(text: str, *, limit: int = 5) -> list[FAQSuggestion]:
    """The published FAQ entries that best match ``text`` (a ticket's subject or message).

    Words are compared without accents or case and with a light stemming; a word
    found in the question counts more than one found in the topic or the answer.
    ``url`` is site-relative (``/preguntas-frecuentes/#anchor``); prefix
    ``settings.SITE_URL`` to use it in an e-mail. Returns at most ``limit`` entries,
    best first, and none when nothing matches.
    """
    terms = {_stem(w) for w in _words(text) if len(w) >= 3 and w not in _STOPWORDS}
    if not terms or limit <= 0:
        return []
    scored = []
    for position, item in enumerate(_public_faq_items()):
        question = {_stem(w) for w in _words(item.question)}
        topic = {_stem(w) for w in _words(item.topic.name)}
        answer = {_stem(w) for w in _words(_plain(item.answer))}
        score = (
            3 * len(terms & question)
            + 2 * len(terms & (topic - question))
            + len(terms & (answer - question - topic))
        )
        # One word met only in an answer is too weak a sign to suggest it.
        if score >= 2:
            scored.append((-score, position, item))
    scored.sort(key=lambda entry: entry[:2])
    return [
        FAQSuggestion(
            question=item.question,
            answer=Truncator(_plain(item.answer)).chars(SUGGESTION_ANSWER_LENGTH),
            url=f"{item.page.url}#{item.anchor}",
        )
        for _score, _position, item in scored[:limit]
    ]


def faq_topics(*, page: FAQPage, query: str = "") -> list[tuple]:
    """The page's questions grouped by topic, keeping those that contain every word of ``query``."""
    items = (
        page.faq_items.select_related("topic")
        .order_by("topic__sort_order", "topic__name", "sort_order", "pk")
        .all()
    )
    query = query.strip()
    terms = _words(query)
    groups: dict[int, tuple] = {}
    for item in items:
        if query:
            haystack = normalize(
                f"{item.question} {item.topic.name} {_plain(item.answer)}"
            )
            if not terms or not all(term in haystack for term in terms):
                continue
        groups.setdefault(item.topic_id, (item.topic, []))[1].append(item)
    return list(groups.values())


# --- Biblioteca ----------------------------------------------------------------------


def search_terms(query: str) -> str:
    """The words of a visitor's query, without the punctuation search backends parse."""
    return " ".join(_WORD.findall(query or ""))


def _search_ids(queryset, query: str) -> list[int]:
    terms = search_terms(query)
    if not terms:
        return []
    return [obj.pk for obj in queryset.search(terms, operator="and")]


def library_documents(
    *, page: LibraryPage, query: str = "", category=None, order: str = "recientes"
) -> QuerySet[LibraryDocument]:
    """The public documents listed on the library page, filtered, newest first by default."""
    documents = (
        LibraryDocument.objects.public()
        .filter(library_items__page=page)
        .select_related("category")
        .distinct()
    )
    if category is not None:
        documents = documents.filter(category=category)
    query = query.strip()
    if query:
        documents = documents.filter(
            pk__in=_search_ids(LibraryDocument.objects.all(), query)
        )
    if order == "titulo":
        return documents.order_by("title", "pk")
    return documents.order_by("-published_on", "-pk")


# --- Resultados ----------------------------------------------------------------------

FIGURE_LABELS = {
    "services_pmg": _("Servicios con indicador PMG"),
    "services_voluntary": _("Servicios voluntarios"),
    "buildings_registered": _("Edificios registrados"),
    "gestores": _("Gestores energéticos"),
    "buildings_with_consumption": _("Edificios con datos de consumo"),
    "buildings_electricity_only": _("Solo electricidad"),
    "buildings_mixed": _("Electricidad y combustibles"),
}


def _published_years() -> list[ResultsYear]:
    return list(ResultsYear.objects.filter(live=True).order_by("year"))


def _services_chart(years: list[ResultsYear]) -> dict:
    labels = [str(y.year) for y in years]
    series = [
        Series(str(FIGURE_LABELS["services_pmg"]), [y.services_pmg for y in years]),
        Series(
            str(FIGURE_LABELS["services_voluntary"]),
            [y.services_voluntary for y in years],
        ),
    ]
    title = _("Servicios participantes por año")
    return {
        "title": title,
        "svg": bar_chart(labels, series, title=title, unit=_("servicios")),
        "table": data_table(labels, series, caption=title, unit=_("servicios")),
        "series": series,
    }


def _buildings_chart(years: list[ResultsYear]) -> dict | None:
    with_data = [y for y in years if y.buildings_with_consumption is not None]
    if not with_data:
        return None
    labels = [str(y.year) for y in with_data]
    # Short names: the chart's legend runs on one line.
    names = {
        "buildings_registered": _("Registrados"),
        "buildings_with_consumption": _("Con datos de consumo"),
        "buildings_electricity_only": _("Solo electricidad"),
        "buildings_mixed": _("Mixtos"),
    }
    series = [
        Series(str(label), [getattr(y, n) for y in with_data])
        for n, label in names.items()
    ]
    title = _("Edificios registrados y con datos de consumo")
    return {
        "title": title,
        "svg": bar_chart(labels, series, title=title, unit=_("edificios")),
        "table": data_table(labels, series, caption=title, unit=_("edificios")),
        "series": series,
    }


FIGURE_GROUPS = (
    (_("Servicios y gestores"), ("services_pmg", "services_voluntary", "gestores")),
    (
        _("Edificios"),
        (
            "buildings_registered",
            "buildings_with_consumption",
            "buildings_electricity_only",
            "buildings_mixed",
        ),
    ),
)


def _figure_groups(year: ResultsYear) -> list[dict]:
    """The year's known figures as labelled cards, in two groups."""
    groups = []
    for title, names in FIGURE_GROUPS:
        cards = [
            {"name": name, "label": FIGURE_LABELS[name], "value": getattr(year, name)}
            for name in names
            if getattr(year, name) is not None
        ]
        if cards:
            groups.append({"title": title, "cards": cards})
    return groups


def results_overview(*, selected: str | None = None) -> dict:
    """Every published year, the one chosen (the latest by default) and the history charts."""
    years = _published_years()
    by_label = {str(y.year): y for y in years}
    current = by_label.get(selected or "") or (years[-1] if years else None)
    services = _services_chart(years) if years else None
    buildings = _buildings_chart(years)
    # One row per figure and one column per year: it reads like the original's tables.
    year_columns = [
        Series(str(y.year), [getattr(y, name) for name in FIGURE_LABELS]) for y in years
    ]
    return {
        "years": years,
        "current_year": current,
        "figure_groups": _figure_groups(current) if current else [],
        "services_chart": services,
        "buildings_chart": buildings,
        "history_table": data_table(
            [str(label) for label in FIGURE_LABELS.values()],
            year_columns,
            caption=_("Cifras publicadas por año"),
        )
        if years
        else "",
    }


# --- Inicio --------------------------------------------------------------------------


def home_highlights() -> dict:
    """What the home page shows besides its text: news, results and new documents."""
    news = list(NewsPage.objects.live().public().order_by("-date", "-pk")[:HOME_NEWS])
    years = _published_years()
    library = LibraryPage.objects.live().public().first()
    documents = (
        list(library_documents(page=library)[:HOME_DOCUMENTS]) if library else []
    )
    latest = years[-1] if years else None
    return {
        "latest_news": news,
        "news_index": NewsIndexPage.objects.live().public().first() if news else None,
        "latest_results": latest,
        "results_groups": _figure_groups(latest) if latest else [],
        "results_chart": _services_chart(years) if years else None,
        "results_page": ResultsPage.objects.live().public().first() if years else None,
        "library_page": library,
        "latest_documents": documents,
    }


# --- Búsqueda del sitio --------------------------------------------------------------


def search_site(query: str):
    """Live public pages and public library documents that match ``query``."""
    query = query.strip()
    terms = search_terms(query)
    if not terms:
        return Page.objects.none(), []
    pages = Page.objects.live().public().specific().search(terms, operator="and")
    listed = LibraryDocument.objects.public().filter(library_items__page__live=True)
    documents = list(
        listed.filter(pk__in=_search_ids(LibraryDocument.objects.all(), query))
        .select_related("category")
        .distinct()
        .order_by("-published_on", "-pk")[:20]
    )
    return pages, documents
