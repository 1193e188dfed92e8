"""Retention: periods per record class set by the board, legal hold, a weekly list of records due
for review — and nothing is ever deleted automatically."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from playwright.sync_api import expect

from boards.models import Meeting
from lscb import retention
from lscb.models import AuditEntry, RetentionPolicy
from lscb.tasks import list_records_due_for_review


def _meeting(board, day):
    fields = {f.name for f in Meeting._meta.get_fields()}
    extra = {"title": "Board meeting"} if "title" in fields else {}
    return Meeting.objects.create(board=board, date=day, **extra)


@pytest.fixture
def meetings(world):
    old = [_meeting(world.board, datetime.date(2012, 5, 1)), _meeting(world.board, datetime.date(2015, 5, 1))]
    recent = _meeting(world.board, datetime.date(2025, 5, 1))
    foreign = _meeting(world.other_board, datetime.date(2010, 5, 1))
    return old, recent, foreign


def _line(board, key="boards.meeting"):
    return next(line for line in retention.review_list(board) if line.record_class.key == key)


@time_machine.travel("2026-11-27", tick=False)
def test_default_period_lists_only_this_boards_old_records(world, meetings):
    line = _line(world.board)
    assert (line.years, line.legal_hold, line.due) == (7, False, 2)


@time_machine.travel("2026-11-27", tick=False)
def test_the_boards_own_period_and_legal_hold_apply(world, meetings):
    policy = RetentionPolicy.objects.create(board=world.board, record_class="boards.meeting", years=12)
    assert _line(world.board).due == 1  # only 2012 is more than 12 years old
    policy.legal_hold = True
    policy.save()
    assert _line(world.board).due == 0
    assert _line(world.other_board).due == 1  # the other board's policy is its own


@time_machine.travel("2026-11-27", tick=False)
def test_the_weekly_task_lists_and_deletes_nothing(world, meetings):
    before = Meeting.objects.count()
    summary = list_records_due_for_review.delay().get()
    assert summary[world.board.slug] == {"boards.meeting": 2}
    assert Meeting.objects.count() == before
    entry = AuditEntry.objects.get(action="lscb.retention.review_listed", board=world.board)
    assert entry.payload["due"] == {"boards.meeting": 2}


def test_period_must_be_between_1_and_100_years(world):
    with pytest.raises(IntegrityError):
        RetentionPolicy.objects.create(board=world.board, record_class="boards.meeting", years=0)


def test_manager_sets_a_legal_hold_with_a_reason(world, client_for):
    client = client_for("business_manager")
    url = reverse("retention_edit", kwargs={"board_slug": world.board.slug, "record_class": "boards.meeting"})
    response = client.post(url, {"years": "10", "legal_hold": "on", "legal_hold_reason": ""})
    assert response.status_code == 200 and b"Enter the reason for the legal hold" in response.content
    assert not RetentionPolicy.objects.exists()
    response = client.post(url, {"years": "abc"})
    assert b"whole number of years" in response.content
    client.post(url, {"years": "10", "legal_hold": "on", "legal_hold_reason": "Public inquiry"})
    policy = RetentionPolicy.objects.get(board=world.board)
    assert (policy.years, policy.legal_hold, policy.legal_hold_reason) == (10, True, "Public inquiry")
    assert AuditEntry.objects.filter(action="lscb.retention.policy_set", board=world.board).exists()
    page = client.get(reverse("retention", kwargs={"board_slug": world.board.slug}))
    assert b"Public inquiry" in page.content


def test_retention_page_query_count_does_not_grow_with_records(world, client_for, django_assert_max_num_queries):
    client = client_for("business_manager")
    url = reverse("retention", kwargs={"board_slug": world.board.slug})
    for i in range(30):
        _meeting(world.board, datetime.date(2001, 1, 1) + datetime.timedelta(days=i))
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


@pytest.mark.browser
def test_retention_pages_are_accessible(world, page, live_server, sign_in, axe_check):
    sign_in(page, "business_manager")
    page.goto(f"{live_server.url}/boards/{world.board.slug}/retention/")
    axe_check(page)
    page.get_by_role("link", name="Change retention of board meetings and attendance").click()
    page.get_by_role("checkbox", name="Legal hold").check()
    page.get_by_role("button", name="Save retention period").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("Reason for the legal hold").fill("Public inquiry")
    page.get_by_role("button", name="Save retention period").click()
    expect(page.get_by_text("Public inquiry")).to_be_visible()
    axe_check(page)
    page.screenshot(path="/tmp/h7/retention.png", full_page=True)
