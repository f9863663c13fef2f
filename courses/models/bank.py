"""Question bank of each course, and the video files lessons show."""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from lms.core.uploads import FileContentValidator

VIDEO_MAX_SIZE = 500 * 1024 * 1024


def validate_webvtt(file) -> None:
    """Captions must be a WebVTT text file."""
    position = file.tell()
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if isinstance(head, bytes):
        head = head.decode("utf-8", "ignore")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(
            _(
                "Los subtítulos deben ser un archivo WebVTT (.vtt) que empiece con WEBVTT."
            )
        )


class CourseVideo(index.Indexed, models.Model):
    """A video file uploaded to the portal, with optional captions and poster."""

    title = models.CharField(_("título"), max_length=255)
    file = models.FileField(
        _("archivo de video"),
        upload_to="cursos/videos/%Y/",
        validators=[
            FileContentValidator(kinds=("mp4", "webm"), max_size=VIDEO_MAX_SIZE)
        ],
        help_text=_("MP4 o WebM, hasta 500 MB."),
    )
    captions = models.FileField(
        _("subtítulos (WebVTT)"),
        upload_to="cursos/subtitulos/%Y/",
        blank=True,
        validators=[
            FileContentValidator(kinds=("csv",), max_size=1024 * 1024),
            validate_webvtt,
        ],
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen de portada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("subido"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("captions"),
        FieldPanel("poster"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("video de curso")
        verbose_name_plural = _("videos de cursos")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def content_type(self) -> str:
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"


class QuestionForm(WagtailAdminModelForm):
    """Checks the alternatives as a whole: enough of them, and the right number correct."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        correct = sum(1 for data in kept if data.get("is_correct"))
        if len(kept) < 2:
            raise ValidationError(_("Una pregunta necesita al menos dos alternativas."))
        if correct == 0:
            raise ValidationError(_("Marque al menos una alternativa como correcta."))
        if cleaned.get("kind") == Question.Kind.SINGLE and correct != 1:
            raise ValidationError(
                _(
                    "Una pregunta de selección única tiene exactamente una alternativa "
                    "correcta; use selección múltiple si hay más."
                )
            )
        return cleaned


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Question(index.Indexed, ClusterableModel):
    """A question of a course's bank; each quiz attempt draws some of them."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Selección única")
        MULTIPLE = "multiple", _("Selección múltiple")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("curso"),
    )
    text = models.TextField(_("pregunta"))
    kind = models.CharField(
        _("tipo"), max_length=10, choices=Kind.choices, default=Kind.SINGLE
    )
    feedback = models.TextField(
        _("retroalimentación"),
        blank=True,
        help_text=_("Explica la respuesta correcta; se muestra al revisar el intento."),
    )
    is_active = models.BooleanField(
        _("en uso"),
        default=True,
        help_text=_(
            "Desmarque para retirarla del sorteo sin perder los intentos ya hechos."
        ),
    )
    created_at = models.DateTimeField(_("creada"), auto_now_add=True)

    objects = QuestionQuerySet.as_manager()

    base_form_class = QuestionForm
    panels = [
        FieldPanel("course"),
        FieldPanel("text"),
        FieldPanel("kind"),
        InlinePanel("choices", label=_("Alternativas"), min_num=2, max_num=8),
        FieldPanel("feedback"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("course")]

    class Meta:
        verbose_name = _("pregunta")
        verbose_name_plural = _("preguntas")
        ordering = ["course", "pk"]
        indexes = [
            models.Index(fields=["course", "is_active"], name="courses_q_course_active")
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"


class Choice(Orderable):
    """An alternative of a question."""

    question = ParentalKey(
        Question,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("pregunta"),
    )
    text = models.CharField(_("alternativa"), max_length=500)
    is_correct = models.BooleanField(_("correcta"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("alternativa")
        verbose_name_plural = _("alternativas")

    def __str__(self):
        return self.text
