"""A small fixed-window rate limit in the cache, for things anyone can repeat at will (invitations,
password-reset e-mails): at most `limit` per `key` per `window` seconds.

With the default per-process cache each worker process counts on its own, so the real limit is
the given one times the number of processes; with a shared cache (Redis) it is exact."""

from django.core.cache import cache


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one more for `key`; False once `limit` is passed within the window."""
    name = f"lscb:throttle:{key}"
    if cache.add(name, 1, timeout=window):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window)
        return True
    return count <= limit
