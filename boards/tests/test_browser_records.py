"""The business manager sets up a board's year from nothing in the browser (issue 3).

Agencies, a member, a meeting with its agenda and attendance, and a budget — each page
checked with axe-core (0 violations) and photographed for a person to look at.
"""

import os

import pytest
from playwright.sync_api import expect

from boards.models import Agency, Attendance, Budget, Contribution, Meeting, Membership, Spend

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # set to a folder to keep screenshots


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"records-{name}.png"), full_page=True)


def _submit(page, name="Save"):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_business_manager_sets_up_a_year_from_nothing(page, live_server, world, axe_check, sign_in):
    checked = []

    def check(name):
        axe_check(page)
        _shot(page, name)
        checked.append(name)

    sign_in(page, "business_manager")
    base = f"{live_server.url}/boards/{world.board.slug}"

    # Board settings: threshold and an area.
    page.get_by_role("link", name="Settings").click()
    check("settings")
    page.get_by_role("link", name="Change board settings").click()
    page.get_by_label("Attendance threshold (%)").fill("150")
    _submit(page)
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("settings-error")
    page.get_by_label("Attendance threshold (%)").fill("80")
    _submit(page)
    page.get_by_role("link", name="Add an area").click()
    check("area-add")
    page.get_by_label("Local authority area").fill("Kingsmere")
    _submit(page, "Add area")
    expect(page.get_by_role("cell", name="Kingsmere", exact=True)).to_be_visible()

    # Agencies.
    page.get_by_role("link", name="Agencies").first.click()
    check("agency-list")
    for name, sector, statutory in (
        ("Home Integrated Care Board", "ICB / CCG", "Statutory partner"),
        ("Home Voluntary Action", "Voluntary sector", "Relevant agency"),
    ):
        page.goto(f"{base}/agencies/")
        page.get_by_role("link", name="Add an agency").click()
        page.get_by_label("Agency name").fill(name)
        page.get_by_label("Sector").select_option(label=sector)
        page.get_by_label(statutory).check()
        _submit(page)
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    check("agency-detail")
    page.goto(f"{base}/agencies/add/")
    page.get_by_label("Agency name").fill("home voluntary action")
    page.get_by_label("Sector").select_option(label="Voluntary sector")
    page.get_by_label("Relevant agency").check()
    _submit(page)
    expect(page.get_by_text("The board already has an agency with this name").first).to_be_visible()
    check("agency-error")

    # A member with a deputy.
    page.goto(f"{base}/people/")
    check("people")
    page.get_by_role("link", name="Add a member").click()
    check("member-add")
    page.get_by_label("Full name").fill("Nadia Rahman")
    page.get_by_label("Job title (optional)").fill("Director of Nursing")
    page.get_by_label("Role").select_option(label="Board member")
    page.get_by_label("Agency (needed for agency authors)").select_option(label="Home Integrated Care Board")
    page.get_by_label("Term starts").fill("2025-04-01")
    page.get_by_label("Deputy (optional)").select_option(label="Member")
    _submit(page)
    expect(page.get_by_role("heading", name="Nadia Rahman")).to_be_visible()
    check("member-detail")

    # A meeting with an agenda item, a decision and attendance.
    page.get_by_role("link", name="Meetings").first.click()
    check("meeting-list")
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Board meeting").check()
    page.get_by_label("Title").fill("Partnership board – June 2025")
    page.get_by_label("Date").fill("2025-06-12")
    _submit(page)
    check("meeting-detail-empty")
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Agenda item", exact=True).fill("Business plan 2025–2027")
    page.get_by_label("Decision or agreement (optional)").fill("Business plan agreed.")
    _submit(page)
    page.get_by_role("link", name="Record attendance").click()
    check("attendance-form")
    page.get_by_label("Attendance of Home Police").select_option(label="Present")
    page.get_by_label("Attendance of Home Integrated Care Board").select_option(label="Deputy sent")
    page.get_by_label("Attendance of Home Voluntary Action").select_option(label="Apologies")
    _submit(page, "Save attendance")
    expect(page.get_by_text("Attendance saved (3 added, 0 changed, 0 removed)")).to_be_visible()
    check("meeting-detail")
    page.get_by_role("link", name="Upload attendance from a CSV file").click()
    upload = "/tmp/h3a-attendance-bad.csv"
    with open(upload, "w", encoding="utf-8") as handle:
        handle.write("Agency,Status,Note\nHome Police,Present,\nNobody Agency,Present,\nHome Voluntary Action,Late,\n")
    page.get_by_label("CSV file").set_input_files(upload)
    _submit(page, "Upload attendance")
    expect(page.get_by_text("nothing was saved")).to_be_visible()
    check("attendance-upload-errors")
    page.goto(f"{base}/meetings/attendance/?year=2025")
    expect(page.get_by_text("below 80%").first).to_be_visible()
    check("attendance-report")

    # A budget for 2025/26.
    page.get_by_role("link", name="Budget").first.click()
    check("budget-list")
    page.get_by_role("link", name="Add a budget for a financial year").click()
    page.get_by_label("Financial year").select_option(label="2025/26")
    _submit(page)
    for agency, cash, in_kind in (("Home Police", "40000", "0"), ("Home Integrated Care Board", "35000", "5000")):
        page.get_by_role("link", name="Add a contribution").click()
        page.get_by_label("Agency").select_option(label=agency)
        page.get_by_label("Cash contribution (£)").fill(cash)
        page.get_by_label("Value of in-kind support (£)").fill(in_kind)
        _submit(page)
    page.get_by_role("link", name="Add spend").click()
    page.get_by_label("Category").select_option(label="Business unit")
    page.get_by_label("Amount spent (£)").fill("-10")
    _submit(page)
    expect(page.get_by_text("Amount spent (£) must be £0 or more").first).to_be_visible()
    check("spend-error")
    page.get_by_label("Amount spent (£)").fill("62000")
    _submit(page)
    expect(page.get_by_text("50.0%").first).to_be_visible()
    check("budget-detail")

    assert set(Agency.objects.filter(board=world.board).values_list("name", flat=True)) >= {
        "Home Integrated Care Board",
        "Home Voluntary Action",
    }
    assert Membership.objects.filter(board=world.board, person__full_name="Nadia Rahman").exists()
    meeting = Meeting.objects.get(board=world.board)
    assert Attendance.objects.filter(meeting=meeting).count() == 3  # the bad file saved nothing
    budget = Budget.objects.get(board=world.board, financial_year=2025)
    assert Contribution.objects.filter(budget=budget).count() == 2 and Spend.objects.filter(budget=budget).count() == 1
    assert len(checked) >= 15
