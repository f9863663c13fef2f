"""The learner's pages: catalog, course home, lessons, enrolment and "Mis cursos"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from certificates.selectors import download_urls
from lms.accounts.mixins import login_url, user_may_enter
from lms.accounts.views import PlatformMixin

from .. import selectors, services
from ..models import CourseIndexPage, CoursePage, LessonPage
from .common import (
    certificate_url_of,
    course_platform,
    deny,
    parent_course,
    render_private,
)


@method_decorator(never_cache, name="dispatch")
class CatalogView(PlatformMixin, TemplateView):
    """The platform's entrance: what it is for and its courses, each one click from enrolment."""

    template_name = "courses/catalog.html"
    extra_context = {"nav": "catalog"}

    def get_context_data(self, **kwargs):
        user = self.request.user
        signed_in = user_may_enter(user, self.platform.slug)
        courses = selectors.catalog(self.platform.slug)
        enrolments = selectors.enrolments_by_course(user, courses) if signed_in else {}
        return super().get_context_data(
            signed_in=signed_in,
            index=CourseIndexPage.objects.filter(
                platform=self.platform.slug, live=True
            ).first(),
            entries=[(course, enrolments.get(course.pk)) for course in courses],
            **kwargs,
        )


def catalog_for_page(request, index: CourseIndexPage):
    """A catalog page of the tree shows the platform's catalog (also in previews)."""
    return CatalogView.as_view()(request, platform=index.platform)


class LearnerMixin(PlatformMixin):
    """A verified session of the platform in the URL, or its login page."""

    def dispatch(self, request, *args, **kwargs):
        if not user_may_enter(request.user, self.platform.slug):
            return redirect(login_url(self.platform.slug, request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class MyCoursesView(LearnerMixin, TemplateView):
    """Every enrolment of the learner on this platform, its state and progress."""

    template_name = "courses/my_courses.html"
    extra_context = {"nav": "mine"}

    def get_context_data(self, **kwargs):
        items = selectors.my_courses(self.request.user, self.platform.slug)
        urls = download_urls(item.enrolment for item in items)
        for item in items:
            item.certificate_url = urls.get(item.enrolment.pk, "")
        return super().get_context_data(items=items, **kwargs)


def course_home(request, course: CoursePage):
    """The course's description, outline, progress and the way on."""
    denied = deny(request, course)
    if denied:
        return denied
    enrolment = selectors.enrolment_of(request.user, course)
    outline = selectors.course_outline(course)
    progress = selectors.enrolment_progress(enrolment, outline) if enrolment else None
    return render_private(
        request,
        "courses/course_page.html",
        {
            "page": course,
            "course": course,
            "platform": course_platform(course),
            "enrolment": enrolment,
            "outline": outline,
            "progress": progress,
            "certificate_url": certificate_url_of(enrolment),
        },
    )


def course_preview(request, course: CoursePage):
    outline = selectors.course_outline(course)
    return render_private(
        request,
        "courses/course_page.html",
        {
            "page": course,
            "course": course,
            "platform": course_platform(course),
            "outline": outline,
            "preview": True,
        },
    )


def enrol(request, course: CoursePage):
    """One click (a POST) enrols the learner and opens the course."""
    denied = deny(request, course)
    if denied:
        return denied
    if request.method == "POST":
        try:
            services.enrol_learner(user=request.user, course=course)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(
                request,
                _("Se inscribió en «%(course)s». Puede comenzar cuando quiera.")
                % {"course": course.title},
            )
    return redirect(course.get_url(request))


def resume(request, course: CoursePage):
    """ "Continuar": the first unread lesson, else the quiz, else the course home."""
    denied = deny(request, course)
    if denied:
        return denied
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment is None:
        return redirect(course.get_url(request))
    progress = selectors.enrolment_progress(enrolment, selectors.course_outline(course))
    return redirect(progress.next_page().get_url(request))


def _following(outline, lesson: LessonPage):
    """The page after this lesson in the course: the next lesson, the quiz or the course."""
    position = outline.position_of(lesson.pk)
    if position is not None and position + 1 < len(outline.lessons):
        return outline.lessons[position + 1]
    return outline.quiz or outline.course


def lesson(request, page: LessonPage):
    """A lesson of a course the learner is enrolled in; POST marks it read and moves on."""
    course = parent_course(page)
    denied = deny(request, course)
    if denied:
        return denied
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment is None:
        messages.info(request, _("Inscríbase en el curso para ver sus lecciones."))
        return redirect(course.get_url(request))
    outline = selectors.course_outline(course)
    if request.method == "POST":
        was_completed = enrolment.completed_at is not None
        enrolment = services.complete_lesson(enrolment=enrolment, lesson=page)
        if enrolment.completed_at is not None and not was_completed:
            messages.success(
                request,
                _("¡Felicitaciones! Completó el curso «%(course)s».")
                % {"course": course.title},
            )
            return redirect(course.get_url(request))
        return redirect(_following(outline, page).get_url(request))
    progress = selectors.enrolment_progress(enrolment, outline)
    position = outline.position_of(page.pk)
    previous = outline.lessons[position - 1] if position else None
    return render_private(
        request,
        "courses/lesson_page.html",
        {
            "page": page,
            "course": course,
            "platform": course_platform(course),
            "enrolment": enrolment,
            "outline": outline,
            "progress": progress,
            "number": (position or 0) + 1,
            "previous": previous,
            "following": _following(outline, page),
            "is_done": page.pk in progress.done_lesson_ids,
        },
    )


def lesson_preview(request, page: LessonPage):
    course = parent_course(page)
    outline = selectors.course_outline(course)
    position = outline.position_of(page.pk)
    return render_private(
        request,
        "courses/lesson_page.html",
        {
            "page": page,
            "course": course,
            "platform": course_platform(course),
            "outline": outline,
            "number": (position or 0) + 1,
            "preview": True,
        },
    )
