"""Write entries to the append-only audit log. The one way code records an action."""

from django.contrib.contenttypes.models import ContentType

from lscb.models import AuditEntry


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
    return entry
