"""Permission-matrix rows for the files made from a report revision (reports/views/rendering.py).

DESIGN.md "render/download PDF": business manager and chair any revision; every other member
of the board approved revisions only; another board's revision does not exist (404).
"""

import datetime

from django.core.files.base import ContentFile

from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only

DRAFT_READERS = ("business_manager", "chair")


def _revision(board, approved):
    from reports.rendering.demo import demo_snapshot
    from reports.tests.factories import ReportRevisionFactory

    return ReportRevisionFactory(
        report__board=board,
        snapshot=demo_snapshot(0.2, approved=approved),
        approved_at=datetime.datetime(2026, 7, 14, 10, 30, tzinfo=datetime.UTC) if approved else None,
    )


def _done_job(board, approved):
    """A finished render job of the report PDF, with its (tiny) file on disk."""
    from reports.models import RenderedFile, RenderJob
    from reports.models.rendering import private_storage
    from reports.rendering.choices import RenderKind, RenderState

    revision = _revision(board, approved)
    name = private_storage().save(f"matrix/revision-{revision.pk}.pdf", ContentFile(b"%PDF-1.7 matrix"))
    output = RenderedFile.objects.create(
        board=board,
        revision=revision,
        kind=RenderKind.REPORT_PDF,
        file=name,
        sha256="0" * 64,
        size_bytes=15,
        page_count=1,
        render_seconds=1,
    )
    return RenderJob.objects.create(
        board=board, revision=revision, kind=RenderKind.REPORT_PDF, state=RenderState.DONE, output=output
    )


def revision_kwargs(approved=True, other_board=False):
    def make(w):
        revision = _revision(w.other_board if other_board else w.board, approved)
        return {"board_slug": w.board.slug, "revision_id": revision.pk}

    return make


def kind_kwargs(approved=True, other_board=False, kind="report_pdf"):
    def make(w):
        return {**revision_kwargs(approved, other_board)(w), "kind": kind}

    return make


def download_kwargs(approved=True, other_board=False):
    def make(w):
        job = _done_job(w.other_board if other_board else w.board, approved)
        return {"board_slug": w.board.slug, "revision_id": job.revision_id, "kind": job.kind}

    return make


def job_kwargs(approved=True, other_board=False):
    def make(w):
        job = _done_job(w.other_board if other_board else w.board, approved)
        return {"board_slug": w.board.slug, "job_id": job.pk}

    return make


NOBODY = everyone_on_board(HIDDEN)
DRAFT = only(OK, *DRAFT_READERS, denied=HIDDEN)
DRAFT_POST = only(REDIRECT, *DRAFT_READERS, denied=HIDDEN)

ROWS = [
    # The files of a revision
    MatrixRow("reports:revision_files", revision_kwargs(), everyone_on_board(OK), note="approved"),
    MatrixRow("reports:revision_files", revision_kwargs(approved=False), DRAFT, note="draft"),
    MatrixRow("reports:revision_files", revision_kwargs(other_board=True), NOBODY, note="other board's"),
    MatrixRow(
        "reports:revision_files", revision_kwargs(), everyone_on_board(405), method="post", note="POST not allowed"
    ),
    # Generate (POST only; the request only creates the job — nothing renders here)
    MatrixRow("reports:render_request", kind_kwargs(), everyone_on_board(REDIRECT), method="post", note="approved"),
    MatrixRow("reports:render_request", kind_kwargs(approved=False), DRAFT_POST, method="post", note="draft"),
    MatrixRow(
        "reports:render_request",
        kind_kwargs(kind="summary_pdf", approved=False),
        DRAFT_POST,
        method="post",
        note="draft summary",
    ),
    MatrixRow("reports:render_request", kind_kwargs(other_board=True), NOBODY, method="post", note="other board's"),
    MatrixRow("reports:render_request", kind_kwargs(kind="nonsense"), NOBODY, method="post", note="unknown kind"),
    MatrixRow("reports:render_request", kind_kwargs(), everyone_on_board(405), note="GET not allowed"),
    # A job's page
    MatrixRow("reports:render_job", job_kwargs(), everyone_on_board(OK), note="approved"),
    MatrixRow("reports:render_job", job_kwargs(approved=False), DRAFT, note="draft"),
    MatrixRow("reports:render_job", job_kwargs(other_board=True), NOBODY, note="other board's"),
    MatrixRow("reports:render_job", job_kwargs(), everyone_on_board(405), method="post", note="POST not allowed"),
    # Download
    MatrixRow("reports:render_download", download_kwargs(), everyone_on_board(OK), note="approved"),
    MatrixRow("reports:render_download", download_kwargs(approved=False), DRAFT, note="draft"),
    MatrixRow("reports:render_download", download_kwargs(other_board=True), NOBODY, note="other board's"),
    MatrixRow(
        "reports:render_download", download_kwargs(), everyone_on_board(405), method="post", note="POST not allowed"
    ),
]
