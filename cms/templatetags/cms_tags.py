"""The public menu, built from the page tree."""

from django import template
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
