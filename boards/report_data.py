"""Generated annual-report sections from the board's records (see notes/CONTRACTS.md).

GENERATED[key]["data"](board, financial_year) returns a JSON-serialisable dict that the
section's template renders without queries. Only this board's records for that year.
"""

from decimal import Decimal

from django.db.models import Q

from boards.choices import MeetingType, Role
from boards.models import (
    Attendance,
    Budget,
    ChairAppointment,
    Meeting,
    Membership,
    financial_year_bounds,
    financial_year_label,
)
from lscb.charts import bar_chart
from lscb.formats import money

# Meetings whose attendance the annual report gives (sub-group attendance is the sub-groups' own).
REPORTED_MEETING_TYPES = [MeetingType.BOARD, MeetingType.EXECUTIVE]


def _money(value: Decimal) -> str:
    """Money as a string with pence ("1250.00"): exact in JSON, unlike a float."""
    return f"{value:.2f}"


def membership_attendance(board, financial_year: int) -> dict:
    """Members during the year (by role and agency), the chair, and attendance per agency. 4 queries."""
    first, last = financial_year_bounds(financial_year)
    memberships = (
        Membership.objects.filter(board=board, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .exclude(role=Role.BUSINESS_MANAGER)
        .select_related("person", "agency")
        .order_by("role", "agency__name", "person__full_name")
    )
    chairs = (
        ChairAppointment.objects.filter(board=board, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .select_related("person")
        .order_by("start_date")
    )
    meetings = (
        Meeting.objects.filter(board=board, meeting_type__in=REPORTED_MEETING_TYPES)
        .in_financial_year(financial_year)
        .order_by("date")
    )
    meetings = list(meetings.values("date", "meeting_type", "is_cancelled"))
    rates = Attendance.objects.rates(board, financial_year, meeting_types=REPORTED_MEETING_TYPES)
    return {
        "financial_year": financial_year_label(financial_year),
        "threshold_percent": board.attendance_threshold_percent,
        "chairs": [
            {
                "name": c.person.full_name,
                "from": c.start_date.isoformat(),
                "to": c.end_date.isoformat() if c.end_date else None,
                "how_appointed": c.get_how_appointed_display(),
                "notes": c.notes,
            }
            for c in chairs
        ],
        "members": [
            {
                "name": m.person.full_name,
                "job_title": m.person.job_title,
                "role": m.get_role_display(),
                "agency": m.agency.name if m.agency_id else None,
                "from": m.start_date.isoformat(),
                "to": m.end_date.isoformat() if m.end_date else None,
            }
            for m in memberships
        ],
        "meetings_held": sum(1 for m in meetings if not m["is_cancelled"]),
        "meetings_cancelled": sum(1 for m in meetings if m["is_cancelled"]),
        "attendance": [r.as_dict() for r in rates],
        "agencies_below_threshold": [r.agency_name for r in rates if r.below_threshold],
        "chart_svg": _attendance_chart(rates, board.attendance_threshold_percent, financial_year),
    }


def _attendance_chart(rates, threshold, financial_year) -> str:
    """Attendance rate per agency against the board's threshold (bars below it in red)."""
    rows = [
        {
            "label": row.agency_name,
            "value": row.rate_percent or 0,
            "text": f"{row.rate_percent or 0}%",
            "alert": row.below_threshold,
        }
        for row in rates
    ]
    return str(
        bar_chart(
            rows,
            chart_id=f"attendance-chart-{financial_year}",
            title=f"Bar chart: attendance rate by agency, {financial_year_label(financial_year)}, "
            f"against the {threshold}% threshold. The table below gives the figures.",
            max_value=100,
            threshold=threshold,
            threshold_label=f"{threshold}% expected",
        )
    )


def budget(board, financial_year: int) -> dict:
    """Contributions by agency with shares, and spend by category, for the year. 3 queries."""
    record = Budget.objects.filter(board=board, financial_year=financial_year).first()
    label = financial_year_label(financial_year)
    if record is None:
        return {"financial_year": label, "recorded": False}
    summary = record.summary()
    return {
        "financial_year": label,
        "recorded": True,
        "contributions": [
            {
                "agency": row["agency"],
                "cash": _money(row["cash"]),
                "in_kind": _money(row["in_kind"]),
                "total": _money(row["total"]),
                "share_percent": str(row["share_percent"]) if row["share_percent"] is not None else None,
            }
            for row in summary["contributions"]
        ],
        "spend": [
            {"category": row["category"], "amount": _money(row["amount"] or Decimal("0"))} for row in summary["spend"]
        ],
        "total_cash": _money(summary["total_cash"]),
        "total_in_kind": _money(summary["total_in_kind"]),
        "total_income": _money(summary["total_income"]),
        "total_spend": _money(summary["total_spend"]),
        "cash_balance": _money(summary["cash_balance"]),
        "notes": record.notes,
        "chart_svg": _spend_chart(summary, financial_year),
    }


def _spend_chart(summary, financial_year) -> str:
    """Spend by category: the largest category is the longest bar."""
    rows = [
        {"label": row["category"], "value": row["amount"] or Decimal("0"), "text": money(row["amount"] or 0)}
        for row in summary["spend"]
    ]
    return str(
        bar_chart(
            rows,
            chart_id=f"budget-chart-{financial_year}",
            title=f"Bar chart: spend by category, {financial_year_label(financial_year)}. "
            "The table below gives the figures.",
        )
    )


GENERATED = {
    "membership_attendance": {
        "title": "Membership and attendance",
        "source": "The board's membership records, chair appointments and the attendance recorded at board and "
        "executive meetings in the financial year.",
        "data": membership_attendance,
        "template": "boards/report/_membership_attendance.html",
    },
    "budget": {
        "title": "Budget: contributions and spend",
        "source": "The budget recorded for the financial year: each partner's cash and in-kind contribution, "
        "and spend by category.",
        "data": budget,
        "template": "boards/report/_budget.html",
    },
}
