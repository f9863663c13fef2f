"""The Biblioteca: what it lists, filters and search, downloads, and privacy of drafts."""

import datetime

from django.test import TestCase

from wagtail.models import Collection

from cms.models import DocumentSettings, LibraryDocument, LibraryItem, LibraryPage
from cms.selectors import library_documents, search_terms
from cms.services import release_page_documents
from tests.cms.helpers import PDF_BYTES, library_page, make_document


class LibraryListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manual = make_document(
            "Manual de uso de plataforma de Gestión",
            category="manuales",
            description="Cómo registrar la energía de cada unidad.",
            published_on=datetime.date(2023, 4, 10),
        )
        cls.guide = make_document(
            "Guía explicativa para la actualización de unidades",
            category="guias",
            published_on=datetime.date(2023, 5, 2),
        )
        cls.law = make_document(
            "Ley 21.305 sobre Eficiencia Energética",
            category="normativa",
            description="Qué exige la ley a quienes más energía consumen.",
            published_on=datetime.date(2021, 2, 13),
        )
        cls.unlisted = make_document("Borrador suelto", category="guias")
        cls.page = library_page([cls.manual, cls.guide, cls.law])

    def titles(self, **filters):
        return [d.title for d in library_documents(page=self.page, **filters)]

    def test_lists_the_page_documents_newest_first(self):
        self.assertEqual(
            self.titles(),
            [self.guide.title, self.manual.title, self.law.title],
        )

    def test_can_be_sorted_by_title(self):
        self.assertEqual(
            self.titles(order="titulo"),
            sorted([self.guide.title, self.manual.title, self.law.title]),
        )

    def test_filters_by_category(self):
        self.assertEqual(self.titles(category=self.guide.category), [self.guide.title])

    def test_search_ignores_accents_and_case(self):
        self.assertEqual(self.titles(query="GESTION"), [self.manual.title])
        # «energia» finds «Energía» in the title and «energía» in a description.
        self.assertEqual(
            set(self.titles(query="energia")), {self.manual.title, self.law.title}
        )
        self.assertEqual(
            self.titles(query="energia", category=self.law.category), [self.law.title]
        )

    def test_search_with_odd_characters_finds_nothing_and_does_not_fail(self):
        for query in ['"', "%", "<script>", "*", "(", "AND", "' OR 1=1 --"]:
            with self.subTest(query=query):
                self.assertEqual(self.titles(query=query), [])
        self.assertEqual(search_terms('"(gestión)*'), "gestión")

    def test_documents_in_a_private_collection_are_not_listed(self):
        drafts = DocumentSettings.load().draft_collection
        LibraryDocument.objects.filter(pk=self.law.pk).update(collection=drafts)
        self.assertNotIn(self.law.title, self.titles())

    def test_page_shows_type_size_and_stable_download_links(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "3 documentos")
        self.assertContains(response, f'href="/documentos/{self.guide.pk}/"')
        self.assertContains(response, "PDF · ")
        self.assertContains(response, "Guías")
        self.assertNotContains(response, self.unlisted.title)

    def test_page_filters_from_the_query_string(self):
        response = self.client.get(self.page.url, {"categoria": "manuales"})
        self.assertContains(response, "1 documento en Manuales")
        self.assertNotContains(response, self.guide.title)
        response = self.client.get(self.page.url, {"q": "energia"})
        self.assertContains(response, "2 documentos para «energia»")

    def test_an_unknown_category_says_so_and_keeps_the_search(self):
        response = self.client.get(self.page.url, {"categoria": "nada", "q": "ley"})
        self.assertContains(response, "Esa categoría no existe; elija otra.")
        self.assertContains(response, 'value="ley"')

    def test_odd_characters_in_the_search_box_are_escaped(self):
        response = self.client.get(self.page.url, {"q": "<script>alert(1)</script>"})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")

    def test_pages_of_results_keep_the_filters(self):
        more = [
            make_document(f"Guía adicional {i}", category="guias") for i in range(10)
        ]
        self.page.library_items = [
            *self.page.library_items.all(),
            *(LibraryItem(document=d) for d in more),
        ]
        self.page.save_revision().publish()
        response = self.client.get(self.page.url, {"categoria": "guias"})
        self.assertContains(response, "11 documentos en Guías")
        self.assertContains(response, "?categoria=guias&amp;pagina=2")
        response = self.client.get(self.page.url, {"categoria": "guias", "pagina": "2"})
        self.assertContains(response, 'aria-current="page">2<')


class DownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.document = make_document("Manual", category="manuales")
        cls.draft = make_document(
            "Borrador", collection=DocumentSettings.load().draft_collection
        )

    def test_the_stable_url_serves_the_current_file(self):
        response = self.client.get(f"/documentos/{self.document.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)

    def test_the_stable_url_survives_a_new_file(self):
        from django.core.files.base import ContentFile

        self.document.file.save("manual-v2.pdf", ContentFile(PDF_BYTES + b"%v2\n"))
        response = self.client.get(f"/documentos/{self.document.pk}/")
        self.assertTrue(b"".join(response.streaming_content).endswith(b"%v2\n"))

    def test_a_draft_is_not_downloadable_by_visitors(self):
        response = self.client.get(f"/documentos/{self.draft.pk}/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/gestion/ingresar/"))
        self.assertEqual(self.client.get("/documentos/999999/").status_code, 404)


class ReleaseOnPublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        settings = DocumentSettings.load()
        cls.public, cls.drafts = settings.public_collection, settings.draft_collection
        cls.page = library_page([])

    def test_publishing_the_library_moves_its_new_documents_out_of_drafts(self):
        draft = make_document("Guía nueva", collection=self.drafts)
        other = make_document("Otro borrador", collection=self.drafts)
        self.page.library_items = [LibraryItem(document=draft)]
        revision = self.page.save_revision()
        draft.refresh_from_db()
        self.assertEqual(draft.collection, self.drafts)
        revision.publish()
        draft.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual(draft.collection, self.public)
        self.assertEqual(other.collection, self.drafts)
        self.assertEqual(self.client.get(f"/documentos/{draft.pk}/").status_code, 200)

    def test_documents_in_other_public_collections_stay_where_they_are(self):
        root = Collection.get_first_root_node()
        elsewhere = root.add_child(name="Presentaciones 2023")
        document = make_document("Presentación", collection=elsewhere)
        self.page.library_items = [LibraryItem(document=document)]
        self.page.save_revision().publish()
        document.refresh_from_db()
        self.assertEqual(document.collection, elsewhere)
        self.assertEqual(release_page_documents(page=self.page), 0)


class LinkedDocumentsTests(TestCase):
    def test_documents_linked_from_a_content_page_are_released_too(self):
        from cms import demo
        from cms.models import StandardPage
        from cms.services import documents_linked_by

        drafts = DocumentSettings.load().draft_collection
        document = make_document("Anexo", collection=drafts)
        page = StandardPage(
            title="Anexos",
            slug="anexos",
            body=[
                {"type": "paragraph", "value": "<p>Vea el anexo.</p>"},
                {"type": "document", "value": {"document": document.pk, "label": ""}},
            ],
        )
        demo.ensure_home().add_child(instance=page)
        self.assertEqual(documents_linked_by(page), {document.pk})
        page.save_revision().publish()
        document.refresh_from_db()
        self.assertEqual(document.collection, DocumentSettings.load().public_collection)

    def test_a_plain_document_chooser_value_is_understood(self):
        from cms.services import _document_in

        document = make_document("Suelto")
        self.assertEqual(_document_in(document), document)
        self.assertEqual(_document_in({"document": document}), document)
        self.assertIsNone(_document_in("texto"))


class LibraryPageFormTests(TestCase):
    def test_documents_need_a_category_and_may_be_listed_once(self):
        from cms.admin_forms import LibraryPageForm

        page = library_page([])
        form_class = LibraryPage.get_edit_handler().get_form_class()
        self.assertTrue(issubclass(form_class, LibraryPageForm))
        plain = make_document("Sin categoría", category=None)
        guide = make_document("Guía", category="guias")

        def data(*documents):
            values = {
                "title": "Biblioteca",
                "slug": "biblioteca",
                "intro": "",
                "library_items-TOTAL_FORMS": str(len(documents)),
                "library_items-INITIAL_FORMS": "0",
                "library_items-MIN_NUM_FORMS": "0",
                "library_items-MAX_NUM_FORMS": "1000",
                "comments-TOTAL_FORMS": "0",
                "comments-INITIAL_FORMS": "0",
                "comments-MIN_NUM_FORMS": "0",
                "comments-MAX_NUM_FORMS": "1000",
            }
            for i, document in enumerate(documents):
                values[f"library_items-{i}-document"] = str(document.pk)
                values[f"library_items-{i}-ORDER"] = str(i + 1)
                values[f"library_items-{i}-DELETE"] = ""
                values[f"library_items-{i}-id"] = ""
            return values

        form = form_class(data(plain), instance=page)
        self.assertFalse(form.is_valid())
        self.assertIn(
            "no tiene categoría",
            form.formsets["library_items"].forms[0].errors["document"][0],
        )
        form = form_class(data(guide, guide), instance=page)
        self.assertFalse(form.is_valid())
        self.assertIn(
            "ya está en la lista",
            form.formsets["library_items"].forms[1].errors["document"][0],
        )
        self.assertTrue(form_class(data(guide), instance=page).is_valid())
