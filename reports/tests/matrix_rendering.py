"""Permission-matrix rows for the files made from a report revision and for a section's draft
PDF (reports/views/rendering.py).

DESIGN.md "render/download PDF": business manager and chair any revision; every other member
of the board approved revisions only; another board's revision does not exist (404). A
section's draft PDF: whoever may open the section (business manager, chair, the agency's
authors); for everyone else, the other agency's author included, it does not exist (404).
"""

import datetime

from django.core.files.base import ContentFile

from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only
from reports.tests.matrix_sections import _section

DRAFT_READERS = ("business_manager", "chair")


def _revision(board, approved):
    from reports.rendering.demo import demo_snapshot
    from reports.tests.factories import ReportRevisionFactory

    return ReportRevisionFactory(
        report__board=board,
        snapshot=demo_snapshot(0.2, approved=approved),
        approved_at=datetime.datetime(2026, 7, 14, 10, 30, tzinfo=datetime.UTC) if approved else None,
    )


def _finished(board, **source):
    """A finished render job of `source` (revision=… or section_version=…), with its (tiny) file on disk."""
    from lscb.storage import private_storage
    from reports.models import RenderedFile, RenderJob
    from reports.rendering.choices import RenderKind, RenderState

    kind = RenderKind.SECTION_PDF if "section_version" in source else RenderKind.REPORT_PDF
    (name_of, obj), *_ = source.items()
    name = private_storage().save(f"matrix/{name_of}-{obj.pk}.pdf", ContentFile(b"%PDF-1.7 matrix"))
    output = RenderedFile.objects.create(
        board=board, kind=kind, file=name, sha256="0" * 64, size_bytes=15, page_count=1, render_seconds=1, **source
    )
    return RenderJob.objects.create(board=board, kind=kind, state=RenderState.DONE, output=output, **source)


def _done_job(board, approved):
    """A finished render job of the report PDF of a new revision."""
    return _finished(board, revision=_revision(board, approved))


def _done_section_job(w, other_board=False):
    """A finished draft PDF of version 1 of the agency section (of the home board's agency, or
    of the other board's)."""
    section = _section(w, versions=1, board="other" if other_board else None)
    return _finished(section.report.board, section_version=section.versions.get())


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


def section_pdf_kwargs(versions=1, other_board=False):
    def make(w):
        section = _section(w, versions=versions, board="other" if other_board else None)
        return {"board_slug": w.board.slug, "report_id": section.report_id, "section_id": section.pk}

    return make


def section_download_kwargs(other_board=False):
    def make(w):
        version = _done_section_job(w, other_board).section_version
        return {
            "board_slug": w.board.slug,
            "report_id": version.section.report_id,
            "section_id": version.section_id,
            "number": version.number,
        }

    return make


def section_job_kwargs(other_board=False):
    def make(w):
        return {"board_slug": w.board.slug, "job_id": _done_section_job(w, other_board).pk}

    return make


NOBODY = everyone_on_board(HIDDEN)
SECTION_READERS = ("business_manager", "chair", "agency_author")
# Not the other agency's author, nor members or sub-group chairs: the section is not theirs.
SECTION = only(OK, *SECTION_READERS, denied=HIDDEN)
SECTION_POST = only(REDIRECT, *SECTION_READERS, denied=HIDDEN)
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
    # A section's draft PDF: "Preview as PDF" (POST only), its job page and its download
    MatrixRow("reports:section_pdf", section_pdf_kwargs(), SECTION_POST, method="post", note="saved section"),
    MatrixRow(
        "reports:section_pdf", section_pdf_kwargs(versions=0), SECTION_POST, method="post", note="nothing saved yet"
    ),
    MatrixRow("reports:section_pdf", section_pdf_kwargs(other_board=True), NOBODY, method="post", note="other board's"),
    MatrixRow("reports:section_pdf", section_pdf_kwargs(), everyone_on_board(405), note="GET not allowed"),
    MatrixRow("reports:render_job", section_job_kwargs(), SECTION, note="section's draft"),
    MatrixRow("reports:render_job", section_job_kwargs(other_board=True), NOBODY, note="other board's section"),
    MatrixRow("reports:section_pdf_download", section_download_kwargs(), SECTION, note="section's draft"),
    MatrixRow("reports:section_pdf_download", section_download_kwargs(other_board=True), NOBODY, note="other board's"),
    MatrixRow(
        "reports:section_pdf_download",
        section_download_kwargs(),
        everyone_on_board(405),
        method="post",
        note="POST not allowed",
    ),
]
