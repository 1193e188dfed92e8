"""A sub-group chair keeps their work plan and writes a highlight update; the business manager reads
the list. axe-core checks every page seen (0 violations)."""

import datetime

import pytest
from playwright.sync_api import expect

from subgroups.models import HighlightUpdate, WorkPlanItem
from subgroups.tests.factories import SubGroupFactory, SubGroupMemberFactory, WorkPlanItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/h3c-{}.png"


def shot(page, name):
    page.screenshot(path=SHOTS.format(name), full_page=True)


@pytest.fixture
def subgroup(world):
    chair = world.user("subgroup_chair").person
    sg = SubGroupFactory(
        board=world.board,
        name="Quality Assurance and Performance",
        purpose="Checks how well agencies work together.",
        chair_person=chair,
        chair_agency=world.agency,
        terms_of_reference="<p>Meets every quarter; reports to the executive.</p>",
    )
    SubGroupMemberFactory(subgroup=sg, person=chair, agency=world.agency, role="chair")
    WorkPlanItemFactory(subgroup=sg, title="Refresh the scorecard", due_date=datetime.date(2020, 1, 31))
    return sg


def test_subgroup_chair_adds_a_work_plan_item_and_a_highlight_update(
    page, live_server, world, subgroup, axe_check, sign_in
):
    sign_in(page, "subgroup_chair")
    expect(page.get_by_role("heading", name="Work-plan items due in the sub-groups you chair")).to_be_visible()
    axe_check(page)
    shot(page, "dashboard")

    page.get_by_role("link", name="Sub-groups", exact=True).first.click()
    expect(page.get_by_role("heading", name="Sub-groups", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Quality Assurance and Performance").click()
    expect(page.get_by_role("heading", name="Quality Assurance and Performance")).to_be_visible()
    axe_check(page)
    shot(page, "detail-chair")

    # A work-plan item: first with a mistake (no title), then right.
    page.get_by_role("button", name="Add a work-plan item").click()
    axe_check(page)
    page.get_by_label("Due date").fill("2026-06-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter a title for the work-plan item")).to_be_visible()
    axe_check(page)
    shot(page, "work-plan-error")
    page.get_by_label("Title").fill("Multi-agency audit of neglect cases")
    page.get_by_label("Green").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Work-plan item “Multi-agency audit of neglect cases” added")).to_be_visible()
    axe_check(page)
    item = WorkPlanItem.objects.get(title="Multi-agency audit of neglect cases")
    assert item.subgroup == subgroup and item.rag == "green"

    page.get_by_role("link", name="Multi-agency audit of neglect cases").click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    axe_check(page)
    shot(page, "work-plan-item")
    page.get_by_role("link", name="Back to Quality Assurance and Performance").click()

    # A highlight update, saved as a draft, then submitted to the board.
    page.get_by_role("button", name="Write a highlight update").click()
    axe_check(page)
    shot(page, "highlight-form")
    page.get_by_label("Financial year").select_option("2025")
    page.get_by_label("Quarter 3 (October to December)").check()
    page.get_by_role("textbox", name="Progress this quarter").fill(
        "Neglect audit fieldwork finished in all three boroughs."
    )
    page.get_by_role("textbox", name="Risks and escalations to the board").fill("Section 11 returns are late.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Highlight update to the board: Q3 2025/26")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Submit to the board").click()
    expect(page.get_by_text("Highlight update for Q3 2025/26 submitted to the board")).to_be_visible()
    axe_check(page)
    shot(page, "highlight-submitted")
    highlight = HighlightUpdate.objects.get(subgroup=subgroup)
    assert highlight.status == "submitted"
    assert highlight.submitted_by == world.user("subgroup_chair")


def test_business_manager_views_the_list_and_a_subgroup(page, live_server, world, subgroup, axe_check, sign_in):
    SubGroupFactory(board=world.board, name="Learning and Development", kind="working_group")
    sign_in(page, "business_manager")
    page.goto(f"{live_server.url}/boards/{world.board.slug}/sub-groups/")
    expect(page.get_by_role("button", name="Add a sub-group")).to_be_visible()
    axe_check(page)
    shot(page, "list-manager")
    page.get_by_label("Kind of group").select_option("working_group")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Learning and Development")).to_be_visible()
    assert page.get_by_role("link", name="Quality Assurance and Performance").count() == 0
    axe_check(page)
    page.get_by_role("link", name="Learning and Development").click()
    axe_check(page)
    page.get_by_role("button", name="Edit details").click()
    axe_check(page)
    shot(page, "edit-manager")
    page.get_by_label("Task-and-finish group").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter an end date: a task-and-finish group has one").first).to_be_visible()
    axe_check(page)
    base = f"{live_server.url}/boards/{world.board.slug}/sub-groups"
    page.goto(f"{base}/{subgroup.pk}/")
    page.get_by_role("button", name="Add a member").click()
    axe_check(page)
    page.get_by_label("Person").select_option(label="Member")
    page.get_by_label("Agency they represent").select_option(label="Home Police")
    page.get_by_label("Vice-chair").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Member added to Quality Assurance and Performance")).to_be_visible()
    page.get_by_role("button", name="Record a meeting").click()
    axe_check(page)
    page.get_by_label("Date of the meeting").fill("2025-07-09")
    page.get_by_role("textbox", name="Notes").fill("Agreed the audit programme.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="9 July 2025")).to_be_visible()
    axe_check(page)
    shot(page, "detail-manager")
    page.goto(f"{base}/work-plans/")
    expect(page.get_by_role("link", name="Refresh the scorecard")).to_be_visible()
    axe_check(page)
    shot(page, "work-plans")
    page.goto(f"{base}/{subgroup.pk}/remove/")
    expect(
        page.get_by_role("heading", name="Are you sure you want to delete Quality Assurance and Performance?")
    ).to_be_visible()
    axe_check(page)
    shot(page, "delete-confirm")
