"""Every StreamField block renders with its template; images come as renditions; videos
are checked by content like any upload."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms import demo
from cms.models import StandardPage, VideoFile
from tests.cms.helpers import make_document

MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


class BlockRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = demo.ensure_home()
        cls.image = Image.objects.create(
            title="Paneles solares", file=get_test_image_file(size=(1600, 900))
        )
        cls.document = make_document("Guía de papel", category="guias")
        cls.video = VideoFile(title="Cómo leer una boleta", transcript="<p>Hola.</p>")
        cls.video.file.save("boleta.mp4", ContentFile(MP4_BYTES), save=False)
        cls.video.save()
        cls.page = StandardPage(
            title="Página con todo",
            slug="con-todo",
            intro="Bajada.",
            body=[
                {"type": "heading", "value": {"text": "Qué hacer", "level": "h2"}},
                {"type": "heading", "value": {"text": "Paso uno", "level": "h3"}},
                {"type": "paragraph", "value": "<p>Texto con <b>negrita</b>.</p>"},
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": cls.image.pk,
                            "alt_text": "Paneles en el techo de un edificio público",
                            "decorative": False,
                        },
                        "caption": "Paneles fotovoltaicos.",
                    },
                },
                {
                    "type": "document",
                    "value": {"document": cls.document.pk, "label": ""},
                },
                {
                    "type": "callout",
                    "value": {
                        "tone": "warning",
                        "title": "Ojo",
                        "text": "<p>Plazo.</p>",
                    },
                },
                {
                    "type": "table",
                    "value": {
                        "data": [["Hito", "Fecha"], ["Hito 1", "31 de mayo"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": True,
                        "table_caption": "Hitos",
                    },
                },
                {"type": "video", "value": {"video": cls.video.pk, "caption": ""}},
            ],
        )
        home.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def test_every_block_renders_with_its_template(self):
        response = self.client.get(self.page.url)
        for html in (
            '<h2 id="que-hacer">Qué hacer</h2>',
            '<h3 id="paso-uno">Paso uno</h3>',
            '<div class="rich-text"><p>Texto con <b>negrita</b>.</p></div>',
            "<figcaption>Paneles fotovoltaicos.</figcaption>",
            'alt="Paneles en el techo de un edificio público"',
            f'<a href="/documentos/{self.document.pk}/">Guía de papel</a>',
            '<div class="callout callout-warning" role="note">',
            "<caption>Hitos</caption>",
            '<th scope="col">Hito</th>',
            '<th scope="row">Hito 1</th>',
            '<video controls preload="metadata"',
            'type="video/mp4"',
            "Transcripción del video",
        ):
            with self.subTest(html=html):
                self.assertContains(response, html)

    def test_images_are_served_as_renditions_in_several_widths(self):
        response = self.client.get(self.page.url)
        content = response.content.decode()
        self.assertIn("srcset=", content)
        for width in (480, 800, 1200):
            self.assertIn(f".width-{width}.", content)
        self.assertEqual(self.image.renditions.count(), 3)
        self.assertNotIn(self.image.file.url, content)


class VideoUploadTests(TestCase):
    def test_only_mp4_or_webm_by_content(self):
        good = VideoFile(title="ok", file=SimpleUploadedFile("v.mp4", MP4_BYTES))
        good.full_clean()
        bad = VideoFile(title="x", file=SimpleUploadedFile("v.mp4", b"MZ\x90\x00" * 20))
        with self.assertRaises(ValidationError) as raised:
            bad.full_clean()
        self.assertIn("Se aceptan: MP4, WebM", raised.exception.message_dict["file"][0])
