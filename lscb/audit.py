"""Write entries to the append-only audit log. The one way code records an action."""

from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType

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
