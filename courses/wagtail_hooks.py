"""Admin wiring: question bank, course videos, learning reports, and guards on the page tree."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CoursePage, CourseVideo, Enrolment, Question
from .views.reports import CompletionReportView, EnrolmentListView


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Banco de preguntas")
    list_display = ["__str__", "course", "kind", "is_active"]
    list_filter = ["course", "kind", "is_active"]
    search_fields = ["text"]
    search_backend_name = None
    list_per_page = 50


class CourseVideoViewSet(SnippetViewSet):
    model = CourseVideo
    icon = "media"
    menu_label = gettext_lazy("Videos")
    list_display = ["title", "created_at"]
    search_fields = ["title"]
    search_backend_name = None


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_course_reports")


class CourseReportsViewSet(ViewSet):
    """Completion per course, institution and service, and the list of enrolments."""

    name = "course_reports"
    url_prefix = "informes-cursos"
    icon = "table"
    menu_label = gettext_lazy("Informes")
    menu_item_class = ReportMenuItem

    def get_urlpatterns(self):
        return [
            path("", CompletionReportView.as_view(), name="index"),
            path("inscripciones/", EnrolmentListView.as_view(), name="enrolments"),
        ]


class CoursesAdminGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Cursos")
    menu_icon = "tasks"
    menu_order = 300
    items = (QuestionViewSet, CourseVideoViewSet, CourseReportsViewSet)


register_snippet(CoursesAdminGroup)


def _has_enrolments(page) -> bool:
    return Enrolment.objects.filter(course__path__startswith=page.path).exists()


@hooks.register("before_delete_page")
def keep_courses_with_learners(request, page):
    """A course with learners keeps its history: unpublish it instead of deleting."""
    if _has_enrolments(page):
        messages.error(
            request,
            _(
                "No se puede eliminar: hay estudiantes inscritos en este curso (o en "
                "cursos bajo esta página). Despublíquelo para retirarlo del catálogo."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_move_page")
def keep_courses_on_their_platform(request, page, destination):
    """Learners of one platform cannot follow a course to the other one."""
    specific = page.specific
    if (
        isinstance(specific, CoursePage)
        and getattr(destination.specific, "platform", specific.platform)
        != specific.platform
        and _has_enrolments(page)
    ):
        messages.error(
            request,
            _(
                "Este curso tiene estudiantes inscritos en su plataforma y no puede "
                "moverse a la otra."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
