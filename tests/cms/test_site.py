"""The site as a visitor meets it: home, menu, breadcrumbs, search, sitemap, robots,
error pages, share metadata, and query counts that do not grow with content."""

import datetime

from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from cms import demo
from cms.models import LibraryItem, LibraryPage, NewsIndexPage, NewsPage
from tests.cms.helpers import make_document


def query_count(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(queries)


class DemoSiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()


class HomeTests(DemoSiteTestCase):
    def test_home_shows_platforms_results_news_and_documents(self):
        response = self.client.get("/")
        for text in (
            "Plataforma de Gestión",
            "Plataforma de Capacitación",
            "Plataforma Flota Pública Vehicular",
            "Plataforma de Concientización",
            'href="/gestion/ingresar/"',
            'href="/flota/ingresar/"',
            "Resultados 2022",
            "3.758",
            "Curso de concientización abierto a todos los colaboradores",
            "Guía explicativa para cumplimiento Sistema Estado Verde",
        ):
            with self.subTest(text=text):
                self.assertContains(response, text)

    @override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)  # count the rendering, not a hit
    def test_home_query_count_does_not_grow_with_news_and_documents(self):
        self.client.get("/")  # warm the site-root cache
        before = query_count(self.client, "/")
        news_index = NewsIndexPage.objects.get()
        for day in range(1, 8):
            news = NewsPage(
                title=f"Aviso {day}",
                slug=f"aviso-{day}",
                date=datetime.date(2024, 1, day),
                intro="Un aviso.",
            )
            news_index.add_child(instance=news)
            news.save_revision().publish()
        library = LibraryPage.objects.get()
        library.library_items = [
            *library.library_items.all(),
            *(LibraryItem(document=make_document(f"Guía {i}")) for i in range(8)),
        ]
        library.save_revision().publish()
        self.client.get("/")
        after = query_count(self.client, "/")
        self.assertEqual(before, after)
        self.assertContains(self.client.get("/"), "Aviso 7")

    @override_settings(PUBLIC_PAGE_CACHE_SECONDS=0)
    def test_library_and_news_query_counts_do_not_grow_with_rows(self):
        library = LibraryPage.objects.get()
        self.client.get(library.url)
        before = query_count(self.client, library.url, q="guia")
        library.library_items = [
            *library.library_items.all(),
            *(LibraryItem(document=make_document(f"Guía extra {i}")) for i in range(6)),
        ]
        library.save_revision().publish()
        self.assertEqual(before, query_count(self.client, library.url, q="guia"))
        news_index = NewsIndexPage.objects.get()
        before = query_count(self.client, news_index.url)
        for day in range(1, 5):
            news = NewsPage(title=f"N{day}", slug=f"n{day}", intro="x")
            news_index.add_child(instance=news)
            news.save_revision().publish()
        self.assertEqual(before, query_count(self.client, news_index.url))


class NavigationTests(DemoSiteTestCase):
    def menu(self, response) -> list[str]:
        return [item["title"] for item in response.context["items"]]

    def test_menu_follows_the_page_tree(self):
        from django.urls import NoReverseMatch, reverse

        response = self.client.get("/")
        expected = [
            "Inicio",
            "Ley 21.305",
            "¿Qué es?",
            "Biblioteca",
            "Preguntas Frecuentes",
            "Resultados",
        ]
        try:
            reverse("helpdesk:open")
            expected.append("Contacto")
        except NoReverseMatch:
            pass
        self.assertEqual(self.menu(response), expected)
        self.assertNotContains(response, '<a href="/noticias/">Noticias</a></li>')

    @override_settings(ROOT_URLCONF="tests.cms.urls_with_contact")
    def test_menu_ends_with_contacto_once_the_help_desk_exists(self):
        response = self.client.get("/")
        self.assertEqual(self.menu(response)[-1], "Contacto")
        self.assertContains(response, 'href="/contacto-prueba/"')

    def test_breadcrumbs_and_current_item(self):
        response = self.client.get("/que-es/sistema-estado-verde/")
        self.assertContains(
            response,
            '<li><a href="/">Inicio</a></li><li><a href="/que-es/">¿Qué es?</a></li>',
            html=False,
        )
        self.assertContains(
            response, '<span aria-current="page">Sistema Estado Verde</span>'
        )
        self.assertContains(
            response, '<a href="/que-es/" aria-current="page">¿Qué es?</a>'
        )

    def test_share_metadata(self):
        response = self.client.get("/ley-21305/")
        self.assertContains(response, '<meta property="og:title" content="Ley 21.305">')
        self.assertContains(
            response, '<meta property="og:url" content="http://testserver/ley-21305/">'
        )
        self.assertContains(
            response, 'content="http://testserver/static/img/og-default.png"'
        )
        self.assertContains(
            response, '<meta property="og:description" content="La Ley N° 21.305'
        )
        response = self.client.get("/noticias/resultados-2022/")
        self.assertContains(response, '<meta property="og:type" content="article">')


class SearchTests(DemoSiteTestCase):
    def test_search_finds_pages_without_minding_accents(self):
        response = self.client.get("/buscar/", {"q": "energia"})
        titles = [page.title for page in response.context["results"]]
        self.assertIn("Ley 21.305", titles)
        response = self.client.get("/buscar/", {"q": "ESTADO VERDE etapas"})
        titles = [page.title for page in response.context["results"]]
        self.assertIn("Sistema Estado Verde", titles)

    def test_search_lists_library_documents(self):
        response = self.client.get("/buscar/", {"q": "actualización unidades"})
        self.assertContains(response, "Documentos de la Biblioteca")
        self.assertContains(
            response, "Guía explicativa para la actualización de unidades"
        )

    def test_empty_and_odd_queries(self):
        response = self.client.get("/buscar/")
        self.assertContains(response, "Buscar en el sitio")
        self.assertNotContains(response, 'role="status"')
        response = self.client.get("/buscar/", {"q": '"<script>%'})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "No encontramos páginas ni documentos")
        self.assertNotContains(response, "<script>%")

    def test_postgresql_search_ignores_accents_through_its_configuration(self):
        from django.conf import settings

        if connection.vendor != "postgresql":
            self.skipTest("SQLite's FTS5 tokenizer drops accents by itself")
        backend = settings.WAGTAILSEARCH_BACKENDS["default"]
        self.assertEqual(backend["SEARCH_CONFIG"], "cms_spanish_unaccent")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT to_tsvector('cms_spanish_unaccent', 'Energía') "
                "= to_tsvector('cms_spanish_unaccent', 'energia')"
            )
            self.assertTrue(cursor.fetchone()[0])

    def test_search_is_not_indexed(self):
        self.assertContains(
            self.client.get("/buscar/?q=ley"), 'name="robots" content="noindex"'
        )


class BasicsTests(DemoSiteTestCase):
    def test_sitemap_lists_the_public_pages(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        for path in (
            "/ley-21305/",
            "/biblioteca/",
            "/preguntas-frecuentes/",
            "/resultados/",
        ):
            self.assertIn(path, content)

    def test_robots_txt_points_to_the_sitemap_and_keeps_platforms_out(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        text = response.content.decode()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", text)
        self.assertIn("Disallow: /admin/", text)
        self.assertIn("Disallow: /gestion/", text)

    def test_unknown_urls_get_the_styled_404(self):
        response = self.client.get("/no-existe/nada/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Página no encontrada", status_code=404)
        self.assertContains(response, 'aria-label="Menú principal"', status_code=404)
        self.assertContains(response, 'action="/buscar/"', status_code=404)

    def test_the_500_page_renders_without_a_database(self):
        request = RequestFactory().get("/")
        with self.assertNumQueries(0):
            response = server_error(request)
        self.assertEqual(response.status_code, 500)
        self.assertIn("Tuvimos un problema", response.content.decode())
