"""Statutory clocks computed from recorded dates on the England & Wales working-day calendar."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from lscb.dashboard import panels_for
from lscb.permissions import BoardAccess
from reviews.choices import Decision, ReviewStatus, ReviewType
from reviews.clocks import add_months
from reviews.models import CaseReview
from reviews.tests.factories import CaseReviewFactory

S = ReviewStatus
D = datetime.date


def _at(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, 0, tzinfo=datetime.UTC), tick=False)


def _review(**fields):
    defaults = {"review_type": ReviewType.RAPID_REVIEW, "status": S.IDENTIFIED}
    return CaseReview(pseudonym="Child A", **{**defaults, **fields})


def test_notification_is_due_five_working_days_after_t0_across_easter():
    review = _review(became_aware_on=D(2026, 4, 2))  # Thursday before Good Friday
    assert review.notification_due == D(2026, 4, 13)


def test_rapid_review_is_due_fifteen_working_days_after_notification_across_christmas():
    review = _review(became_aware_on=D(2026, 12, 17), notified_on=D(2026, 12, 21), status=S.RAPID_REVIEW)
    assert review.rapid_review_due == D(2027, 1, 14)


def test_completion_is_due_six_months_after_the_decision_to_commission():
    review = _review(
        became_aware_on=D(2026, 8, 3),
        notified_on=D(2026, 8, 7),
        decision_on=D(2026, 8, 31),
        decision=Decision.LOCAL_REVIEW,
        review_type=ReviewType.LCSPR,
    )
    assert review.completion_due == D(2027, 2, 28)  # clamped to the month's end
    assert add_months(D(2027, 8, 31), 6) == D(2028, 2, 29)


def test_no_completion_clock_without_a_local_review():
    review = _review(
        became_aware_on=D(2026, 8, 3),
        notified_on=D(2026, 8, 7),
        decision_on=D(2026, 8, 20),
        decision=Decision.NO_FURTHER_REVIEW,
    )
    assert review.completion_due is None


def test_publication_is_kept_at_least_twelve_months_and_is_never_overdue():
    review = _review(became_aware_on=D(2025, 1, 6), published_on=D(2025, 10, 20))
    clock = review.clock("publication")
    assert clock.due == D(2026, 10, 20)
    assert clock.state(D(2026, 10, 20)) == "running"
    assert clock.state(D(2026, 10, 21)) == "ended"
    assert not clock.is_open()


def test_learning_reviews_have_no_notification_clock_and_scrs_no_rapid_review_clock():
    learning = _review(review_type=ReviewType.LEARNING_REVIEW, became_aware_on=D(2026, 1, 5))
    assert learning.clocks() == []
    scr = _review(review_type=ReviewType.SERIOUS_CASE_REVIEW, became_aware_on=D(2016, 1, 4), notified_on=D(2016, 1, 8))
    assert [c.key for c in scr.clocks()] == ["notification"]


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 4, 2), "due"),  # 5 working days left
        (D(2026, 4, 8), "due_soon"),  # 3 working days left (Easter Monday not counted)
        (D(2026, 4, 13), "due_soon"),  # the day itself
        (D(2026, 4, 14), "overdue"),
    ],
)
def test_the_notification_clock_state_moves_with_the_calendar(today, state):
    review = _review(became_aware_on=D(2026, 4, 2))
    with _at(today):
        ((clock, seen_state, description),) = review.clocks_with_state()
    assert seen_state == state
    if state == "overdue":
        assert description == "Overdue: due 13 April 2026 (1 working day ago)"


def test_a_clock_met_on_time_or_late():
    on_time = _review(became_aware_on=D(2026, 4, 2), notified_on=D(2026, 4, 13))
    late = _review(became_aware_on=D(2026, 4, 2), notified_on=D(2026, 4, 15))
    assert on_time.clock("notification").state(D(2026, 5, 1)) == "met"
    assert late.clock("notification").state(D(2026, 5, 1)) == "missed"
    assert "2 working days late" in late.clock("notification").describe(D(2026, 5, 1))


def test_review_page_shows_due_and_overdue_clocks(world, client_for):
    review = CaseReviewFactory(
        board=world.board, status=S.RAPID_REVIEW, became_aware_on=D(2026, 12, 17), notified_on=D(2026, 12, 21)
    )
    url = reverse("reviews:detail", kwargs={"board_slug": world.board.slug, "review_id": review.pk})
    # Sign in inside each travel: a session from "now" would have expired by then.
    with _at(D(2026, 12, 22)):
        page = client_for("business_manager").get(url).text
    assert "Rapid review decision" in page
    assert "14 January 2027" in page
    assert "Met</strong>" in page  # the notification went on time
    assert "Due</strong>" in page
    with _at(D(2027, 1, 15)):
        page = client_for("business_manager").get(url).text
    assert "Overdue</strong>" in page
    assert "Overdue: due 14 January 2027 (1 working day ago)" in page


def test_business_manager_dashboard_lists_running_clocks_overdue_first(world, client_for):
    overdue = CaseReviewFactory(
        board=world.board, pseudonym="Child Q", status=S.IDENTIFIED, became_aware_on=D(2026, 4, 2)
    )
    due = CaseReviewFactory(board=world.board, pseudonym="Child R", status=S.IDENTIFIED, became_aware_on=D(2026, 4, 14))
    CaseReviewFactory(
        board=world.other_board, pseudonym="Child Elsewhere", status=S.IDENTIFIED, became_aware_on=D(2026, 4, 2)
    )
    with _at(D(2026, 4, 15)):
        access = BoardAccess.for_user(world.user("business_manager"), world.board)
        panel = next(p for p in panels_for(access) if p.title == "Case review clocks")
        assert [row["review"] for row in panel.context["rows"]] == [overdue, due]
        assert [row["state"] for row in panel.context["rows"]] == ["overdue", "due"]
        assert panel.context["overdue"] == 1
        page = client_for("business_manager").get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
    assert "Case review clocks" in page.text
    assert "Child Q" in page.text and "Child Elsewhere" not in page.text


@pytest.mark.parametrize("persona", ["chair", "agency_author", "member"])
def test_other_roles_get_no_clock_panel(world, persona):
    CaseReviewFactory(board=world.board, status=S.IDENTIFIED)
    access = BoardAccess.for_user(world.user(persona), world.board)
    assert all(p.title != "Case review clocks" for p in panels_for(access))


@pytest.mark.parametrize("copies", [1, 10])
def test_clock_panel_uses_one_query_whatever_the_number_of_reviews(world, django_assert_max_num_queries, copies):
    from reviews.dashboard import case_review_clocks

    for _ in range(copies):
        CaseReviewFactory(board=world.board, status=S.RAPID_REVIEW)
    access = BoardAccess.for_user(world.user("business_manager"), world.board)
    with django_assert_max_num_queries(1):
        panel = case_review_clocks(access)
    assert panel.context["total"] == copies  # the notification was made; the rapid review clock runs
