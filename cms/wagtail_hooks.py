"""Admin wiring of the public site: snippets under one «Sitio público» menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import ResultsYearForm
from .models import DocumentCategory, FAQTopic, ResultsYear, VideoFile


class ResultsYearViewSet(SnippetViewSet):
    model = ResultsYear
    icon = "table"
    menu_label = _("Resultados por año")
    list_display = [
        "year",
        "services_pmg",
        "services_voluntary",
        "buildings_registered",
    ]
    ordering = ["-year"]
    edit_handler = ObjectList(ResultsYear.panels, base_form_class=ResultsYearForm)


class FAQTopicViewSet(SnippetViewSet):
    model = FAQTopic
    icon = "help"
    menu_label = _("Temas de preguntas")
    list_display = ["name", "slug", "sort_order"]


class DocumentCategoryViewSet(SnippetViewSet):
    model = DocumentCategory
    icon = "tag"
    menu_label = _("Categorías de documentos")
    list_display = ["name", "slug", "sort_order"]


class VideoFileViewSet(SnippetViewSet):
    model = VideoFile
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "created_at"]


class PublicSiteGroup(SnippetViewSetGroup):
    menu_label = _("Sitio público")
    menu_icon = "globe"
    menu_order = 250
    items = (
        ResultsYearViewSet,
        FAQTopicViewSet,
        DocumentCategoryViewSet,
        VideoFileViewSet,
    )


register_snippet(PublicSiteGroup)
