"""Statutory clocks of a case review, computed from its recorded dates (never typed in).

DESIGN.md: serious incident notification T0 + 5 working days; rapid review + 15 working days
from notification; LCSPR/SCR completion decision + 6 months; publication kept at least 12
months. Working days follow England & Wales bank holidays (lscb.working_days).
"""

import calendar
import datetime
from dataclasses import dataclass

from lscb.working_days import add_working_days, working_days_between

NOTIFICATION_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
COMPLETION_MONTHS = 6
PUBLICATION_KEPT_MONTHS = 12
# A clock this close to its deadline is shown as "due soon".
DUE_SOON_WORKING_DAYS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of the month `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Clock:
    """One deadline of a review: when it falls due and when (if ever) it was met."""

    key: str
    label: str
    rule: str
    due: datetime.date
    done_on: datetime.date | None = None
    # A "kept until" clock is a minimum period, not a deadline: it is never overdue.
    minimum_period: bool = False

    def state(self, today: datetime.date) -> str:
        """met / missed / overdue / due_soon / due / running (minimum period not yet over) / ended."""
        if self.minimum_period:
            return "running" if today <= self.due else "ended"
        if self.done_on is not None:
            return "met" if self.done_on <= self.due else "missed"
        if today > self.due:
            return "overdue"
        if working_days_between(today, self.due) <= DUE_SOON_WORKING_DAYS:
            return "due_soon"
        return "due"

    def is_open(self) -> bool:
        return self.done_on is None and not self.minimum_period

    def describe(self, today: datetime.date) -> str:
        state = self.state(today)
        due = _format(self.due)
        if state == "met":
            return f"Met on {_format(self.done_on)} (due {due})"
        if state == "missed":
            late = working_days_between(self.due, self.done_on)
            return f"Met late on {_format(self.done_on)}: due {due}, {late} working day{'s' * (late != 1)} late"
        if state == "overdue":
            late = working_days_between(self.due, today)
            return f"Overdue: due {due} ({late} working day{'s' * (late != 1)} ago)"
        if state in {"due", "due_soon"}:
            left = working_days_between(today, self.due)
            return f"Due {due} ({left} working day{'s' * (left != 1)} left)"
        if state == "running":
            return f"Keep published until at least {due}"
        return f"Kept published for the minimum period (to {due})"


STATE_TAGS = {
    "met": ("Met", "govuk-tag--green"),
    "missed": ("Missed", "govuk-tag--orange"),
    "overdue": ("Overdue", "govuk-tag--red"),
    "due_soon": ("Due soon", "govuk-tag--yellow"),
    "due": ("Due", "govuk-tag--blue"),
    "running": ("Keep published", "govuk-tag--grey"),
    "ended": ("Minimum period over", "govuk-tag--grey"),
}


def _format(day):
    return f"{day.day} {day:%B %Y}"


def clocks_for(review) -> list[Clock]:
    """The clocks that apply to a review, given its type and the dates recorded so far."""
    from reviews.choices import Decision, ReviewType

    clocks = []
    statutory = review.review_type not in ReviewType.non_statutory()
    if statutory and review.became_aware_on:
        clocks.append(
            Clock(
                "notification",
                "Serious incident notification",
                f"{NOTIFICATION_WORKING_DAYS} working days from the date the partnership became aware",
                add_working_days(review.became_aware_on, NOTIFICATION_WORKING_DAYS),
                review.notified_on,
            )
        )
    if statutory and review.review_type != ReviewType.SERIOUS_CASE_REVIEW and review.notified_on:
        clocks.append(
            Clock(
                "rapid_review",
                "Rapid review decision",
                f"{RAPID_REVIEW_WORKING_DAYS} working days from notification",
                add_working_days(review.notified_on, RAPID_REVIEW_WORKING_DAYS),
                review.decision_on,
            )
        )
    if review.decision == Decision.LOCAL_REVIEW and review.decision_on:
        clocks.append(
            Clock(
                "completion",
                "Review completed (signed off by partners)",
                f"{COMPLETION_MONTHS} months from the decision to commission it",
                add_months(review.decision_on, COMPLETION_MONTHS),
                review.signed_off_on,
            )
        )
    if review.published_on:
        clocks.append(
            Clock(
                "publication",
                "Publication kept available",
                f"at least {PUBLICATION_KEPT_MONTHS} months from publication",
                add_months(review.published_on, PUBLICATION_KEPT_MONTHS),
                minimum_period=True,
            )
        )
    return clocks
