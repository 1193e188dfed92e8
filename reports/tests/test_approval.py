"""The report's approval workflow: send to the chair, comment, return, approve with password, correct."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import PASSWORD
from lscb.models import AuditEntry
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.models import ChairComment, ReportApproval, ReportRevision
from reports.services import approval as services
from reports.tests.factories import ReportSectionFactory, report_with_sections
from reports.tests.support_approval import access_for, fake_sources  # noqa: F401

pytestmark = pytest.mark.django_db

KEYS = ("foreword", "priorities_progress", "case_reviews_learning")


def _report(world, **kwargs):
    return report_with_sections(world.board, keys=KEYS, agencies=[world.agency], **kwargs)


def _with_chair(world, django_capture_on_commit_callbacks=None):
    report = _report(world)
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    return report


# --- Status × verb: the whole table ------------------------------------------------------------

VERBS = {
    "send_to_chair": ("business_manager", lambda access, report: services.send_to_chair(access, report)),
    "comment": ("chair", lambda access, report: services.add_chair_comment(access, report, text="Tighten this.")),
    "return_to_drafting": ("chair", lambda access, report: services.return_to_drafting(access, report, note="Redo.")),
    "approve": ("chair", lambda access, report: services.approve(access, report, password=PASSWORD)),
    "reopen_for_correction": (
        "business_manager",
        lambda access, report: services.reopen_for_correction(access, report, reason="A figure is wrong."),
    ),
    "freeze_draft": ("business_manager", lambda access, report: services.freeze_draft(access, report)),
}
TARGETS = {
    "send_to_chair": ReportStatus.READY_FOR_CHAIR,
    "comment": ReportStatus.READY_FOR_CHAIR,
    "return_to_drafting": ReportStatus.DRAFTING,
    "approve": ReportStatus.APPROVED,
    "reopen_for_correction": ReportStatus.DRAFTING,
    "freeze_draft": None,  # the status does not change
}


@pytest.mark.parametrize("status", ReportStatus.values)
@pytest.mark.parametrize("verb", list(VERBS))
def test_every_status_by_every_transition(world, status, verb):
    report = _report(world, status=status)
    if status == ReportStatus.READY_FOR_CHAIR:
        ReportApproval.objects.create(report=report, requested_by=world.user("business_manager"))
    persona, action = VERBS[verb]
    allowed = status in services.TRANSITIONS[verb]
    if allowed:
        action(access_for(world, persona), report)
        report.refresh_from_db()
        assert report.status == (TARGETS[verb] or status)
    else:
        with pytest.raises(services.ApprovalError):
            action(access_for(world, persona), report)
        report.refresh_from_db()
        assert report.status == status


@pytest.mark.parametrize(
    ("verb", "persona"),
    [
        ("send_to_chair", "chair"),
        ("send_to_chair", "agency_author"),
        ("comment", "business_manager"),
        ("return_to_drafting", "business_manager"),
        ("approve", "business_manager"),
        ("approve", "member"),
        ("reopen_for_correction", "chair"),
        ("freeze_draft", "agency_author"),
        ("freeze_draft", "member"),
    ],
)
def test_transitions_refuse_the_wrong_role(world, verb, persona):
    status = {"send_to_chair": "drafting", "reopen_for_correction": "approved"}.get(verb, "ready_for_chair")
    report = _report(world, status=status)
    if status == ReportStatus.READY_FOR_CHAIR:
        ReportApproval.objects.create(report=report)
    with pytest.raises(PermissionDenied):
        VERBS[verb][1](access_for(world, persona), report)


# --- Send to the chair --------------------------------------------------------------------------


def test_send_to_chair_needs_every_section_accepted(world):
    report = _report(world)
    ReportSectionFactory(report=report, key="training", title="Training", status=SectionStatus.SUBMITTED)
    with pytest.raises(services.ApprovalError, match="Not accepted yet: Training"):
        services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING
    assert not ReportApproval.objects.exists()


def test_send_to_chair_opens_one_approval_audits_and_mails_the_chair(world, django_capture_on_commit_callbacks):
    world.user("chair").person.email = "chair@example.org"
    world.user("chair").person.save()
    report = _report(world)
    with django_capture_on_commit_callbacks(execute=True):
        approval = services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY_FOR_CHAIR
    assert approval.state == ReportApproval.State.OPEN
    assert AuditEntry.objects.filter(action="reports.report.sent_to_chair", object_id=str(report.pk)).count() == 1
    assert [m.to for m in mail.outbox] == [["chair@example.org"]]


def test_the_database_allows_one_open_approval_per_report(world):
    report = _report(world)
    ReportApproval.objects.create(report=report)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportApproval.objects.create(report=report)
    # Closed ones do not count.
    ReportApproval.objects.create(report=report, state=ReportApproval.State.RETURNED)


def test_report_overview_shows_each_section_status_with_the_same_tag_as_the_progress_board(world, client_for):
    report = _report(world, section_status="submitted")
    slug = world.board.slug
    overview = client_for("business_manager").get(reverse("reports:report_detail", args=[slug, report.pk]))
    progress = client_for("business_manager").get(reverse("reports:progress", args=[slug, report.pk]))
    tag = '<strong class="govuk-tag govuk-tag--blue">Submitted</strong>'
    assert tag in overview.content.decode() and tag in progress.content.decode()


# --- Comment and return -------------------------------------------------------------------------


def test_chair_comments_then_returns_and_the_business_manager_sees_the_comments(world, client_for):
    report = _with_chair(world)
    section = report.sections.get(key="foreword")
    chair = access_for(world, "chair")
    services.add_chair_comment(chair, report, text="Say more about neglect.", section=section)
    approval = services.return_to_drafting(chair, report, note="Nearly there.")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING
    assert approval.state == ReportApproval.State.RETURNED and approval.decided_by == world.user("chair")
    assert AuditEntry.objects.filter(action="reports.report.returned").count() == 1
    page = client_for("business_manager").get(reverse("reports:report_detail", args=[world.board.slug, report.pk]))
    text = page.content.decode()
    assert "Returned by the chair" in text
    assert "Say more about neglect." in text and "Nearly there." in text


def test_review_page_prints_narrative_text_sanitised_even_if_stored_unsanitised(world, client_for):
    report = _with_chair(world)
    # Text saved before the sanitiser was tightened: stored as it came, never cleaned.
    report.sections.filter(kind=SectionKind.AGENCY).update(html='<p onclick="steal()">What we did.</p>')
    page = client_for("chair").get(reverse("reports:report_review", args=[world.board.slug, report.pk]))
    text = page.content.decode()
    assert "<p>What we did.</p>" in text
    assert "steal()" not in text


def test_return_needs_a_comment_or_a_note(world):
    report = _with_chair(world)
    with pytest.raises(services.ApprovalError, match="Say what needs to change"):
        services.return_to_drafting(access_for(world, "chair"), report, note="  ")
    report.refresh_from_db()
    assert report.status == ReportStatus.READY_FOR_CHAIR


def test_comment_on_another_reports_section_is_refused(world):
    report = _with_chair(world)
    other = report_with_sections(world.board, keys=("foreword",), financial_year=2024)
    with pytest.raises(PermissionDenied):
        services.add_chair_comment(
            access_for(world, "chair"), report, text="x", section=other.sections.get(key="foreword")
        )
    assert not ChairComment.objects.exists()


def test_comment_view_adds_a_comment_on_the_section(world, client_for):
    report = _with_chair(world)
    section = report.sections.get(key="foreword")
    url = reverse("reports:report_comment", args=[world.board.slug, report.pk])
    response = client_for("chair").post(url, {"text": "Shorter, please.", "section": section.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"#section-{section.pk}")
    assert ChairComment.objects.get().section == section


# --- Approve ---------------------------------------------------------------------------------


def test_wrong_password_approves_nothing_and_is_audited(world, client_for):
    report = _with_chair(world)
    url = reverse("reports:report_approve", args=[world.board.slug, report.pk])
    response = client_for("chair").post(url, {"password": "not-my-password"})
    assert response.status_code == 200
    assert "The password is not right" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY_FOR_CHAIR
    assert not ReportRevision.objects.exists()
    assert AuditEntry.objects.filter(action="reports.report.approval_password_failed").count() == 1


def test_approval_freezes_a_revision_with_the_whole_report(world, fake_sources):
    report = _with_chair(world)
    section = report.sections.get(key="foreword")
    section.html = "<p>A year of hard work.</p>"
    section.save()
    report.sections.filter(key="case_reviews_learning").update(kind=SectionKind.GENERATED)
    revision = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert revision.number == 1 and revision.approved_by == world.user("chair")
    snapshot = revision.snapshot
    assert snapshot["schema"] == 1 and snapshot["revision_number"] == 1
    assert snapshot["approved_by"] == "Chair, Independent chair"
    assert snapshot["approved_at"] == revision.approved_at.isoformat()
    by_key = {s["key"]: s for s in snapshot["sections"]}
    assert by_key["foreword"]["html"] == "<p>A year of hard work.</p>"
    assert "Child A briefing: Hear the child" in by_key["case_reviews_learning"]["html"]
    # The board's records change later: the approved revision does not.
    fake_sources["reviews"] = []
    revision.refresh_from_db()
    assert "Child A" in {s["key"]: s for s in revision.snapshot["sections"]}["case_reviews_learning"]["html"]
    approval = ReportApproval.objects.get(report=report)
    assert approval.state == ReportApproval.State.APPROVED and approval.revision == revision
    assert AuditEntry.objects.filter(action="reports.report.approved", object_id=str(revision.pk)).count() == 1
    # The statutory distribution list is ready.
    assert report.board.report_recipients.filter(code="hwb-chair").exists()


def test_an_approved_revision_cannot_be_changed_or_deleted(world):
    report = _with_chair(world)
    revision = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    revision.snapshot = {"schema": 1, "sections": []}
    with pytest.raises(ValueError, match="cannot be changed"):
        revision.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        revision.delete()


def test_a_correction_needs_approval_again_and_makes_a_new_revision(world):
    report = _with_chair(world)
    first = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    report.refresh_from_db()
    manager = access_for(world, "business_manager")
    section = report.sections.get(key="foreword")
    services.reopen_for_correction(manager, report, section=section, reason="Typo in the foreword.")
    report.refresh_from_db()
    section.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING
    assert section.status == SectionStatus.DRAFTING
    assert AuditEntry.objects.filter(action="reports.report.reopened").count() == 1
    with pytest.raises(services.ApprovalError):
        services.send_to_chair(manager, report)  # the reopened section is not accepted yet
    report.sections.filter(pk=section.pk).update(status=SectionStatus.ACCEPTED, html="<p>Fixed.</p>")
    services.send_to_chair(manager, report)
    report.refresh_from_db()
    second = services.approve(access_for(world, "chair"), report, password=PASSWORD)
    assert second.number == 2
    first.refresh_from_db()
    assert {s["key"]: s for s in first.snapshot["sections"]}["foreword"]["html"] == ""
    assert {s["key"]: s for s in second.snapshot["sections"]}["foreword"]["html"] == "<p>Fixed.</p>"


def test_send_to_chair_view_refuses_with_a_message_when_sections_are_open(world, client_for):
    report = _report(world, section_status=SectionStatus.SUBMITTED)
    client = client_for("business_manager")
    response = client.post(reverse("reports:report_send_to_chair", args=[world.board.slug, report.pk]), follow=True)
    assert "Every section must be accepted" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFTING


# --- Dashboard panels ------------------------------------------------------------------------


def test_the_chair_is_told_on_the_dashboard_and_the_business_manager_when_returned(world, client_for):
    report = _with_chair(world)
    dashboard = reverse("boards:dashboard", args=[world.board.slug])
    assert "The annual report is waiting for your approval" in client_for("chair").get(dashboard).content.decode()
    assert "waiting for your approval" not in client_for("business_manager").get(dashboard).content.decode()
    services.add_chair_comment(access_for(world, "chair"), report, text="More on neglect.")
    services.return_to_drafting(access_for(world, "chair"), report)
    text = client_for("business_manager").get(dashboard).content.decode()
    assert "The chair returned the annual report" in text
    assert "waiting for your approval" not in client_for("chair").get(dashboard).content.decode()


def test_an_empty_comment_is_refused_with_an_error_summary_at_its_box(world, client_for):
    report = _with_chair(world)
    section = report.sections.get(key="foreword")
    url = reverse("reports:report_comment", args=[world.board.slug, report.pk])
    response = client_for("chair").post(url, {"text": "  ", "section": section.pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text and f'href="#comment-{section.pk}"' in text
    assert f'aria-describedby="comment-{section.pk}-error"' in text
    assert not ChairComment.objects.exists()


def test_a_return_without_comments_keeps_the_note_typed_and_says_why(world, client_for):
    report = _with_chair(world)
    url = reverse("reports:report_return", args=[world.board.slug, report.pk])
    response = client_for("chair").post(url, {"note": "x" * 4001})
    text = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in text and 'href="#id_note"' in text
    assert "x" * 4001 in text  # nothing the chair typed is lost
    report.refresh_from_db()
    assert report.status == ReportStatus.READY_FOR_CHAIR


def test_a_comment_on_a_section_of_another_report_is_refused(world, client_for):
    report = _with_chair(world)
    other = report_with_sections(world.board, keys=("foreword",), financial_year=2024)
    url = reverse("reports:report_comment", args=[world.board.slug, report.pk])
    response = client_for("chair").post(url, {"text": "x", "section": other.sections.get().pk})
    assert response.status_code == 403
    assert not ChairComment.objects.exists()


def test_after_a_return_the_chair_sees_the_earlier_comments_when_reading_again(world, client_for):
    report = _with_chair(world)
    chair = access_for(world, "chair")
    section = report.sections.get(key="foreword")
    services.add_chair_comment(chair, report, text="Name the three boroughs.", section=section)
    services.return_to_drafting(chair, report, note="See my comment.")
    report.refresh_from_db()
    services.send_to_chair(access_for(world, "business_manager"), report)
    text = client_for("chair").get(reverse("reports:report_review", args=[world.board.slug, report.pk]))
    text = text.content.decode()
    assert "Earlier comment (returned" in text and "Name the three boroughs." in text
    assert "Earlier note (returned" in text and "See my comment." in text
