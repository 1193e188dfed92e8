"""Form validation: names unique within a board, dates in order, kinds' own rules, clean rich text."""

import datetime

import pytest

from boards.tests.factories import AgencyFactory, AreaFactory, BoardFactory, MembershipFactory
from subgroups.choices import SubGroupKind
from subgroups.forms import HighlightUpdateForm, SubGroupForm, SubGroupMeetingForm, SubGroupMemberForm, WorkPlanItemForm
from subgroups.models import HighlightUpdate, WorkPlanItem
from subgroups.tests.factories import (
    HighlightUpdateFactory,
    SubGroupFactory,
    SubGroupMemberFactory,
    WorkPlanItemFactory,
)

pytestmark = pytest.mark.django_db


def subgroup_form(board, **data):
    base = {"name": "Neglect Strategy Group", "kind": SubGroupKind.STANDING, "start_date": "2025-04-01"}
    return SubGroupForm(data={**base, **data}, board=board)


def test_a_valid_subgroup_form_saves():
    board = BoardFactory()
    form = subgroup_form(board, terms_of_reference="<p>Meets <strong>quarterly</strong>.</p>")
    assert form.is_valid(), form.errors
    form.instance.board = board
    subgroup = form.save()
    assert subgroup.terms_of_reference == "<p>Meets <strong>quarterly</strong>.</p>"


def test_subgroup_name_must_be_unique_within_the_board_ignoring_case():
    board = BoardFactory()
    SubGroupFactory(board=board, name="Neglect Strategy Group")
    form = subgroup_form(board, name="neglect strategy group")
    assert not form.is_valid()
    assert "already has a sub-group with this name" in form.errors["name"][0]


def test_the_same_name_is_fine_on_another_board():
    SubGroupFactory(board=BoardFactory(), name="Neglect Strategy Group")
    assert subgroup_form(BoardFactory()).is_valid()


def test_editing_a_subgroup_keeps_its_own_name():
    sg = SubGroupFactory(name="Neglect Strategy Group")
    form = SubGroupForm(
        data={"name": "Neglect Strategy Group", "kind": "standing", "start_date": "2019-09-01"},
        board=sg.board,
        instance=sg,
    )
    assert form.is_valid(), form.errors


def test_end_date_before_start_date_is_refused():
    form = subgroup_form(BoardFactory(), end_date="2025-03-31")
    assert not form.is_valid()
    assert form.errors["end_date"] == ["End date must be the same as or after the start date"]


def test_a_task_and_finish_group_needs_an_end_date():
    form = subgroup_form(BoardFactory(), kind=SubGroupKind.TASK_AND_FINISH)
    assert not form.is_valid()
    assert "task-and-finish group has one" in form.errors["end_date"][0]
    assert subgroup_form(BoardFactory(), kind=SubGroupKind.TASK_AND_FINISH, end_date="2026-03-31").is_valid()


def test_a_local_partnership_group_needs_an_area_of_its_own_board():
    board = BoardFactory()
    foreign_area = AreaFactory(board=BoardFactory(), name="Elsewhere")
    form = subgroup_form(board, kind=SubGroupKind.LOCAL_PARTNERSHIP)
    assert not form.is_valid()
    assert "area" in form.errors
    form = subgroup_form(board, kind=SubGroupKind.LOCAL_PARTNERSHIP, area=foreign_area.pk)
    assert not form.is_valid()  # another board's area is not a choice
    own_area = AreaFactory(board=board, name="Kingsmere")
    assert subgroup_form(board, kind=SubGroupKind.LOCAL_PARTNERSHIP, area=own_area.pk).is_valid()


def test_terms_of_reference_are_sanitised():
    form = subgroup_form(BoardFactory(), terms_of_reference='<p onclick="x()">Hi</p><script>alert(1)</script>')
    assert form.is_valid(), form.errors
    assert form.cleaned_data["terms_of_reference"] == "<p>Hi</p>"


def test_chair_and_agency_come_from_the_board_only():
    board = BoardFactory()
    outsider = MembershipFactory(board=BoardFactory()).person
    foreign_agency = AgencyFactory(board=BoardFactory())
    form = subgroup_form(board, chair_person=outsider.pk, chair_agency=foreign_agency.pk)
    assert not form.is_valid()
    assert set(form.errors) == {"chair_person", "chair_agency"}


def test_a_person_joins_a_subgroup_once():
    sg = SubGroupFactory()
    person = MembershipFactory(board=sg.board).person
    SubGroupMemberFactory(subgroup=sg, person=person)
    form = SubGroupMemberForm(data={"person": person.pk, "role": "member"}, subgroup=sg)
    assert not form.is_valid()
    assert "already a member" in form.errors["person"][0]


def test_meeting_cannot_predate_the_subgroup_or_repeat_a_date():
    sg = SubGroupFactory(start_date=datetime.date(2024, 4, 1))
    assert "start date" in SubGroupMeetingForm(data={"date": "2024-03-01"}, subgroup=sg).errors["date"][0]
    form = SubGroupMeetingForm(data={"date": "2024-05-01", "notes": "<p>ok</p>"}, subgroup=sg)
    assert form.is_valid(), form.errors
    form.instance.subgroup = sg
    form.save()
    assert "already recorded" in SubGroupMeetingForm(data={"date": "2024-05-01"}, subgroup=sg).errors["date"][0]


def test_work_plan_item_titles_are_unique_in_the_subgroup_and_actions_come_from_the_board():
    from boards.tests.factories import ActionFactory

    sg = SubGroupFactory()
    WorkPlanItemFactory(subgroup=sg, title="Audit neglect cases")
    data = {"title": "audit neglect cases", "due_date": "2026-01-31", "rag": "amber"}
    form = WorkPlanItemForm(data=data, subgroup=sg, instance=WorkPlanItem(subgroup=sg))
    assert not form.is_valid()
    assert "already has an item" in form.errors["title"][0]
    foreign_action = ActionFactory()  # on a board of its own
    form = WorkPlanItemForm(
        data={**data, "title": "New", "action": foreign_action.pk}, subgroup=sg, instance=WorkPlanItem(subgroup=sg)
    )
    assert not form.is_valid()
    assert "action" in form.errors


def highlight_form(sg, **data):
    base = {"financial_year": 2025, "quarter": 2, "progress": "<p>Forty staff trained.</p>"}
    return HighlightUpdateForm(data={**base, **data}, subgroup=sg, instance=HighlightUpdate(subgroup=sg))


def test_one_highlight_update_per_quarter():
    sg = SubGroupFactory()
    HighlightUpdateFactory(subgroup=sg, financial_year=2025, quarter=2)
    form = highlight_form(sg)
    assert not form.is_valid()
    assert form.errors["quarter"] == ["There is already an update for Q2 2025/26"]
    assert highlight_form(sg, quarter=3).is_valid()


def test_highlight_progress_must_have_words_not_just_tags():
    form = highlight_form(SubGroupFactory(), progress="<p> </p><script>evil()</script>")
    assert not form.is_valid()
    assert form.errors["progress"] == ["Enter the progress made this quarter"]
