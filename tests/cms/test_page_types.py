"""Where each page type may live, that each one renders, and that each is searchable."""

from django.test import TestCase

from wagtail.models import Page
from wagtail.search import index
from wagtail.test.utils import WagtailPageTestCase

from cms import demo
from cms.models import (
    FAQPage,
    HomePage,
    LibraryPage,
    NewsIndexPage,
    NewsPage,
    ResultsPage,
    StandardPage,
)

PAGE_TYPES = [
    HomePage,
    StandardPage,
    NewsIndexPage,
    NewsPage,
    LibraryPage,
    FAQPage,
    ResultsPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = demo.ensure_home()

    def test_home_lives_at_the_root_only_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        # One home already exists: the admin offers no second one.
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_home_takes_the_sections_of_the_site(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, NewsIndexPage, LibraryPage, FAQPage, ResultsPage},
        )
        for page_type in (StandardPage, NewsIndexPage, LibraryPage, FAQPage):
            self.assertCanCreateAt(HomePage, page_type)

    def test_content_pages_nest_but_hold_nothing_else(self):
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(StandardPage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, LibraryPage)

    def test_news_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_sections_are_leaves_under_home_and_unique(self):
        for page_type in (LibraryPage, FAQPage, ResultsPage, NewsIndexPage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})
            self.assertEqual(page_type.max_count, 1)
        for page_type in (LibraryPage, FAQPage, ResultsPage):
            self.assertAllowedSubpageTypes(page_type, set())

    def test_a_second_library_is_refused_once_one_exists(self):
        self.assertTrue(LibraryPage.can_create_at(self.home))
        self.home.add_child(instance=LibraryPage(title="Biblioteca", slug="biblioteca"))
        self.assertFalse(LibraryPage.can_create_at(self.home))
        self.assertTrue(FAQPage.can_create_at(self.home))


class SearchFieldsTests(TestCase):
    def test_every_page_type_indexes_its_own_text(self):
        for page_type in PAGE_TYPES:
            names = {
                field.field_name
                for field in page_type.get_search_fields()
                if isinstance(field, index.SearchField | index.RelatedFields)
            }
            own = names - {"title"}
            with self.subTest(page_type=page_type.__name__):
                self.assertIn("title", names)
                self.assertTrue(own, f"{page_type.__name__} indexes only its title")


class EveryPageTypeRendersTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()

    def test_each_page_type_of_the_demo_renders(self):
        for page_type in PAGE_TYPES:
            page = page_type.objects.live().first()
            with self.subTest(page_type=page_type.__name__):
                self.assertIsNotNone(page, f"the demo has no {page_type.__name__}")
                self.assertPageIsRenderable(page)
                response = self.client.get(page.url)
                self.assertContains(response, "<title>")
                self.assertContains(response, page.title.split("?")[0])

    def test_each_page_type_renders_its_preview(self):
        for page_type in PAGE_TYPES:
            page = page_type.objects.live().first()
            with self.subTest(page_type=page_type.__name__):
                response = page.make_preview_request()
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, page.title.split("?")[0])

    def test_a_new_page_previews_before_it_is_saved(self):
        parent = StandardPage.objects.get(slug="que-es")
        page = StandardPage(title="Borrador de sección", slug="borrador", intro="x")
        # What Wagtail's "preview on create" sets before rendering.
        page.depth = parent.depth + 1
        page.path = parent.get_last_child()._inc_path()
        response = page.make_preview_request()
        self.assertContains(response, "Borrador de sección")
        self.assertContains(response, '<a href="/que-es/">¿Qué es?</a>')
