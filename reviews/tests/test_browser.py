"""Browser journey: a rapid review from notification to a commissioned LCSPR, with its clocks.

Drives Debian's Chromium through the real pages; axe-core checks every page seen (0 violations).
"""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lscb.working_days import add_working_days
from reviews.models import CaseReview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # a folder to keep screenshots in


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"reviews-{name}.png"), full_page=True)


def _previous_working_day(day, steps):
    for _ in range(steps):
        day -= datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
    return day


def test_rapid_review_from_notification_to_a_commissioned_lcspr(page, live_server, world, axe_check, sign_in):
    today = timezone.localdate()
    aware = _previous_working_day(today, 6)
    notified = _previous_working_day(today, 3)
    completion_due = (
        f"{(today.replace(day=1) + datetime.timedelta(days=200)).strftime('%B')}"  # the month six months on
    )

    sign_in(page, "business_manager")
    page.get_by_role("link", name="Case reviews").click()
    expect(page.get_by_role("heading", name="Case reviews")).to_be_visible()
    axe_check(page)

    # Record the review, first with a full name as the pseudonym: warned, not saved.
    page.get_by_role("link", name="Record a case review").click()
    axe_check(page)
    page.get_by_label("Pseudonym").fill("Jayden Smith")
    page.get_by_label("Type of review").select_option(label="Rapid review")
    page.get_by_label("Date the partnership became aware (T0)").fill(aware.isoformat())
    page.get_by_label("Home Police").check()
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("looks like a person's real name").first).to_be_visible()
    axe_check(page)
    _shot(page, "pseudonym-warning")
    assert not CaseReview.objects.exists()
    page.get_by_label("Pseudonym").fill("Child A")
    page.get_by_role("button", name="Save review").click()

    # The review page: the notification clock runs from T0.
    expect(page.get_by_role("heading", name="Child A")).to_be_visible()
    notification_row = page.locator("tr[data-clock=notification]")
    expect(notification_row).to_be_visible()
    due = add_working_days(aware, 5)
    assert f"{due.day} {due:%B %Y}" in notification_row.inner_text()
    axe_check(page)
    _shot(page, "identified")

    # Notification: an empty date is refused with the date named.
    page.get_by_role("link", name="Record the serious incident notification").click()
    axe_check(page)
    page.get_by_role("button", name="Record the serious incident notification").click()
    expect(page.get_by_text("Enter the date the notification was sent").first).to_be_visible()
    axe_check(page)
    page.get_by_label("The date the notification was sent").fill(notified.isoformat())
    page.get_by_role("button", name="Record the serious incident notification").click()
    assert "now notified" in page.locator(".govuk-notification-banner").inner_text()
    assert "Met" in page.locator("tr[data-clock=notification]").inner_text()
    rapid_due = add_working_days(notified, 15)
    assert f"{rapid_due.day} {rapid_due:%B %Y}" in page.locator("tr[data-clock=rapid_review]").inner_text()
    axe_check(page)

    page.get_by_role("link", name="Start the rapid review").click()
    axe_check(page)
    page.get_by_role("button", name="Start the rapid review").click()
    expect(page.get_by_text("now rapid review")).to_be_visible()

    # Decision: a date before the notification is refused; nothing changes.
    page.get_by_role("link", name="Decide: commission a local review").click()
    page.get_by_label("The date of the decision").fill(aware.isoformat())
    page.get_by_role("button", name="Decide: commission a local review").click()
    expect(page.get_by_text("The decision date cannot be before the notification date.").first).to_be_visible()
    axe_check(page)
    _shot(page, "decision-error")
    assert CaseReview.objects.get().status == "rapid_review"
    page.get_by_label("The date of the decision").fill(today.isoformat())
    page.get_by_role("button", name="Decide: commission a local review").click()

    # Now an LCSPR: rapid review met, completion due six months after the decision.
    expect(page.get_by_text("Local child safeguarding practice review (LCSPR)").first).to_be_visible()
    assert "Met" in page.locator("tr[data-clock=rapid_review]").inner_text()
    completion = page.locator("tr[data-clock=completion]").inner_text()
    assert "Due" in completion and "6 months" in completion and completion_due in completion
    axe_check(page)
    _shot(page, "commissioned")

    # The business manager's dashboard shows the running clock.
    page.get_by_role("link", name="Dashboard").first.click()
    panel = page.locator("section", has=page.get_by_role("heading", name="Case review clocks"))
    assert "Child A" in panel.inner_text() and "Review completed" in panel.inner_text()
    axe_check(page)
    _shot(page, "dashboard")

    # The learning library is reachable and accessible too.
    page.get_by_role("link", name="Case reviews").click()
    page.get_by_role("link", name="Search the learning library").click()
    page.get_by_label("Search learning points and recommendations").fill("neglect")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No learning point matches")).to_be_visible()
    axe_check(page)

    review = CaseReview.objects.get()
    assert (review.status, review.review_type, review.decision_on) == ("commissioned", "lcspr", today)


def test_involved_agency_author_reads_the_review_and_updates_their_action(page, live_server, world, axe_check, sign_in):
    from reviews.tests.factories import CaseReviewFactory, RecommendationFactory, ReviewActionFactory

    review = CaseReviewFactory(
        board=world.board, pseudonym="Child M", status="actions_monitored", agencies=[world.agency]
    )
    ReviewActionFactory(
        recommendation=RecommendationFactory(review=review),
        agency=world.agency,
        description="Audit strategy discussions",
    )
    sign_in(page, "agency_author")
    page.get_by_role("link", name="Case reviews").click()
    page.get_by_role("link", name="Child M").click()
    axe_check(page)
    page.get_by_role("link", name="Update progress on the action “Audit strategy discussions”").click()
    axe_check(page)
    page.get_by_role("radio", name="Complete").check()
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Enter the date the action was completed").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Evidence").fill("Audit of 20 discussions: GP present in 14.")
    page.get_by_label("Date completed").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Progress saved.")).to_be_visible()
    expect(page.get_by_text("Audit of 20 discussions")).to_be_visible()
    axe_check(page)
    _shot(page, "agency-action")


def test_business_manager_corrects_a_recommendation_and_removes_a_learning_point(
    page, live_server, world, axe_check, sign_in
):
    from reviews.models import LearningPoint, Recommendation
    from reviews.tests.factories import (
        CaseReviewFactory,
        LearningPointFactory,
        LearningProductFactory,
        RecommendationFactory,
        ReviewActionFactory,
    )

    review = CaseReviewFactory(board=world.board, pseudonym="Child R", status="in_progress", agencies=[world.agency])
    recommendation = RecommendationFactory(review=review, number=1, text="Invite GPs to stratgey discussions.")
    ReviewActionFactory(
        recommendation=recommendation, agency=world.agency, description="Add GPs to the invitation list"
    )
    kept = LearningPointFactory(review=review, title="GPs were not invited")
    LearningPointFactory(review=review, title="Recorded twice by mistake")
    LearningProductFactory(review=review, title="7-minute briefing: GPs").learning_points.add(kept)

    sign_in(page, "business_manager")
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Child R")).to_be_visible()
    axe_check(page)
    _shot(page, "detail-with-change-links")

    # Correct the recommendation: an empty text is refused, with the error summary.
    page.get_by_role("link", name="Change recommendation 1").click()
    expect(page.get_by_role("heading", name="Change recommendation 1")).to_be_visible()
    expect(page.get_by_label("Recommendation")).to_have_value("Invite GPs to stratgey discussions.")
    axe_check(page)
    page.get_by_label("Recommendation").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the recommendation")).to_be_visible()  # the summary links to the field
    axe_check(page)
    page.screenshot(path="/tmp/reviews-edit-change-error.png", full_page=True)
    _shot(page, "change-error")
    page.get_by_label("Recommendation").fill("Invite GPs to strategy discussions.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Recommendation updated.")).to_be_visible()
    expect(page.get_by_text("Invite GPs to strategy discussions.")).to_be_visible()
    axe_check(page)

    # The recommendation has an agency's action: the remove page explains and offers no button.
    page.get_by_role("link", name="Remove recommendation 1").click()
    expect(page.get_by_role("heading", name="You cannot remove recommendation 1 yet")).to_be_visible()
    expect(page.get_by_text("Remove its actions first")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, remove the recommendation")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="Back to Child R").click()

    # Remove a learning point: the confirmation page first, then it is gone.
    page.get_by_role("link", name="Remove learning point Recorded twice by mistake").click()
    expect(
        page.get_by_role(
            "heading", name="Are you sure you want to remove the learning point “Recorded twice by mistake”?"
        )
    ).to_be_visible()
    axe_check(page)
    page.screenshot(path="/tmp/reviews-edit-confirm-remove.png", full_page=True)
    _shot(page, "confirm-remove")
    assert LearningPoint.objects.filter(title="Recorded twice by mistake").exists()
    page.get_by_role("button", name="Yes, remove the learning point").click()
    expect(page.get_by_text("The learning point “Recorded twice by mistake” removed.")).to_be_visible()
    expect(page.get_by_text("GPs were not invited", exact=True)).to_be_visible()
    axe_check(page)

    assert list(LearningPoint.objects.values_list("title", flat=True)) == ["GPs were not invited"]
    assert Recommendation.objects.get().text == "Invite GPs to strategy discussions."
