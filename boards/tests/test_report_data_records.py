"""Generated report sections "membership_attendance" and "budget" (CONTRACTS.md)."""

import datetime
import io
import json
import re
from decimal import Decimal

from django.core.management import call_command
from django.template.loader import render_to_string

from boards.choices import AttendanceStatus, MeetingType, Role, SpendCategory
from boards.models import Board
from boards.report_data import GENERATED
from boards.tests.factories import (
    AttendanceFactory,
    BudgetFactory,
    ChairAppointmentFactory,
    ContributionFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SpendFactory,
)


def _data(key, board, year=2025):
    return GENERATED[key]["data"](board, year)


def _render(key, data):
    return render_to_string(GENERATED[key]["template"], {"data": data})


def test_generated_sections_follow_the_contract():
    assert set(GENERATED) == {"membership_attendance", "budget"}
    for spec in GENERATED.values():
        assert set(spec) == {"title", "source", "data", "template"}
        assert spec["template"].startswith("boards/report/_")


def test_membership_attendance_for_the_year_only_this_board(world, django_assert_max_num_queries):
    ChairAppointmentFactory(
        board=world.board, person=PersonFactory(full_name="Dame Chair"), start_date=datetime.date(2023, 4, 1)
    )
    ChairAppointmentFactory(
        board=world.board,
        person=PersonFactory(full_name="Long Gone"),
        start_date=datetime.date(2015, 4, 1),
        end_date=datetime.date(2018, 3, 31),
    )
    MembershipFactory(
        board=world.board,
        person=PersonFactory(full_name="Left Before"),
        start_date=datetime.date(2020, 4, 1),
        end_date=datetime.date(2025, 3, 31),
    )
    for month, status in ((5, AttendanceStatus.PRESENT), (9, AttendanceStatus.APOLOGIES)):
        meeting = MeetingFactory(board=world.board, date=datetime.date(2025, month, 1))
        AttendanceFactory(meeting=meeting, agency=world.agency, status=status)
        AttendanceFactory(meeting=meeting, agency=world.other_agency, status=AttendanceStatus.DEPUTY_SENT)
    subgroup_meeting = MeetingFactory(
        board=world.board, date=datetime.date(2025, 6, 1), meeting_type=MeetingType.SUBGROUP
    )
    AttendanceFactory(meeting=subgroup_meeting, agency=world.agency, status=AttendanceStatus.ABSENT)
    MeetingFactory(board=world.board, date=datetime.date(2025, 7, 1), is_cancelled=True)
    foreign = MeetingFactory(board=world.other_board, date=datetime.date(2025, 5, 1))
    AttendanceFactory(meeting=foreign, agency=world.foreign_agency)

    with django_assert_max_num_queries(4):
        data = _data("membership_attendance", world.board)
    json.dumps(data)  # JSON-serialisable
    assert data["financial_year"] == "2025/26"
    assert [c["name"] for c in data["chairs"]] == ["Dame Chair"]
    names = {m["name"] for m in data["members"]}
    assert "Chair" in names and "Agency Author" in names
    assert "Left Before" not in names and "Business Manager" not in names and "Other Board Member" not in names
    assert (data["meetings_held"], data["meetings_cancelled"]) == (2, 1)
    rows = {row["agency"]: row for row in data["attendance"]}
    assert set(rows) == {"Home Police", "Home Children's Services"}  # sub-group meeting and other board left out
    assert rows["Home Police"]["rate_percent"] == 50 and rows["Home Police"]["below_threshold"]
    assert rows["Home Children's Services"]["rate_percent"] == 100
    assert data["agencies_below_threshold"] == ["Home Police"]

    html = _render("membership_attendance", data)
    assert "<caption" in html and 'scope="col"' in html
    assert 'role="img"' in html and "<title" in html
    assert "Home Police" in html and "Below the expected attendance: Home Police." in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_membership_attendance_with_nothing_recorded(world):
    empty = Board.objects.create(name="Empty Board", slug="empty")
    data = _data("membership_attendance", empty)
    assert data["attendance"] == [] and data["members"] == []
    html = _render("membership_attendance", data)
    assert "No attendance was recorded for 2025/26" in html and "No chair appointment was recorded" in html


def test_budget_section_gives_contributions_shares_and_spend(world, django_assert_max_num_queries):
    budget = BudgetFactory(board=world.board, financial_year=2025)
    ContributionFactory(budget=budget, agency=world.agency, cash=Decimal("30000"), in_kind=Decimal("10000"))
    ContributionFactory(budget=budget, agency=world.other_agency, cash=Decimal("10000"), in_kind=Decimal("0"))
    SpendFactory(budget=budget, category=SpendCategory.BUSINESS_UNIT, amount=Decimal("35000"))
    SpendFactory(budget=budget, category=SpendCategory.TRAINING, amount=Decimal("3500.25"))
    other = BudgetFactory(board=world.other_board, financial_year=2025)
    ContributionFactory(budget=other, agency=world.foreign_agency, cash=Decimal("999999"))
    BudgetFactory(board=world.board, financial_year=2024)

    with django_assert_max_num_queries(3):
        data = _data("budget", world.board)
    json.dumps(data)
    assert data["recorded"] and data["financial_year"] == "2025/26"
    assert data["total_income"] == "50000.00" and data["total_cash"] == "40000.00"
    assert data["total_spend"] == "38500.25"
    assert {(c["agency"], c["share_percent"]) for c in data["contributions"]} == {
        ("Home Police", "80.0"),
        ("Home Children's Services", "20.0"),
    }
    spend = {row["category"]: row["amount"] for row in data["spend"]}
    assert spend["Training"] == "3500.25" and spend["Communications"] == "0.00"
    # The bar chart (lscb.charts.bar_chart): the largest category is the longest bar.
    widths = dict(
        re.findall(
            r'<text x="0" y="[\d.]+" fill="#0b0c0c">([^<]+)</text><rect [^>]*width="([\d.]+)"', data["chart_svg"]
        )
    )
    assert widths["Business unit"] == "290.0" and widths["Training"] == "29.0"

    html = _render("budget", data)
    assert "Other Police" not in html and "999999" not in html
    assert "<caption" in html and 'role="img"' in html and "<title" in html
    assert "80.0%" in html and "£38,500.25" in html and "£50,000" in html


def test_budget_section_without_a_budget(world):
    data = _data("budget", world.board, 2030)
    assert data == {"financial_year": "2030/31", "recorded": False}
    assert "No budget was recorded for 2030/31" in _render("budget", data)


def test_demo_board_has_meetings_attendance_and_a_budget_for_the_storys_year(db):
    from lscb.demo import story_year  # noqa: PLC0415

    call_command("load_demo", stdout=io.StringIO())
    board = Board.objects.get(slug="tri-borough")
    counts = (board.meetings.count(), board.budgets.count())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    assert (board.meetings.count(), board.budgets.count()) == counts == (6, 1)
    data = _data("membership_attendance", board, story_year(2025))
    assert data["meetings_held"] == 6
    assert set(data["agencies_below_threshold"]) == {"Tri-borough GP Federation", "Probation Service (Tri-borough)"}
    assert [c["name"] for c in data["chairs"]] == ["Margaret Okafor"]
    budget = _data("budget", board, story_year(2025))
    assert budget["total_cash"] == "304550.00" and budget["total_spend"] == "302000.00"
    assert Role.CHAIR in {m.role for m in board.memberships.all()}
