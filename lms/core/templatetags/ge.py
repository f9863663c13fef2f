"""Template helpers shared by every page: icons, form fields, Chilean formats."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# 24×24 stroke icons drawn for this project.
_ICONS = {
    "home": "M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10",
    "building": "M4 21V4h10v17M14 9h6v12M7 8h2M7 12h2M7 16h2M17 13h1M17 17h1M2 21h20",
    "bolt": "M13 2L4 14h7l-1 8 9-12h-7l1-8z",
    "leaf": "M5 19c0-9 6-14 15-14 0 9-5 15-14 15M5 19l7-7",
    "chart": "M4 20V10M10 20V4M16 20v-7M22 20H2",
    "info": "M12 22a10 10 0 100-20 10 10 0 000 20zM12 11v6M12 7h.01",
    "gear": "M12 15a3 3 0 100-6 3 3 0 000 6zM19 12l2-1-1-3-2 .2-1.3-1.3.2-2-3-1-1 2h-2l-1-2-3 1 .2 2L6.8 8.2 4.8 8 4 11l2 1v0l-2 1 1 3 2-.2 1.3 1.3-.2 2 3 1 1-2h2l1 2 3-1-.2-2 1.3-1.3 2 .2 1-3z",
    "car": "M3 13l2-6h14l2 6v5h-3v-2H6v2H3zM3 13h18M7 16h.01M17 16h.01",
    "fuel": "M4 21V4h9v17M2 21h13M13 9h3l2 2v7a2 2 0 004 0V8l-3-3M6 8h5",
    "route": "M6 19a2 2 0 100-4 2 2 0 000 4zM18 9a2 2 0 100-4 2 2 0 000 4zM6 15V9a3 3 0 013-3h3M18 9v6a3 3 0 01-3 3h-3",
    "user": "M12 12a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0",
    "book": "M4 4h7a3 3 0 013 3v14a2 2 0 00-2-2H4zM20 4h-5a3 3 0 00-3 3",
    "check": "M4 12l5 5L20 6",
    "download": "M12 3v12M7 10l5 5 5-5M4 21h16",
}


@register.simple_tag
def icon(name: str, label: str = ""):
    """An inline SVG icon; decorative unless a label is given."""
    path = _ICONS.get(name)
    if path is None:
        return ""
    aria = (
        format_html('role="img" aria-label="{}"', label)
        if label
        else mark_safe('aria-hidden="true"')
    )
    return format_html(
        '<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" '
        'stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false" {}>'
        '<path d="{}"/></svg>',
        aria,
        path,
    )


@register.inclusion_tag("includes/field.html")
def field(bound_field, extra_class=""):
    """A labelled form field with its help text and errors, tied together for screen readers."""
    return {"field": bound_field, "extra_class": extra_class}


@register.simple_tag
def optional_url(name: str, *args, **kwargs) -> str:
    """The URL of ``name``, or "" while that module is not installed."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
