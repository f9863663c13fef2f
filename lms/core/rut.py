"""Chilean RUT: validation by modulo 11, normalised storage, masked display."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CLEAN = re.compile(r"[.\-\s]")


def check_digit(number: int) -> str:
    """The modulo-11 check digit of the RUT's number part (0–9 or K)."""
    total, factor = 0, 2
    while number:
        total += (number % 10) * factor
        number //= 10
        factor = 2 if factor == 7 else factor + 1
    digit = 11 - total % 11
    return {11: "0", 10: "K"}.get(digit, str(digit))


def normalize_rut(value: str) -> str:
    """``12.345.678-5``, ``12345678-5`` or ``123456785`` → ``12345678-5``; raises if invalid."""
    raw = _CLEAN.sub("", (value or "").strip()).upper()
    if not re.fullmatch(r"\d{1,9}[\dK]", raw):
        raise ValidationError(
            _("Ingrese un RUT válido, por ejemplo 12.345.678-5."), code="rut_format"
        )
    number, digit = int(raw[:-1]), raw[-1]
    if number < 100_000 or check_digit(number) != digit:
        raise ValidationError(
            _("El RUT no es válido: revise los números y el dígito verificador."),
            code="rut_check_digit",
        )
    return f"{number}-{digit}"


def format_rut(value: str) -> str:
    """``12345678-5`` → ``12.345.678-5``."""
    if not value or "-" not in value:
        return value or ""
    number, digit = value.split("-", 1)
    return f"{int(number):,}".replace(",", ".") + f"-{digit}"


def mask_rut(value: str) -> str:
    """For public pages: ``12345678-5`` → ``12.***.***-5``."""
    if not value or "-" not in value:
        return ""
    number, digit = value.split("-", 1)
    head = number[:-6] or number[:1]
    return f"{head}.***.***-{digit}"


class RUTField(forms.CharField):
    """A form field that accepts any common RUT spelling and cleans to ``12345678-5``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("label", _("RUT"))
        kwargs.setdefault(
            "help_text", _("Con dígito verificador, por ejemplo 12.345.678-5.")
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "spellcheck": "false"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        return normalize_rut(value) if value else value
