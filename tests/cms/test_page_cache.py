"""Anonymous visitors get public pages from the cache; any edit shows at once."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cms import demo
from cms.models import NewsIndexPage, NewsPage


class PublicPageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()

    def test_the_second_anonymous_visit_is_a_hit_that_needs_few_queries(self):
        with CaptureQueriesContext(connection) as miss:
            first = self.client.get("/")
        self.assertEqual(first["X-Page-Cache"], "miss")
        # A hit only finds the page of the URL and its view restrictions.
        with self.assertNumQueries(4):
            second = self.client.get("/")
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertGreater(len(miss), 8)
        self.assertEqual(first.content, second.content)
        # The security headers are still those of every response.
        self.assertIn("Content-Security-Policy", second)

    def test_publishing_a_news_item_shows_on_the_next_visit(self):
        self.client.get("/")
        index = NewsIndexPage.objects.get()
        news = NewsPage(
            title="Nuevo plazo para el inventario",
            slug="nuevo-plazo",
            date=datetime.date(2026, 11, 20),
            intro="El plazo se extiende.",
        )
        index.add_child(instance=news)
        news.save_revision().publish()
        response = self.client.get("/")
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "Nuevo plazo para el inventario")
        news.unpublish()
        self.assertNotContains(self.client.get("/"), "Nuevo plazo para el inventario")

    def test_filtered_pages_and_pending_messages_are_never_cached(self):
        self.client.get("/")
        self.assertNotIn("X-Page-Cache", self.client.get("/", {"q": "guía"}))
        self.client.cookies["messages"] = "pendiente"
        self.assertNotIn("X-Page-Cache", self.client.get("/"))
