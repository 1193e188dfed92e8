"""Permission-matrix rows of the report's approval pages (every URL × method × persona).

The business manager and the chair read a report while drafting; every other member sees it
only once approved (403 on the draft's pages, 404 for an unapproved revision); approving,
commenting and returning are the chair's; sending to the chair, corrections, publication and
distribution the business manager's; another board's report or revision is a 404 for everyone.
"""

import datetime

from django.utils import timezone

from conftest import PASSWORD
from lscb.testing import HIDDEN, LOGIN, OK, REDIRECT, MatrixRow, everyone_on_board, only
from reports.choices import ReportStatus
from reports.models import ReportApproval, ReportRevision
from reports.services.approval import ensure_default_recipients
from reports.snapshot import build_snapshot
from reports.tests.factories import report_with_sections

MANAGERS = ("business_manager", "chair")


def _report(world, status=ReportStatus.DRAFTING, board=None):
    board = board or world.board
    agencies = [world.agency] if board == world.board else [world.foreign_agency]
    report = report_with_sections(board, status=status, keys=("foreword", "budget"), agencies=agencies)
    if status == ReportStatus.READY_FOR_CHAIR:
        ReportApproval.objects.create(report=report, requested_by=world.user("business_manager"))
    return report


def _revision(world, *, approved=True, board=None):
    report = _report(world, ReportStatus.APPROVED if approved else ReportStatus.DRAFTING, board=board)
    now = timezone.now() if approved else None
    revision = ReportRevision.objects.create(
        report=report,
        number=1,
        snapshot=build_snapshot(report, number=1, approved_at=now, approved_by="Chair" if approved else None),
        approved_at=now,
    )
    if approved:
        ReportApproval.objects.create(report=report, state=ReportApproval.State.APPROVED, revision=revision)
        ensure_default_recipients(report.board)
    return revision


def report_kwargs(status=ReportStatus.DRAFTING):
    def build(world):
        return {"board_slug": world.board.slug, "report_id": _report(world, status).pk}

    return build


def approved_report_kwargs(world):
    return {"board_slug": world.board.slug, "report_id": _revision(world).report_id}


def revision_kwargs(approved=True):
    def build(world):
        return {"board_slug": world.board.slug, "revision_id": _revision(world, approved=approved).pk}

    return build


def other_board_report_kwargs(world):
    return {"board_slug": world.board.slug, "report_id": _report(world, board=world.other_board).pk}


def other_board_revision_kwargs(world):
    return {"board_slug": world.board.slug, "revision_id": _revision(world, board=world.other_board).pk}


def _hwb_chair(world):
    return world.board.report_recipients.get(code="hwb-chair").pk


NOBODY = everyone_on_board(HIDDEN, anonymous=LOGIN)
DRAFT = only(OK, *MANAGERS)

ROWS = [
    # The overview
    MatrixRow("reports:report_detail", report_kwargs(), DRAFT, note="drafting"),
    MatrixRow("reports:report_detail", approved_report_kwargs, everyone_on_board(OK), note="approved"),
    MatrixRow("reports:report_detail", other_board_report_kwargs, NOBODY, note="another board's report"),
    MatrixRow("reports:report_send_to_chair", report_kwargs(), only(REDIRECT, "business_manager"), method="post"),
    MatrixRow(
        "reports:report_send_to_chair",
        other_board_report_kwargs,
        everyone_on_board(
            HIDDEN,
            anonymous=LOGIN,
            chair=403,
            agency_author=403,
            other_agency_author=403,
            subgroup_chair=403,
            member=403,
        ),
        method="post",
        note="another board's report",
    ),
    MatrixRow(
        "reports:report_draft_revision",
        report_kwargs(),
        only(REDIRECT, *MANAGERS),
        method="post",
        note="a draft revision for a DRAFT PDF",
    ),
    MatrixRow(
        "reports:report_draft_revision",
        other_board_report_kwargs,
        NOBODY,
        method="post",
        note="another board's report",
    ),
    # The chair's review
    MatrixRow("reports:report_review", report_kwargs(ReportStatus.READY_FOR_CHAIR), DRAFT, note="with the chair"),
    MatrixRow("reports:report_review", approved_report_kwargs, DRAFT, note="approved: members read the revision"),
    MatrixRow("reports:report_review", other_board_report_kwargs, NOBODY, note="another board's report"),
    MatrixRow(
        "reports:report_comment",
        report_kwargs(ReportStatus.READY_FOR_CHAIR),
        only(REDIRECT, "chair"),
        method="post",
        data=lambda w: {"text": "Say more about neglect."},
    ),
    MatrixRow(
        "reports:report_return",
        report_kwargs(ReportStatus.READY_FOR_CHAIR),
        only(REDIRECT, "chair"),
        method="post",
        data=lambda w: {"note": "Nearly there."},
    ),
    MatrixRow("reports:report_approve", report_kwargs(ReportStatus.READY_FOR_CHAIR), only(OK, "chair")),
    MatrixRow(
        "reports:report_approve",
        report_kwargs(ReportStatus.READY_FOR_CHAIR),
        only(REDIRECT, "chair"),
        method="post",
        data=lambda w: {"password": PASSWORD},
    ),
    MatrixRow(
        "reports:report_approve",
        other_board_report_kwargs,
        everyone_on_board(
            HIDDEN,
            anonymous=LOGIN,
            business_manager=403,
            agency_author=403,
            other_agency_author=403,
            subgroup_chair=403,
            member=403,
        ),
        method="post",
        data=lambda w: {"password": PASSWORD},
        note="another board's report",
    ),
    # Corrections
    MatrixRow("reports:report_reopen", approved_report_kwargs, only(OK, "business_manager")),
    MatrixRow(
        "reports:report_reopen",
        approved_report_kwargs,
        only(REDIRECT, "business_manager"),
        method="post",
        data=lambda w: {"reason": "A figure in the scorecard is wrong.", "section": ""},
    ),
    # Revisions and the HWB summary
    MatrixRow("reports:revision_list", approved_report_kwargs, everyone_on_board(OK)),
    MatrixRow("reports:revision_list", other_board_report_kwargs, NOBODY, note="another board's report"),
    MatrixRow("reports:revision_detail", revision_kwargs(), everyone_on_board(OK), note="approved"),
    MatrixRow(
        "reports:revision_detail",
        revision_kwargs(approved=False),
        only(OK, *MANAGERS, denied=HIDDEN),
        note="not approved",
    ),
    MatrixRow("reports:revision_detail", other_board_revision_kwargs, NOBODY, note="another board's revision"),
    MatrixRow("reports:summary", revision_kwargs(), everyone_on_board(OK), note="approved"),
    MatrixRow(
        "reports:summary", revision_kwargs(approved=False), only(OK, *MANAGERS, denied=HIDDEN), note="not approved"
    ),
    MatrixRow("reports:summary", other_board_revision_kwargs, NOBODY, note="another board's revision"),
    # Publication and distribution
    MatrixRow("reports:distribution", approved_report_kwargs, only(OK, "business_manager")),
    MatrixRow(
        "reports:distribution",
        other_board_report_kwargs,
        everyone_on_board(
            HIDDEN,
            anonymous=LOGIN,
            chair=403,
            agency_author=403,
            other_agency_author=403,
            subgroup_chair=403,
            member=403,
        ),
        note="another board's report",
    ),
    MatrixRow("reports:distribution_add", approved_report_kwargs, only(OK, "business_manager")),
    MatrixRow(
        "reports:distribution_add",
        approved_report_kwargs,
        only(REDIRECT, "business_manager"),
        method="post",
        data=lambda w: {
            "recipient": _hwb_chair(w),
            "sent_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            "method": "email",
        },
    ),
    MatrixRow("reports:distribution_recipient_add", approved_report_kwargs, only(OK, "business_manager")),
    MatrixRow(
        "reports:distribution_recipient_add",
        approved_report_kwargs,
        only(REDIRECT, "business_manager"),
        method="post",
        data=lambda w: {"name": "Youth Council"},
    ),
    MatrixRow("reports:report_publish", approved_report_kwargs, only(OK, "business_manager")),
    MatrixRow(
        "reports:report_publish",
        approved_report_kwargs,
        only(REDIRECT, "business_manager"),
        method="post",
        data=lambda w: {"published_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
    ),
]
