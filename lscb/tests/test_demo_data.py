import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

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


@pytest.mark.parametrize(
    ("today", "years"),
    [
        (datetime.date(2026, 11, 30), 0),  # before the story's day: as told
        (datetime.date(2026, 12, 1), 0),
        (datetime.date(2027, 11, 30), 0),
        (datetime.date(2027, 12, 1), 1),
        (datetime.date(2029, 3, 1), 2),
    ],
)
def test_the_demo_story_moves_by_whole_years_since_it_was_told(today, years):
    from lscb.demo import story_date, years_since_story  # noqa: PLC0415

    assert years_since_story(today) == years
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC), tick=False):
        assert story_date(2025, 4, 1) == datetime.date(2025 + years, 4, 1)


@time_machine.travel(datetime.datetime(2027, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_storys_leap_day_is_the_28th_in_a_year_without_one():
    from lscb.demo import story_date  # noqa: PLC0415

    assert story_date(2028, 2, 29) == datetime.date(2029, 2, 28)


@time_machine.travel(datetime.datetime(2028, 12, 5, 9, 0, tzinfo=datetime.UTC))
def test_two_years_on_the_demo_is_as_fresh_as_the_day_it_was_written(db):
    """In December 2028 the demo drafts 2027/28's report (the year just ended), shows 2026/27's as
    approved, holds that year's meetings and budget, and its rapid review is still on its clock."""
    from boards.models import Budget, Meeting, financial_year_start  # noqa: PLC0415
    from reports.forms.sections import ReportCreateForm  # noqa: PLC0415
    from reports.models import AnnualReport  # noqa: PLC0415
    from reviews.models import CaseReview  # noqa: PLC0415

    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    year_ended = financial_year_start(today) - 1
    board = Board.objects.get(slug="tri-borough")
    reports = dict(AnnualReport.objects.filter(board=board).values_list("financial_year", "status"))
    assert set(reports) == {year_ended, year_ended - 1}
    assert reports[year_ended] == "drafting" and reports[year_ended - 1] == "published"
    assert year_ended in dict(ReportCreateForm().fields["financial_year"].choices)
    meetings = Meeting.objects.filter(board=board)
    assert meetings.in_financial_year(year_ended).count() == meetings.count() == 6
    assert all(meeting.date < today for meeting in meetings)
    assert Budget.objects.filter(board=board, financial_year=year_ended).exists()
    child_b = CaseReview.objects.get(board=board, pseudonym="Child B")
    assert today - datetime.timedelta(days=21) < child_b.notified_on < today <= child_b.rapid_review_due
