"""Operations that change sub-group records.

Each follows the one order (STYLE.md): permission → status → transaction.atomic → audit.record.
No side effects leave the process, so nothing is queued with on_commit here.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lscb import audit
from lscb.errors import DomainError
from subgroups.choices import HighlightStatus
from subgroups.permissions import can_keep_work_plan, can_manage


class SubGroupError(DomainError):
    """An operation not allowed in the record's current state; the message is for the user."""


def _require_manager(access, subgroup=None):
    """The business manager of the sub-group's own board (never another board's)."""
    if not can_manage(access):
        raise PermissionDenied
    if subgroup is not None and subgroup.board_id != access.board.id:
        raise PermissionDenied


def _require_work_plan_keeper(access, subgroup):
    if not can_keep_work_plan(access, subgroup):
        raise PermissionDenied


def _save_form(form, access, action, only_form_fields=False, **payload):
    """Save the form and audit it. `only_form_fields` writes just the form's columns, so a field
    another request changed meanwhile (a highlight's status) is not written back as it was."""
    with transaction.atomic():
        if only_form_fields:
            obj = form.save(commit=False)
            obj.save(update_fields=list(form.fields))
            form.save_m2m()
        else:
            obj = form.save()
        audit.record(action, actor=access.user, board=access.board, target=obj, changed=form.changed_data, **payload)
    return obj


def _delete(obj, access, action, **payload):
    with transaction.atomic():
        audit.record(action, actor=access.user, board=access.board, target=obj, **payload)
        obj.delete()


# --- Sub-groups (business manager) -----------------------------------------------------


def save_subgroup(access, form):
    _require_manager(access, form.instance if form.instance.pk else None)
    created = form.instance.pk is None
    form.instance.board = access.board
    return _save_form(form, access, "subgroups.subgroup.created" if created else "subgroups.subgroup.updated")


def delete_subgroup(access, subgroup):
    """Only a sub-group that never reported to the board: once it has, it is part of the board's
    record (an ended group is given an end date instead)."""
    _require_manager(access, subgroup)
    if subgroup.highlight_updates.filter(status=HighlightStatus.SUBMITTED).exists():
        raise SubGroupError(
            f"{subgroup.name} has reported to the board, so it cannot be deleted. Give it an end date instead."
        )
    _delete(subgroup, access, "subgroups.subgroup.deleted", name=subgroup.name)


def save_member(access, subgroup, form):
    _require_manager(access, subgroup)
    created = form.instance.pk is None
    form.instance.subgroup = subgroup
    return _save_form(
        form,
        access,
        "subgroups.member.added" if created else "subgroups.member.updated",
        subgroup=subgroup.name,
    )


def remove_member(access, member):
    _require_manager(access, member.subgroup)
    _delete(member, access, "subgroups.member.removed", subgroup=member.subgroup.name, person=str(member.person))


def save_meeting(access, subgroup, form):
    _require_manager(access, subgroup)
    created = form.instance.pk is None
    form.instance.subgroup = subgroup
    return _save_form(
        form,
        access,
        "subgroups.meeting.recorded" if created else "subgroups.meeting.updated",
        subgroup=subgroup.name,
    )


def delete_meeting(access, meeting):
    _require_manager(access, meeting.subgroup)
    _delete(meeting, access, "subgroups.meeting.deleted", subgroup=meeting.subgroup.name, date=str(meeting.date))


# --- Work plan (business manager, or the sub-group's own chair) ---------------------------


def save_work_plan_item(access, subgroup, form):
    _require_work_plan_keeper(access, subgroup)
    created = form.instance.pk is None
    form.instance.subgroup = subgroup
    return _save_form(
        form,
        access,
        "subgroups.work_plan_item.created" if created else "subgroups.work_plan_item.updated",
        subgroup=subgroup.name,
    )


def delete_work_plan_item(access, item):
    _require_work_plan_keeper(access, item.subgroup)
    _delete(item, access, "subgroups.work_plan_item.deleted", subgroup=item.subgroup.name, title=item.title)


# --- Highlight updates: draft → submitted (→ returned to draft by the business manager) ----


def _locked_status(highlight):
    """The update's status as the database has it now, its row locked until the transaction ends:
    an edit and a submit of the same update at the same moment then happen one after the other."""
    return type(highlight).objects.select_for_update().values_list("status", flat=True).get(pk=highlight.pk)


def save_highlight(access, subgroup, form):
    _require_work_plan_keeper(access, subgroup)
    created = form.instance.pk is None
    form.instance.subgroup = subgroup
    with transaction.atomic():
        if not created and _locked_status(form.instance) != HighlightStatus.DRAFT:
            raise SubGroupError("This update has been submitted to the board and can no longer be changed.")
        return _save_form(
            form,
            access,
            "subgroups.highlight.created" if created else "subgroups.highlight.updated",
            only_form_fields=not created,
            subgroup=subgroup.name,
        )


def submit_highlight(access, highlight):
    _require_work_plan_keeper(access, highlight.subgroup)
    with transaction.atomic():
        if _locked_status(highlight) != HighlightStatus.DRAFT:
            raise SubGroupError("Only a draft update can be submitted.")
        highlight.status = HighlightStatus.SUBMITTED
        highlight.submitted_by = access.user
        highlight.submitted_at = timezone.now()
        highlight.save(update_fields=["status", "submitted_by", "submitted_at"])
        audit.record(
            "subgroups.highlight.submitted",
            actor=access.user,
            board=access.board,
            target=highlight,
            period=highlight.period_label,
        )
    return highlight


def return_highlight(access, highlight):
    """The business manager sends a submitted update back to the chair for changes."""
    _require_manager(access, highlight.subgroup)
    with transaction.atomic():
        if _locked_status(highlight) != HighlightStatus.SUBMITTED:
            raise SubGroupError("Only a submitted update can be returned.")
        highlight.status = HighlightStatus.DRAFT
        highlight.submitted_at = None
        highlight.submitted_by = None
        highlight.save(update_fields=["status", "submitted_by", "submitted_at"])
        audit.record(
            "subgroups.highlight.returned",
            actor=access.user,
            board=access.board,
            target=highlight,
            period=highlight.period_label,
        )
    return highlight


def delete_highlight(access, highlight):
    _require_work_plan_keeper(access, highlight.subgroup)
    if not highlight.is_editable:
        raise SubGroupError("A submitted update is part of the board's record and cannot be deleted.")
    _delete(highlight, access, "subgroups.highlight.deleted", period=highlight.period_label)
