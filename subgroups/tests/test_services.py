"""Services check permission and status themselves, whatever view calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from lscb.permissions import BoardAccess
from subgroups import services
from subgroups.choices import HighlightStatus
from subgroups.tests.factories import HighlightUpdateFactory, SubGroupFactory, WorkPlanItemFactory

pytestmark = pytest.mark.django_db


def access(world, persona):
    return BoardAccess.for_user(world.user(persona), world.board)


@pytest.mark.parametrize("persona", ["agency_author", "member", "chair"])
def test_only_keepers_of_the_work_plan_may_delete_an_item(world, persona):
    item = WorkPlanItemFactory(subgroup=SubGroupFactory(board=world.board))
    with pytest.raises(PermissionDenied):
        services.delete_work_plan_item(access(world, persona), item)


def test_a_subgroup_chair_cannot_submit_another_subgroups_update(world):
    highlight = HighlightUpdateFactory(subgroup=SubGroupFactory(board=world.board, name="Not theirs"))
    with pytest.raises(PermissionDenied):
        services.submit_highlight(access(world, "subgroup_chair"), highlight)
    highlight.refresh_from_db()
    assert highlight.status == HighlightStatus.DRAFT


def test_only_the_business_manager_returns_an_update(world):
    sg = SubGroupFactory(board=world.board, chair_person=world.user("subgroup_chair").person)
    highlight = HighlightUpdateFactory(subgroup=sg, submitted=True)
    with pytest.raises(PermissionDenied):
        services.return_highlight(access(world, "subgroup_chair"), highlight)
    with pytest.raises(services.SubGroupError):
        services.return_highlight(access(world, "business_manager"), HighlightUpdateFactory(subgroup=sg, quarter=2))


def test_a_business_manager_of_another_board_cannot_manage_this_boards_subgroup(world):
    sg = SubGroupFactory(board=world.board)
    other = BoardAccess.for_user(world.user("other_board_member"), world.other_board)
    with pytest.raises(PermissionDenied):
        services.delete_work_plan_item(other, WorkPlanItemFactory(subgroup=sg))


def test_another_boards_business_manager_cannot_delete_or_return_here(world):
    sg = SubGroupFactory(board=world.board, name="Ours")
    other = BoardAccess.for_user(world.user("other_board_member"), world.other_board)
    with pytest.raises(PermissionDenied):
        services.delete_subgroup(other, sg)
    with pytest.raises(PermissionDenied):
        services.return_highlight(other, HighlightUpdateFactory(subgroup=sg, submitted=True))
    assert sg.__class__.objects.filter(pk=sg.pk).exists()


def test_an_edit_saved_after_a_submit_of_the_same_update_is_refused_and_the_update_stays_submitted(world):
    """The two requests of a race, one after the other: the edit page was loaded (and its form
    filled) while the update was a draft; the chair submitted it in another tab; then the edit
    arrives. It must not turn the update back into a draft (issue 21, L4)."""
    from subgroups.forms import HighlightUpdateForm  # noqa: PLC0415

    sg = SubGroupFactory(board=world.board, chair_person=world.user("subgroup_chair").person)
    highlight = HighlightUpdateFactory(subgroup=sg)
    chair = access(world, "subgroup_chair")
    stale = HighlightUpdateForm(
        {"financial_year": highlight.financial_year, "quarter": highlight.quarter, "progress": "<p>Edited.</p>"},
        instance=type(highlight).objects.get(pk=highlight.pk),
        subgroup=sg,
    )
    assert stale.is_valid(), stale.errors
    services.submit_highlight(chair, type(highlight).objects.get(pk=highlight.pk))
    with pytest.raises(services.SubGroupError, match="submitted to the board"):
        services.save_highlight(chair, sg, stale)
    highlight.refresh_from_db()
    assert highlight.status == HighlightStatus.SUBMITTED and highlight.progress == "<p>Audit fieldwork complete.</p>"


def test_a_second_submit_of_an_update_already_submitted_is_refused(world):
    sg = SubGroupFactory(board=world.board, chair_person=world.user("subgroup_chair").person)
    highlight = HighlightUpdateFactory(subgroup=sg)
    stale_copy = type(highlight).objects.get(pk=highlight.pk)
    services.submit_highlight(access(world, "subgroup_chair"), highlight)
    with pytest.raises(services.SubGroupError, match="Only a draft"):
        services.submit_highlight(access(world, "subgroup_chair"), stale_copy)
