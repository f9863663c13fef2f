"""The public menu, breadcrumbs and share metadata, built from the page tree."""

from django import template
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Inicio, the home page's children marked "show in menus", and Contacto."""
    request = context.get("request")
    items = []
    site = Site.find_for_request(request) if request is not None else None
    path = request.path if request is not None else ""
    if site is not None:
        root = site.root_page
        items.append(
            {"title": _("Inicio"), "url": root.url, "active": path == root.url}
        )
        for page in root.get_children().live().in_menu().public().specific(defer=True):
            url = page.url
            items.append(
                {"title": page.title, "url": url, "active": path.startswith(url)}
            )
    try:
        contact = reverse("helpdesk:open")
    except NoReverseMatch:
        contact = None
    if contact:
        items.append(
            {"title": _("Contacto"), "url": contact, "active": path.startswith(contact)}
        )
    return {"items": items}


@register.inclusion_tag("cms/includes/breadcrumbs.html")
def breadcrumbs(page):
    """The page's ancestors from the site's home down, then the page itself."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1)) if page else []
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("cms/includes/share_meta.html", takes_context=True)
def share_meta(context, page, description=""):
    """Open Graph and canonical tags, with absolute URLs built from the request."""
    request = context.get("request")
    url = request.build_absolute_uri(page.url) if request is not None else page.full_url
    image_url = static("img/og-default.png")
    image = getattr(page, "image", None)
    if image is not None:
        image_url = image.get_rendition("fill-1200x630").url
    if request is not None:
        image_url = request.build_absolute_uri(image_url)
    return {
        "title": page.seo_title or page.title,
        "description": description,
        "url": url,
        "image_url": image_url,
        "type": getattr(page, "og_type", "website"),
    }
