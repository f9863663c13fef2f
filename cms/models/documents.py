"""The Biblioteca's documents, their categories, the collections that keep drafts
private, and the video files that content pages embed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index

from lms.core.uploads import DOCUMENTS, KINDS, FileContentValidator

DOCUMENT_MAX_SIZE = 20 * 1024 * 1024
VIDEO_MAX_SIZE = 300 * 1024 * 1024
VIDEO_KINDS = ("mp4", "webm")

validate_document_file = FileContentValidator(
    kinds=DOCUMENTS, max_size=DOCUMENT_MAX_SIZE
)
validate_video_file = FileContentValidator(kinds=VIDEO_KINDS, max_size=VIDEO_MAX_SIZE)


def restricted_collection_ids() -> list[int]:
    """Collections whose documents only logged-in staff may open (and their descendants)."""
    paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not paths:
        return []
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return list(Collection.objects.filter(condition).values_list("pk", flat=True))


class DocumentCategory(models.Model):
    """A Biblioteca category (Manuales, Guías, Normativa, Presentaciones…), edited as a snippet."""

    name = models.CharField(_("nombre"), max_length=80, unique=True)
    slug = models.SlugField(
        _("identificador"),
        max_length=80,
        unique=True,
        help_text=_("Se usa en la dirección del filtro, por ejemplo «guias»."),
    )
    sort_order = models.PositiveSmallIntegerField(_("orden"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("categoría de documento")
        verbose_name_plural = _("categorías de documento")

    def __str__(self):
        return self.name


class LibraryDocumentQuerySet(DocumentQuerySet):
    def public(self):
        """Documents anyone may download: none in a restricted (draft) collection."""
        restricted = restricted_collection_ids()
        return self.exclude(collection_id__in=restricted) if restricted else self


class LibraryDocument(AbstractDocument):
    """A Wagtail document with the Biblioteca's category, description and publication date."""

    category = models.ForeignKey(
        DocumentCategory,
        verbose_name=_("categoría"),
        on_delete=models.PROTECT,
        related_name="documents",
        # Documents also serve course pages and content blocks; the Biblioteca
        # refuses one without a category (LibraryPageForm).
        null=True,
        blank=True,
        help_text=_("Obligatoria para publicar el documento en la Biblioteca."),
    )
    description = models.TextField(
        _("descripción"),
        blank=True,
        help_text=_("Una o dos frases: qué contiene y para quién es."),
    )
    published_on = models.DateField(
        _("fecha de publicación"), default=timezone.localdate
    )

    admin_form_fields = (
        *Document.admin_form_fields,
        "category",
        "description",
        "published_on",
    )
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
        index.FilterField("published_on"),
    ]

    objects = LibraryDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")

    def clean(self):
        if not self.file:
            # The multiple uploader checks the file when it arrives and attaches it
            # only after the form with the other fields is valid.
            return
        super().clean()
        # Only a newly uploaded file is read: stored files were checked when they arrived.
        if not getattr(self.file, "_committed", True):
            try:
                validate_document_file(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def get_absolute_url(self):
        return reverse("cms:document-download", args=[self.pk])

    @property
    def download_url(self) -> str:
        """A URL that stays the same when editors replace the file."""
        return self.get_absolute_url()

    @property
    def kind_label(self) -> str:
        """The file type as people know it (PDF, Word…)."""
        kind = {
            extension: kind for kind in KINDS.values() for extension in kind.extensions
        }.get(self.file_extension.lower())
        return kind.label if kind else self.file_extension.upper()


@register_setting(icon="folder-open-inverse")
class DocumentSettings(BaseGenericSetting):
    """Which collection holds published documents and which keeps drafts private."""

    public_collection = models.ForeignKey(
        Collection,
        verbose_name=_("colección pública"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Al publicarse una página, los documentos que enlaza y que están en una "
            "colección privada pasan a esta colección."
        ),
    )
    draft_collection = models.ForeignKey(
        Collection,
        verbose_name=_("colección de borradores"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Colección privada donde los editores suben documentos nuevos."),
    )

    panels = [FieldPanel("public_collection"), FieldPanel("draft_collection")]

    class Meta:
        verbose_name = _("colecciones de documentos")


class VideoFile(index.Indexed, models.Model):
    """A video file served from our own storage, embedded in content pages."""

    title = models.CharField(_("título"), max_length=255)
    file = models.FileField(
        _("archivo de video"),
        upload_to="videos",
        validators=[validate_video_file],
        help_text=_("MP4 o WebM, hasta 300 MB."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen de portada"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    transcript = RichTextField(
        _("transcripción"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Texto del video para quien no puede escucharlo o verlo."),
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("poster"),
        FieldPanel("transcript"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    @property
    def content_type(self) -> str:
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"
