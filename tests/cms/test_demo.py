"""The public site's demo content: real text, loaded twice to the same state."""

import io

import pypdf

from django.test import TestCase

from wagtail.models import Collection, Page, Revision, Site

from cms import demo
from cms.models import (
    FAQItem,
    FAQTopic,
    LibraryDocument,
    ResultsYear,
    StandardPage,
)


def state() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": LibraryDocument.objects.count(),
        "faq": FAQItem.objects.count(),
        "topics": FAQTopic.objects.count(),
        "years": ResultsYear.objects.count(),
        "collections": Collection.objects.count(),
        "sites": Site.objects.count(),
    }


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()

    def test_loading_twice_changes_nothing(self):
        before = state()
        demo.load()
        self.assertEqual(state(), before)

    def test_an_editors_published_change_survives_a_reload(self):
        from tests.factories import UserFactory

        page = StandardPage.objects.get(slug="ley-21305")
        page.intro = "Texto revisado por el equipo editorial."
        page.save_revision(user=UserFactory()).publish()
        demo.load()
        page.refresh_from_db()
        self.assertEqual(page.intro, "Texto revisado por el equipo editorial.")

    def test_the_original_menu_pages_have_real_content(self):
        ley = StandardPage.objects.get(slug="ley-21305")
        text = " ".join(str(block.render()) for block in ley.body)
        for fact in ("10 %", "2030", "2019", "50 teracalorías", "cada cinco años"):
            self.assertIn(fact, text)
        estado_verde = StandardPage.objects.get(slug="sistema-estado-verde")
        text = " ".join(str(block.render()) for block in estado_verde.body)
        for fact in (
            "Etapa 1",
            "2024",
            "31 de mayo",
            "15 de junio",
            "31 de julio",
            "RT1",
        ):
            self.assertIn(fact, text)

    def test_faq_has_at_least_twelve_questions_in_four_topics(self):
        self.assertGreaterEqual(FAQItem.objects.count(), 12)
        self.assertEqual(
            FAQTopic.objects.filter(items__isnull=False).distinct().count(), 4
        )
        anchors = list(FAQItem.objects.values_list("anchor", flat=True))
        self.assertEqual(len(anchors), len(set(anchors)))

    def test_the_three_guides_are_real_pdfs_in_the_public_collection(self):
        titles = {
            "Manual de uso de plataforma de Gestión": "Manuales",
            "Guía explicativa para la actualización de unidades": "Guías",
            "Guía explicativa para cumplimiento Sistema Estado Verde": "Guías",
        }
        for title, category in titles.items():
            document = LibraryDocument.objects.get(title=title)
            with self.subTest(title=title):
                self.assertEqual(document.category.name, category)
                self.assertEqual(document.collection.name, "Biblioteca")
                with document.open_file() as handle:
                    reader = pypdf.PdfReader(io.BytesIO(handle.read()))
                text = reader.pages[0].extract_text()
                self.assertIn(title.split(" ")[0], text)
                self.assertIn("Gestiona Energía", text)
                self.assertEqual(
                    self.client.get(document.download_url).status_code, 200
                )

    def test_results_2017_to_2022_are_published(self):
        self.assertEqual(
            list(ResultsYear.objects.filter(live=True).values_list("year", flat=True)),
            [2017, 2018, 2019, 2020, 2021, 2022],
        )
