"""Row history (django-simple-history) as "who, when, what changed" for an object's page.

`change_log(*sources, limit=50)` takes historical-record querysets (the object's own history
and, for a parent page, its children's, e.g. a meeting's agenda items and attendance) and
returns entries newest first, each with the field-by-field changes from the version before.
Queries: one per source, plus one per kind of linked record named in a change — a fixed
number however long the history, so pages can assert their query count.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
IGNORED_FIELDS = {"id"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    what: str
    label: str
    changes: list = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A historical queryset and how to name its rows on the page (`label(record) -> str`)."""

    records: models.QuerySet
    label: object = None


def _who(record):
    user = record.history_user
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def _fields(model):
    """The tracked model's concrete fields worth showing, by attribute name."""
    return {f.attname: f for f in model._meta.concrete_fields if f.attname not in IGNORED_FIELDS}


def change_log(*sources, limit=50):
    pending = []  # (record, previous record or None, fields)
    for source in sources:
        if not isinstance(source, Source):
            source = Source(source)
        records = list(source.records.select_related("history_user").order_by("history_date", "history_id"))
        fields = _fields(source.records.model.instance_type)
        previous_by_object = {}
        for record in records:
            pending.append((record, previous_by_object.get(record.id), fields, source.label))
            previous_by_object[record.id] = record
    pending.sort(key=lambda item: (item[0].history_date, item[0].history_id), reverse=True)
    pending = pending[:limit]

    # Changes to foreign keys name the linked record: look them all up together.
    wanted = defaultdict(set)
    raw = []
    for record, previous, fields, label in pending:
        changes = []
        if previous is not None and record.history_type == "~":
            for attname, model_field in fields.items():
                old, new = getattr(previous, attname, None), getattr(record, attname, None)
                if old != new:
                    changes.append((model_field, old, new))
                    if model_field.is_relation:
                        wanted[model_field.related_model].update(v for v in (old, new) if v is not None)
        raw.append((record, changes, label))
    names = {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in wanted.items()
    }

    entries = []
    for record, changes, label in raw:
        entries.append(
            Entry(
                when=record.history_date,
                who=_who(record),
                what=HISTORY_TYPES.get(record.history_type, record.history_type),
                label=label(record) if label else str(record.instance_type._meta.verbose_name).capitalize(),
                changes=[
                    Change(str(f.verbose_name).capitalize(), _display(f, old, names), _display(f, new, names))
                    for f, old, new in changes
                ],
            )
        )
    return entries


def _display(model_field, value, names):
    if value is None or value == "":
        return "(blank)"
    if model_field.is_relation:
        return names.get(model_field.related_model, {}).get(value, f"(removed record {value})")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
