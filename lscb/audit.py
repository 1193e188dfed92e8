"""Write entries to the append-only audit log. The one way code records an action."""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from lscb.models import AuditEntry

# How many entries this request (or task) has written: lets AuditFilesServedMiddleware record
# a download or export only when the view did not record it itself.
entries_written: ContextVar[int] = ContextVar("lscb_audit_entries_written", default=0)


def record(action, *, actor=None, board=None, target=None, **payload):
    """Append one audit entry. `action` is a namespaced code like "boards.agency.created"."""
    entry = AuditEntry(action=action, board=board, payload=payload)
    if actor is not None and actor.is_authenticated:
        entry.actor = actor
        entry.actor_label = actor.get_full_name() or actor.get_username()
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:300]
    entry.save()
    entries_written.set(entries_written.get() + 1)
    return entry


def record_access(access, action, target=None, **payload):
    """Record that a person viewed, exported or downloaded something the board must account
    for (a restricted case review, an export, a PDF). `access` is the view's BoardAccess.

    Use in views that hand over records: e.g. `audit.record_access(access,
    "reports.pdf.downloaded", target=pdf, filename=name)`. Names: "<app>.<thing>.<verb>".
    """
    return record(action, actor=access.user, board=access.board, target=target, **payload)


# One entry a minute per person (or address) and kind, for events an outsider can repeat at will.
LIMITED_SECONDS = 60


def record_limited(action, request, **payload):
    """Audit an event anyone can cause in bulk (a rejected CSRF request, a refused upload) so the
    log cannot be flooded: at most one entry per signed-in person (else per address) and action
    a minute; the next entry says how many were not recorded meanwhile. Returns the entry or None.

    The count is kept in the cache: per process with the default cache, so with several workers
    each may write one entry a minute."""
    from axes.helpers import get_client_ip_address  # noqa: PLC0415

    user = getattr(request, "user", None)
    ip_address = get_client_ip_address(request)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else f"ip:{ip_address}"
    gate, skipped = f"lscb:audit:{action}:{who}", f"lscb:audit:{action}:{who}:skipped"
    if not cache.add(gate, 1, timeout=LIMITED_SECONDS):
        try:
            cache.incr(skipped)
        except ValueError:  # the first one skipped since the last entry
            cache.set(skipped, 1, timeout=None)
        return None
    not_recorded = cache.get(skipped, 0)
    cache.delete(skipped)
    access = getattr(request, "board_access", None)
    return record(
        action,
        actor=user,
        board=access.board if access is not None else None,
        ip_address=ip_address,
        path=request.path[:300],
        not_recorded_before=not_recorded,
        **payload,
    )
