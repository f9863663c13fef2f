"""Authorization rules of the public site: its named URLs and its Wagtail pages."""

from tests.security.matrix import ACTORS, WORLD_BUILDERS, Rule, everyone

PUBLIC_PAGES = ("library", "faq", "results", "news_index", "news")


def cms_world(world) -> None:
    """The public sections under the home page, a published and a draft document."""
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from cms.demo import ensure_home
    from cms.models import (
        DocumentSettings,
        FAQPage,
        LibraryPage,
        NewsIndexPage,
        NewsPage,
        ResultsPage,
    )

    home = ensure_home()
    world.objects["home"] = home
    for key, page in (
        ("library", LibraryPage(title="Biblioteca", slug="biblioteca")),
        ("faq", FAQPage(title="Preguntas Frecuentes", slug="preguntas-frecuentes")),
        ("results", ResultsPage(title="Resultados", slug="resultados")),
        ("news_index", NewsIndexPage(title="Noticias", slug="noticias")),
    ):
        existing = type(page).objects.child_of(home).first()
        world.objects[key] = existing or home.add_child(instance=page)
    world.objects["news"] = world.objects["news_index"].add_child(
        instance=NewsPage(title="Aviso", slug="aviso-matriz", intro="Un aviso.")
    )
    collections = DocumentSettings.load()
    document = get_document_model()
    world.objects["public_document"] = document.objects.create(
        title="Guía pública",
        file=ContentFile(b"%PDF-1.4 publica", "guia.pdf"),
        collection=collections.public_collection,
    )
    world.objects["draft_document"] = document.objects.create(
        title="Guía en borrador",
        file=ContentFile(b"%PDF-1.4 borrador", "borrador.pdf"),
        collection=collections.draft_collection,
    )


WORLD_BUILDERS.append(cms_world)


def _document(key):
    def kwargs(world):
        return {"document_id": world.objects[key].pk}

    return kwargs


# Draft documents (private collection) reach only the administrator and the editors.
DRAFT_READERS = ("administrador", "editor", "publicador")
CMS_RULES: dict[str, dict[str, Rule]] = {
    "cms:search": {"": Rule(everyone(200))},
    "cms:robots": {"": Rule(everyone(200))},
    "cms:document-download": {
        "public": Rule(everyone(200), _document("public_document")),
        "draft": Rule(
            {a: 200 if a in DRAFT_READERS else 302 for a in ACTORS},
            _document("draft_document"),
        ),
    },
}
CMS_PAGE_RULES: dict[str, Rule] = {
    f"public: {key}": Rule(everyone(200), path=lambda w, k=key: w.objects[k].url)
    for key in ("home", *PUBLIC_PAGES)
}
