"""Emission factors and waste types in the Wagtail admin (ministry data)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EmissionFactor, WasteType


class ConfirmationColumn(Column):
    """ "No confirmado" in warning colours, so an unconfirmed factor stands out."""

    def get_value(self, instance):
        if instance.confirmed:
            return _("Confirmado")
        return format_html(
            '<span class="w-status w-status--label" style="background:#fdeaa7;'
            'color:#4a3800">{}</span>',
            _("No confirmado"),
        )


class EmissionFactorViewSet(ModelViewSet):
    model = EmissionFactor
    name = "emission_factors"
    url_prefix = "factores-de-emision"
    icon = "doc-full"
    menu_label = _("Factores de emisión")
    form_fields = [
        "category",
        "key",
        "label",
        "value",
        "unit",
        "valid_from",
        "source",
        "confirmed",
    ]
    list_display = [
        "label",
        "value",
        "unit",
        "valid_from",
        "source",
        ConfirmationColumn("confirmed", label=_("Estado")),
    ]
    list_filter = ["category", "confirmed", "valid_from"]
    search_fields = ["label", "key", "source"]
    ordering = ["category", "key", "-valid_from"]
    inspect_view_enabled = True
    copy_view_enabled = True  # a new version starts as a copy of the previous one


class WasteTypeViewSet(ModelViewSet):
    model = WasteType
    name = "waste_types"
    url_prefix = "tipos-de-residuo"
    icon = "list-ul"
    menu_label = _("Tipos de residuo")
    form_fields = ["name", "is_recycled", "position", "is_active"]
    list_display = ["name", "is_recycled", "position", "is_active"]
    ordering = ["position", "name"]
    inspect_view_enabled = False
    copy_view_enabled = False


class EstadoVerdeViewSetGroup(ViewSetGroup):
    items = (EmissionFactorViewSet, WasteTypeViewSet)
    menu_label = _("Estado Verde")
    menu_icon = "pick"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_estado_verde_viewsets():
    return EstadoVerdeViewSetGroup()
