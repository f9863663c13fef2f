"""Figures as people read them in Chile: ``{{ value|cl:1 }}`` → 1.234,5."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def cl(value, places=0):
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)))
    except (InvalidOperation, ValueError):
        return value
    return formats.number_format(
        number, int(places), use_l10n=True, force_grouping=True
    )
