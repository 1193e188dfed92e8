"""The report's approval: sending it to the chair, the chair's comments, return and approval (which
freezes an immutable revision), corrections after approval, publication and distribution.

Every operation follows STYLE.md: permission → status (an ApprovalError the page can show) →
transaction.atomic (the report row locked, its status checked again) → lscb.audit.record →
transaction.on_commit for e-mails.

Report workflow (ReportStatus): drafting → ready_for_chair (send_to_chair: every section
accepted) → drafting (return_to_drafting) or approved (approve: a new ReportRevision) →
published (publish). An approved or published report goes back to drafting only through
reopen_for_correction; the next approval makes the next revision.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from boards.choices import Role
from lscb import audit, lockout
from lscb.errors import DomainError
from lscb.permissions import Capability
from reports import tasks
from reports.choices import ReportStatus, SectionStatus
from reports.generated import GeneratedData
from reports.models import (
    DEFAULT_RECIPIENTS,
    AnnualReport,
    ChairComment,
    Distribution,
    DistributionRecipient,
    ReportApproval,
    ReportPublication,
    ReportRevision,
    ReportSection,
)
from reports.snapshot import build_snapshot


class ApprovalError(DomainError):
    """An operation the report's current status does not allow; the message says why."""


class WrongPassword(ApprovalError):
    """The chair's re-entered password did not match; nothing was approved."""


# The verbs of the report workflow and the states each is allowed from (the parametrised test
# walks every status × verb against this table).
TRANSITIONS = {
    "send_to_chair": (ReportStatus.DRAFTING,),
    "comment": (ReportStatus.READY_FOR_CHAIR,),
    "return_to_drafting": (ReportStatus.READY_FOR_CHAIR,),
    "approve": (ReportStatus.READY_FOR_CHAIR,),
    "reopen_for_correction": tuple(ReportStatus.published()),
    "freeze_draft": (ReportStatus.DRAFTING, ReportStatus.READY_FOR_CHAIR),
    "publish": (ReportStatus.APPROVED,),
    "record_distribution": tuple(ReportStatus.published()),
}

_VERB_WORDS = {
    "send_to_chair": "sent to the chair",
    "comment": "commented on",
    "return_to_drafting": "returned",
    "approve": "approved",
    "reopen_for_correction": "reopened for a correction",
    "freeze_draft": "frozen as a draft",
    "publish": "published",
    "record_distribution": "distributed",
}


def _require(access, report, capability):
    if report.board_id != access.board.pk or not access.can(capability):
        raise PermissionDenied


def _require_status(report, verb):
    if report.status not in TRANSITIONS[verb]:
        raise ApprovalError(
            f"The report is {report.get_status_display().lower()}: it cannot be {_VERB_WORDS[verb]} now."
        )


def _locked(report, verb):
    """The report row, locked for this transaction, with its status checked again (two clicks at
    once, or the chair approving while the business manager reopens, cannot both succeed)."""
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_status(locked, verb)
    return locked


def _set_status(report, status, actor):
    report.status = status
    report._history_user = actor  # simple_history records who changed it
    report.save(update_fields=["status"])


def open_approval(report):
    return report.approvals.filter(state=ReportApproval.State.OPEN).first()


def latest_returned_approval(report):
    return report.approvals.filter(state=ReportApproval.State.RETURNED).order_by("-decided_at", "-id").first()


def sections_not_accepted(report):
    return [s for s in report.sections.all() if s.status != SectionStatus.ACCEPTED]


# --- To the chair and back ---------------------------------------------------------------------


def send_to_chair(access, report) -> ReportApproval:
    """The business manager asks the chair to read and approve the report (every section accepted)."""
    _require(access, report, Capability.REVIEW_REPORT_SECTIONS)
    _require_status(report, "send_to_chair")
    pending = sections_not_accepted(report)
    if not report.sections.exists():
        raise ApprovalError("The report has no sections yet.")
    if pending:
        titles = ", ".join(s.title for s in pending[:5]) + ("…" if len(pending) > 5 else "")
        raise ApprovalError(f"Every section must be accepted before the chair is asked. Not accepted yet: {titles}.")
    with transaction.atomic():
        report = _locked(report, "send_to_chair")
        if ReportSection.objects.filter(report=report).exclude(status=SectionStatus.ACCEPTED).exists():
            raise ApprovalError("A section was reopened a moment ago. Check the sections and try again.")
        approval = ReportApproval.objects.create(report=report, requested_by=access.user)
        _set_status(report, ReportStatus.READY_FOR_CHAIR, access.user)
        audit.record(
            "reports.report.sent_to_chair",
            actor=access.user,
            board=report.board,
            target=report,
            approval_id=approval.pk,
        )
    report_id = report.pk
    transaction.on_commit(lambda: tasks.report_sent_to_chair.delay(report_id), robust=True)
    return approval


def add_chair_comment(access, report, *, text, section=None) -> ChairComment:
    """The chair comments on one section (or the whole report) while reading it."""
    _require(access, report, Capability.APPROVE_REPORT)
    _require_status(report, "comment")
    text = text.strip()
    if not text:
        raise ApprovalError("Write your comment.")
    if section is not None and section.report_id != report.pk:
        raise PermissionDenied
    with transaction.atomic():
        report = _locked(report, "comment")
        approval = open_approval(report)
        comment = ChairComment.objects.create(
            approval=approval,
            section=section,
            section_title=section.title if section else "",
            author=access.user,
            text=text,
        )
        audit.record(
            "reports.report.chair_commented",
            actor=access.user,
            board=report.board,
            target=report,
            section=section.key if section else None,
            comment_id=comment.pk,
        )
    return comment


def _name_now(user):
    """The person's name as it is now (the account follows the Person): kept with a decision."""
    return user.get_full_name() or user.get_username()


def return_to_drafting(access, report, *, note="") -> ReportApproval:
    """The chair returns the report with comments; the business manager sees them on the overview."""
    _require(access, report, Capability.APPROVE_REPORT)
    _require_status(report, "return_to_drafting")
    note = note.strip()
    with transaction.atomic():
        report = _locked(report, "return_to_drafting")
        approval = open_approval(report)
        if not note and not approval.comments.exists():
            raise ApprovalError("Say what needs to change: comment on a section or write a note.")
        approval.state = ReportApproval.State.RETURNED
        approval.decided_by, approval.decided_at, approval.note = access.user, timezone.now(), note
        approval.decided_by_name = _name_now(access.user)
        approval.save(update_fields=["state", "decided_by", "decided_by_name", "decided_at", "note"])
        _set_status(report, ReportStatus.DRAFTING, access.user)
        audit.record(
            "reports.report.returned",
            actor=access.user,
            board=report.board,
            target=report,
            approval_id=approval.pk,
            comments=approval.comments.count(),
            note=note,
        )
    report_id = report.pk
    transaction.on_commit(lambda: tasks.report_returned.delay(report_id), robust=True)
    return approval


def approve(access, report, *, password) -> ReportRevision:
    """The chair approves the report with their password re-entered: the report as it is now is
    frozen as a new, immutable ReportRevision (every section's text, every generated section's HTML)."""
    _require(access, report, Capability.APPROVE_REPORT)
    _require_status(report, "approve")
    purpose = "report approval"
    # The re-entered password counts towards the sign-in lockout (lscb/lockout.py): refused
    # during a cool-off, even if right, and each wrong one is a failure like a wrong sign-in.
    refusal = lockout.check_reauthentication(access.user, purpose=purpose)
    if refusal is not None:
        raise WrongPassword(f"{refusal.message} The report has not been approved.")
    if not password or not access.user.check_password(password):
        # Recorded outside any transaction the failure might roll back.
        audit.record("reports.report.approval_password_failed", actor=access.user, board=report.board, target=report)
        lockout.record_failure(access.user, purpose=purpose)
        raise WrongPassword("The password is not right. The report has not been approved.")
    lockout.record_success(access.user, purpose=purpose)
    with transaction.atomic():
        report = _locked(report, "approve")
        report = AnnualReport.objects.select_related("board", "framework").get(pk=report.pk)
        approval = open_approval(report)
        now = timezone.now()
        number = (report.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
        # As printed under the approval: "Jane Smith, Independent chair".
        approver = f"{_name_now(access.user)}, {Role.CHAIR.label}"
        snapshot = build_snapshot(
            report, number=number, approved_at=now, approved_by=approver, generated=GeneratedData(report)
        )
        revision = ReportRevision.objects.create(
            report=report,
            number=number,
            snapshot=snapshot,
            created_by=access.user,
            approved_at=now,
            approved_by=access.user,
        )
        approval.state, approval.decided_by, approval.decided_at, approval.revision = (
            ReportApproval.State.APPROVED,
            access.user,
            now,
            revision,
        )
        approval.decided_by_name = _name_now(access.user)
        approval.save(update_fields=["state", "decided_by", "decided_by_name", "decided_at", "revision"])
        _set_status(report, ReportStatus.APPROVED, access.user)
        ensure_default_recipients(report.board)
        audit.record(
            "reports.report.approved",
            actor=access.user,
            board=report.board,
            target=revision,
            report_id=report.pk,
            revision_number=number,
        )
    report_id = report.pk
    transaction.on_commit(lambda: tasks.report_approved.delay(report_id), robust=True)
    return revision


def freeze_draft(access, report) -> ReportRevision:
    """A draft revision: the report as it is now, frozen but not approved, so a DRAFT PDF can be
    rendered from it (the renderer only ever reads revisions). Seen by the business manager and
    the chair only; it never stands in for an approval."""
    if report.board_id != access.board.pk or not access.can_read_draft_reports:
        raise PermissionDenied
    _require_status(report, "freeze_draft")
    with transaction.atomic():
        report = _locked(report, "freeze_draft")
        report = AnnualReport.objects.select_related("board", "framework").get(pk=report.pk)
        number = (report.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
        revision = ReportRevision.objects.create(
            report=report, number=number, snapshot=build_snapshot(report, number=number), created_by=access.user
        )
        audit.record(
            "reports.report.draft_frozen",
            actor=access.user,
            board=report.board,
            target=revision,
            report_id=report.pk,
            revision_number=number,
        )
    return revision


def reopen_for_correction(access, report, *, section=None, reason="") -> AnnualReport:
    """A correction to an approved (or published) report: back to drafting, the named section
    reopened for editing. The approved revisions stay as they were; the next approval makes a new one."""
    _require(access, report, Capability.REVIEW_REPORT_SECTIONS)
    _require_status(report, "reopen_for_correction")
    reason = reason.strip()
    if not reason:
        raise ApprovalError("Say what needs correcting.")
    if section is not None and section.report_id != report.pk:
        raise PermissionDenied
    with transaction.atomic():
        report = _locked(report, "reopen_for_correction")
        previous = report.status
        _set_status(report, ReportStatus.DRAFTING, access.user)
        if section is not None:
            section = ReportSection.objects.select_for_update().get(pk=section.pk)
            section.status = SectionStatus.DRAFTING
            section._history_user = access.user
            section.save(update_fields=["status", "updated_at"])
        audit.record(
            "reports.report.reopened",
            actor=access.user,
            board=report.board,
            target=report,
            **{"from": previous, "section": section.key if section else None, "reason": reason},
        )
    return report


# --- Publication and distribution ----------------------------------------------------------------


def latest_approved_revision(report):
    return report.revisions.approved().order_by("-number").first()


def ensure_default_recipients(board):
    """The statutory recipients, once per board; the board may add its own and switch any off."""
    existing = set(DistributionRecipient.objects.filter(board=board).values_list("code", flat=True))
    DistributionRecipient.objects.bulk_create(
        [
            DistributionRecipient(
                board=board,
                code=default["code"],
                name=default["name"],
                frameworks=[str(code) for code in default["frameworks"]],
                within_days=default.get("within_days"),
                position=position,
            )
            for position, default in enumerate(DEFAULT_RECIPIENTS, start=1)
            if default["code"] not in existing
        ]
    )


def add_recipient(access, board, *, name) -> DistributionRecipient:
    """A recipient of the board's own (e.g. the Youth Council)."""
    if board.pk != access.board.pk or not access.can(Capability.REVIEW_REPORT_SECTIONS):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ApprovalError("Enter the recipient's name.")
    with transaction.atomic():
        ensure_default_recipients(board)
        if DistributionRecipient.objects.filter(board=board, name__iexact=name).exists():
            raise ApprovalError(f"{name} is already a recipient.")
        base = slugify(name)[:50] or "recipient"
        code, n = base, 1
        while DistributionRecipient.objects.filter(board=board, code=code).exists():
            n += 1
            code = f"{base}-{n}"
        top = DistributionRecipient.objects.filter(board=board).aggregate(top=Max("position"))["top"] or 0
        recipient = DistributionRecipient.objects.create(board=board, code=code, name=name, position=top + 1)
        audit.record("reports.recipient.added", actor=access.user, board=board, target=recipient, name=name)
    return recipient


def publish(access, report, *, published_on: datetime.date, web_address="") -> ReportPublication:
    """The approved revision was published on the board's website on this day."""
    _require(access, report, Capability.REVIEW_REPORT_SECTIONS)
    _require_status(report, "publish")
    if published_on > timezone.localdate():
        raise ApprovalError("The publication date cannot be in the future.")
    with transaction.atomic():
        report = _locked(report, "publish")
        revision = latest_approved_revision(report)
        publication = ReportPublication.objects.create(
            report=report,
            revision=revision,
            published_on=published_on,
            web_address=web_address,
            recorded_by=access.user,
        )
        _set_status(report, ReportStatus.PUBLISHED, access.user)
        audit.record(
            "reports.report.published",
            actor=access.user,
            board=report.board,
            target=report,
            revision_number=revision.number,
            published_on=published_on.isoformat(),
        )
    return publication


def record_distribution(
    access, report, *, recipient, sent_on: datetime.date, method, presented_on=None, note=""
) -> Distribution:
    """The approved report was sent to (or presented at a meeting of) a recipient."""
    _require(access, report, Capability.REVIEW_REPORT_SECTIONS)
    _require_status(report, "record_distribution")
    if recipient.board_id != report.board_id:
        raise PermissionDenied
    if sent_on > timezone.localdate():
        raise ApprovalError("The date sent cannot be in the future.")
    if presented_on is not None and presented_on < sent_on:
        raise ApprovalError("The meeting date cannot be before the date sent.")
    with transaction.atomic():
        report = _locked(report, "record_distribution")
        distribution = Distribution.objects.create(
            report=report,
            revision=latest_approved_revision(report),
            recipient=recipient,
            sent_on=sent_on,
            method=method,
            presented_on=presented_on,
            note=note.strip(),
            recorded_by=access.user,
        )
        audit.record(
            "reports.report.distributed",
            actor=access.user,
            board=report.board,
            target=report,
            recipient=recipient.name,
            sent_on=sent_on.isoformat(),
            method=method,
        )
    return distribution
