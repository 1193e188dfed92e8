"""Business plans and priorities; the long-open dashboard panel; the demo data loader."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.choices import RAG
from boards.models import (
    Action,
    BusinessPlan,
    CdopYear,
    Indicator,
    IndicatorValue,
    Inspection,
    LadoYear,
    Priority,
    ProgressUpdate,
)
from boards.tests.factories import ActionFactory, BusinessPlanFactory, PriorityFactory, ProgressUpdateFactory
from lscb.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_business_manager_adds_plan_with_dates_in_order(world, client_for):
    url = reverse("boards:plan_add", kwargs={"board_slug": world.board.slug})
    client = client_for("business_manager")
    bad = client.post(url, {"title": "Plan", "start_date": "2026-04-01", "end_date": "2026-03-31"})
    assert bad.status_code == 200
    assert "govuk-error-summary" in bad.content.decode() and "on or after the start date" in bad.content.decode()
    assert not BusinessPlan.objects.exists()
    good = client.post(url, {"title": "Plan", "start_date": "2026-04-01", "end_date": "2028-03-31"})
    plan = BusinessPlan.objects.get()
    assert good.status_code == 302 and good["Location"] == plan.get_absolute_url()
    assert plan.board == world.board
    assert AuditEntry.objects.filter(action="boards.business_plan.created", board=world.board).exists()


def test_priority_numbers_are_unique_within_a_plan(world, client_for):
    plan = BusinessPlanFactory(board=world.board)
    PriorityFactory(plan=plan, number=1)
    PriorityFactory(plan__board=world.board, number=2)  # another plan's number 2 does not clash
    url = reverse("boards:priority_add", kwargs={"board_slug": world.board.slug, "plan_id": plan.pk})
    client = client_for("business_manager")
    assert client.get(url).context["form"].initial["number"] == 2
    clash = client.post(url, {"number": "1", "title": "Neglect"})
    assert "already has a priority 1" in clash.content.decode()
    zero = client.post(url, {"number": "0", "title": "Neglect"})
    assert zero.status_code == 200 and Priority.objects.filter(plan=plan).count() == 1
    assert (
        client.post(url, {"number": "2", "title": "Neglect", "hwb_strategy_priority": "Start well"}).status_code == 302
    )
    assert Priority.objects.get(plan=plan, number=2).hwb_strategy_priority == "Start well"


def test_plan_page_shows_priorities_actions_and_edit_links_by_role(world, client_for):
    plan = BusinessPlanFactory(board=world.board)
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    own = ActionFactory(priority=priority, owner_agency=world.agency, title="Police action")
    ActionFactory(priority=priority, owner_agency=world.other_agency, title="Council action")
    url = plan.get_absolute_url()
    author_page = client_for("agency_author").get(url).content.decode()
    assert "Priority 1: Exploitation" in author_page
    assert author_page.count("Add update") == 1
    assert (
        reverse("boards:progress_update_add", kwargs={"board_slug": world.board.slug, "action_id": own.pk})
        in author_page
    )
    assert "Add a priority" not in author_page
    manager_page = client_for("business_manager").get(url).content.decode()
    assert manager_page.count("Add update") == 2 and "Add a priority" in manager_page


def test_priority_edit_page_shows_its_history(world, client_for):
    priority = PriorityFactory(plan__board=world.board, number=1, title="Old title")
    url = reverse("boards:priority_edit", kwargs={"board_slug": world.board.slug, "priority_id": priority.pk})
    client = client_for("business_manager")
    assert client.post(url, {"number": "1", "title": "New title"}).status_code == 302
    page = client.get(url).content.decode()
    assert "History of changes" in page and "Old title → New title" in page and "Business Manager" in page


@pytest.mark.parametrize("scale", [1, 10])
def test_plan_pages_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    plan = BusinessPlanFactory(board=world.board)
    for number in range(1, 4 * scale + 1):
        priority = PriorityFactory(plan=plan, number=number)
        for i in range(3):
            action = ActionFactory(priority=priority, owner_agency=world.agency if i else world.other_agency)
            ProgressUpdateFactory(action=action)
        priority.title = f"Renamed {number}"
        priority.save()
    for _ in range(scale):
        BusinessPlanFactory(board=world.board)
    client = client_for("agency_author")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("boards:plan_list", kwargs={"board_slug": world.board.slug})).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(plan.get_absolute_url()).status_code == 200


def test_dashboards_show_long_open_actions_to_manager_and_owning_author(world, client_for):
    old = timezone.localdate() - datetime.timedelta(days=500)
    ActionFactory(priority__plan__board=world.board, owner_agency=world.agency, opened_on=old, title="Police old")
    ActionFactory(
        priority__plan__board=world.board, owner_agency=world.other_agency, opened_on=old, title="Council old"
    )
    ActionFactory(
        priority__plan__board=world.board, owner_agency=world.agency, opened_on=old, rag=RAG.COMPLETE, title="Done old"
    )
    url = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    manager = client_for("business_manager").get(url).content.decode()
    assert "Actions open for more than a year" in manager
    assert "Police old" in manager and "Council old" in manager and "Done old" not in manager
    author = client_for("agency_author").get(url).content.decode()
    assert "Your agency&#x27;s actions open for more than a year" in author
    assert "Council old" not in author
    member = client_for("member").get(url).content.decode()
    assert "open for more than a year" not in member


def test_demo_loader_is_deterministic_and_idempotent(db):
    from boards import demo_plan
    from boards.tests.factories import AgencyFactory, BoardFactory, person_with_login
    from lscb.management.commands import load_demo

    board = BoardFactory(slug="tri-borough")
    other = BoardFactory(slug="northfield")
    agencies = {name: AgencyFactory(board=board, name=name, sector=sector) for name, sector, _ in load_demo.AGENCIES}
    people = {u: person_with_login(u, full) for u, full, _role, _agency in load_demo.PEOPLE}
    load_demo.Command()._business_plan(board, agencies)
    demo = load_demo.DemoBoard(board=board, agencies=agencies, people=people, other_board=other)

    def snapshot():
        return (
            sorted(ProgressUpdate.objects.values_list("action__title", "date", "text", "rag")),
            sorted(IndicatorValue.objects.values_list("indicator__code", "period_end", "value")),
            sorted(Action.objects.values_list("title", "opened_on")),
            Inspection.objects.count(),
            list(CdopYear.objects.values_list("financial_year", "deaths_notified")),
            list(LadoYear.objects.values_list("financial_year", "referrals")),
        )

    demo_plan.load(demo)
    first = snapshot()
    demo_plan.load(demo)
    assert snapshot() == first
    assert Indicator.objects.filter(board=board).count() == 8
    assert IndicatorValue.objects.filter(indicator__board=board).count() == 64
    assert ProgressUpdate.objects.count() == 6
    assert Inspection.objects.get(board=board).recommendations.count() == 3
    assert Action.objects.filter(priority__plan__board=board).long_open().exists()  # on today, whatever the day
    assert CdopYear.objects.get(board=board).categories and LadoYear.objects.get(board=board).concluded == 118
