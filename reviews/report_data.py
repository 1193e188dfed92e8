"""Generated annual report data: learning from case reviews (CONTRACTS.md, "Generated report sections").

Pseudonyms only; an unpublished review is counted, never named. Few queries, one board, one
financial year. Clocks are worked out from the recorded dates, like everywhere else.
"""

from collections import Counter

from django.db.models import Count

from boards.models import financial_year_bounds, financial_year_label
from lscb.charts import bar_chart
from reviews.choices import ActionStatus, Decision, ReviewType
from reviews.models import CaseReview, LearningPoint, LearningProduct, Recommendation, ReviewAction


def _in(day, start, end):
    return day is not None and start <= day <= end


def _iso(day):
    return day.isoformat() if day else None


# The statutory reviews whose start the annual report must state, or state that none started.
STATUTORY_TYPES = (ReviewType.SERIOUS_CASE_REVIEW, ReviewType.LCSPR)


def _started_on(review):
    """When a statutory review started: its decision (commissioning) date, else when the board knew."""
    return review.decision_on or review.became_aware_on


def case_reviews_learning(board, financial_year: int) -> dict:
    start, end = financial_year_bounds(financial_year)
    reviews = list(
        CaseReview.objects.filter(board=board).active_in(start, end).order_by("became_aware_on", "pseudonym")
    )
    ids = [r.pk for r in reviews]

    notifications = [r.clock("notification") for r in reviews if _in(r.notified_on, start, end)]
    rapid = [r.clock("rapid_review") for r in reviews if _in(r.decision_on, start, end) and r.clock("rapid_review")]
    by_type = Counter(r.get_review_type_display() for r in reviews)
    by_status = Counter(r.get_status_display() for r in reviews)

    theme_rows = (
        LearningPoint.objects.filter(review_id__in=ids)
        .values("themes__name")
        .annotate(count=Count("id", distinct=True))
        .order_by()
    )
    # Most learning first; "No theme" last among equals, on every database.
    theme_rows = sorted(theme_rows, key=lambda r: (-r["count"], r["themes__name"] is None, r["themes__name"] or ""))
    learning_by_theme = [{"theme": row["themes__name"] or "No theme", "count": row["count"]} for row in theme_rows]

    action_rows = (
        ReviewAction.objects.filter(recommendation__review_id__in=ids).values("status").annotate(count=Count("id"))
    )
    action_counts = {row["status"]: row["count"] for row in action_rows}
    overdue_at_year_end = ReviewAction.objects.filter(
        recommendation__review_id__in=ids, status__in=ActionStatus.open(), due_date__lt=end
    ).count()

    products = (
        LearningProduct.objects.filter(review__board=board, issued_on__range=(start, end))
        .select_related("review")
        .prefetch_related("learning_points")
        .order_by("issued_on", "title")
    )
    return {
        "financial_year": financial_year_label(financial_year),
        "total_reviews": len(reviews),
        "new_in_year": sum(_in(r.became_aware_on, start, end) for r in reviews),
        "by_type": [{"label": label, "count": count} for label, count in sorted(by_type.items())],
        "by_status": [{"label": label, "count": count} for label, count in sorted(by_status.items())],
        "notifications": {
            "count": len(notifications),
            "on_time": sum(c.done_on <= c.due for c in notifications if c),
        },
        "rapid_reviews": {"count": len(rapid), "on_time": sum(c.done_on <= c.due for c in rapid)},
        "statutory_started_in_year": sum(
            r.review_type in STATUTORY_TYPES and _in(_started_on(r), start, end) for r in reviews
        ),
        # Open reviews with their method; named (by pseudonym) only once published.
        "reviews": [
            {
                "name": r.pseudonym if r.published_on else "",
                "type": r.get_review_type_display(),
                "methodology": r.get_methodology_display() if r.methodology else "",
                "status": r.get_status_display(),
            }
            for r in reviews
        ],
        "commissioned_in_year": sum(
            r.decision == Decision.LOCAL_REVIEW and _in(r.decision_on, start, end) for r in reviews
        ),
        "published": [
            {
                "pseudonym": r.pseudonym,
                "type": r.get_review_type_display(),
                "published_on": _iso(r.published_on),
                "outcome": r.get_publication_outcome_display(),
            }
            for r in reviews
            if _in(r.published_on, start, end)
        ],
        "learning_by_theme": learning_by_theme,
        "learning_max": max((row["count"] for row in learning_by_theme), default=0),
        "themes_chart_svg": str(
            bar_chart(
                [
                    {"label": row["theme"], "value": row["count"], "text": str(row["count"])}
                    for row in learning_by_theme
                ],
                chart_id=f"case-review-themes-{financial_year}",
                title="Learning points by theme: "
                + "; ".join(f"{row['theme']} {row['count']}" for row in learning_by_theme),
            )
        ),
        "recommendations": Recommendation.objects.filter(review_id__in=ids).count(),
        "actions": [{"label": label, "count": action_counts.get(value, 0)} for value, label in ActionStatus.choices],
        "actions_total": sum(action_counts.values()),
        "actions_overdue_at_year_end": overdue_at_year_end,
        "products": [
            {
                "kind": p.get_kind_display(),
                "title": p.title,
                "issued_on": _iso(p.issued_on),
                "what_changed": p.what_changed,
                # Name the review only once it is published; otherwise its type.
                "from_review": p.review.pseudonym if p.review.published_on else p.review.get_review_type_display(),
                "learning": [lp.title for lp in p.learning_points.all()],
            }
            for p in products
        ],
    }


GENERATED = {
    "case_reviews_learning": {
        "title": "Learning from case reviews",
        "source": (
            "Case reviews recorded on this system that were open during the financial year: their type and "
            "status, learning points by theme, recommendations and the agencies' actions, and the learning "
            "products issued in the year with what changed in practice. Children appear by pseudonym only, "
            "and only once a review is published."
        ),
        "data": case_reviews_learning,
        "template": "reviews/report/_case_reviews_learning.html",
    }
}
