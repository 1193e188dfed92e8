"""The approval journey in Chromium: the business manager sends an all-accepted report to the chair;
the chair comments and returns it; the business manager sends it again; the chair approves with
their password; the revision is frozen. axe-core checks every page seen."""

import os
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from conftest import PASSWORD
from reports.choices import ReportStatus, SectionKind
from reports.models import ChairComment, ReportRevision
from reports.tests.factories import ReportSectionFactory, report_with_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("LSCB_SCREENSHOTS", "/tmp/h5b")


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _report(world):
    # A transactional test starts from an emptied database: load the frameworks' data again.
    import_module("reports.migrations.0004_frameworks_data").load(apps, None)
    report = report_with_sections(world.board, keys=(), agencies=[world.agency, world.other_agency])
    ReportSectionFactory(
        report=report,
        key="foreword",
        title="Foreword",
        position=0,
        status="accepted",
        html="<p>This year the partnership focused on neglect and exploitation.</p>",
    )
    ReportSectionFactory(
        report=report,
        key="case_reviews_learning",
        title="Learning from case reviews",
        position=0,
        kind=SectionKind.GENERATED,
        status="accepted",
    )
    return report


def test_send_to_chair_comment_return_then_approve_with_password(page, browser, live_server, world, axe_check, sign_in):
    report = _report(world)
    base = f"{live_server.url}/boards/{world.board.slug}/reports/{report.pk}/"

    # The business manager: overview with the compliance panel, then send to the chair.
    sign_in(page, "business_manager")
    page.goto(base)
    expect(
        page.get_by_role("heading", name="Statutory requirements: Working Together to Safeguard Children 2023")
    ).to_be_visible()
    expect(page.get_by_role("row", name="The contributions of the relevant agencies.")).to_be_visible()
    axe_check(page)
    _shot(page, "overview-drafting")
    page.get_by_role("button", name="Send to the chair for approval").click()
    expect(page.get_by_text("The report has been sent to the chair.")).to_be_visible()
    assert page.locator("#report-status").inner_text() == "With the chair"
    axe_check(page)

    # The chair reads the whole report, comments on the foreword and returns it.
    chair = browser.new_page()
    sign_in(chair, "chair")
    chair.goto(base + "review/")
    expect(chair.get_by_role("heading", name="2. Learning from case reviews")).to_be_visible()
    expect(chair.get_by_text("Generated from the board's records.").first).to_be_visible()
    axe_check(chair)
    _shot(chair, "review")
    chair.get_by_role("button", name="Add comment on the whole report").click()  # empty: refused
    expect(chair.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe_check(chair)
    _shot(chair, "review-error")
    chair.get_by_text("Comment on “Foreword”", exact=True).click()
    chair.get_by_label("Your comment on “Foreword”").fill("Please add a sentence on the voice of children.")
    chair.get_by_role("button", name="Add comment on Foreword").click()
    expect(chair.get_by_text("Comment added on Foreword.")).to_be_visible()
    expect(chair.get_by_text("Please add a sentence on the voice of children.")).to_be_visible()
    chair.get_by_label("Note to the business manager (optional if you commented on sections)").fill("Nearly there.")
    chair.get_by_role("button", name="Return the report to the business manager").click()
    expect(chair.get_by_text("The report has been returned")).to_be_visible()
    axe_check(chair)

    # The business manager sees the comments, and sends it again.
    page.goto(base)
    expect(page.get_by_role("heading", name="Returned by the chair")).to_be_visible()
    expect(page.get_by_text("Please add a sentence on the voice of children.")).to_be_visible()
    axe_check(page)
    _shot(page, "overview-returned")
    page.get_by_role("button", name="Send to the chair for approval").click()
    assert page.locator("#report-status").inner_text() == "With the chair"

    # The chair approves: a wrong password first (refused, accessible error), then the right one.
    chair.goto(base + "review/")
    chair.get_by_role("link", name="Continue to approval").click()
    axe_check(chair)
    chair.get_by_label("Your password").fill("not-my-password")
    chair.get_by_role("button", name="Approve the report").click()
    expect(chair.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe_check(chair)
    _shot(chair, "approve-error")
    chair.get_by_label("Your password").fill(PASSWORD)
    chair.get_by_role("button", name="Approve the report").click()
    expect(chair.get_by_text("You approved the report. Revision 1 is frozen.")).to_be_visible()
    axe_check(chair)
    _shot(chair, "revision")

    revision = ReportRevision.objects.get(report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert revision.approved_at is not None and revision.approved_by == world.user("chair")
    assert [s["key"] for s in revision.snapshot["sections"]][:2] == ["foreword", "case_reviews_learning"]
    assert ChairComment.objects.filter(approval__report=report).count() == 1

    # The agency author now reads the approved revision and its HWB summary.
    author = browser.new_page()
    sign_in(author, "agency_author")
    author.goto(f"{live_server.url}/boards/{world.board.slug}/reports/revisions/{revision.pk}/")
    expect(author.get_by_text("This year the partnership focused on neglect")).to_be_visible()
    axe_check(author)
    author.get_by_role("link", name="Executive summary for the Health and Wellbeing Board").click()
    expect(author.get_by_role("heading", name="Key figures")).to_be_visible()
    axe_check(author)
    _shot(author, "summary")

    # The business manager records distribution.
    page.goto(base + "distribution/")
    axe_check(page)
    page.get_by_role("link", name="Record publication").click()
    axe_check(page)
    page.get_by_label("Date published").fill("2026-07-15")
    page.get_by_role("button", name="Record publication").click()
    expect(page.get_by_text("Publication recorded.")).to_be_visible()
    page.get_by_role("link", name="Record a sending").click()
    axe_check(page)
    page.get_by_label("Recipient").select_option(label="Chair of the Health and Wellbeing Board")
    page.get_by_label("Date sent").fill("2026-07-20")
    page.get_by_role("button", name="Record sending").click()
    expect(page.get_by_text("Recorded: sent to Chair of the Health and Wellbeing Board.")).to_be_visible()
    axe_check(page)
    _shot(page, "distribution")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED

    # All revisions, and a correction that will need the chair's approval again.
    page.goto(base + "revisions/")
    expect(page.get_by_role("link", name="Revision 1", exact=True)).to_be_visible()
    axe_check(page)
    page.goto(base)
    page.get_by_role("link", name="Reopen for a correction").click()
    axe_check(page)
    page.get_by_label("Section to correct").select_option(label="Foreword")
    page.get_by_label("What needs correcting").fill("A figure in the foreword is wrong.")
    page.get_by_role("button", name="Reopen for a correction").click()
    assert page.locator("#report-status").inner_text() == "Drafting"
    axe_check(page)
    _shot(page, "overview-reopened")
