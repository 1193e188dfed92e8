"""Actions: who may change them, progress updates, overdue/long-open highlighting, filters, CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.choices import RAG
from boards.models import Action, ProgressUpdate
from boards.tests.factories import ActionFactory, BusinessPlanFactory, PriorityFactory, ProgressUpdateFactory
from lscb.models import AuditEntry
from lscb.permissions import BoardAccess

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _action(world, agency=None, **kwargs):
    kwargs.setdefault("opened_on", TODAY() - datetime.timedelta(days=30))
    kwargs.setdefault("due_date", TODAY() + datetime.timedelta(days=60))
    return ActionFactory(priority__plan__board=world.board, owner_agency=agency or world.agency, **kwargs)


def _url(name, action):
    return reverse(f"boards:{name}", kwargs={"board_slug": action.priority.plan.board.slug, "action_id": action.pk})


def test_agency_author_updates_rag_and_flag_of_own_agency_action(world, client_for):
    action = _action(world)
    response = client_for("agency_author").post(
        _url("action_edit", action),
        {
            "rag": "red",
            "little_or_no_progress": "on",
            "little_or_no_progress_cause": "No analyst since June.",
            "title": "Renamed by the author",  # not on the author's form: ignored
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.rag == RAG.RED
    assert action.little_or_no_progress and action.little_or_no_progress_cause == "No analyst since June."
    assert action.title != "Renamed by the author"
    entry = AuditEntry.objects.get(action="boards.action.updated")
    assert entry.actor == world.user("agency_author") and entry.board == world.board


def test_agency_author_cannot_edit_other_agency_action(world, client_for):
    action = _action(world, agency=world.other_agency)
    client = client_for("agency_author")
    assert client.get(_url("action_edit", action)).status_code == 404
    assert client.post(_url("action_edit", action), {"rag": "green"}).status_code == 404
    assert (
        client.post(_url("progress_update_add", action), {"date": TODAY().isoformat(), "text": "x"}).status_code == 404
    )
    action.refresh_from_db()
    assert action.rag == RAG.AMBER and not ProgressUpdate.objects.exists()


def test_refused_edit_of_other_agency_action_is_audited_as_404(world, client_for):
    action = _action(world, agency=world.other_agency)
    assert client_for("agency_author").get(_url("action_edit", action)).status_code == 404
    entry = AuditEntry.objects.get(action="auth.access.denied")
    assert entry.actor == world.user("agency_author") and entry.board == world.board
    assert entry.payload["status"] == 404 and entry.payload["model"] == "boards.action"


@pytest.mark.parametrize(
    "persona", ["business_manager", "chair", "agency_author", "other_agency_author", "subgroup_chair", "member"]
)
def test_action_is_editable_by_agrees_with_the_editable_by_queryset(world, persona):
    actions = [
        _action(world),
        _action(world, agency=world.other_agency),
        ActionFactory(priority__plan__board=world.other_board, owner_agency=world.foreign_agency),
    ]
    access = BoardAccess.for_user(world.user(persona), world.board)
    editable = set(Action.objects.editable_by(access).values_list("pk", flat=True))
    assert {a.pk for a in actions if a.is_editable_by(access)} == editable


def test_agency_author_sees_other_agency_action_but_no_edit_links(world, client_for):
    action = _action(world, agency=world.other_agency)
    response = client_for("agency_author").get(_url("action_detail", action))
    assert response.status_code == 200
    assert _url("action_edit", action) not in response.content.decode()
    own = _action(world)
    page = client_for("agency_author").get(_url("action_detail", own)).content.decode()
    assert _url("progress_update_add", own) in page


def test_flag_of_little_or_no_progress_needs_a_cause(world, client_for):
    action = _action(world)
    response = client_for("agency_author").post(
        _url("action_edit", action), {"rag": "red", "little_or_no_progress": "on", "little_or_no_progress_cause": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Say what is causing little or no progress" in page
    action.refresh_from_db()
    assert not action.little_or_no_progress


def test_progress_update_records_author_and_moves_the_rag(world, client_for):
    action = _action(world, rag=RAG.AMBER)
    response = client_for("agency_author").post(
        _url("progress_update_add", action),
        {
            "date": TODAY().isoformat(),
            "text": "Screening tool agreed.",
            "evidence_of_impact": "Referrals now screened the same day.",
            "rag": "green",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == world.user("agency_author") and update.author_name == "Agency Author"
    action.refresh_from_db()
    assert action.rag == RAG.GREEN
    page = client_for("member").get(_url("action_detail", action)).content.decode()
    assert "Screening tool agreed." in page and "Referrals now screened the same day." in page
    assert AuditEntry.objects.filter(action="boards.progress_update.created").count() == 1


def test_progress_update_date_cannot_be_in_the_future_or_before_the_work_started(world, client_for):
    action = _action(world)
    client = client_for("agency_author")
    future = client.post(
        _url("progress_update_add", action),
        {"date": (TODAY() + datetime.timedelta(days=1)).isoformat(), "text": "x"},
    )
    assert "cannot be in the future" in future.content.decode()
    early = client.post(_url("progress_update_add", action), {"date": "2001-01-01", "text": "x"})
    assert "before the work on the action started" in early.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_business_manager_edits_everything_and_due_date_must_follow_start(world, client_for):
    action = _action(world)
    data = {
        "title": "New title",
        "owner_agency": world.other_agency.pk,
        "owner_person": "",
        "opened_on": "2026-01-10",
        "due_date": "2026-01-09",
        "rag": "amber",
        "little_or_no_progress_cause": "",
    }
    client = client_for("business_manager")
    response = client.post(_url("action_edit", action), data)
    assert response.status_code == 200 and "The due date must be on or after" in response.content.decode()
    data["due_date"] = "2026-06-30"
    assert client.post(_url("action_edit", action), data).status_code == 302
    action.refresh_from_db()
    assert action.title == "New title" and action.owner_agency == world.other_agency


def test_business_manager_cannot_give_an_agency_of_another_board(world, client_for):
    priority = PriorityFactory(plan__board=world.board)
    url = reverse("boards:action_add", kwargs={"board_slug": world.board.slug, "priority_id": priority.pk})
    response = client_for("business_manager").post(
        url,
        {
            "title": "x",
            "owner_agency": world.foreign_agency.pk,
            "opened_on": "2026-01-01",
            "due_date": "2026-02-01",
            "rag": "amber",
        },
    )
    assert response.status_code == 200 and not Action.objects.exists()


def test_history_shows_who_changed_what(world, client_for):
    action = _action(world, rag=RAG.AMBER)
    client_for("agency_author").post(_url("action_edit", action), {"rag": "red"})
    page = client_for("member").get(_url("action_detail", action)).content.decode()
    assert "History of changes" in page
    assert "Agency Author" in page
    assert "Amber → Red" in page


def test_list_highlights_overdue_and_long_open_actions(world, client_for):
    overdue = _action(world, title="Late one", due_date=TODAY() - datetime.timedelta(days=3))
    _action(world, title="Old one", opened_on=TODAY() - datetime.timedelta(days=400))
    _action(world, title="Fine one")
    _action(world, title="Done late", rag=RAG.COMPLETE, due_date=TODAY() - datetime.timedelta(days=3))
    page = (
        client_for("member")
        .get(reverse("boards:action_list", kwargs={"board_slug": world.board.slug}))
        .content.decode()
    )
    assert page.count('govuk-tag--red">Overdue<') == 1
    assert page.count("Open over a year") == 1
    filtered = client_for("member").get(
        reverse("boards:action_list", kwargs={"board_slug": world.board.slug}), {"attention": "overdue"}
    )
    assert [a.pk for a in filtered.context["actions"]] == [overdue.pk]
    long_open = client_for("member").get(
        reverse("boards:action_list", kwargs={"board_slug": world.board.slug}), {"attention": "long_open"}
    )
    assert [a.title for a in long_open.context["actions"]] == ["Old one"]


def test_list_filters_by_agency_and_never_shows_another_board(world, client_for):
    _action(world, title="Police action")
    _action(world, agency=world.other_agency, title="Council action")
    ActionFactory(priority__plan__board=world.other_board, owner_agency=world.foreign_agency, title="Foreign action")
    url = reverse("boards:action_list", kwargs={"board_slug": world.board.slug})
    everything = client_for("member").get(url).content.decode()
    assert "Police action" in everything and "Council action" in everything and "Foreign action" not in everything
    response = client_for("member").get(url, {"agency": world.agency.pk})
    assert [a.title for a in response.context["actions"]] == ["Police action"]


def test_csv_export_follows_the_filter(world, client_for):
    _action(world, title='=HYPERLINK("evil")', due_date=TODAY() - datetime.timedelta(days=1))
    _action(world, agency=world.other_agency, title="Council action")
    url = reverse("boards:action_export", kwargs={"board_slug": world.board.slug})
    response = client_for("member").get(url, {"agency": world.agency.pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Plan", "Priority", "Action"]
    assert len(rows) == 2
    assert rows[1][2].startswith("'=")  # neutralised formula
    assert rows[1][8] == "Yes"  # overdue


@pytest.mark.parametrize("scale", [1, 10])
def test_action_list_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    plan = BusinessPlanFactory(board=world.board)
    for p in range(scale):
        priority = PriorityFactory(plan=plan, number=p + 1)
        for i in range(5):
            action = ActionFactory(priority=priority, owner_agency=world.agency if i % 2 else world.other_agency)
            ProgressUpdateFactory(action=action)
    client = client_for("agency_author")
    url = reverse("boards:action_list", kwargs={"board_slug": world.board.slug})
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("scale", [1, 10])
def test_action_detail_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    action = _action(world)
    for i in range(scale * 3):
        ProgressUpdateFactory(action=action, date=TODAY() - datetime.timedelta(days=i))
        Action.objects.filter(pk=action.pk).update(rag=RAG.RED if i % 2 else RAG.AMBER)
        action.refresh_from_db()
        action.save()  # a history row per change
    client = client_for("agency_author")
    with django_assert_max_num_queries(16):
        assert client.get(_url("action_detail", action)).status_code == 200
