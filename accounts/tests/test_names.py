"""The Person is the one source of a person's name: the header, the audit log and the history
follow it; approvals and returns keep the name as it was when given, and say so."""

import pytest
from django.urls import reverse

from lscb.permissions import BoardAccess
from reports.models import ReportRevision
from reports.services import approval as approval_services
from reports.tests.support_drafting import report_with_sections


def _rename(user, name):
    person = user.person
    person.full_name = name
    person.save()
    user.refresh_from_db()


def test_the_header_shows_the_persons_name_after_a_rename(world, client_for):
    _rename(world.user("member"), "Robin Renamed")
    client = client_for("member")
    page = client.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})).content.decode()
    assert "Signed in as <strong>Robin Renamed</strong>" in page


@pytest.mark.django_db
def test_an_approval_keeps_the_chairs_name_at_the_time_and_says_so(world, client_for, monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: None)
    report, _sections = report_with_sections(world)
    chair = world.user("chair")
    report.status = "ready_for_chair"
    report.save(update_fields=["status"])
    from reports.models import ReportApproval

    ReportApproval.objects.create(report=report, requested_by=world.user("business_manager"))
    chair.set_password("chair-password-123")
    chair.save()
    revision = approval_services.approve(
        BoardAccess.for_user(chair, world.board), report, password="chair-password-123"
    )
    assert revision.snapshot["approved_by"] == "Chair, Independent chair"
    _rename(chair, "Casey Newname")
    revision = ReportRevision.objects.select_related("approved_by").get(pk=revision.pk)
    assert revision.snapshot["approved_by"] == "Chair, Independent chair"  # frozen
    assert revision.approver_renamed
    page = client_for("business_manager").get(
        reverse("reports:revision_detail", kwargs={"board_slug": world.board.slug, "revision_id": revision.pk})
    )
    assert "by Chair, Independent chair (name at the time)" in page.content.decode()
    assert report.approvals.get().decided_by_name == "Chair"
