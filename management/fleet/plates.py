"""Chilean licence plates (patentes): current ``BBCD12`` and older ``AB1234``."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Since 2007 plates use four consonants (no vowels, M, N, Ñ or Q) and two digits.
CURRENT = r"[BCDFGHJKLPRSTVWXYZ]{4}[0-9]{2}"
OLDER = r"[A-Z]{2}[0-9]{4}"
PLATE_REGEX = rf"^({CURRENT}|{OLDER})$"
_PLATE = re.compile(PLATE_REGEX)
_SEPARATORS = re.compile(r"[\s.\-·_]+")


def normalize_plate(value: str) -> str:
    """Upper case without spaces, dots or dashes: ``bb-cd·12`` → ``BBCD12``."""
    return _SEPARATORS.sub("", (value or "").strip()).upper()


def validate_plate(value: str) -> None:
    if not _PLATE.match(value or ""):
        raise ValidationError(
            _(
                "«%(plate)s» no es una patente chilena válida: use 4 letras y 2 "
                "números (BBCD12) o 2 letras y 4 números (AB1234)."
            )
            % {"plate": (value or "")[:20]},
            code="invalid_plate",
        )
