"""Demo records for the tri-borough board: meetings with attendance and a budget for the story's
2025/26 (lscb.demo moves it to today's calendar).

Deterministic (no random values: patterns below decide every status) and idempotent
(get_or_create on natural keys, so running load_demo again changes nothing).
"""

from decimal import Decimal

from boards.choices import AttendanceStatus, ChairAppointmentRoute, MeetingType, SpendCategory
from boards.models import (
    AgendaItem,
    Attendance,
    Budget,
    ChairAppointment,
    Contribution,
    Meeting,
    Spend,
    financial_year_label,
)
from lscb.demo import story_date, story_year


def label(year):
    """'2025/26' for the story's 2025, in today's calendar."""
    return financial_year_label(story_year(year))


def demo_meetings():
    """[(date, type, title before the month, [(agenda item, decision)])] in today's calendar."""
    return [
        (
            story_date(2025, 5, 14),
            MeetingType.BOARD,
            "Partnership board",
            [
                (f"Annual report {label(2024)}: draft for comment", "Partners to send comments by 6 June."),
                (f"Business plan {story_year(2025)}–{story_year(2027)}", "Business plan agreed with four priorities."),
                ("Rapid review: Child B", "Learning briefing to be circulated to all partners."),
            ],
        ),
        (
            story_date(2025, 6, 25),
            MeetingType.EXECUTIVE,
            "Executive",
            [
                (
                    f"Budget {label(2025)} and partner contributions",
                    "Contributions agreed at last year's level plus 3%.",
                ),
                ("Independent scrutiny arrangements", "Scrutineer to report to the September board."),
            ],
        ),
        (
            story_date(2025, 9, 17),
            MeetingType.BOARD,
            "Partnership board",
            [
                ("Scorecard quarter 1", "Exploitation indicators to be reviewed by the QA sub-group."),
                ("Neglect strategy", "Strategy approved for consultation with families."),
            ],
        ),
        (
            story_date(2025, 12, 10),
            MeetingType.BOARD,
            "Partnership board",
            [
                ("Section 11 audit findings", "Agencies below standard to report action plans in March."),
                ("Voice of children: advisory group feedback", ""),
            ],
        ),
        (
            story_date(2026, 1, 21),
            MeetingType.EXECUTIVE,
            "Executive",
            [("Budget monitoring", "Underspend on training carried into quarter 4.")],
        ),
        (
            story_date(2026, 3, 11),
            MeetingType.BOARD,
            "Partnership board",
            [(f"Priorities for {label(2026)}", "Draft priorities agreed for the annual report.")],
        ),
    ]


# Attendance by agency across the six meetings above, in order: P present, D deputy sent,
# A apologies, X absent, "-" not expected. Two agencies fall below the 75% threshold.
P, D, A, X = AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY_SENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT
ATTENDANCE = {
    "Kingsmere Council Children's Services": [P, P, P, P, P, P],
    "Ashford Vale Council Children's Services": [P, P, D, P, P, P],
    "Westbridge Council Children's Services": [P, D, P, A, P, P],
    "Tri-borough Police": [P, P, D, P, D, P],
    "Tri-borough Integrated Care Board": [P, P, P, P, A, P],
    "Kingsmere Hospitals NHS Trust": [P, "-", A, P, "-", D],
    "Vale Community Health NHS Trust": [D, "-", P, P, "-", P],
    "Tri-borough GP Federation": [A, "-", X, P, "-", A],  # 1 of 4: flagged
    "Probation Service (Tri-borough)": [P, "-", A, A, "-", P],  # 2 of 4: flagged
    "Tri-borough Youth Justice Service": [P, "-", P, D, "-", P],
    "Tri-borough Schools Forum": [P, "-", P, P, "-", A],
    "Tri-borough Voluntary Action": [P, "-", P, P, "-", P],
}

# agency → (cash, in-kind, what the in-kind support is)
CONTRIBUTIONS = {
    "Kingsmere Council Children's Services": ("78000", "12000", "Business unit office space"),
    "Ashford Vale Council Children's Services": ("52000", "0", ""),
    "Westbridge Council Children's Services": ("52000", "0", ""),
    "Tri-borough Police": ("60000", "5000", "Training venue"),
    "Tri-borough Integrated Care Board": ("60000", "8000", "Designated nurse time"),
    "Probation Service (Tri-borough)": ("2000", "0", ""),
    "Cafcass (Tri-borough)": ("550", "0", ""),
}

SPEND = {
    SpendCategory.BUSINESS_UNIT: ("182000", "Business manager, officers and administration"),
    SpendCategory.INDEPENDENT_CHAIR: ("32000", "Independent chair and scrutineer"),
    SpendCategory.CHILD_DEATH_REVIEWS: ("18500", "Share of the CDOP"),
    SpendCategory.CASE_REVIEWS: ("41000", "Two LCSPRs with independent reviewers"),
    SpendCategory.TRAINING: ("22500", "Multi-agency training programme"),
    SpendCategory.COMMUNICATIONS: ("4200", "Website and learning briefings"),
    SpendCategory.OTHER: ("1800", "Young people's advisory group"),
}


def load(demo):
    board, agencies, people = demo.board, demo.agencies, demo.people
    chair = people.get("chair")
    if chair is not None:
        ChairAppointment.objects.get_or_create(
            board=board,
            person=chair,
            start_date=story_date(2023, 4, 1),
            defaults={"how_appointed": ChairAppointmentRoute.OPEN_RECRUITMENT},
        )
    for index, (date, meeting_type, name, items) in enumerate(demo_meetings()):
        meeting, _ = Meeting.objects.get_or_create(
            board=board,
            title=f"{name} – {date:%B %Y}",
            date=date,
            defaults={"meeting_type": meeting_type, "location": "Kingsmere Civic Centre"},
        )
        for number, (item, decision) in enumerate(items, start=1):
            AgendaItem.objects.get_or_create(
                meeting=meeting, number=number, defaults={"title": item, "decision": decision}
            )
        for agency_name, pattern in ATTENDANCE.items():
            status = pattern[index]
            if status != "-":
                Attendance.objects.get_or_create(
                    meeting=meeting, agency=agencies[agency_name], defaults={"status": status}
                )
    budget, _ = Budget.objects.get_or_create(
        board=board,
        financial_year=story_year(2025),
        defaults={"notes": f"Agreed by the executive on {story_date(2025, 6, 25):%-d %B %Y}."},
    )
    for agency_name, (cash, in_kind, description) in CONTRIBUTIONS.items():
        Contribution.objects.get_or_create(
            budget=budget,
            agency=agencies[agency_name],
            defaults={"cash": Decimal(cash), "in_kind": Decimal(in_kind), "in_kind_description": description},
        )
    for category, (amount, description) in SPEND.items():
        Spend.objects.get_or_create(
            budget=budget, category=category, defaults={"amount": Decimal(amount), "description": description}
        )
