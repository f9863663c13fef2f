"""Rate limits kept in Django's cache (Redis in production, so they hold across processes)."""

import hashlib
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


# Generous per IP: many public servants share one government NAT.
DEFAULT_LIMITS = {
    "open-ip": Limit(20, 60 * 60),
    "open-email": Limit(5, 60 * 60),
    "status-ip": Limit(20, 60 * 60),
    "status-email": Limit(3, 60 * 60),
    "reply-ip": Limit(30, 60 * 60),
    "reply-ticket": Limit(10, 60 * 60),
}


def limit_for(scope: str) -> Limit:
    """The limit of ``scope``; ``HELPDESK_RATE_LIMITS`` may override (count, seconds)."""
    override = getattr(settings, "HELPDESK_RATE_LIMITS", {}).get(scope)
    return Limit(*override) if override else DEFAULT_LIMITS[scope]


def client_ip(request) -> str:
    """The client's address as the login throttling sees it (same proxy settings)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def hit(scope: str, key: str) -> bool:
    """Count one attempt for ``key``; True while it stays within the scope's limit."""
    limit = limit_for(scope)
    window = int(time.time() // limit.seconds)
    # Keys carry a hash, never an e-mail or an address in clear.
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    cache_key = f"helpdesk:rl:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=limit.seconds + 60)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds + 60)
        count = 1
    return count <= limit.count


def allow(**keys: str) -> bool:
    """Count one attempt in each ``scope=key``; False as soon as one is over its limit."""
    return all(hit(scope.replace("_", "-"), key) for scope, key in keys.items() if key)
