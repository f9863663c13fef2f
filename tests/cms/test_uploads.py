"""Library uploads through the Wagtail admin: PDF, DOCX, XLSX and PPTX only, checked by
content, size-limited; editors' uploads stay private until their page is published."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from cms.models import DocumentCategory, DocumentSettings, LibraryDocument
from cms.models import documents as document_models
from lms.accounts.roles import Role
from tests.cms.helpers import PDF_BYTES, staff_client

EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
)


def office_file(part: str) -> bytes:
    """A minimal Office Open XML package whose main part lives under ``part``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<document>Guía</document>")
    return buffer.getvalue()


class AdminUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        settings = DocumentSettings.load()
        cls.drafts = settings.draft_collection
        cls.category = DocumentCategory.objects.get(slug="guias")

    def setUp(self):
        self.client, self.editor = staff_client(Client(), Role.EDITOR)

    def upload(self, name: str, content: bytes, **extra):
        data = {
            "title": "Guía de prueba",
            "file": SimpleUploadedFile(name, content),
            "collection": str(self.drafts.pk),
            "category": str(self.category.pk),
            "description": "Una guía.",
            "published_on": "2024-03-01",
            "tags": "",
        }
        data.update(extra)
        return self.client.post(reverse("wagtaildocs:add"), data)

    def test_an_editor_uploads_a_pdf_into_the_private_drafts(self):
        response = self.upload("guia.pdf", PDF_BYTES)
        self.assertEqual(response.status_code, 302)
        document = LibraryDocument.objects.get(title="Guía de prueba")
        self.assertEqual(document.collection, self.drafts)
        self.assertEqual(document.category, self.category)
        self.assertEqual(document.uploaded_by_user, self.editor)
        self.assertEqual(document.kind_label, "PDF")
        # Drafts cannot be downloaded by visitors.
        self.assertEqual(Client().get(document.download_url).status_code, 302)

    def test_the_editor_may_upload_only_into_the_drafts_collection(self):
        public = DocumentSettings.load().public_collection
        form = self.client.get(reverse("wagtaildocs:add")).context["form"]
        # Only one collection is allowed, so Wagtail hides the choice.
        self.assertNotIn("collection", form.fields)
        self.upload("guia.pdf", PDF_BYTES, collection=str(public.pk))
        self.assertEqual(LibraryDocument.objects.get().collection, self.drafts)

    def test_office_documents_are_accepted(self):
        for name, part in (
            ("plan.docx", "word/"),
            ("cifras.xlsx", "xl/"),
            ("charla.pptx", "ppt/"),
        ):
            with self.subTest(name=name):
                response = self.upload(name, office_file(part), title=name)
                self.assertEqual(response.status_code, 302)
        self.assertEqual(LibraryDocument.objects.count(), 3)

    def test_a_disguised_executable_is_refused_with_a_clear_message(self):
        response = self.upload("guia.pdf", EXECUTABLE)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["file"]
        self.assertIn("no corresponde a un tipo permitido", errors[0])
        self.assertIn("PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX)", errors[0])
        self.assertFalse(LibraryDocument.objects.exists())
        # What was typed is kept.
        self.assertContains(response, "Una guía.")

    def test_a_renamed_office_file_is_refused(self):
        response = self.upload("guia.pdf", office_file("word/"))
        self.assertIn("no corresponde", response.context["form"].errors["file"][0])
        response = self.upload("guia.docx", PDF_BYTES)
        self.assertIn("no corresponde", response.context["form"].errors["file"][0])

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=None)
    def test_an_oversize_file_is_refused(self):
        limit = document_models.validate_document_file.max_size
        document_models.validate_document_file.max_size = 1024
        try:
            response = self.upload("grande.pdf", PDF_BYTES + b"0" * 2048)
        finally:
            document_models.validate_document_file.max_size = limit
        self.assertEqual(response.status_code, 200)
        error = response.context["form"].errors["file"][0]
        self.assertIn("el máximo permitido es 1,0\xa0KB", error)
        self.assertFalse(LibraryDocument.objects.exists())

    def test_the_admin_size_limit_is_twenty_megabytes(self):
        response = self.upload("enorme.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024))
        self.assertEqual(response.status_code, 200)
        self.assertIn("file", response.context["form"].errors)
        self.assertFalse(LibraryDocument.objects.exists())

    def test_the_multiple_uploader_refuses_a_disguised_executable(self):
        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {
                "files[]": SimpleUploadedFile("manual.pdf", EXECUTABLE),
                "collection": str(self.drafts.pk),
            },
        )
        self.assertEqual(response.status_code, 200)
        payload = response.json()
        self.assertFalse(payload["success"])
        self.assertIn("no corresponde a un tipo permitido", payload["error_message"])
        self.assertFalse(LibraryDocument.objects.exists())

    def test_the_multiple_uploader_asks_for_the_library_fields_then_saves(self):
        from wagtail.models import UploadedFile

        response = self.client.post(
            reverse("wagtaildocs:add_multiple"),
            {
                "files[]": SimpleUploadedFile("manual.pdf", PDF_BYTES),
                "collection": str(self.drafts.pk),
            },
        )
        # The file passed its checks; the publication date is still to be given.
        self.assertIn("uploaded_file_id", response.json())
        upload = UploadedFile.objects.get()
        prefix = f"uploaded-document-{upload.pk}"
        response = self.client.post(
            reverse(
                "wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk]
            ),
            {
                f"{prefix}-title": "Manual de Flota",
                f"{prefix}-category": str(self.category.pk),
                f"{prefix}-description": "Vehículos y cargas.",
                f"{prefix}-published_on": "2024-01-15",
                f"{prefix}-tags": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.json()["success"])
        document = LibraryDocument.objects.get(title="Manual de Flota")
        self.assertEqual(document.collection, self.drafts)
        self.assertEqual(document.category, self.category)
        self.assertEqual(document.file_size, len(PDF_BYTES))


class ModelValidationTests(TestCase):
    def test_metadata_can_be_checked_before_the_file_is_attached(self):
        # Wagtail's uploader validates the other fields first, then attaches the file.
        LibraryDocument(title="x").full_clean(exclude=["file"])

    def test_full_clean_checks_a_new_file_by_content(self):
        document = LibraryDocument(
            title="x",
            file=SimpleUploadedFile("x.xlsx", EXECUTABLE),
            category=DocumentCategory.objects.first(),
        )
        with self.assertRaises(ValidationError) as raised:
            document.full_clean()
        self.assertIn("file", raised.exception.message_dict)

    def test_an_unknown_extension_is_refused(self):
        document = LibraryDocument(
            title="x",
            file=SimpleUploadedFile("x.exe", PDF_BYTES),
            category=DocumentCategory.objects.first(),
        )
        with self.assertRaises(ValidationError):
            document.full_clean()
