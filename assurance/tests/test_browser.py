"""The Section 11 journey in Chromium, axe-core on every page: the manager opens a cycle for three
agencies (one also serving a second board), two leads complete and submit (one confirming answers
carried forward), the QA group moderates and agrees an action, the generated quality assurance
section of the next report shows the figures, and the second board sees only its own copy."""

import datetime
import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assurance.choices import ReturnStatus
from assurance.models import Cycle, Return
from assurance.tests.factories import CycleFactory, library_for, make_return, police_serving_both_boards
from boards.choices import Role
from boards.tests.factories import AgencyFactory, MembershipFactory, person_with_login
from conftest import PASSWORD
from reports.choices import SectionKind
from reports.tests.factories import ReportRevisionFactory, ReportSectionFactory, report_with_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"assurance-{name}.png"), full_page=True)


def _setting(world):
    """Home Police serves the other board too (same organisation, same lead); Home Children's
    Services returned last year, so its answers carry forward."""
    police_serving_both_boards(world)
    health = AgencyFactory(board=world.board, name="Home Health")
    library_for(world.board)
    last = CycleFactory(
        board=world.board,
        title="Section 11 audit 2024/25",
        status="closed",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        opened_at=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC),
    )
    make_return(last, world.other_agency, status=ReturnStatus.CLOSED, rating="met", narrative="<p>Last year.</p>")
    other_cycle = CycleFactory(board=world.other_board, title="Other board Section 11 2025/26")
    make_return(other_cycle, world.foreign_agency)
    return health, other_cycle


def _switch(page, sign_in, persona):
    page.context.clear_cookies()
    sign_in(page, persona)


def _audit_case(page, axe_check, reference, police, childrens):
    page.get_by_role("button", name="Add a case").click()
    page.get_by_label("Case reference").fill(reference)
    page.get_by_label("Grade: Home Police").select_option(police)
    page.get_by_label("Grade: Home Children's Services").select_option(childrens)
    axe_check(page)
    page.get_by_role("button", name="Add the case").click()
    expect(page.get_by_text(f"{reference} added to the sample")).to_be_visible()


def test_the_section_11_journey(page, live_server, world, axe_check, sign_in):
    health, other_cycle = _setting(world)
    base = live_server.url
    home = f"{base}/boards/{world.board.slug}/quality-assurance/"

    # The manager opens the cycle for three agencies.
    sign_in(page, "business_manager")
    page.goto(home)
    expect(page.get_by_role("heading", name="Quality assurance")).to_be_visible()
    axe_check(page)
    _shot(page, "home")
    page.get_by_role("button", name="Open a self-assessment cycle").click()
    axe_check(page)
    page.get_by_label("Title").fill("Section 11 audit 2025/26")
    page.get_by_label("Period from").fill("2025-04-01")
    page.get_by_label("Period to").fill("2026-03-31")
    page.get_by_label("Returns due by").fill("2026-06-30")
    for name in ("Home Police", "Home Children's Services", "Home Health"):
        page.get_by_label(name).check()
    _shot(page, "cycle-open")
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_text("Section 11 audit 2025/26 opened")).to_be_visible()
    expect(page.get_by_text("Not yet returned: Home Children's Services, Home Health, Home Police")).to_be_visible()
    axe_check(page)
    cycle = Cycle.objects.get(title="Section 11 audit 2025/26")

    # The police lead completes one standard in the page, the rest already answered, and submits.
    _switch(page, sign_in, "agency_author")
    police = cycle.returns.get(agency=world.agency)
    police.answers.exclude(standard__number=1).update(rating="met", narrative="<p>See the policy.</p>", version=1)
    page.goto(base + police.get_absolute_url())
    axe_check(page)
    _shot(page, "return")
    page.get_by_role("link", name="1. Senior management commitment").click()
    axe_check(page)
    page.get_by_label("Met", exact=True).check()
    page.get_by_role("textbox", name="Your evidence and account").fill("The ACC chairs our safeguarding board.")
    _shot(page, "answer")
    page.get_by_role("button", name="Save this answer").click()
    expect(page.get_by_text("Answer to standard 1 saved")).to_be_visible()
    page.get_by_role("button", name="Submit the return").click()
    axe_check(page)
    page.get_by_role("button", name="Yes, submit the return").click()
    expect(page.get_by_text("Return submitted and shared with Other Safeguarding Children Board")).to_be_visible()
    axe_check(page)

    # Children's services confirm the answers carried forward from last year, then submit.
    _switch(page, sign_in, "other_agency_author")
    childrens = cycle.returns.get(agency=world.other_agency)
    page.goto(base + childrens.get_absolute_url())
    expect(page.get_by_text("8 answers were carried forward")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Confirm the carried-forward answers").click()
    axe_check(page)
    page.get_by_role("button", name="Yes, they are still true").click()
    expect(page.get_by_text("8 answers confirmed")).to_be_visible()
    page.get_by_role("button", name="Submit the return").click()
    page.get_by_role("button", name="Yes, submit the return").click()
    expect(page.get_by_text("Return submitted")).to_be_visible()

    # The QA group (the manager) moderates the police return and agrees an action.
    _switch(page, sign_in, "business_manager")
    page.goto(base + police.get_absolute_url())
    page.get_by_role("button", name="Record a challenge event").click()
    axe_check(page)
    page.get_by_label("Date of the challenge event").fill("2026-07-15")
    page.get_by_label("Panel").fill("QA sub-group: chair, health and police leads")
    page.get_by_label("Agreed rating: 5. Safeguarding training").select_option("partly_met")
    _shot(page, "moderate")
    page.get_by_role("button", name="Record the challenge event").click()
    expect(page.get_by_text("Challenge event recorded")).to_be_visible()
    page.get_by_role("button", name="Agree an action").click()
    axe_check(page)
    page.get_by_label("Action").fill("Monthly reflective supervision for public protection officers")
    page.get_by_label("Due date").fill("2026-12-31")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("Action agreed")).to_be_visible()
    axe_check(page)
    _shot(page, "return-moderated")
    page.goto(base + cycle.get_absolute_url())
    expect(page.get_by_text("Not yet returned: Home Health")).to_be_visible()
    expect(page.locator("[data-received]")).to_have_text("2 of 3")
    axe_check(page)
    _shot(page, "cycle")

    # A multi-agency case-file audit with a sample and gradings, then re-audited.
    page.goto(f"{home}audits/")
    axe_check(page)
    page.get_by_role("button", name="Plan a case-file audit").click()
    page.get_by_label("Title").fill("Neglect audit")
    page.get_by_label("Theme", exact=True).fill("Neglect")
    page.get_by_label("Programme year").fill("2025")
    page.get_by_label("Key lines of enquiry").fill("Was the child seen alone?\nWas the graded care profile used?")
    page.get_by_label("Home Police").check()
    page.get_by_label("Home Children's Services").check()
    axe_check(page)
    page.get_by_role("button", name="Save the audit").click()
    expect(page.get_by_text("Neglect audit added to the programme")).to_be_visible()
    _audit_case(page, axe_check, "Case 1", "requires_improvement", "inadequate")
    page.get_by_role("button", name="Add a finding").click()
    axe_check(page)
    page.get_by_label("Area for development").check()
    page.get_by_label("Theme", exact=True).fill("Tools")
    page.get_by_label("Finding", exact=True).fill("The graded care profile was not used.")
    page.get_by_role("button", name="Add the finding").click()
    page.get_by_role("link", name="Complete the audit").click()
    page.get_by_role("button", name="Yes, complete the audit").click()
    expect(page.get_by_text("Neglect audit completed")).to_be_visible()
    page.get_by_role("link", name="Plan a re-audit").click()
    expect(page.get_by_label("Title")).to_have_value("Re-audit: Neglect audit")
    page.get_by_label("Programme year").fill("2025")
    page.get_by_role("button", name="Save the audit").click()
    _audit_case(page, axe_check, "Case 1", "good", "requires_improvement")
    page.get_by_role("button", name="Add a finding").click()
    page.get_by_label("Strength").check()
    page.get_by_label("Theme", exact=True).fill("Tools")
    page.get_by_label("Finding", exact=True).fill("The graded care profile was used.")
    page.get_by_role("button", name="Add the finding").click()
    page.get_by_role("link", name="Complete the audit").click()
    page.get_by_role("button", name="Yes, complete the audit").click()
    expect(page.get_by_role("table", name="Before and after: Neglect audit and this re-audit")).to_be_visible()
    axe_check(page)
    _shot(page, "reaudit")

    # The independent scrutineer records a finding and attaches a statement to a report revision.
    person = person_with_login("scrutineer", "Joan Akers", password=PASSWORD)
    MembershipFactory(person=person, board=world.board, role=Role.SCRUTINEER, start_date=datetime.date(2020, 4, 1))
    ReportRevisionFactory(report=report_with_sections(world.board, keys=(), financial_year=2024), number=1)
    _switch(page, sign_in, "scrutineer")
    page.goto(f"{home}scrutiny/")
    axe_check(page)
    page.get_by_role("button", name="Record a scrutiny activity").click()
    axe_check(page)
    page.get_by_label("Plan year").fill("2025")
    page.get_by_label("Activity").fill("Deep dive: the front door")
    page.get_by_label("Deep dive").check()
    page.get_by_label("Findings").fill("Health information arrived late in a third of cases.")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_text("Deep dive: the front door recorded")).to_be_visible()
    page.get_by_role("button", name="Attach a statement to the annual report").click()
    axe_check(page)
    page.get_by_label("The scrutineer's statement").fill("The arrangements meet the statutory duties.")
    page.get_by_role("button", name="Attach the statement").click()
    expect(page.get_by_text("The arrangements meet the statutory duties.")).to_be_visible()
    axe_check(page)
    _shot(page, "scrutiny")
    _switch(page, sign_in, "business_manager")

    # The next report's generated quality assurance section shows the figures.
    report, _ = report_with_sections(world.board, keys=(), financial_year=2025), None
    section = ReportSectionFactory(
        report=report, key="quality_assurance", title="Quality assurance", kind=SectionKind.GENERATED
    )
    page.goto(
        base
        + reverse(
            "reports:section_detail",
            kwargs={"board_slug": world.board.slug, "report_id": report.pk, "section_id": section.pk},
        )
    )
    expect(page.get_by_text("received 2 of 3 self-assessment returns and moderated 1")).to_be_visible()
    expect(
        page.get_by_role(
            "row",
            name="5. Safeguarding training, supervision and support for all staff who work with children 1 of 2 50%",
        )
    ).to_be_visible()
    axe_check(page)
    _shot(page, "report-section")

    # The second board sees only its own copy; the home board's return is not there for it.
    _switch(page, sign_in, "other_board_member")
    copy = Return.objects.get(cycle=other_cycle)
    assert copy.status == ReturnStatus.SUBMITTED and copy.shared_from_id == police.pk
    page.goto(base + copy.get_absolute_url())
    expect(page.get_by_text("Received through tell us once")).to_be_visible()
    axe_check(page)
    _shot(page, "other-board-copy")
    page.goto(base + police.get_absolute_url().replace(world.board.slug, world.other_board.slug))
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
