"""A cache of the public pages' HTML for anonymous visitors, dropped on every edit.

Citizens read the same home, library and FAQ pages thousands of times between two
publications, so an anonymous GET of a page (no query string, no pending messages) is
answered from the cache. Every key carries a site-wide *version*; publishing,
unpublishing, moving or deleting a page, and saving any public-site model or document,
changes the version, so the next visitor sees the change at once. A short lifetime
bounds what the few live figures on a page (results, news dates) may lag.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

VERSION_KEY = "cms:public-pages:version"
# Models whose saving or deletion can change what a public page shows.
CONTENT_APPS = {"cms", "wagtailcore", "wagtaildocs", "wagtailimages", "taggit"}


def lifetime() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300))


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def invalidate(**kwargs) -> None:
    """Signal receiver (and plain function): every cached public page is stale now."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def invalidate_on_content_change(sender, **kwargs) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        invalidate()


def cache_key(request, page) -> str | None:
    """The key of this page for this request, or None when it must not be cached."""
    if lifetime() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if request.GET or request.user.is_authenticated or "messages" in request.COOKIES:
        return None
    if getattr(request, "is_preview", False):
        return None
    language = translation.get_language() or ""
    return f"cms:public-page:{current_version()}:{page.pk}:{language}:{request.path}"


def serve_cached(page, request, serve) -> HttpResponse:
    key = cache_key(request, page)
    if key is None:
        return serve()
    hit = cache.get(key)
    if hit is not None:
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response
    response = serve()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    # Only a plain page is shared: no cookie set for this visitor, nothing private.
    if response.status_code == 200 and not response.cookies and not response.streaming:
        cache.set(key, (response.content, response["Content-Type"]), lifetime())
        response["X-Page-Cache"] = "miss"
    return response
