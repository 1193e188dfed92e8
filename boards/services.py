"""Operations that change the board's records (set-up, agencies, people, meetings, budget).

Each follows one order: the permission layer says the user may manage the board, the
current state is checked, rows change inside one transaction, the audit log is written.
Row history (who changed which field) is kept by django-simple-history on every model.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from boards.choices import RAG, AttendanceStatus
from boards.forms.performance import check_value
from boards.models import Agency, Attendance, Contribution, Indicator, IndicatorValue, Membership
from lscb import audit
from lscb.csv_io import CellError, Column, parse_choice, parse_csv_upload, parse_date, parse_decimal_for
from lscb.errors import DomainError
from lscb.permissions import Capability
from lscb.sessions import end_sessions_for


class RecordError(DomainError):
    """An operation the current state of the record does not allow; the message is for the user."""


def _require_manager(access):
    if not access.can(Capability.MANAGE_BOARD):
        raise PermissionDenied


def save_form(access, form, action, **payload):
    """Save a validated model form for the board and audit it as `action` (e.g. boards.agency.created)."""
    _require_manager(access)
    try:
        with transaction.atomic():
            obj = form.save()
            changed = sorted(form.changed_data) if form.initial else []
            audit.record(action, actor=access.user, board=access.board, target=obj, changed=changed, **payload)
    except IntegrityError as exc:
        # The form checked uniqueness, so only someone saving the same record at the same moment
        # gets here (two "add contribution" clicks for one agency): say so, save nothing.
        raise RecordError(
            "Someone saved the same record a moment ago, so this was not saved. Check the page and try again."
        ) from exc
    return obj


def remove_area(access, area):
    _require_manager(access)
    try:
        with transaction.atomic():
            name = area.name
            area.delete()
            audit.record("boards.area.removed", actor=access.user, board=access.board, name=name)
    except ProtectedError as exc:
        users = ", ".join(sorted({str(obj) for obj in exc.protected_objects})[:5])
        raise RecordError(f"{area.name} cannot be removed while these records use it: {users}") from exc


def end_membership(access, membership, end_date):
    _require_manager(access)
    if membership.end_date is not None and membership.end_date <= end_date:
        raise RecordError("This membership has already ended", field="end_date")
    if end_date < membership.start_date:
        raise RecordError("The end date must be on or after the start date", field="end_date")
    with transaction.atomic():
        membership.end_date = end_date
        membership.save(update_fields=["end_date"])
        audit.record(
            "boards.membership.ended", actor=access.user, board=access.board, target=membership, end_date=str(end_date)
        )
        stop_sign_in_without_membership(membership.person, actor=access.user, board=access.board)
    return membership


def stop_sign_in_without_membership(person, *, actor=None, board=None):
    """A person whose last membership has ended (none runs today or later) can no longer sign
    in: their account is deactivated and its sessions end. Inviting them again restores it
    (accounts.services.accept_invitation). Site operators (staff) keep their account."""
    user = person.user
    if user is None or not user.is_active or user.is_staff:
        return False
    today = timezone.localdate()
    if Membership.objects.filter(person=person).filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).exists():
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions_for(user)
    audit.record("auth.account.deactivated", actor=actor, board=board, target=person, sessions_ended=ended)
    return True


def cancel_meeting(access, meeting, reason):
    _require_manager(access)
    if meeting.is_cancelled:
        raise RecordError("This meeting is already cancelled")
    with transaction.atomic():
        meeting.is_cancelled = True
        meeting.cancelled_reason = reason
        meeting.save(update_fields=["is_cancelled", "cancelled_reason"])
        audit.record("boards.meeting.cancelled", actor=access.user, board=access.board, target=meeting, reason=reason)
    return meeting


def record_attendance(access, meeting, statuses):
    """Set the meeting's attendance from {agency: (status or "", note)}; "" removes the agency's row.

    Writes only rows that change, so history shows real changes, not re-saves.
    """
    _require_manager(access)
    if meeting.is_cancelled:
        raise RecordError("Attendance cannot be recorded for a cancelled meeting")
    with transaction.atomic():
        existing = {a.agency_id: a for a in meeting.attendances.select_for_update()}
        created = updated = removed = 0
        for agency, (status, note) in statuses.items():
            row = existing.get(agency.id)
            if not status:
                if row is not None:
                    row.delete()
                    removed += 1
                continue
            if row is None:
                Attendance.objects.create(meeting=meeting, agency=agency, status=status, note=note)
                created += 1
            elif (row.status, row.note) != (status, note):
                row.status, row.note = status, note
                row.save(update_fields=["status", "note"])
                updated += 1
        audit.record(
            "boards.attendance.recorded",
            actor=access.user,
            board=access.board,
            target=meeting,
            created=created,
            updated=updated,
            removed=removed,
        )
    return created, updated, removed


ATTENDANCE_COLUMNS = [
    Column("Agency"),
    Column("Status", parse_choice(AttendanceStatus)),
    Column("Note", required=False, default=""),
]


def import_attendance(access, meeting, uploaded_file):
    """Record attendance from a CSV (Agency, Status, Note). All or nothing.

    Returns (rows saved, errors). With any error — a bad cell, an agency not on this board,
    the same agency twice — nothing is saved and every bad row is reported.
    """
    _require_manager(access)
    if meeting.is_cancelled:
        raise RecordError("Attendance cannot be recorded for a cancelled meeting")
    rows, errors = parse_csv_upload(uploaded_file, ATTENDANCE_COLUMNS)
    agencies = {a.name.casefold(): a for a in Agency.objects.filter(board=access.board)}
    seen = {}
    statuses = {}
    for row in rows:
        number = row["_row_number"]
        agency = agencies.get(row["Agency"].casefold())
        if agency is None:
            errors.append((number, f"Agency: “{row['Agency']}” is not one of this board's agencies"))
            continue
        if agency.id in seen:
            errors.append((number, f"Agency: {agency.name} is already on row {seen[agency.id]}"))
            continue
        if len(row["Note"]) > 300:
            errors.append((number, "Note: must be 300 characters or fewer"))
            continue
        seen[agency.id] = number
        statuses[agency] = (row["Status"], row["Note"])
    errors.sort()
    if errors:
        return 0, errors
    if not statuses:
        return 0, [(0, "The file has no rows of attendance")]
    try:
        with transaction.atomic():
            created, updated, _ = record_attendance(access, meeting, statuses)
    except IntegrityError as exc:  # a concurrent edit; nothing was saved
        return 0, [(0, f"The attendance could not be saved: {exc.__class__.__name__}; try again")]
    audit.record(
        "boards.attendance.imported", actor=access.user, board=access.board, target=meeting, rows=len(statuses)
    )
    return len(statuses), []


def remove_budget_line(access, line):
    """Remove a contribution or spend line (money figures, not safeguarding records)."""
    _require_manager(access)
    kind = "contribution" if isinstance(line, Contribution) else "spend"
    with transaction.atomic():
        description = str(line)
        budget = line.budget
        line.delete()
        audit.record(
            f"boards.budget.{kind}_removed", actor=access.user, board=access.board, target=budget, line=description
        )


# --- The plan, scorecard, inspections and yearly figures ------------------------------------


def save_record(access, form, kind, **new_fields):
    """Save a validated model form of the plan, scorecard, inspections or yearly figures and
    audit it as `kind`.created or `kind`.updated (e.g. boards.priority.created). `new_fields`
    (the board, the parent) are set on a new record only: a record never moves."""
    _require_manager(access)
    return _save(access, form, kind, new_fields)


def _save(access, form, kind, new_fields):
    created = form.instance.pk is None
    with transaction.atomic():
        obj = form.save(commit=False)
        if created:
            for name, value in new_fields.items():
                setattr(obj, name, value)
        obj.save()
        form.save_m2m()
        audit.record(
            f"{kind}.{'created' if created else 'updated'}",
            actor=access.user,
            board=access.board,
            target=obj,
            changed=sorted(form.changed_data),
        )
    return obj


def _require_action_editor(access, action):
    # The same rule as ActionQuerySet.editable_by: the business manager, or an author of the
    # owning agency. The page has already given a 404 to anyone else; this keeps the service safe alone.
    if not action.is_editable_by(access):
        raise PermissionDenied


def update_action(access, form):
    """The business manager changes everything of an action; the owning agency's author its RAG
    and little-or-no-progress flag (their form has only those fields)."""
    _require_action_editor(access, form.instance)
    return _save(access, form, "boards.action", {})


def add_progress_update(access, action, form):
    """A progress update on `action`, by its owning agency's author or the business manager.

    The RAG rule: a RAG given with the update becomes the action's RAG in the same transaction,
    and an action marked complete no longer has little or no progress."""
    _require_action_editor(access, action)
    user = access.user
    with transaction.atomic():
        update = _save(
            access,
            form,
            "boards.progress_update",
            {"action": action, "author": user, "author_name": user.get_full_name() or user.get_username()},
        )
        if update.rag and update.rag != action.rag:
            action.rag = update.rag
            if action.little_or_no_progress and update.rag == RAG.COMPLETE:
                action.little_or_no_progress = False
                action.little_or_no_progress_cause = ""
            action.save()
    return update


INDICATOR_UPLOAD_COLUMNS_HELP = "reference, period_end, value, commentary"


def upload_indicator_values(access, uploaded_file):
    """Values of the board's indicators from a CSV (reference, period_end, value, commentary).
    All or nothing: returns (created, replaced, errors); with any error nothing is saved.

    A row for a period that already has a value replaces it (the history keeps the old one)."""
    _require_manager(access)
    indicators = {i.code.lower(): i for i in Indicator.objects.visible_to(access)}

    def parse_reference(text):
        try:
            return indicators[text.strip().lower()]
        except KeyError:
            raise CellError(f"“{text}” is not the reference of one of this board's indicators") from None

    rows, errors = parse_csv_upload(
        uploaded_file,
        [
            Column("reference", parse_reference),
            Column("period_end", parse_date),
            Column("value", parse_decimal_for(IndicatorValue._meta.get_field("value"))),
            Column("commentary", required=False, default=""),
        ],
    )
    seen = {}
    for row in rows:
        indicator, period_end = row["reference"], row["period_end"]
        try:
            check_value(indicator, row["value"])
        except forms.ValidationError as exc:
            errors.append((row["_row_number"], f"value: {' '.join(exc.messages)}"))
        key = (indicator.pk, period_end)
        if key in seen:
            errors.append(
                (row["_row_number"], f"{indicator.code} for {period_end:%d/%m/%Y} is also on row {seen[key]}")
            )
        seen.setdefault(key, row["_row_number"])
    if errors:
        return 0, 0, sorted(errors, key=lambda e: e[0])
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _value, was_created = IndicatorValue.objects.update_or_create(
                indicator=row["reference"],
                period_end=row["period_end"],
                defaults={"value": row["value"], "commentary": row["commentary"] or ""},
            )
            created += was_created
            updated += not was_created
        audit.record(
            "boards.indicator_value.uploaded",
            actor=access.user,
            board=access.board,
            created=created,
            updated=updated,
            filename=uploaded_file.name[:200],
        )
    return created, updated, []
