"""Permission-matrix rows for every sub-groups URL and method (see lscb/tests/test_permission_matrix.py).

Sub-groups used by the rows:
- own: on the home board, chaired by the `subgroup_chair` persona (whose work plan they keep);
- another: on the home board, chaired by nobody with a login (the persona must get 404 on its edit pages);
- foreign: on the other board (everyone on the home board gets 404 through the home board's URL).
"""

from lscb.testing import DENIED, HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only, renamed_rows
from subgroups import urls as subgroups_urls
from subgroups.tests.factories import (
    HighlightUpdateFactory,
    SubGroupFactory,
    SubGroupMeetingFactory,
    SubGroupMemberFactory,
    WorkPlanItemFactory,
)


def own(w):
    return SubGroupFactory(board=w.board, name="Own sub-group", chair_person=w.user("subgroup_chair").person)


def another(w):
    return SubGroupFactory(board=w.board, name="Another sub-group")


def foreign(w):
    return SubGroupFactory(board=w.other_board, name="Foreign sub-group")


def sg_kwargs(make):
    return lambda w: {"board_slug": w.board.slug, "subgroup_id": make(w).pk}


def member_kwargs(make):
    def kwargs(w):
        sg = make(w)
        return {"board_slug": w.board.slug, "subgroup_id": sg.pk, "member_id": SubGroupMemberFactory(subgroup=sg).pk}

    return kwargs


def meeting_kwargs(make):
    def kwargs(w):
        sg = make(w)
        return {"board_slug": w.board.slug, "subgroup_id": sg.pk, "meeting_id": SubGroupMeetingFactory(subgroup=sg).pk}

    return kwargs


def item_kwargs(make):
    def kwargs(w):
        sg = make(w)
        item = WorkPlanItemFactory(subgroup=sg, title="Audit neglect cases")
        return {"board_slug": w.board.slug, "subgroup_id": sg.pk, "item_id": item.pk}

    return kwargs


def highlight_kwargs(make, submitted=False):
    def kwargs(w):
        sg = make(w)
        highlight = HighlightUpdateFactory(subgroup=sg, submitted=submitted)
        return {"board_slug": w.board.slug, "subgroup_id": sg.pk, "highlight_id": highlight.pk}

    return kwargs


def managers(status=OK):
    """Business manager only: other members 403 (their role lacks the capability); outsiders 404."""
    return only(status, "business_manager")


def keepers(status=OK, chair_keeps=True):
    """Who keeps a work plan: the business manager and (on their own sub-group) the sub-group chair.

    Agency authors hold EDIT_ACTIONS (for their agency's actions) but no sub-group: 404.
    Chair and members lack the capability: 403.
    """
    expect = only(status, "business_manager", "subgroup_chair" if chair_keeps else "business_manager")
    expect.update(agency_author=HIDDEN, other_agency_author=HIDDEN)
    if not chair_keeps:
        expect["subgroup_chair"] = HIDDEN
    return expect


def hidden_from_board():
    """A foreign sub-group through the home board's URL: 404 for every member, sign-in for anonymous."""
    return everyone_on_board(HIDDEN)


SUBGROUP_POST = {"name": "Neglect Strategy Group", "kind": "standing", "start_date": "2025-04-01"}
ITEM_POST = {"title": "Publish the neglect toolkit", "due_date": "2026-06-30", "rag": "amber"}


def highlight_post(w):
    from django.utils import timezone  # noqa: PLC0415

    from boards.models import financial_year_start  # noqa: PLC0415

    return {
        "financial_year": financial_year_start(timezone.localdate()),
        "quarter": "2",
        "progress": "<p>Training delivered to 40 staff.</p>",
    }


ROWS = [
    # List and export: every member reads.
    MatrixRow("subgroups:subgroup_list", kwargs=lambda w: {"board_slug": w.board.slug}, expect=everyone_on_board(OK)),
    MatrixRow("subgroups:subgroup_export", kwargs=lambda w: {"board_slug": w.board.slug}, expect=everyone_on_board(OK)),
    MatrixRow("subgroups:work_plan_list", kwargs=lambda w: {"board_slug": w.board.slug}, expect=everyone_on_board(OK)),
    MatrixRow(
        "subgroups:work_plan_export", kwargs=lambda w: {"board_slug": w.board.slug}, expect=everyone_on_board(OK)
    ),
    # Create.
    MatrixRow("subgroups:subgroup_add", kwargs=lambda w: {"board_slug": w.board.slug}, expect=managers(OK)),
    MatrixRow(
        "subgroups:subgroup_add",
        kwargs=lambda w: {"board_slug": w.board.slug},
        method="post",
        data=lambda w: SUBGROUP_POST,
        expect=managers(REDIRECT),
    ),
    # Detail.
    MatrixRow("subgroups:subgroup_detail", kwargs=sg_kwargs(own), expect=everyone_on_board(OK)),
    MatrixRow("subgroups:subgroup_detail", kwargs=sg_kwargs(foreign), expect=hidden_from_board(), note="other board"),
    # Edit and delete: business manager only.
    MatrixRow("subgroups:subgroup_edit", kwargs=sg_kwargs(own), expect=managers(OK)),
    MatrixRow(
        "subgroups:subgroup_edit",
        kwargs=sg_kwargs(own),
        method="post",
        data=lambda w: {**SUBGROUP_POST, "name": "Own sub-group renamed"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("subgroups:subgroup_edit", kwargs=sg_kwargs(foreign), expect=managers(HIDDEN), note="other board"),
    MatrixRow("subgroups:subgroup_remove", kwargs=sg_kwargs(own), expect=managers(OK)),
    MatrixRow("subgroups:subgroup_remove", kwargs=sg_kwargs(own), method="post", expect=managers(REDIRECT)),
    MatrixRow(
        "subgroups:subgroup_remove",
        kwargs=sg_kwargs(foreign),
        method="post",
        expect=managers(HIDDEN),
        note="other board",
    ),
    # Members.
    MatrixRow("subgroups:member_add", kwargs=sg_kwargs(own), expect=managers(OK)),
    MatrixRow(
        "subgroups:member_add",
        kwargs=sg_kwargs(own),
        method="post",
        data=lambda w: {"person": w.user("member").person.pk, "role": "member"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("subgroups:member_edit", kwargs=member_kwargs(own), expect=managers(OK)),
    MatrixRow(
        "subgroups:member_edit",
        kwargs=member_kwargs(own),
        method="post",
        data=lambda w: {"person": w.user("member").person.pk, "role": "vice_chair"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("subgroups:member_remove", kwargs=member_kwargs(own), expect=managers(OK)),
    MatrixRow("subgroups:member_remove", kwargs=member_kwargs(own), method="post", expect=managers(REDIRECT)),
    MatrixRow("subgroups:member_remove", kwargs=member_kwargs(foreign), expect=managers(HIDDEN), note="other board"),
    # Meetings.
    MatrixRow("subgroups:meeting_add", kwargs=sg_kwargs(own), expect=managers(OK)),
    MatrixRow(
        "subgroups:meeting_add",
        kwargs=sg_kwargs(own),
        method="post",
        data=lambda w: {"date": "2025-07-09", "notes": "<p>Quorate.</p>"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("subgroups:meeting_edit", kwargs=meeting_kwargs(own), expect=managers(OK)),
    MatrixRow(
        "subgroups:meeting_edit",
        kwargs=meeting_kwargs(own),
        method="post",
        data=lambda w: {"date": "2025-06-12", "notes": ""},
        expect=managers(REDIRECT),
    ),
    MatrixRow("subgroups:meeting_remove", kwargs=meeting_kwargs(own), expect=managers(OK)),
    MatrixRow("subgroups:meeting_remove", kwargs=meeting_kwargs(own), method="post", expect=managers(REDIRECT)),
    # Work plan: business manager and the sub-group's own chair; 404 on another sub-group.
    MatrixRow("subgroups:work_plan_item_add", kwargs=sg_kwargs(own), expect=keepers(OK)),
    MatrixRow(
        "subgroups:work_plan_item_add",
        kwargs=sg_kwargs(own),
        method="post",
        data=lambda w: ITEM_POST,
        expect=keepers(REDIRECT),
    ),
    MatrixRow(
        "subgroups:work_plan_item_add",
        kwargs=sg_kwargs(another),
        expect=keepers(OK, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:work_plan_item_add",
        kwargs=sg_kwargs(another),
        method="post",
        data=lambda w: ITEM_POST,
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:work_plan_item_add",
        kwargs=sg_kwargs(foreign),
        expect={**keepers(HIDDEN), "subgroup_chair": HIDDEN},
        note="other board",
    ),
    MatrixRow("subgroups:work_plan_item_detail", kwargs=item_kwargs(own), expect=everyone_on_board(OK)),
    MatrixRow(
        "subgroups:work_plan_item_detail", kwargs=item_kwargs(foreign), expect=hidden_from_board(), note="other board"
    ),
    MatrixRow("subgroups:work_plan_item_edit", kwargs=item_kwargs(own), expect=keepers(OK)),
    MatrixRow(
        "subgroups:work_plan_item_edit",
        kwargs=item_kwargs(own),
        method="post",
        data=lambda w: {**ITEM_POST, "rag": "green"},
        expect=keepers(REDIRECT),
    ),
    MatrixRow(
        "subgroups:work_plan_item_edit",
        kwargs=item_kwargs(another),
        expect=keepers(OK, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:work_plan_item_edit",
        kwargs=item_kwargs(another),
        method="post",
        data=lambda w: {**ITEM_POST, "rag": "green"},
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow("subgroups:work_plan_item_remove", kwargs=item_kwargs(own), expect=keepers(OK)),
    MatrixRow("subgroups:work_plan_item_remove", kwargs=item_kwargs(own), method="post", expect=keepers(REDIRECT)),
    MatrixRow(
        "subgroups:work_plan_item_remove",
        kwargs=item_kwargs(another),
        method="post",
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
    # Highlight updates.
    MatrixRow("subgroups:highlight_add", kwargs=sg_kwargs(own), expect=keepers(OK)),
    MatrixRow(
        "subgroups:highlight_add",
        kwargs=sg_kwargs(own),
        method="post",
        data=highlight_post,
        expect=keepers(REDIRECT),
    ),
    MatrixRow(
        "subgroups:highlight_add",
        kwargs=sg_kwargs(another),
        method="post",
        data=highlight_post,
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:highlight_detail",
        kwargs=highlight_kwargs(own, submitted=True),
        expect=everyone_on_board(OK),
        note="submitted",
    ),
    MatrixRow(
        "subgroups:highlight_detail",
        kwargs=highlight_kwargs(own),
        # A draft is seen only by those who may edit it.
        expect={**everyone_on_board(HIDDEN), "business_manager": OK, "subgroup_chair": OK},
        note="draft",
    ),
    MatrixRow(
        "subgroups:highlight_detail",
        kwargs=highlight_kwargs(foreign, submitted=True),
        expect=hidden_from_board(),
        note="other board",
    ),
    MatrixRow("subgroups:highlight_edit", kwargs=highlight_kwargs(own), expect=keepers(OK)),
    MatrixRow(
        "subgroups:highlight_edit",
        kwargs=highlight_kwargs(own),
        method="post",
        data=lambda w: {**highlight_post(w), "financial_year": 2025, "quarter": "1"},
        expect=keepers(REDIRECT),
    ),
    MatrixRow(
        "subgroups:highlight_edit",
        kwargs=highlight_kwargs(another),
        expect=keepers(OK, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:highlight_edit",
        kwargs=highlight_kwargs(own, submitted=True),
        # Submitted updates are the board's record: not editable, even by their chair.
        expect=keepers(HIDDEN),
        note="submitted",
    ),
    MatrixRow("subgroups:highlight_submit", kwargs=highlight_kwargs(own), method="post", expect=keepers(REDIRECT)),
    MatrixRow(
        "subgroups:highlight_submit",
        kwargs=highlight_kwargs(another),
        method="post",
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
    MatrixRow(
        "subgroups:highlight_submit",
        kwargs=highlight_kwargs(own),
        expect={**keepers(405), "chair": DENIED, "member": DENIED},
        note="GET not allowed",
    ),
    MatrixRow(
        "subgroups:highlight_return",
        kwargs=highlight_kwargs(own, submitted=True),
        method="post",
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "subgroups:highlight_return",
        kwargs=highlight_kwargs(own, submitted=True),
        expect=managers(405),
        note="GET not allowed",
    ),
    MatrixRow(
        "subgroups:highlight_return",
        kwargs=highlight_kwargs(foreign, submitted=True),
        method="post",
        expect=managers(HIDDEN),
        note="other board",
    ),
    MatrixRow("subgroups:highlight_remove", kwargs=highlight_kwargs(own), expect=keepers(OK)),
    MatrixRow("subgroups:highlight_remove", kwargs=highlight_kwargs(own), method="post", expect=keepers(REDIRECT)),
    MatrixRow(
        "subgroups:highlight_remove",
        kwargs=highlight_kwargs(another),
        method="post",
        expect=keepers(REDIRECT, chair_keeps=False),
        note="another sub-group",
    ),
]

# The old names kept for one release (lscb/renames.py).
ROWS += renamed_rows(ROWS, "subgroups", subgroups_urls.RENAMED)
