"""StreamField blocks of the public pages; each renders with its own template under
templates/blocks/."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("texto"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("nivel"),
        choices=[("h2", _("Título de sección")), ("h3", _("Subtítulo"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Título")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Texto")
        template = "blocks/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("imagen"))
    caption = blocks.CharBlock(label=_("leyenda"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Imagen con leyenda")
        template = "blocks/captioned_image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("documento"))
    label = blocks.CharBlock(
        label=_("texto del enlace"),
        required=False,
        help_text=_("Si se deja vacío se usa el título del documento."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Documento")
        template = "blocks/document_link_block.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("tipo"),
        choices=[
            ("info", _("Información")),
            ("success", _("Recomendación")),
            ("warning", _("Importante")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("título"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("texto"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Destacado")
        template = "blocks/callout_block.html"


class DataTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Tabla")
        template = "blocks/data_table_block.html"


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("cms.VideoFile", label=_("video"))
    caption = blocks.CharBlock(label=_("leyenda"), required=False, max_length=250)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    table = DataTableBlock()
    video = VideoBlock()

    class Meta:
        label = _("Contenido")
