"""The reviews app's panel on the dashboard: statutory clocks due or overdue."""

from django.utils import timezone

from lscb.dashboard import Panel, register
from reviews.models import CaseReview

# Clocks due within this many working days are listed, as well as every overdue one.
HORIZON_STATES = frozenset({"overdue", "due_soon", "due"})


@register
def case_review_clocks(access):
    if not access.can_manage_case_reviews:
        return None
    today = timezone.localdate()
    rows = []
    for review in CaseReview.objects.visible_to(access).open():
        for clock in review.clocks():
            if clock.is_open():
                rows.append(
                    {"review": review, "clock": clock, "state": clock.state(today), "describe": clock.describe(today)}
                )
    rows.sort(key=lambda row: row["clock"].due)
    return Panel(
        title="Case review clocks",
        template="reviews/panels/_clocks.html",
        order=15,
        context={
            "rows": rows[:20],
            "total": len(rows),
            "overdue": sum(row["state"] == "overdue" for row in rows),
            "empty": "No case review clock is running.",
        },
    )
