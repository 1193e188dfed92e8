"""Row history (django-simple-history) as "who, when, what changed" for a record's page.

`change_log(*sources)` takes historical-record querysets (a record's own history and, on a
parent's page, its children's: a meeting's agenda items and attendance, say) and returns
entries newest first. A change lists each field that differs from the version before; a
creation lists the values it was made with. Every app shows these with one template,
`lscb/_history.html`.

Queries: one per source, plus one per kind of linked record named in a change (to show a
name, not an id): a fixed number however long the history, so pages can assert it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator

HISTORY_LIMIT = 50
HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}
# Every record here belongs to the board whose page shows it: saying so adds nothing.
HIDDEN_FIELDS = {"id", "board"}
LONG_TEXT_CHARS = 120


class Change(NamedTuple):
    field: str
    old: str | None  # None on a creation: there was no value before
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    what: str  # "Created", "Changed" or "Deleted"
    subject: str  # which record: "Agenda item: Budget", or the kind of record
    # None: a change whose earlier version is older than the history read.
    changes: list | None = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A historical queryset, how to name its rows (`subject(record) -> str`, default the kind
    of record) and fields not worth showing on this page (the parent the page is about)."""

    records: models.QuerySet
    subject: object = None
    hide: frozenset = frozenset()


def change_log(*sources, limit=HISTORY_LIMIT):
    """Newest first, at most `limit` entries. A source is a Source or a historical queryset."""
    sources = [source if isinstance(source, Source) else Source(source) for source in sources]
    window = []  # (record, source position), each source's newest limit + 1 (to compare with)
    versions = defaultdict(list)  # (source position, object id) → its versions, newest first
    for position, source in enumerate(sources):
        recent = source.records.select_related("history_user").order_by("-history_date", "-history_id")
        for record in recent[: limit + 1]:
            window.append((record, position))
            versions[(position, record.id)].append(record)
    previous = {}  # (source position, history_id) → the version before, when it was read
    for (position, _object_id), newest_first in versions.items():
        for newer, older in zip(newest_first, newest_first[1:], strict=False):
            previous[(position, newer.history_id)] = older

    window.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    shown = []
    related_ids = defaultdict(set)
    for record, position in window[:limit]:
        source = sources[position]
        fields = _fields(record, source)
        if record.history_type == "+":
            changes = [(f, None, getattr(record, f.attname)) for f in fields if not _empty(getattr(record, f.attname))]
        elif record.history_type == "~" and (position, record.history_id) in previous:
            before = previous[(position, record.history_id)]
            changes = [
                (f, getattr(before, f.attname), getattr(record, f.attname))
                for f in fields
                if getattr(before, f.attname) != getattr(record, f.attname)
            ]
        else:
            changes = None if record.history_type == "~" else []
        for model_field, old, new in changes or []:
            if model_field.is_relation:
                related_ids[model_field.related_model].update(v for v in (old, new) if v is not None)
        shown.append((record, source, changes))
    names = {
        model: {pk: _name(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in related_ids.items()
    }

    return [
        Entry(
            when=record.history_date,
            who=_name(record.history_user) if record.history_user else "System",
            what=HISTORY_TYPES.get(record.history_type, record.history_type),
            subject=source.subject(record) if source.subject else _kind(record),
            changes=None
            if changes is None
            else [
                Change(
                    _label(f),
                    None if record.history_type == "+" else _display(f, old, names),
                    _display(f, new, names),
                )
                for f, old, new in changes
            ],
        )
        for record, source, changes in shown
    ]


def _fields(record, source):
    hidden = HIDDEN_FIELDS | set(source.hide)
    return [f for f in record.instance_type._meta.concrete_fields if f.name not in hidden and f.attname not in hidden]


def _kind(record):
    return _label_text(record.instance_type._meta.verbose_name)


def _label(model_field):
    return _label_text(model_field.verbose_name)


def _label_text(name):
    """As people read it: "RAG" stays "RAG", "owner agency" becomes "Owner agency"."""
    name = str(name)
    return name[:1].upper() + name[1:]


def _name(obj):
    if hasattr(obj, "get_full_name"):  # a person: their name, not their username
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _empty(value):
    return value is None or value == "" or value == {} or value == []


def _display(model_field, value, names):
    if _empty(value):
        return "—"
    if model_field.is_relation:
        return names.get(model_field.related_model, {}).get(value, f"(removed, id {value})")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.strftime("%-d %b %Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%-d %b %Y")
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(model_field, models.TextField):
        # Long and often rich text: its words, shortened, never its HTML.
        return Truncator(" ".join(strip_tags(value).split())).chars(LONG_TEXT_CHARS)
    return str(value)
