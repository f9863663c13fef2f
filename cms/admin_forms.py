"""Admin forms of the page types: checks across a page's inline items."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from cms.models.faq import anchor_for


def _live_forms(formset):
    """The item forms that will be saved (valid and not marked for deletion)."""
    if formset is None or not formset.is_valid():
        return []
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class FAQPageForm(WagtailAdminPageForm):
    """Fill each question's anchor and refuse two questions with the same one."""

    def clean(self):
        cleaned_data = super().clean()
        seen: dict[str, str] = {}
        for form in _live_forms(self.formsets.get("faq_items")):
            anchor = form.cleaned_data.get("anchor") or anchor_for(
                form.cleaned_data.get("question", "")
            )
            if anchor in seen:
                form.add_error(
                    "anchor",
                    _(
                        "El ancla «%(anchor)s» ya la usa la pregunta «%(other)s». "
                        "Escriba un ancla distinta."
                    )
                    % {"anchor": anchor, "other": seen[anchor]},
                )
                continue
            seen[anchor] = form.cleaned_data.get("question", "")
            form.cleaned_data["anchor"] = anchor
            form.instance.anchor = anchor
        return cleaned_data


class LibraryPageForm(WagtailAdminPageForm):
    """Refuse a document listed twice, or one without a category, in the Biblioteca."""

    def clean(self):
        cleaned_data = super().clean()
        seen = set()
        for form in _live_forms(self.formsets.get("library_items")):
            document = form.cleaned_data.get("document")
            if document is None:
                continue
            if document.pk in seen:
                form.add_error(
                    "document",
                    _("Este documento ya está en la lista de la biblioteca."),
                )
            elif document.category_id is None:
                form.add_error(
                    "document",
                    _(
                        "«%(title)s» no tiene categoría. Asígnele una en Documentos "
                        "antes de agregarlo a la biblioteca."
                    )
                    % {"title": document.title},
                )
            seen.add(document.pk)
        return cleaned_data


class ResultsYearForm(WagtailAdminModelForm):
    """Complete the figures an editor left empty from the management data, if any."""

    def clean(self):
        from cms.models.results import FIGURE_FIELDS, ResultsYear
        from cms.results import fill_missing_figures

        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year is None:
            return cleaned_data
        figures = {name: cleaned_data.get(name) for name in FIGURE_FIELDS}
        filled, used = fill_missing_figures(year, figures)
        cleaned_data.update(filled)
        self.instance.source = (
            ResultsYear.Source.MANAGEMENT if used else ResultsYear.Source.MANUAL
        )
        return cleaned_data
