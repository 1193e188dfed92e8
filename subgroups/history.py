"""Row history (django-simple-history) turned into "who, when, what changed" for the object's page.

A fixed number of queries: one per history table, plus one per related model named in a change.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

# Rich-text fields: the page says that they changed, not the HTML itself.
RICH_TEXT_FIELDS = {"terms_of_reference", "notes", "progress", "impact", "risks", "description"}
HIDDEN_FIELDS = {"id", "subgroup", "board"}


@dataclass
class HistoryRow:
    when: object
    who: str
    what: str  # "Created", "Changed", "Deleted"
    subject: str  # the record the row is about
    changes: list = field(default_factory=list)  # [(label, old, new)]; old/new None for rich text


def _user_label(user):
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def history_rows(*sources, limit=30):
    """Newest first. Each source is (historical queryset, subject function(record) -> str)."""
    records = []
    for queryset, subject in sources:
        recent = list(queryset.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
        records.extend((record, subject) for record in recent)
    records.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)

    # The previous version of each record, when it is in the window we read.
    by_object = defaultdict(list)
    for record, _ in records:
        by_object[(type(record), record.id)].append(record)
    previous = {}
    for versions in by_object.values():
        for newer, older in zip(versions, versions[1:], strict=False):
            previous[(type(newer), newer.history_id)] = older

    deltas, fk_ids = {}, defaultdict(set)
    for record, _ in records:
        older = previous.get((type(record), record.history_id))
        if record.history_type != "~" or older is None:
            continue
        delta = record.diff_against(older)
        deltas[(type(record), record.history_id)] = delta
        for change in delta.changes:
            model_field = record.instance_type._meta.get_field(change.field)
            if isinstance(model_field, models.ForeignKey):
                fk_ids[model_field.related_model].update(v for v in (change.old, change.new) if v is not None)
    names = {
        model: {pk: _name(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in fk_ids.items()
    }

    rows = []
    for record, subject in records[:limit]:
        changes = []
        delta = deltas.get((type(record), record.history_id))
        for change in delta.changes if delta else []:
            if change.field in HIDDEN_FIELDS:
                continue
            model_field = record.instance_type._meta.get_field(change.field)
            label = str(model_field.verbose_name).capitalize()
            if change.field in RICH_TEXT_FIELDS:
                changes.append((label, None, None))
            else:
                changes.append(
                    (label, _display(model_field, change.old, names), _display(model_field, change.new, names))
                )
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=_user_label(record.history_user),
                what=record.get_history_type_display(),
                subject=subject(record),
                changes=changes,
            )
        )
    return rows


def _name(obj):
    if hasattr(obj, "get_full_name"):  # a user: their name, not their username
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _display(model_field, value, names):
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ForeignKey):
        return names.get(model_field.related_model, {}).get(value, "(removed)")
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    return str(value)
