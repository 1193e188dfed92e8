"""Query counts of the records pages: the same bound with demo-like data at ×1 and ×10.

Each list and detail page is fetched twice, over data of one size and ten times that size;
the bound does not change, so no page does a query per row (N+1).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from boards.choices import AttendanceStatus, MeetingType, Role, SpendCategory
from boards.models import Agency, AgendaItem, Attendance, Budget, Contribution, Meeting, Membership, Spend
from boards.tests.factories import AgencyFactory, AreaFactory, ChairAppointmentFactory, MembershipFactory, PersonFactory

STATUSES = list(AttendanceStatus.values)


def _records(world, scale):
    """Demo-like records: 12 agencies, 8 members, 6 meetings with attendance and agenda, 1 budget — × scale."""
    board = world.board
    agencies = [
        AgencyFactory(board=board, name=f"Agency {scale}-{i}", sector="voluntary", is_statutory_partner=i % 3 == 0)
        for i in range(12 * scale)
    ]
    for i in range(8 * scale):
        deputy = PersonFactory(full_name=f"Deputy {scale}-{i}")
        MembershipFactory(board=board, person=deputy, role=Role.MEMBER, agency=agencies[i % len(agencies)])
        MembershipFactory(
            board=board,
            person=PersonFactory(full_name=f"Member {scale}-{i}"),
            role=Role.AGENCY_AUTHOR,
            agency=agencies[i % len(agencies)],
            deputy=deputy,
        )
    for i in range(3 * scale):
        AreaFactory(board=board, name=f"Area {scale}-{i}")
        ChairAppointmentFactory(
            board=board,
            start_date=datetime.date(2000 + i, 4, 1),
            end_date=datetime.date(2000 + i, 12, 31),
        )
    meetings = []
    for i in range(6 * scale):
        meeting = Meeting.objects.create(
            board=board,
            title=f"Meeting {scale}-{i}",
            date=datetime.date(2025, 4, 1) + datetime.timedelta(days=i * 3),
            meeting_type=MeetingType.BOARD if i % 2 else MeetingType.EXECUTIVE,
        )
        meetings.append(meeting)
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, number=n, title=f"Item {n}", decision="Agreed") for n in range(1, 4)
        )
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, agency=agency, status=STATUSES[(i + j) % 4])
            for j, agency in enumerate(agencies)
        )
    budget = Budget.objects.create(board=board, financial_year=2025)
    for agency in agencies:
        Contribution.objects.create(budget=budget, agency=agency, cash=Decimal("1000"), in_kind=Decimal("50"))
    for category in SpendCategory.values:
        Spend.objects.create(budget=budget, category=category, amount=Decimal("100"))
    # Some history of changes for the detail pages to show.
    agency = Agency.objects.get(board=board, name=f"Agency {scale}-0")
    for n in range(3 * scale):
        agency.active_to = datetime.date(2030, 1, 1) + datetime.timedelta(days=n)
        agency.save()
    attendance = Attendance.objects.filter(meeting=meetings[0]).first()
    for n in range(3 * scale):
        attendance.status = STATUSES[n % 4]
        attendance.save()
    return {
        "agency": agency,
        "meeting": meetings[0],
        "budget": budget,
        "membership": Membership.objects.filter(board=board, deputy__isnull=False).first(),
    }


PAGES = [
    ("board_settings", lambda r: {}),
    ("agency_list", lambda r: {}),
    ("agency_detail", lambda r: {"agency_id": r["agency"].pk}),
    ("membership_list", lambda r: {}),
    ("membership_detail", lambda r: {"membership_id": r["membership"].pk}),
    ("meeting_list", lambda r: {}),
    ("meeting_detail", lambda r: {"meeting_id": r["meeting"].pk}),
    ("attendance_report", lambda r: {}),
    ("attendance_edit", lambda r: {"meeting_id": r["meeting"].pk}),
    ("budget_list", lambda r: {}),
    ("budget_detail", lambda r: {"budget_id": r["budget"].pk}),
    ("agency_export", lambda r: {}),
    ("membership_export", lambda r: {}),
    ("meeting_export", lambda r: {}),
    ("attendance_export", lambda r: {}),
    ("budget_export", lambda r: {"budget_id": r["budget"].pk}),
]

# One bound per page, the same at ×1 and ×10 (session, user, membership and board lookups included).
MAX_QUERIES = 15  # measured: 9–14 per page, identical at ×1 and ×10


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_records_pages_do_not_grow_queries_with_data(
    name, kwargs, scale, world, client_for, django_assert_max_num_queries
):
    records = _records(world, scale)
    client = client_for("business_manager")
    page_url = reverse(f"boards:{name}", kwargs={"board_slug": world.board.slug, **kwargs(records)})
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(page_url, {"year": "2025"} if name.startswith("attendance_") else {})
    assert response.status_code == 200
