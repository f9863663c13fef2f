"""What every learner page shares: the platform boundary and uncacheable responses."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from certificates.selectors import download_urls
from lms.accounts.mixins import login_url, user_may_enter
from lms.accounts.realms import PLATFORMS, Platform, platform_for_path

from ..models import CoursePage


def course_platform(course: CoursePage) -> Platform:
    return PLATFORMS[course.platform]


def deny(request, course: CoursePage):
    """A redirect to the platform's login unless the session belongs to the course's platform.

    Pages are only served under their own platform's prefix, whose session cookie is
    the only one read there: a learner of the other platform is anonymous here.
    """
    platform = course_platform(course)
    here = platform_for_path(request.path_info)
    if here is None or here.slug != platform.slug:
        raise Http404
    if not user_may_enter(request.user, platform.slug):
        return redirect(login_url(platform.slug, request.get_full_path()))
    return None


def render_private(request, template: str, context: dict, status: int = 200):
    """Render a personal page that no shared cache may keep."""
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def parent_course(page) -> CoursePage:
    """The course a lesson or quiz belongs to."""
    try:
        return CoursePage.objects.get(path=page.parent_path)
    except CoursePage.DoesNotExist as exc:
        raise Http404 from exc


def certificate_url_of(enrolment) -> str:
    """The download link of a completed enrolment's valid certificate ("" if none)."""
    if enrolment is None:
        return ""
    return download_urls([enrolment]).get(enrolment.pk, "")
