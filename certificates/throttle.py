"""Per-IP limit on verification lookups, counted in Django's cache (shared in production)."""

import hashlib
import time

from axes.helpers import get_client_ip_address

from django.conf import settings
from django.core.cache import cache

# Generous: many public servants share one government NAT, and a code has ~74 random
# bits, so the limit guards the personal data shown rather than the codes.
DEFAULT_LIMIT = (60, 10 * 60)


def _limit() -> tuple[int, int]:
    return tuple(getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", DEFAULT_LIMIT))


def client_ip(request) -> str:
    """The client's address, behind the same proxies the login throttling trusts."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def allow_lookup(request) -> bool:
    """Count one lookup from the request's IP; False once over the limit in this window."""
    count_limit, seconds = _limit()
    window = int(time.time() // seconds)
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"certificates:verify:{digest}:{window}"
    cache.add(key, 0, timeout=seconds + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=seconds + 60)
        count = 1
    return count <= count_limit


def retry_after() -> int:
    """Seconds until the current window ends."""
    _count, seconds = _limit()
    return seconds - int(time.time()) % seconds
