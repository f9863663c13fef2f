"""Certificate codes: random, unambiguous, grouped for reading, with a check character.

A code is 15 random symbols from a 31-symbol alphabet without 0/O and 1/I/L (about
74 bits) plus one check symbol, shown as four groups of four (``7Q4K-9XZ2-MB3H-WRTP``).
The check symbol makes every single mistyped symbol and every swap of two neighbours
detectable before the database is asked.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RANDOM_LENGTH = 15
LENGTH = RANDOM_LENGTH + 1
GROUP = 4
#: What the database accepts (also a check constraint on the column).
PATTERN = rf"^[{ALPHABET}]{{{LENGTH}}}$"

_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_BASE = len(ALPHABET)  # a prime, so weighted sums catch swaps and single errors
SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.·]+")


def _check_symbol(body: str) -> str:
    # Weights 1..16 make sum(weight * value) ≡ 0 (mod 31) for a whole code.
    total = sum(weight * _VALUES[s] for weight, s in enumerate(body, start=1))
    inverse = pow(LENGTH, -1, _BASE)
    return ALPHABET[(-total * inverse) % _BASE]


def generate_code() -> str:
    """A new random code (ungrouped), from the operating system's CSPRNG."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + _check_symbol(body)


def normalize_code(value: str | None) -> str | None:
    """The stored form of a typed code (any case, dashes or spaces), or None if malformed."""
    if not value:
        return None
    code = SEPARATORS.sub("", value).upper()
    if len(code) != LENGTH or any(symbol not in _VALUES for symbol in code):
        return None
    if _check_symbol(code[:-1]) != code[-1]:
        return None
    return code


def format_code(code: str) -> str:
    """``7Q4K9XZ2MB3HWRTP`` → ``7Q4K-9XZ2-MB3H-WRTP``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
