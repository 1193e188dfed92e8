"""Permission-matrix rows for the board's records: set-up, agencies, people, meetings, budget.

Readers: every member of the board. Changers: the business manager only. Objects of another
board are 404 for everyone, even through this board's URL.
"""

import datetime

from boards.choices import AttendanceStatus, MeetingType, Role, SpendCategory
from boards.models import Membership
from boards.tests.factories import (
    AgendaItemFactory,
    AreaFactory,
    AttendanceFactory,
    BudgetFactory,
    ChairAppointmentFactory,
    ContributionFactory,
    MeetingFactory,
    SpendFactory,
)
from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only

READ = everyone_on_board(OK)
MANAGE_GET = only(OK, "business_manager")
MANAGE_POST = only(REDIRECT, "business_manager")
# Another board's object through this board's URL: 404 for whoever would otherwise reach the page
# (readers of a read page; the business manager on a manage page — other roles are refused first).
FOREIGN_READ = everyone_on_board(HIDDEN)
FOREIGN = only(HIDDEN, "business_manager")


def _slug(w):
    return {"board_slug": w.board.slug}


def _area(w, board=None):
    return AreaFactory(board=board or w.board, name="Matrix borough")


def _chair(w, board=None):
    return ChairAppointmentFactory(board=board or w.board)


def _membership(w, board=None):
    board = board or w.board
    if board == w.board:
        return Membership.objects.get(board=board, person__user=w.user("member"))
    return Membership.objects.get(board=board, person__user=w.user("other_board_member"))


def _meeting(w, board=None):
    board = board or w.board
    meeting = MeetingFactory(board=board, title="Matrix meeting", date=datetime.date(2025, 6, 12))
    AttendanceFactory(meeting=meeting, agency=w.agency if board == w.board else w.foreign_agency)
    AgendaItemFactory(meeting=meeting, number=1)
    return meeting


def _budget(w, board=None):
    return BudgetFactory(board=board or w.board, financial_year=2025)


def _contribution(w, board=None):
    board = board or w.board
    return ContributionFactory(budget=_budget(w, board), agency=w.agency if board == w.board else w.foreign_agency)


def _spend(w, board=None):
    return SpendFactory(budget=_budget(w, board), category=SpendCategory.TRAINING)


def _on(builder, key, other=False):
    """URL kwargs for an object built on the home board (or the other board, if `other`)."""

    def kwargs(w):
        obj = builder(w, w.other_board if other else None)
        return {**_slug(w), key: obj.pk}

    return kwargs


def _meeting_item(other=False):
    def kwargs(w):
        meeting = _meeting(w, w.other_board if other else None)
        return {**_slug(w), "meeting_id": meeting.pk, "item_id": meeting.agenda_items.get().pk}

    return kwargs


def _line(builder, other=False):
    def kwargs(w):
        line = builder(w, w.other_board if other else None)
        return {**_slug(w), "budget_id": line.budget_id, "line_id": line.pk}

    return kwargs


def _agency_data(w):
    return {"name": "Matrix Housing", "sector": "housing", "is_statutory_partner": "False"}


def _membership_data(w):
    return {"full_name": "Matrix Person", "role": Role.MEMBER, "start_date": "2025-04-01"}


def _meeting_data(w):
    return {"meeting_type": MeetingType.BOARD, "title": "Matrix board", "date": "2025-07-10"}


def _attendance_data(w):
    return {f"status_{w.agency.pk}": AttendanceStatus.APOLOGIES, f"note_{w.agency.pk}": ""}


ROWS = [
    # Board settings, areas, chair
    MatrixRow("boards:board_settings", kwargs=_slug, expect=READ),
    MatrixRow("boards:board_settings_edit", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow(
        "boards:board_settings_edit",
        kwargs=_slug,
        method="post",
        data=lambda w: {
            "name": w.board.name,
            "arrangement": "partnership_wt2023",
            "website": "",
            "attendance_threshold_percent": "70",
        },
        expect=MANAGE_POST,
    ),
    MatrixRow("boards:area_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow(
        "boards:area_add", kwargs=_slug, method="post", data=lambda w: {"name": "New borough"}, expect=MANAGE_POST
    ),
    MatrixRow("boards:area_remove", kwargs=_on(_area, "area_id"), expect=MANAGE_GET),
    MatrixRow("boards:area_remove", kwargs=_on(_area, "area_id"), method="post", expect=MANAGE_POST),
    MatrixRow("boards:area_remove", kwargs=_on(_area, "area_id", other=True), expect=FOREIGN, note="other board's"),
    MatrixRow(
        "boards:area_remove",
        kwargs=_on(_area, "area_id", other=True),
        method="post",
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:chair_appointment_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow(
        "boards:chair_appointment_add",
        kwargs=_slug,
        method="post",
        data=lambda w: {
            "person": w.user("chair").person.pk,
            "start_date": "2024-04-01",
            "how_appointed": "open_recruitment",
        },
        expect=MANAGE_POST,
    ),
    MatrixRow("boards:chair_appointment_edit", kwargs=_on(_chair, "appointment_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:chair_appointment_edit",
        kwargs=_on(_chair, "appointment_id"),
        method="post",
        data=lambda w: {
            "person": w.user("chair").person.pk,
            "start_date": "2023-04-01",
            "end_date": "2026-03-31",
            "how_appointed": "reappointed",
        },
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:chair_appointment_edit",
        kwargs=_on(_chair, "appointment_id", other=True),
        expect=FOREIGN,
        note="other board's",
    ),
    # Agencies
    MatrixRow("boards:agency_list", kwargs=_slug, expect=READ),
    MatrixRow("boards:agency_export", kwargs=_slug, expect=READ),
    MatrixRow("boards:agency_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow("boards:agency_add", kwargs=_slug, method="post", data=_agency_data, expect=MANAGE_POST),
    MatrixRow("boards:agency_detail", kwargs=lambda w: {**_slug(w), "agency_id": w.agency.pk}, expect=READ),
    MatrixRow(
        "boards:agency_detail",
        kwargs=lambda w: {**_slug(w), "agency_id": w.foreign_agency.pk},
        expect=FOREIGN_READ,
        note="other board's",
    ),
    MatrixRow("boards:agency_edit", kwargs=lambda w: {**_slug(w), "agency_id": w.agency.pk}, expect=MANAGE_GET),
    MatrixRow(
        "boards:agency_edit",
        kwargs=lambda w: {**_slug(w), "agency_id": w.agency.pk},
        method="post",
        data=lambda w: {"name": "Home Police", "sector": "police", "is_statutory_partner": "True"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:agency_edit",
        kwargs=lambda w: {**_slug(w), "agency_id": w.foreign_agency.pk},
        method="post",
        data=lambda w: {"name": "Taken over", "sector": "police", "is_statutory_partner": "True"},
        expect=FOREIGN,
        note="other board's",
    ),
    # People and memberships
    MatrixRow("boards:membership_list", kwargs=_slug, expect=READ),
    MatrixRow("boards:membership_export", kwargs=_slug, expect=READ),
    MatrixRow("boards:membership_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow("boards:membership_add", kwargs=_slug, method="post", data=_membership_data, expect=MANAGE_POST),
    MatrixRow("boards:membership_detail", kwargs=_on(_membership, "membership_id"), expect=READ),
    MatrixRow(
        "boards:membership_detail",
        kwargs=_on(_membership, "membership_id", other=True),
        expect=FOREIGN_READ,
        note="other board's",
    ),
    MatrixRow("boards:membership_edit", kwargs=_on(_membership, "membership_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:membership_edit",
        kwargs=_on(_membership, "membership_id"),
        method="post",
        data=lambda w: {"role": Role.MEMBER, "start_date": "2020-04-01"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:membership_edit",
        kwargs=_on(_membership, "membership_id", other=True),
        method="post",
        data=lambda w: {"role": Role.MEMBER, "start_date": "2020-04-01"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:person_edit", kwargs=_on(_membership, "membership_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:person_edit",
        kwargs=_on(_membership, "membership_id"),
        method="post",
        data=lambda w: {"full_name": "Renamed Member"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:person_edit",
        kwargs=_on(_membership, "membership_id", other=True),
        method="post",
        data=lambda w: {"full_name": "Renamed Member"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:membership_end", kwargs=_on(_membership, "membership_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:membership_end",
        kwargs=_on(_membership, "membership_id"),
        method="post",
        data=lambda w: {"end_date": "2026-03-31"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:membership_end",
        kwargs=_on(_membership, "membership_id", other=True),
        method="post",
        data=lambda w: {"end_date": "2026-03-31"},
        expect=FOREIGN,
        note="other board's",
    ),
    # Meetings and attendance
    MatrixRow("boards:meeting_list", kwargs=_slug, expect=READ),
    MatrixRow("boards:meeting_export", kwargs=_slug, expect=READ),
    MatrixRow("boards:meeting_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow("boards:meeting_add", kwargs=_slug, method="post", data=_meeting_data, expect=MANAGE_POST),
    MatrixRow("boards:attendance_report", kwargs=_slug, expect=READ),
    MatrixRow("boards:attendance_export", kwargs=_slug, expect=READ),
    MatrixRow("boards:meeting_detail", kwargs=_on(_meeting, "meeting_id"), expect=READ),
    MatrixRow(
        "boards:meeting_detail",
        kwargs=_on(_meeting, "meeting_id", other=True),
        expect=FOREIGN_READ,
        note="other board's",
    ),
    MatrixRow("boards:meeting_edit", kwargs=_on(_meeting, "meeting_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:meeting_edit", kwargs=_on(_meeting, "meeting_id"), method="post", data=_meeting_data, expect=MANAGE_POST
    ),
    MatrixRow(
        "boards:meeting_edit",
        kwargs=_on(_meeting, "meeting_id", other=True),
        method="post",
        data=_meeting_data,
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:meeting_cancel", kwargs=_on(_meeting, "meeting_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:meeting_cancel",
        kwargs=_on(_meeting, "meeting_id"),
        method="post",
        data=lambda w: {"reason": "Not quorate"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:meeting_cancel",
        kwargs=_on(_meeting, "meeting_id", other=True),
        method="post",
        data=lambda w: {"reason": "Not quorate"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:agenda_item_add", kwargs=_on(_meeting, "meeting_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:agenda_item_add",
        kwargs=_on(_meeting, "meeting_id"),
        method="post",
        data=lambda w: {"number": "2", "title": "Annual report", "decision": "Approved"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:agenda_item_add",
        kwargs=_on(_meeting, "meeting_id", other=True),
        method="post",
        data=lambda w: {"number": "2", "title": "Annual report"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:agenda_item_edit", kwargs=_meeting_item(), expect=MANAGE_GET),
    MatrixRow(
        "boards:agenda_item_edit",
        kwargs=_meeting_item(),
        method="post",
        data=lambda w: {"number": "1", "title": "Minutes", "decision": "Agreed"},
        expect=MANAGE_POST,
    ),
    MatrixRow("boards:agenda_item_edit", kwargs=_meeting_item(other=True), expect=FOREIGN, note="other board's"),
    MatrixRow("boards:attendance_edit", kwargs=_on(_meeting, "meeting_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:attendance_edit",
        kwargs=_on(_meeting, "meeting_id"),
        method="post",
        data=_attendance_data,
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:attendance_edit",
        kwargs=_on(_meeting, "meeting_id", other=True),
        method="post",
        data=_attendance_data,
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:attendance_upload", kwargs=_on(_meeting, "meeting_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:attendance_upload",
        kwargs=_on(_meeting, "meeting_id"),
        method="post",
        data=lambda w: {"file": _csv_file("Agency,Status,Note\nHome Police,Present,\n")},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:attendance_upload", kwargs=_on(_meeting, "meeting_id", other=True), expect=FOREIGN, note="other board's"
    ),
    # Budget
    MatrixRow("boards:budget_list", kwargs=_slug, expect=READ),
    MatrixRow("boards:budget_add", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow(
        "boards:budget_add", kwargs=_slug, method="post", data=lambda w: {"financial_year": "2025"}, expect=MANAGE_POST
    ),
    MatrixRow("boards:budget_detail", kwargs=_on(_budget, "budget_id"), expect=READ),
    MatrixRow(
        "boards:budget_detail", kwargs=_on(_budget, "budget_id", other=True), expect=FOREIGN_READ, note="other board's"
    ),
    MatrixRow("boards:budget_export", kwargs=_on(_budget, "budget_id"), expect=READ),
    MatrixRow(
        "boards:budget_export", kwargs=_on(_budget, "budget_id", other=True), expect=FOREIGN_READ, note="other board's"
    ),
    MatrixRow("boards:budget_edit", kwargs=_on(_budget, "budget_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:budget_edit",
        kwargs=_on(_budget, "budget_id"),
        method="post",
        data=lambda w: {"notes": "Agreed"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:budget_edit",
        kwargs=_on(_budget, "budget_id", other=True),
        method="post",
        data=lambda w: {"notes": "Agreed"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:contribution_add", kwargs=_on(_budget, "budget_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:contribution_add",
        kwargs=_on(_budget, "budget_id"),
        method="post",
        data=lambda w: {"agency": w.other_agency.pk, "cash": "1000", "in_kind": "0"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:contribution_add",
        kwargs=_on(_budget, "budget_id", other=True),
        method="post",
        data=lambda w: {"agency": w.foreign_agency.pk, "cash": "1000", "in_kind": "0"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:contribution_edit", kwargs=_line(_contribution), expect=MANAGE_GET),
    MatrixRow(
        "boards:contribution_edit",
        kwargs=_line(_contribution),
        method="post",
        data=lambda w: {"agency": w.agency.pk, "cash": "2000", "in_kind": "500"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:contribution_edit", kwargs=_line(_contribution, other=True), expect=FOREIGN, note="other board's"
    ),
    MatrixRow("boards:contribution_remove", kwargs=_line(_contribution), expect=MANAGE_GET),
    MatrixRow("boards:contribution_remove", kwargs=_line(_contribution), method="post", expect=MANAGE_POST),
    MatrixRow(
        "boards:contribution_remove",
        kwargs=_line(_contribution, other=True),
        method="post",
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:spend_add", kwargs=_on(_budget, "budget_id"), expect=MANAGE_GET),
    MatrixRow(
        "boards:spend_add",
        kwargs=_on(_budget, "budget_id"),
        method="post",
        data=lambda w: {"category": SpendCategory.TRAINING, "amount": "300"},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "boards:spend_add",
        kwargs=_on(_budget, "budget_id", other=True),
        method="post",
        data=lambda w: {"category": SpendCategory.TRAINING, "amount": "300"},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("boards:spend_edit", kwargs=_line(_spend), expect=MANAGE_GET),
    MatrixRow(
        "boards:spend_edit",
        kwargs=_line(_spend),
        method="post",
        data=lambda w: {"category": SpendCategory.TRAINING, "amount": "450.50"},
        expect=MANAGE_POST,
    ),
    MatrixRow("boards:spend_edit", kwargs=_line(_spend, other=True), expect=FOREIGN, note="other board's"),
    MatrixRow("boards:spend_remove", kwargs=_line(_spend), expect=MANAGE_GET),
    MatrixRow("boards:spend_remove", kwargs=_line(_spend), method="post", expect=MANAGE_POST),
    MatrixRow(
        "boards:spend_remove", kwargs=_line(_spend, other=True), method="post", expect=FOREIGN, note="other board's"
    ),
]


def _csv_file(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("attendance.csv", text.encode(), content_type="text/csv")
