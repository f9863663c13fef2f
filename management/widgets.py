"""Select widgets whose options are written in Python, not one template per option:
lists such as the 346 comunas or a service's 500 units render in a fraction of the time."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = []
        for _group, group_options, _index in context["optgroups"]:
            options.append(
                format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    (
                        (
                            "" if o["value"] is None else o["value"],
                            mark_safe(" selected") if o["selected"] else "",
                            o["label"],
                        )
                        for o in group_options
                    ),
                )
            )
        attrs = dict(context["attrs"])
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            context["name"],
            flatatt(attrs),
            mark_safe("".join(options)),
        )


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True
