"""StreamField blocks of a lesson; one template each under templates/courses/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "hr"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class FigureBlock(blocks.StructBlock):
    """An image with its alternative text and an optional caption."""

    image = ImageBlock(label=_("imagen"))
    caption = blocks.CharBlock(label=_("pie de imagen"), required=False)

    class Meta:
        icon = "image"
        label = _("Imagen")
        template = "courses/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    """A video uploaded to the portal (never an external player), with its transcript."""

    video = SnippetChooserBlock("courses.CourseVideo", label=_("video"))
    transcript = blocks.RichTextBlock(
        label=_("transcripción"),
        required=False,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Para quien no puede ver ni escuchar el video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (guide, form, manual)."""

    document = DocumentChooserBlock(label=_("documento"))
    title = blocks.CharBlock(
        label=_("título"), required=False, help_text=_("Por omisión, el del documento.")
    )
    description = blocks.TextBlock(label=_("descripción"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Documento descargable")
        template = "courses/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a key idea, a tip or a warning."""

    kind = blocks.ChoiceBlock(
        label=_("tipo"),
        choices=[
            ("key", _("Idea clave")),
            ("tip", _("Consejo")),
            ("info", _("Dato")),
            ("warning", _("Atención")),
        ],
        default="key",
    )
    title = blocks.CharBlock(label=_("título"), required=False)
    text = blocks.RichTextBlock(label=_("texto"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Recuadro destacado")
        template = "courses/blocks/callout.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(self.child_blocks["kind"].field.choices).get(
            value["kind"], ""
        )
        return context


class SelfCheckChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("alternativa"))
    is_correct = blocks.BooleanBlock(label=_("correcta"), required=False)


class SelfCheckBlock(blocks.StructBlock):
    """A practice question inside a lesson; it does not count for the grade."""

    question = blocks.CharBlock(label=_("pregunta"))
    choices = blocks.ListBlock(
        SelfCheckChoiceBlock(), label=_("alternativas"), min_num=2, max_num=8
    )
    explanation = blocks.TextBlock(label=_("explicación"))

    class Meta:
        icon = "help"
        label = _("Pregunta de autoevaluación")
        template = "courses/blocks/self_check.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        correct = [c["text"] for c in value["choices"] if c["is_correct"]]
        context.update(correct=correct, multiple=len(correct) > 1)
        return context

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["is_correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Marque al menos una alternativa como correcta."))
                ]
            )
        return value


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Texto"), features=TEXT_FEATURES, template="courses/blocks/text.html"
    )
    image = FigureBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    self_check = SelfCheckBlock()
