"""Private ticket links: a random token in the URL, only its SHA-256 in the database."""

import hashlib
import secrets

# 32 random bytes: 256 bits, far beyond guessing; URL-safe base64 without padding.
TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{40,64}"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    # A plain hash suffices: the token is random and long, so nothing can be guessed back.
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


class TokenConverter:
    """URL converter that accepts only strings shaped like a token."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
