"""Editors submit, Publicadores approve: publishing a page or a year of results needs
the moderation workflow unless one has the publish permission."""

from django.test import Client, TestCase
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms import demo
from cms.models import ResultsYear, StandardPage
from lms.accounts.roles import Role
from tests.cms.helpers import staff_client


def edit_data(page: StandardPage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(changes)
    return nested_form_data(data)


class ModerationWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = demo.ensure_home()
        cls.page = StandardPage(title="Ley 21.305", slug="ley-21305", intro="Texto.")
        home.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def setUp(self):
        self.editor_client, self.editor = staff_client(Client(), Role.EDITOR)
        self.publisher_client, self.publisher = staff_client(Client(), Role.PUBLICADOR)
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def live_title(self) -> str:
        return Page.objects.get(pk=self.page.pk).title

    def test_every_page_of_the_tree_goes_through_the_editorial_workflow(self):
        workflow = self.page.get_workflow()
        self.assertEqual(workflow.name, "Revisión editorial")
        task = workflow.tasks.get().specific
        self.assertEqual(
            list(task.groups.values_list("name", flat=True)), ["Publicador"]
        )
        self.assertEqual(ResultsYear.get_default_workflow(), workflow)

    def test_an_editor_may_edit_but_not_publish(self):
        perms = self.page.permissions_for_user(self.editor)
        self.assertTrue(perms.can_edit())
        self.assertFalse(perms.can_publish())
        self.assertTrue(self.page.permissions_for_user(self.publisher).can_publish())
        self.assertEqual(self.editor_client.get(self.edit_url).status_code, 200)

    def test_an_editor_trying_to_publish_leaves_the_live_page_untouched(self):
        response = self.editor_client.post(
            self.edit_url,
            edit_data(
                self.page, title="Cambiado sin aprobación", **{"action-publish": "1"}
            ),
        )
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(self.live_title(), "Ley 21.305")
        self.assertFalse(
            WorkflowState.objects.filter(object_id=str(self.page.pk)).exists()
        )

    def test_a_submitted_page_goes_live_only_when_a_publicador_approves(self):
        response = self.editor_client.post(
            self.edit_url,
            edit_data(
                self.page, title="Ley 21.305 (actualizada)", **{"action-submit": "1"}
            ),
        )
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk)
        state = page.current_workflow_state
        self.assertIsNotNone(state)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(self.live_title(), "Ley 21.305")

        task_state = state.current_task_state
        action_url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        )
        # The editor who submitted cannot approve their own change.
        self.editor_client.post(action_url)
        self.assertEqual(self.live_title(), "Ley 21.305")

        response = self.publisher_client.post(action_url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.live_title(), "Ley 21.305 (actualizada)")
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)

    def test_a_publicador_can_send_a_change_back(self):
        self.editor_client.post(
            self.edit_url,
            edit_data(self.page, title="Título con error", **{"action-submit": "1"}),
        )
        task_state = Page.objects.get(
            pk=self.page.pk
        ).current_workflow_state.current_task_state
        self.publisher_client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[self.page.pk, "reject", task_state.pk],
            ),
            {"comment": "Revise el título."},
        )
        self.assertEqual(self.live_title(), "Ley 21.305")
        state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)


class ResultsWorkflowTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.year = ResultsYear.objects.create(year=2021, services_pmg=149)
        cls.year.save_revision().publish()

    def test_a_year_edited_by_an_editor_keeps_its_published_figures_until_approved(
        self,
    ):
        client, editor = staff_client(Client(), Role.EDITOR)
        url = reverse("wagtailsnippets_cms_resultsyear:edit", args=[self.year.pk])
        data = {
            "year": "2021",
            "summary": rich_text(""),
            "services_pmg": "150",
            "services_voluntary": "",
            "buildings_registered": "",
            "gestores": "",
            "buildings_with_consumption": "",
            "buildings_electricity_only": "",
            "buildings_mixed": "",
            "action-submit": "1",
        }
        response = client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.year.refresh_from_db()
        self.assertEqual(self.year.services_pmg, 149)
        self.assertTrue(self.year.has_unpublished_changes)
        state = self.year.current_workflow_state
        self.assertEqual(
            state.workflow, Workflow.objects.get(name="Revisión editorial")
        )

        _publisher_client, publisher = staff_client(Client(), Role.PUBLICADOR)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, publisher, "approve")
        self.year.refresh_from_db()
        self.assertEqual(self.year.services_pmg, 150)
        self.assertFalse(self.year.has_unpublished_changes)


class EditorialPermissionsTests(TestCase):
    def test_the_admin_speaks_spanish(self):
        client, _editor = staff_client(Client(), Role.EDITOR)
        response = client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, '<html lang="es-cl"')
        self.assertContains(response, "Panel de control")

    def test_document_permissions_follow_the_collections(self):
        from wagtail.documents.permissions import permission_policy

        from cms.models import DocumentSettings

        settings = DocumentSettings.load()
        _client, editor = staff_client(Client(), Role.EDITOR)
        _client, publisher = staff_client(Client(), Role.PUBLICADOR)
        add_for = permission_policy.collections_user_has_permission_for
        self.assertEqual(list(add_for(editor, "add")), [settings.draft_collection])
        self.assertIn(settings.public_collection, add_for(publisher, "add"))
        self.assertIn(settings.public_collection, add_for(publisher, "delete"))
        # Editors may delete only their own uploads, which live in the drafts.
        self.assertNotIn(settings.public_collection, add_for(editor, "delete"))
        self.assertIn(settings.public_collection, add_for(editor, "choose"))

    def test_editors_manage_faq_topics_but_only_publicadores_delete_them(self):
        from cms.models import FAQTopic

        topic = FAQTopic.objects.create(name="Flota", slug="flota")
        editor_client, editor = staff_client(Client(), Role.EDITOR)
        publisher_client, publisher = staff_client(Client(), Role.PUBLICADOR)
        self.assertEqual(
            editor_client.get(reverse("wagtailsnippets_cms_faqtopic:list")).status_code,
            200,
        )
        self.assertTrue(editor.has_perm("cms.change_faqtopic"))
        self.assertFalse(editor.has_perm("cms.delete_faqtopic"))
        self.assertFalse(editor.has_perm("cms.publish_resultsyear"))
        self.assertTrue(publisher.has_perm("cms.publish_resultsyear"))
        delete_url = reverse("wagtailsnippets_cms_faqtopic:delete", args=[topic.pk])
        self.assertEqual(editor_client.post(delete_url).status_code, 302)
        self.assertTrue(FAQTopic.objects.filter(pk=topic.pk).exists())
        publisher_client.post(delete_url)
        self.assertFalse(FAQTopic.objects.filter(pk=topic.pk).exists())
