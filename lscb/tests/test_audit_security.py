"""The audit log records sign-ins (good and bad), refusals by the permission layer, and every
export, download and approval a matrix row reaches; it cannot be changed; managers filter it."""

import datetime

import pytest
from django.urls import reverse

from conftest import PASSWORD
from lscb import audit
from lscb.models import AuditEntry, AuditLogIsAppendOnly
from lscb.tests.test_permission_matrix import ROWS


def test_sign_in_success_and_failure_are_recorded(world, client):
    client.post(reverse("login"), {"username": "member", "password": "wrong-password-1"})
    client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    failed = AuditEntry.objects.get(action="auth.login.failed")
    assert failed.payload["username"] == "member"
    assert AuditEntry.objects.filter(action="auth.login.succeeded", actor=world.user("member")).count() == 1


def test_a_member_refused_a_page_is_recorded_with_status_403(world, client_for):
    client = client_for("member")
    url = reverse("boards:audit_log", kwargs={"board_slug": world.board.slug})
    assert client.get(url).status_code == 403
    entry = AuditEntry.objects.get(action="auth.access.denied")
    assert entry.actor == world.user("member")
    assert entry.board == world.board
    assert entry.payload == {"status": 403, "path": url, "method": "GET"}


def test_probing_another_board_is_recorded_without_that_board(world, client_for):
    client = client_for("member")
    url = reverse("boards:dashboard", kwargs={"board_slug": world.other_board.slug})
    assert client.get(url).status_code == 404
    entry = AuditEntry.objects.get(action="auth.access.denied")
    assert entry.board is None and entry.payload["status"] == 404
    # The prober's own board sees it (a board-less entry of one of its members); the other does not.
    assert AuditEntry.objects.for_board(world.board).filter(pk=entry.pk).exists()
    assert not AuditEntry.objects.for_board(world.other_board).filter(pk=entry.pk).exists()


def test_audit_entries_cannot_be_changed_or_deleted(world):
    entry = audit.record("test.thing.done", actor=world.user("member"), board=world.board)
    entry.action = "test.thing.undone"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"


def test_manager_filters_the_audit_log_by_action_person_and_date(world, client_for):
    member = world.user("member")
    audit.record("boards.agency.created", actor=member, board=world.board)
    backdated = AuditEntry(action="boards.agency.renamed", actor=member, board=world.board, actor_label="Member")
    backdated.at = datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC)
    backdated.save()
    audit.record("reports.section.submitted", actor=world.user("chair"), board=world.board)
    client = client_for("business_manager")
    url = reverse("boards:audit_log", kwargs={"board_slug": world.board.slug})
    by_action = client.get(url, {"action": "boards.agency"}).context["entries"]
    assert {e.action for e in by_action} == {"boards.agency.created", "boards.agency.renamed"}
    by_person = client.get(url, {"person": "Chair"}).context["entries"]
    assert {e.action for e in by_person} == {"reports.section.submitted"}
    by_date = client.get(url, {"from": "2025-01-01", "to": "2025-01-31"}).context["entries"]
    assert [e.action for e in by_date] == ["boards.agency.renamed"]
    assert client.get(url, {"from": "not-a-date\x00"}).status_code == 200


AUDITED_WORDS = ("download", "export", "approve")


def _reaching_persona(row):
    for persona, status in row.expect.items():
        if status < 400 and persona not in ("anonymous", "unverified_manager"):
            return persona
    return None


AUDITED_ROWS = [
    row for row in ROWS if any(word in row.url_name for word in AUDITED_WORDS) and _reaching_persona(row) is not None
]


def _hands_over_data(response):
    """A file or export: an attachment, or anything but an HTML page."""
    content_type = response.get("Content-Type", "")
    return response.status_code == 200 and (
        "attachment" in response.get("Content-Disposition", "") or not content_type.startswith("text/html")
    )


@pytest.mark.parametrize("row", AUDITED_ROWS, ids=[str(row) for row in AUDITED_ROWS])
def test_every_export_download_and_approval_writes_an_audit_entry(row, world, client_for):
    """Generic over the matrix: an export or download that hands over data, or an approval that
    succeeds (redirects), leaves an audit entry by the person who did it."""
    persona = _reaching_persona(row)
    client = client_for(persona)
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    before = AuditEntry.objects.count()
    if row.method == "post":
        response = client.post(url, row.data(world) if row.data else {})
        acted = response.status_code == 302
    else:
        response = client.get(url)
        acted = _hands_over_data(response)
    assert response.status_code == row.expect[persona]
    new = AuditEntry.objects.order_by("id")[before:]
    mine = [e for e in new if e.actor_id == world.user(persona).pk and not e.action.startswith("auth.")]
    assert mine or not acted, f"{persona} {row}: handed over data (or approved) but wrote no audit entry"


def test_a_refusal_raised_below_the_layer_is_recorded_too(world, client_for):
    # Not the layer's capability check: the case-review action page refuses another agency's
    # author itself. Every 403 goes through the one 403 handler, which audits it.
    from reviews.tests.matrix import _action

    url = reverse("reviews:action_progress_edit", kwargs=_action(world, owner=lambda w: w.other_agency))
    assert client_for("agency_author").get(url).status_code == 403
    entry = AuditEntry.objects.get(action="auth.access.denied")
    assert (entry.actor, entry.board) == (world.user("agency_author"), world.board)
    assert entry.payload == {"status": 403, "path": url, "method": "GET"}
