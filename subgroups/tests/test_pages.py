"""Sub-group pages: what each persona can do, what is recorded, and how many queries pages take."""

import datetime

import pytest
from django.urls import reverse

from boards.choices import RAG
from boards.tests.factories import ActionFactory, AgencyFactory, AreaFactory, BusinessPlanFactory, PriorityFactory
from lscb.models import AuditEntry
from subgroups.choices import HighlightStatus, SubGroupKind
from subgroups.models import HighlightUpdate, SubGroup, WorkPlanItem
from subgroups.tests.factories import (
    HighlightUpdateFactory,
    SubGroupFactory,
    SubGroupMeetingFactory,
    SubGroupMemberFactory,
    WorkPlanItemFactory,
)

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"subgroups:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


@pytest.fixture
def own(world):
    """A sub-group chaired by the sub-group chair persona."""
    return SubGroupFactory(
        board=world.board, name="Quality Assurance", chair_person=world.user("subgroup_chair").person
    )


@pytest.fixture
def another(world):
    return SubGroupFactory(board=world.board, name="Learning and Development")


# --- List, filters, CSV -------------------------------------------------------------------


def test_list_filters_by_kind_area_status_and_name(world, client_for):
    area = AreaFactory(board=world.board, name="Kingsmere")
    SubGroupFactory(board=world.board, name="Quality Assurance")
    SubGroupFactory(board=world.board, name="Kingsmere LPG", kind=SubGroupKind.LOCAL_PARTNERSHIP, area=area)
    SubGroupFactory(
        board=world.board,
        name="Exploitation T&F",
        kind=SubGroupKind.TASK_AND_FINISH,
        end_date=datetime.date(2020, 3, 31),
    )
    SubGroupFactory(board=world.other_board, name="Other board's group")
    client = client_for("member")

    def names(**params):
        response = client.get(url("subgroup_list", world), params)
        assert response.status_code == 200
        return [sg.name for sg in response.context["subgroups"]]

    assert names() == ["Exploitation T&F", "Kingsmere LPG", "Quality Assurance"]
    assert names(kind="local_partnership") == ["Kingsmere LPG"]
    assert names(area=area.pk) == ["Kingsmere LPG"]
    assert names(status="ended") == ["Exploitation T&F"]
    assert names(status="active") == ["Kingsmere LPG", "Quality Assurance"]
    assert names(q="quality") == ["Quality Assurance"]


def test_csv_export_follows_the_filters_and_neutralises_formulas(world, client_for):
    sg = SubGroupFactory(board=world.board, name="=HYPERLINK(evil)", purpose="Checks practice")
    SubGroupMemberFactory(subgroup=sg)
    WorkPlanItemFactory(subgroup=sg, rag=RAG.RED)
    WorkPlanItemFactory(subgroup=sg, rag=RAG.COMPLETE)
    SubGroupFactory(board=world.board, name="Learning", kind=SubGroupKind.WORKING_GROUP)
    SubGroupFactory(board=world.other_board, name="Not ours")
    response = client_for("member").get(url("subgroup_export", world), {"kind": "standing"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Name,Kind,Area,Chair")
    assert len(lines) == 2
    assert lines[1].startswith("'=HYPERLINK(evil),Standing sub-group,")
    assert lines[1].endswith(",Active,1,1")  # one member, one open item (the complete one is not open)


def test_list_and_detail_query_counts_do_not_grow_with_data(world, client_for, django_assert_max_num_queries):
    client = client_for("business_manager")

    def make(n):
        plan = BusinessPlanFactory(board=world.board)
        priority = PriorityFactory(plan=plan)
        agency = AgencyFactory(board=world.board)
        for i in range(n):
            sg = SubGroupFactory(
                board=world.board,
                name=f"Group {n}-{i}",
                chair_person=world.user("subgroup_chair").person,
                chair_agency=agency,
                terms_of_reference="<p>ToR</p>",
            )
            for j in range(3):
                SubGroupMemberFactory(subgroup=sg, agency=agency)
                SubGroupMeetingFactory(subgroup=sg, date=datetime.date(2025, 4, 1) + datetime.timedelta(days=j))
                WorkPlanItemFactory(
                    subgroup=sg,
                    owner_person=world.user("member").person,
                    owner_agency=agency,
                    action=ActionFactory(priority=priority, owner_agency=agency),
                )
                HighlightUpdateFactory(subgroup=sg, quarter=j + 1, submitted=j > 0)
            sg.name = f"{sg.name} renamed"
            sg.save()  # a change in the history
        return sg

    last_small = make(1)
    with django_assert_max_num_queries(14):
        assert client.get(url("subgroup_list", world)).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(url("subgroup_detail", world, subgroup_id=last_small.pk)).status_code == 200
    last_big = make(10)
    for _ in range(9):  # a longer history on the big one
        last_big.purpose = f"Purpose {_}"
        last_big.save()
    with django_assert_max_num_queries(14):
        response = client.get(url("subgroup_list", world))
    assert len(response.context["subgroups"]) == 11
    with django_assert_max_num_queries(22):
        response = client.get(url("subgroup_detail", world, subgroup_id=last_big.pk))
    assert len(response.context["items"]) == 3
    highlight = last_big.highlight_updates.submitted().first()
    for quarter in (1, 2, 3):  # a longer history on the highlight update
        highlight.progress = f"<p>Version {quarter}</p>"
        highlight.save()
    with django_assert_max_num_queries(16):
        response = client.get(url("highlight_detail", world, subgroup_id=last_big.pk, highlight_id=highlight.pk))
    assert response.status_code == 200
    item = last_big.work_plan_items.first()
    with django_assert_max_num_queries(16):
        assert (
            client.get(url("work_plan_item_detail", world, subgroup_id=last_big.pk, item_id=item.pk)).status_code == 200
        )


# --- Sub-group set-up (business manager) ---------------------------------------------------


def test_business_manager_adds_a_subgroup_recorded_in_audit_and_history(world, client_for):
    client = client_for("business_manager")
    chair = world.user("subgroup_chair").person
    response = client.post(
        url("subgroup_add", world),
        {
            "name": "Neglect Strategy Group",
            "kind": "task_and_finish",
            "start_date": "2025-04-01",
            "end_date": "2026-03-31",
            "chair_person": chair.pk,
            "chair_agency": world.agency.pk,
            "terms_of_reference": "<p>Reports to the executive.</p><img src=x onerror=alert(1)>",
        },
    )
    sg = SubGroup.objects.get(board=world.board, name="Neglect Strategy Group")
    assert response.status_code == 302
    assert response["Location"] == sg.get_absolute_url()
    assert "onerror" not in sg.terms_of_reference
    assert AuditEntry.objects.filter(
        action="subgroups.subgroup.created", board=world.board, object_id=str(sg.pk)
    ).exists()

    client.post(
        url("subgroup_edit", world, subgroup_id=sg.pk),
        {
            "name": "Neglect Strategy Group",
            "kind": "task_and_finish",
            "start_date": "2025-04-01",
            "end_date": "2026-06-30",
        },
    )
    page = client.get(sg.get_absolute_url())
    history = page.context["history"]
    assert [row.what for row in history][:2] == ["Changed", "Created"]
    changes = {label: (old, new) for label, old, new in history[0].changes}
    assert changes["End date"] == ("31 Mar 2026", "30 Jun 2026")
    assert changes["Chair"] == (chair.full_name, "—")
    assert history[0].who == world.user("business_manager").get_full_name()
    assert "30 Jun 2026" in page.content.decode()


def test_bad_input_shows_the_govuk_error_summary_and_saves_nothing(world, client_for):
    response = client_for("business_manager").post(
        url("subgroup_add", world),
        {"name": "", "kind": "task_and_finish", "start_date": "2025-04-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert "Enter the sub-group&#x27;s name" in html
    assert "Enter an end date: a task-and-finish group has one" in html
    assert not SubGroup.objects.filter(board=world.board).exists()


def test_deleting_asks_first_then_deletes_and_audits(world, client_for, own):
    client = client_for("business_manager")
    page = client.get(url("subgroup_remove", world, subgroup_id=own.pk))
    assert "Are you sure you want to delete Quality Assurance?" in page.content.decode()
    assert SubGroup.objects.filter(pk=own.pk).exists()
    response = client.post(url("subgroup_remove", world, subgroup_id=own.pk))
    assert response["Location"] == url("subgroup_list", world)
    assert not SubGroup.objects.filter(pk=own.pk).exists()
    assert AuditEntry.objects.filter(action="subgroups.subgroup.deleted", payload__name="Quality Assurance").exists()


def test_a_subgroup_that_reported_to_the_board_is_not_deleted(world, client_for, own):
    HighlightUpdateFactory(subgroup=own, submitted=True)
    response = client_for("business_manager").post(url("subgroup_remove", world, subgroup_id=own.pk), follow=True)
    assert "has reported to the board, so it cannot be deleted" in response.content.decode()
    assert SubGroup.objects.filter(pk=own.pk).exists()


def test_business_manager_adds_a_member_with_agency_and_role(world, client_for, own):
    person = world.user("member").person
    client_for("business_manager").post(
        url("member_add", world, subgroup_id=own.pk),
        {"person": person.pk, "agency": world.agency.pk, "role": "vice_chair"},
    )
    member = own.memberships.get()
    assert (member.person, member.agency, member.get_role_display()) == (person, world.agency, "Vice-chair")
    assert list(own.members.all()) == [person]
    page = client_for("member").get(own.get_absolute_url()).content.decode()
    assert "Vice-chair" in page
    assert "Member: " + person.full_name in page  # the member's history shows on the sub-group's page
    client_for("business_manager").post(url("member_remove", world, subgroup_id=own.pk, member_id=member.pk))
    assert not own.memberships.exists()
    history = client_for("member").get(own.get_absolute_url()).context["history"]
    assert (history[0].what, history[0].subject) == ("Deleted", "Member: " + person.full_name)


# --- Work plan: the sub-group chair keeps their own ----------------------------------------


def test_subgroup_chair_adds_a_work_plan_item_linked_to_a_business_plan_action(world, client_for, own):
    action = ActionFactory(priority=PriorityFactory(plan=BusinessPlanFactory(board=world.board)), title="Audit neglect")
    response = client_for("subgroup_chair").post(
        url("work_plan_item_add", world, subgroup_id=own.pk),
        {"title": "Run the neglect audit", "due_date": "2026-01-31", "rag": "amber", "action": action.pk},
    )
    assert response.status_code == 302
    item = WorkPlanItem.objects.get(subgroup=own)
    assert item.action == action
    assert list(action.work_plan_items.all()) == [item]  # how the sub-group "owns" the action
    entry = AuditEntry.objects.get(action="subgroups.work_plan_item.created")
    assert entry.actor == world.user("subgroup_chair")
    assert entry.board == world.board


def test_subgroup_chair_gets_404_on_another_subgroups_work_plan(world, client_for, another):
    item = WorkPlanItemFactory(subgroup=another, title="Not theirs")
    client = client_for("subgroup_chair")
    assert client.get(url("work_plan_item_add", world, subgroup_id=another.pk)).status_code == 404
    response = client.post(
        url("work_plan_item_edit", world, subgroup_id=another.pk, item_id=item.pk),
        {"title": "Hijacked", "due_date": "2026-01-31", "rag": "green"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.title == "Not theirs"
    # ... but reads it like every member.
    assert client.get(url("work_plan_item_detail", world, subgroup_id=another.pk, item_id=item.pk)).status_code == 200


def test_an_item_id_from_another_subgroup_is_not_found_through_ones_own(world, client_for, own, another):
    item = WorkPlanItemFactory(subgroup=another)
    response = client_for("subgroup_chair").get(url("work_plan_item_edit", world, subgroup_id=own.pk, item_id=item.pk))
    assert response.status_code == 404


def test_a_subgroup_chair_role_alone_does_not_edit_a_subgroup_they_do_not_chair(world, client_for):
    """Being named chair needs the board role too: a member named as chair cannot edit."""
    sg = SubGroupFactory(board=world.board, name="Named", chair_person=world.user("member").person)
    assert client_for("member").get(url("work_plan_item_add", world, subgroup_id=sg.pk)).status_code == 403


# --- Highlight updates ---------------------------------------------------------------------


def test_highlight_update_draft_submit_return(world, client_for, own):
    chair = client_for("subgroup_chair")
    response = chair.post(
        url("highlight_add", world, subgroup_id=own.pk),
        {"financial_year": 2025, "quarter": "3", "progress": "<p>Audit done.</p>", "risks": "<p>Capacity.</p>"},
    )
    highlight = HighlightUpdate.objects.get(subgroup=own)
    assert response["Location"] == highlight.get_absolute_url()
    assert highlight.status == HighlightStatus.DRAFT
    detail = url("highlight_detail", world, subgroup_id=own.pk, highlight_id=highlight.pk)
    assert client_for("member").get(detail).status_code == 404  # drafts are not the board's yet

    chair = client_for("subgroup_chair")
    chair.post(url("highlight_submit", world, subgroup_id=own.pk, highlight_id=highlight.pk))
    highlight.refresh_from_db()
    assert highlight.status == HighlightStatus.SUBMITTED
    assert highlight.submitted_by == world.user("subgroup_chair")
    assert client_for("member").get(detail).status_code == 200
    # Submitted: read-only even for its chair; a second submit is refused with a message.
    chair = client_for("subgroup_chair")
    edit = url("highlight_edit", world, subgroup_id=own.pk, highlight_id=highlight.pk)
    assert chair.get(edit).status_code == 404
    response = chair.post(url("highlight_submit", world, subgroup_id=own.pk, highlight_id=highlight.pk), follow=True)
    assert "Only a draft update can be submitted." in response.content.decode()
    response = chair.post(url("highlight_remove", world, subgroup_id=own.pk, highlight_id=highlight.pk), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert HighlightUpdate.objects.filter(pk=highlight.pk).exists()

    client_for("business_manager").post(url("highlight_return", world, subgroup_id=own.pk, highlight_id=highlight.pk))
    highlight.refresh_from_db()
    assert highlight.status == HighlightStatus.DRAFT
    assert highlight.submitted_at is None
    assert client_for("subgroup_chair").get(edit).status_code == 200
    actions = list(AuditEntry.objects.filter(action__startswith="subgroups.highlight").values_list("action", flat=True))
    assert sorted(actions) == [
        "subgroups.highlight.created",
        "subgroups.highlight.returned",
        "subgroups.highlight.submitted",
    ]


def test_highlight_page_shows_its_history(world, client_for, own):
    client = client_for("subgroup_chair")
    client.post(
        url("highlight_add", world, subgroup_id=own.pk),
        {"financial_year": 2025, "quarter": "1", "progress": "<p>First.</p>"},
    )
    highlight = HighlightUpdate.objects.get(subgroup=own)
    client.post(
        url("highlight_edit", world, subgroup_id=own.pk, highlight_id=highlight.pk),
        {"financial_year": 2025, "quarter": "2", "progress": "<p>Second.</p>"},
    )
    history = client.get(highlight.get_absolute_url()).context["history"]
    assert history[0].what == "Changed"
    assert ("Quarter", "Quarter 1 (April to June)", "Quarter 2 (July to September)") in history[0].changes
    assert ("Progress", "First.", "Second.") in history[0].changes  # rich text: its words, not the HTML


# --- Navigation and dashboard ------------------------------------------------------------


def test_nav_has_subgroups_and_the_chair_sees_their_items_due(world, client_for, own, another):
    WorkPlanItemFactory(subgroup=own, title="Overdue audit", due_date=datetime.date(2020, 1, 1))
    WorkPlanItemFactory(subgroup=own, title="Finished", rag=RAG.COMPLETE)
    WorkPlanItemFactory(subgroup=another, title="Someone else's")
    response = client_for("subgroup_chair").get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
    html = response.content.decode()
    assert url("subgroup_list", world) in html
    assert "Work-plan items due in the sub-groups you chair" in html
    assert "Overdue audit" in html
    assert "Finished" not in html
    assert "Someone else" not in html
    assert "No highlight update for Q" in html  # this quarter's update is still owed
    from django.utils import timezone

    from subgroups.models import quarter_of

    year, quarter = quarter_of(timezone.localdate())
    HighlightUpdateFactory(subgroup=own, financial_year=year, quarter=quarter, submitted=True)
    html = client_for("subgroup_chair").get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
    assert "No highlight update for Q" not in html.content.decode()
    member_html = client_for("member").get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
    assert "sub-groups you chair" not in member_html.content.decode()


# --- The board-wide work plan ------------------------------------------------------------


def test_work_plan_list_filters_exports_and_stays_on_its_board(
    world, client_for, own, another, django_assert_max_num_queries
):
    WorkPlanItemFactory(subgroup=own, title="Overdue audit", due_date=datetime.date(2020, 1, 1), rag=RAG.RED)
    WorkPlanItemFactory(subgroup=own, title="Done", due_date=datetime.date(2020, 1, 1), rag=RAG.COMPLETE)
    WorkPlanItemFactory(subgroup=another, title="Training plan", due_date=datetime.date(2099, 1, 1), rag=RAG.GREEN)
    WorkPlanItemFactory(subgroup=SubGroupFactory(board=world.other_board), title="Elsewhere")
    client = client_for("member")

    def titles(**params):
        with django_assert_max_num_queries(14):
            response = client.get(url("work_plan_list", world), params)
        return [item.title for item in response.context["items"]]

    assert titles() == ["Overdue audit", "Done", "Training plan"]
    assert titles(due="overdue") == ["Overdue audit"]
    assert titles(due="open") == ["Overdue audit", "Training plan"]
    assert titles(subgroup=another.pk) == ["Training plan"]
    assert titles(rag="complete") == ["Done"]
    for i in range(20):
        WorkPlanItemFactory(
            subgroup=another,
            title=f"More {i}",
            due_date=datetime.date(2099, 1, 2),
            action=ActionFactory(priority=PriorityFactory(plan=BusinessPlanFactory(board=world.board))),
        )
    assert len(titles()) == 23  # same query bound with more data

    lines = client.get(url("work_plan_export", world), {"due": "overdue"}).content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Sub-group,Item,Owner,Owning agency,Due date,RAG status,Overdue,Business plan action",
        "Quality Assurance,Overdue audit,,,2020-01-01,Red,Yes,",
    ]
