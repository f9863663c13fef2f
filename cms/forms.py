"""Public forms: library filters, FAQ search and site search (all GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentCategory

QUERY_MAX_LENGTH = 100


class QueryField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Buscar"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", QUERY_MAX_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)


class LibraryFilterForm(forms.Form):
    q = QueryField(label=_("Buscar en la biblioteca"))
    categoria = forms.ModelChoiceField(
        label=_("Categoría"),
        queryset=DocumentCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas las categorías"),
        error_messages={"invalid_choice": _("Esa categoría no existe; elija otra.")},
    )
    orden = forms.ChoiceField(
        label=_("Orden"),
        required=False,
        choices=[
            ("recientes", _("Más recientes primero")),
            ("titulo", _("Por título (A–Z)")),
        ],
    )


class FAQSearchForm(forms.Form):
    q = QueryField(
        label=_("Buscar una pregunta"),
        help_text=_("Escriba una o más palabras, por ejemplo «boleta» o «cuenta»."),
    )


class SiteSearchForm(forms.Form):
    q = QueryField(label=_("Buscar en el sitio"))
