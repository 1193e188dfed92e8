import io

from django.core.management import call_command

from boards.choices import Role
from boards.models import Action, Agency, Board, Membership
from lscb.permissions import BoardAccess
from subgroups.models import SubGroup


def _counts():
    return (
        Board.objects.count(),
        Agency.objects.count(),
        Membership.objects.count(),
        Action.objects.count(),
        SubGroup.objects.count(),
    )


def test_demo_data_is_complete_and_idempotent(db):
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    board = Board.objects.get(slug="tri-borough")
    assert board.areas.count() == 3
    assert board.agencies.count() >= 12
    assert set(board.agencies.values_list("sector", flat=True)) >= {
        "police",
        "childrens_services",
        "icb",
        "nhs_trust",
        "primary_care",
        "probation",
        "education",
        "voluntary",
    }
    assert set(Membership.objects.filter(board=board).values_list("role", flat=True)) == set(Role.values)
    assert board.subgroups.count() >= 4
    assert Action.objects.filter(priority__plan__board=board).exists()


def test_a_person_can_hold_different_roles_on_different_boards(world):
    from boards.tests.factories import MembershipFactory

    chair = world.user("chair")
    MembershipFactory(
        person=chair.person, board=world.other_board, role=Role.AGENCY_AUTHOR, agency=world.foreign_agency
    )
    on_home = BoardAccess.for_user(chair, world.board)
    on_other = BoardAccess.for_user(chair, world.other_board)
    assert on_home.can_approve_reports and not on_home.is_agency_author
    assert on_other.is_agency_author and not on_other.can_approve_reports
    assert on_other.author_agency_ids == {world.foreign_agency.id}


def test_an_ended_membership_gives_no_access(world, client):
    membership = Membership.objects.get(person__user=world.user("member"))
    membership.end_date = membership.start_date
    membership.save()
    client.force_login(world.user("member"))
    assert client.get(f"/boards/{world.board.slug}/").status_code == 404
