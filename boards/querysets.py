import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        """Memberships whose term covers `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))

    def for_user(self, user):
        return self.filter(person__user=user, person__user__is_active=True)

    def visible_to(self, access):
        """Every member of the board sees who is on it."""
        return self.filter(board=access.board)


# An action still open this long after it was opened is "long-open" and highlighted.
LONG_OPEN_DAYS = 365


class ActionQuerySet(models.QuerySet):
    def open(self):
        from boards.choices import RAG

        return self.exclude(rag=RAG.COMPLETE)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.open().filter(due_date__lt=on)

    def visible_to(self, access):
        """Every member of the board reads the business plan."""
        return self.filter(priority__plan__board=access.board)

    def editable_by(self, access):
        """boards.permissions.ACTION_EDIT (Action.is_editable_by is its face for one loaded action)."""
        from boards.permissions import ACTION_EDIT  # noqa: PLC0415  (the rules live there)

        return self.visible_to(access).filter(ACTION_EDIT.q(access))

    def long_open(self, on=None):
        """Open actions opened more than LONG_OPEN_DAYS before `on`."""
        on = on or timezone.localdate()
        return self.open().filter(opened_on__lte=on - datetime.timedelta(days=LONG_OPEN_DAYS))


# --- Business plan, scorecard, inspections, aggregates (plan/performance) -----------------


class BoardScopedQuerySet(models.QuerySet):
    """Rows that belong to one board through `board_path`; every member reads them."""

    board_path = "board"

    def for_board(self, board):
        return self.filter(**{self.board_path: board})

    def visible_to(self, access):
        return self.for_board(access.board)


class BusinessPlanQuerySet(BoardScopedQuerySet):
    pass


class PriorityQuerySet(BoardScopedQuerySet):
    board_path = "plan__board"


class ProgressUpdateQuerySet(BoardScopedQuerySet):
    board_path = "action__priority__plan__board"


class IndicatorQuerySet(BoardScopedQuerySet):
    pass


class IndicatorValueQuerySet(BoardScopedQuerySet):
    board_path = "indicator__board"


class InspectionQuerySet(BoardScopedQuerySet):
    pass


class RecommendationQuerySet(BoardScopedQuerySet):
    board_path = "inspection__board"


class YearlyAggregateQuerySet(BoardScopedQuerySet):
    pass


class AgencyQuerySet(models.QuerySet):
    def active(self, on=None):
        """Agencies whose active dates cover `on` (today by default); open dates count as active."""
        on = on or timezone.localdate()
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=on)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=on)
        )

    def owner_choices(self, board, current_id=None):
        """The agencies a record can be given to: the board's active ones, and the one it already
        has, so an ended agency leaves the drop-downs but stays on the old records it owns."""
        keep = Q(pk=current_id) if current_id is not None else Q(pk__in=[])
        return self.filter(board=board).filter(Q(pk__in=self.active().values("pk")) | keep).order_by("name")

    def inactive(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(active_from__gt=on) | Q(active_to__lt=on))

    def visible_to(self, access):
        """Every member of the board sees its partner agencies."""
        return self.filter(board=access.board)


class ChairAppointmentQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(board=access.board)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(board=access.board)

    def in_financial_year(self, start_year):
        from boards.models import financial_year_bounds

        first, last = financial_year_bounds(start_year)
        return self.filter(date__gte=first, date__lte=last)


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(meeting__board=access.board)

    def rates(self, board, financial_year, meeting_types=None):
        """Attendance per agency for one board and financial year, in one query.

        A meeting counts for an agency when attendance was recorded for it; "present" and
        "deputy sent" count as attended (the agency was represented), "apologies" and "absent"
        do not. Cancelled meetings count for nobody. Returns AgencyAttendance rows for every
        agency with at least one recorded meeting, sorted by agency name, each flagged when
        its rate is below the board's threshold.
        """
        from boards.choices import AttendanceStatus
        from boards.models import financial_year_bounds

        first, last = financial_year_bounds(financial_year)
        rows = self.filter(
            meeting__board=board, meeting__is_cancelled=False, meeting__date__gte=first, meeting__date__lte=last
        )
        if meeting_types:
            rows = rows.filter(meeting__meeting_type__in=meeting_types)
        counts = (
            rows.values("agency_id", "agency__name", "agency__sector", "agency__is_statutory_partner")
            .annotate(
                expected=models.Count("id"),
                present=models.Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
                deputy_sent=models.Count("id", filter=Q(status=AttendanceStatus.DEPUTY_SENT)),
                apologies=models.Count("id", filter=Q(status=AttendanceStatus.APOLOGIES)),
                absent=models.Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
            )
            .order_by("agency__name")
        )
        return [AgencyAttendance.from_counts(row, board.attendance_threshold_percent) for row in counts]


class AgencyAttendance:
    """One agency's attendance over a financial year (see AttendanceQuerySet.rates)."""

    __slots__ = (
        "agency_id",
        "agency_name",
        "sector",
        "is_statutory_partner",
        "expected",
        "present",
        "deputy_sent",
        "apologies",
        "absent",
        "threshold",
    )

    @classmethod
    def from_counts(cls, row, threshold):
        item = cls()
        item.agency_id = row["agency_id"]
        item.agency_name = row["agency__name"]
        item.sector = row["agency__sector"]
        item.is_statutory_partner = row["agency__is_statutory_partner"]
        for key in ("expected", "present", "deputy_sent", "apologies", "absent"):
            setattr(item, key, row[key])
        item.threshold = threshold
        return item

    @property
    def attended(self) -> int:
        return self.present + self.deputy_sent

    @property
    def rate_percent(self) -> int | None:
        """Attended ÷ expected as a whole percentage (rounded half up), None with no meetings."""
        if not self.expected:
            return None
        return (200 * self.attended + self.expected) // (2 * self.expected)

    @property
    def below_threshold(self) -> bool:
        # Compare exactly, not the rounded figure: 74.6% is below a 75% threshold.
        return bool(self.expected) and self.attended * 100 < self.threshold * self.expected

    def as_dict(self):
        return {
            "agency": self.agency_name,
            "statutory_partner": self.is_statutory_partner,
            "expected": self.expected,
            "present": self.present,
            "deputy_sent": self.deputy_sent,
            "apologies": self.apologies,
            "absent": self.absent,
            "attended": self.attended,
            "rate_percent": self.rate_percent,
            "below_threshold": self.below_threshold,
        }


class AreaQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(board=access.board)


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(meeting__board=access.board)


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(board=access.board)


class BudgetLineQuerySet(models.QuerySet):
    """Contribution and spend lines of a budget."""

    def visible_to(self, access):
        return self.filter(budget__board=access.board)
