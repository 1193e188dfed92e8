"""Browser journeys for the business plan and scorecard, with axe-core on every page seen.

The business manager adds a priority and an action; the owning agency's author posts a
progress update; everyone reads an indicator with its chart. Then every other plan and
performance page is opened once and checked.
"""

import datetime
import os
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Action, ProgressUpdate
from boards.tests.factories import (
    ActionFactory,
    BusinessPlanFactory,
    CdopYearFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InspectionFactory,
    InspectionRecommendationFactory,
    LadoYearFactory,
    PriorityFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # set to a folder to keep screenshots


def _shot(page, name):
    if not SCREENSHOTS:
        return
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_manager_adds_priority_and_action_then_author_posts_progress(page, live_server, world, axe_check, sign_in):
    plan = BusinessPlanFactory(board=world.board, title="Partnership plan 2025–2027")
    base = live_server.url
    sign_in(page, "business_manager")
    page.get_by_role("link", name="Business plan").click()
    page.get_by_role("link", name="Partnership plan 2025–2027").click()
    axe_check(page)
    page.get_by_role("link", name="Add a priority").click()
    page.get_by_label("Title", exact=True).fill("Neglect: recognise it earlier")
    page.get_by_label("Health and Wellbeing Strategy priority").fill("Start well")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Priority 1: Neglect: recognise it earlier")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Add an action to priority 1").click()
    page.get_by_label("Title", exact=True).fill("Audit neglect cases open over a year")
    page.get_by_label("Owning agency").select_option(label="Home Police")
    page.get_by_label("Work started").fill("2026-01-10")
    page.get_by_label("Due date").fill("2026-01-01")  # before the start: refused
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    _shot(page, "action-form-error")
    page.get_by_label("Due date").fill("2026-09-30")
    page.get_by_role("button", name="Save").click()
    action = Action.objects.get(title="Audit neglect cases open over a year")
    assert action.owner_agency == world.agency and action.priority.plan == plan
    axe_check(page)
    _shot(page, "plan-detail")

    page.context.clear_cookies()
    sign_in(page, "agency_author")
    page.goto(
        f"{base}{reverse('boards:action_detail', kwargs={'board_slug': world.board.slug, 'action_id': action.pk})}"
    )
    page.get_by_role("link", name="Add a progress update").click()
    axe_check(page)
    page.get_by_label("Progress", exact=True).fill("Audit tool agreed with the council; first 20 cases sampled.")
    page.get_by_label("Evidence of impact").fill("Two children's plans changed after the audit.")
    page.get_by_label("RAG now (optional)").select_option(label="Green")
    page.get_by_role("button", name="Add progress update").click()
    expect(page.get_by_text("Two children's plans changed after the audit.")).to_be_visible()
    update = ProgressUpdate.objects.get(action=action)
    assert update.author == world.user("agency_author")
    action.refresh_from_db()
    assert action.rag == "green"
    axe_check(page)
    _shot(page, "action-detail-after-update")


def test_indicator_page_with_chart_is_accessible(page, live_server, world, axe_check, sign_in):
    indicator = IndicatorFactory(
        board=world.board,
        name="Return home interviews within 72 hours",
        unit="percent",
        target=Decimal("90"),
        england_benchmark=Decimal("79.2"),
        statistical_neighbour_benchmark=Decimal("81"),
        owner_agency=world.agency,
    )
    ends = [
        datetime.date(2024, 6, 30),
        datetime.date(2024, 9, 30),
        datetime.date(2024, 12, 31),
        datetime.date(2025, 3, 31),
        datetime.date(2025, 6, 30),
        datetime.date(2025, 9, 30),
        datetime.date(2025, 12, 31),
        datetime.date(2026, 3, 31),
    ]
    for end, value in zip(ends, ["68", "70.4", "73.5", "72.1", "75.8", "79.9", "83", "84.6"], strict=True):
        IndicatorValueFactory(indicator=indicator, period_end=end, value=Decimal(value))
    sign_in(page, "member")
    page.get_by_role("link", name="Scorecard").click()
    axe_check(page)
    _shot(page, "scorecard")
    page.get_by_role("link", name="Return home interviews within 72 hours").click()
    chart = page.get_by_role("img", name="Return home interviews within 72 hours: values by period")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Data shown in the chart")).to_be_visible()
    axe_check(page)
    _shot(page, "indicator-detail")


def test_every_other_plan_and_performance_page_is_accessible(page, live_server, world, axe_check, sign_in, tmp_path):
    slug = world.board.slug
    plan = BusinessPlanFactory(board=world.board)
    priority = PriorityFactory(plan=plan, number=1)
    old = timezone.localdate() - datetime.timedelta(days=400)
    action = ActionFactory(
        priority=priority,
        owner_agency=world.agency,
        opened_on=old,
        due_date=old + datetime.timedelta(days=30),
        little_or_no_progress=True,
        little_or_no_progress_cause="No analyst.",
    )
    indicator = IndicatorFactory(board=world.board)
    value = IndicatorValueFactory(indicator=indicator)
    inspection = InspectionFactory(board=world.board)
    recommendation = InspectionRecommendationFactory(inspection=inspection, owner_agency=world.agency)
    cdop = CdopYearFactory(board=world.board)
    lado = LadoYearFactory(board=world.board)
    pages = [
        ("boards:plan_list", {}),
        ("boards:plan_add", {}),
        ("boards:plan_edit", {"plan_id": plan.pk}),
        ("boards:priority_edit", {"priority_id": priority.pk}),
        ("boards:action_list", {}),
        ("boards:action_edit", {"action_id": action.pk}),
        ("boards:indicator_add", {}),
        ("boards:indicator_edit", {"indicator_id": indicator.pk}),
        ("boards:indicator_value_add", {"indicator_id": indicator.pk}),
        ("boards:indicator_value_edit", {"value_id": value.pk}),
        ("boards:indicator_upload", {}),
        ("boards:inspection_list", {}),
        ("boards:inspection_add", {}),
        ("boards:inspection_detail", {"inspection_id": inspection.pk}),
        ("boards:inspection_edit", {"inspection_id": inspection.pk}),
        ("boards:recommendation_add", {"inspection_id": inspection.pk}),
        ("boards:recommendation_edit", {"recommendation_id": recommendation.pk}),
        ("boards:aggregate_list", {}),
        ("boards:cdop_add", {}),
        ("boards:cdop_detail", {"cdop_id": cdop.pk}),
        ("boards:cdop_edit", {"cdop_id": cdop.pk}),
        ("boards:lado_add", {}),
        ("boards:lado_detail", {"lado_id": lado.pk}),
        ("boards:lado_edit", {"lado_id": lado.pk}),
        ("boards:dashboard", {}),
    ]
    sign_in(page, "business_manager")
    for name, kwargs in pages:
        page.goto(live_server.url + reverse(name, kwargs={"board_slug": slug, **kwargs}))
        assert page.locator("h1").count() == 1, name
        axe_check(page)
        if name in {"boards:action_list", "boards:lado_edit", "boards:dashboard", "boards:inspection_detail"}:
            _shot(page, name.split(":")[1])
    # A bad CSV shows its rows with the error summary, still accessible.
    page.goto(live_server.url + reverse("boards:indicator_upload", kwargs={"board_slug": slug}))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"reference,period_end,value,commentary\n{indicator.code},2025-06-31,x,\n", encoding="utf-8")
    page.get_by_label("CSV file of indicator values").set_input_files(str(bad))
    page.get_by_role("button", name="Upload values").click()
    expect(page.get_by_text("Nothing was saved: 1 problem in the file")).to_be_visible()
    expect(page.get_by_text("is not a date")).to_be_visible()
    expect(page.get_by_text("is not a number")).to_be_visible()
    axe_check(page)
    _shot(page, "upload-errors")
