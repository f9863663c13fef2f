"""Preguntas Frecuentes: topics, anchors, the search without JavaScript, and the
suggestions the help desk shows before a ticket is opened."""

import dataclasses

from django.test import Client, TestCase

from wagtail.models import PageViewRestriction

from cms import demo
from cms.admin_forms import FAQPageForm
from cms.models import FAQItem, FAQPage, FAQTopic
from cms.selectors import FAQSuggestion, faq_suggestions, faq_topics
from lms.accounts.roles import Role
from tests.cms.helpers import staff_client

LONG_ANSWER = "<p>" + "La boleta se registra en el módulo Consumo. " * 20 + "</p>"


class FAQTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = demo.ensure_home()
        cls.accounts = FAQTopic.objects.create(name="Cuentas y acceso", slug="cuentas")
        cls.energy = FAQTopic.objects.create(
            name="Consumos y boletas", slug="consumos", sort_order=1
        )
        cls.page = FAQPage(title="Preguntas Frecuentes", slug="preguntas-frecuentes")
        cls.page.faq_items = [
            FAQItem(
                topic=cls.accounts,
                question="¿Cómo obtengo una cuenta en la Plataforma de Gestión?",
                answer="<p>Pídala a su <b>gestor de servicio</b> o abra un ticket.</p>",
            ),
            FAQItem(
                topic=cls.energy,
                question="¿Cómo registro una boleta de energía?",
                answer=LONG_ANSWER,
            ),
            FAQItem(
                topic=cls.energy,
                question="¿Qué pasa si una unidad comparte medidor?",
                answer="<p>No entra al indicador de eficiencia &amp; se justifica.</p>",
                anchor="medidor-compartido",
            ),
        ]
        home.add_child(instance=cls.page)
        cls.page.save_revision().publish()


class FAQSuggestionTests(FAQTestCase):
    def test_the_contract_the_help_desk_relies_on(self):
        suggestions = faq_suggestions("Necesito registrar una boleta")
        self.assertTrue(suggestions)
        first = suggestions[0]
        self.assertIsInstance(first, FAQSuggestion)
        self.assertTrue(dataclasses.is_dataclass(first))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            first.question = "x"
        self.assertEqual(first.question, "¿Cómo registro una boleta de energía?")
        self.assertEqual(
            first.url, "/preguntas-frecuentes/#como-registro-una-boleta-de-energia"
        )

    def test_answers_are_plain_text_trimmed_to_about_300_characters(self):
        [suggestion] = faq_suggestions("boleta de energía", limit=1)
        self.assertNotIn("<", suggestion.answer)
        self.assertLessEqual(len(suggestion.answer), 300)
        self.assertTrue(suggestion.answer.endswith("…"))
        [account] = faq_suggestions("cuenta gestor", limit=1)
        self.assertEqual(
            account.answer, "Pídala a su gestor de servicio o abra un ticket."
        )
        [meter] = faq_suggestions("medidor compartido", limit=1)
        self.assertIn("eficiencia & se justifica", meter.answer)
        self.assertTrue(meter.url.endswith("#medidor-compartido"))

    def test_accents_and_case_do_not_matter(self):
        for text in ("ENERGIA boletas", "energía BOLETA", "Energia, boléta!"):
            with self.subTest(text=text):
                self.assertEqual(
                    faq_suggestions(text)[0].question,
                    "¿Cómo registro una boleta de energía?",
                )

    def test_odd_characters_give_no_suggestions_and_no_error(self):
        for text in (
            "",
            "   ",
            "%",
            "<script>alert(1)</script>",
            "'; DROP TABLE x;--",
            "🙂🙂",
        ):
            with self.subTest(text=text):
                self.assertEqual(faq_suggestions(text), [])

    def test_html_in_the_text_is_only_words(self):
        suggestions = faq_suggestions("<b>medidor</b> compartido")
        self.assertEqual(
            suggestions[0].question, "¿Qué pasa si una unidad comparte medidor?"
        )

    def test_unrelated_text_suggests_nothing(self):
        self.assertEqual(faq_suggestions("Hola, buenos días, gracias"), [])
        self.assertEqual(faq_suggestions("vacaciones en la playa"), [])

    def test_best_match_first_and_limit_respected(self):
        suggestions = faq_suggestions("cuenta gestor boleta energía medidor", limit=2)
        self.assertEqual(len(suggestions), 2)
        self.assertEqual(faq_suggestions("boleta", limit=0), [])

    def test_only_published_public_pages_are_suggested(self):
        self.page.unpublish()
        self.assertEqual(faq_suggestions("boleta"), [])
        self.page.save_revision().publish()
        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(faq_suggestions("boleta"), [])

    def test_a_draft_change_is_not_suggested_until_published(self):
        page = FAQPage.objects.get(pk=self.page.pk)
        page.faq_items = [
            FAQItem(
                topic=self.energy, question="¿Qué es un kWh?", answer="<p>Energía.</p>"
            )
        ]
        page.save_revision()
        self.assertEqual(faq_suggestions("kwh"), [])
        self.assertTrue(faq_suggestions("boleta"))


class FAQPageTests(FAQTestCase):
    def test_questions_are_grouped_by_topic_with_their_own_anchors(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, 'id="tema-cuentas"')
        self.assertContains(
            response, 'id="como-obtengo-una-cuenta-en-la-plataforma-de-gestion"'
        )
        self.assertContains(response, 'href="#medidor-compartido"')
        topics = [topic.name for topic, _items in response.context["topics"]]
        self.assertEqual(topics, ["Cuentas y acceso", "Consumos y boletas"])

    def test_search_works_without_javascript(self):
        response = self.client.get(self.page.url, {"q": "energia"})
        self.assertContains(response, "1 pregunta para «energia».")
        self.assertContains(response, "¿Cómo registro una boleta de energía?")
        self.assertNotContains(response, "¿Cómo obtengo una cuenta")
        self.assertContains(response, 'value="energia"')

    def test_every_word_must_match(self):
        topics = faq_topics(page=self.page, query="medidor indicador")
        self.assertEqual([len(items) for _t, items in topics], [1])
        self.assertEqual(faq_topics(page=self.page, query="medidor cuenta"), [])

    def test_odd_characters_are_escaped_and_find_nothing(self):
        response = self.client.get(self.page.url, {"q": "<script>alert('x')</script>"})
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "0 preguntas para «&lt;script&gt;")
        response = self.client.get(self.page.url, {"q": "100%"})
        self.assertContains(response, "0 preguntas para «100%».")

    def test_a_too_long_query_is_explained(self):
        response = self.client.get(self.page.url, {"q": "boleta " * 30})
        self.assertContains(response, "menos de 100 caracteres")
        self.assertContains(response, f'value="{"boleta " * 30}"'.replace("  ", " "))


class FAQPageFormTests(FAQTestCase):
    def test_two_questions_may_not_share_an_anchor(self):
        client, _editor = staff_client(Client(), Role.EDITOR)
        form_class = FAQPage.get_edit_handler().get_form_class()
        self.assertTrue(issubclass(form_class, FAQPageForm))
        data = {
            "title": "Preguntas Frecuentes",
            "slug": "preguntas-frecuentes",
            "intro": "",
            "faq_items-TOTAL_FORMS": "2",
            "faq_items-INITIAL_FORMS": "0",
            "faq_items-MIN_NUM_FORMS": "0",
            "faq_items-MAX_NUM_FORMS": "1000",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        from wagtail.test.utils.form_data import rich_text

        for i in range(2):
            data.update(
                {
                    f"faq_items-{i}-topic": str(self.accounts.pk),
                    f"faq_items-{i}-question": "¿Cómo obtengo una cuenta?",
                    f"faq_items-{i}-answer": rich_text("<p>Así.</p>"),
                    f"faq_items-{i}-anchor": "",
                    f"faq_items-{i}-ORDER": str(i + 1),
                    f"faq_items-{i}-DELETE": "",
                    f"faq_items-{i}-id": "",
                }
            )
        page = FAQPage.objects.get(pk=self.page.pk)
        form = form_class(data, instance=page, for_user=_editor)
        self.assertFalse(form.is_valid())
        errors = form.formsets["faq_items"].forms[1].errors["anchor"]
        self.assertIn("ya la usa la pregunta", errors[0])
        data["faq_items-1-anchor"] = "cuenta-otra"
        form = form_class(data, instance=page, for_user=_editor)
        self.assertTrue(form.is_valid(), form.errors)
        anchors = [f.instance.anchor for f in form.formsets["faq_items"].forms]
        self.assertEqual(anchors, ["como-obtengo-una-cuenta", "cuenta-otra"])
