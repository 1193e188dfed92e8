"""Permission matrix rows for drafting the annual report (reports/views/sections.py).

Every URL and method. Section rows use the agency section of `world.agency` (written by
agency_author); other_agency_author writes for another agency of the same board and must get
404 for it. The chair reads every section and writes only the foreword.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from boards.models import financial_year_start
from lscb.testing import DENIED, HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only, renamed_rows
from reports import urls as reports_urls
from reports.choices import SectionKind, SectionStatus
from reports.models import AnnualReport, DocxImport, ReportSection, SectionVersion
from reports.rendering.choices import RenderState
from reports.tests.factories import AnnualReportFactory, StatutoryFrameworkFactory

NOT_ALLOWED = 405
BM = "business_manager"


def _report(board):
    report = AnnualReport.objects.filter(board=board).first()
    return report or AnnualReportFactory(board=board, framework=StatutoryFrameworkFactory())


def _section(w, status=SectionStatus.NOT_STARTED, html="", versions=0, board=None, key=None):
    board = w.other_board if board == "other" else w.board
    report = _report(board)
    agency = w.agency if board == w.board else w.foreign_agency
    if key == "foreword":
        section, _ = ReportSection.objects.get_or_create(
            report=report, key="foreword", defaults={"title": "Foreword", "position": 1}
        )
    else:
        section, _ = ReportSection.objects.get_or_create(
            report=report,
            key=f"agency-{agency.pk}",
            defaults={"title": agency.name, "kind": SectionKind.AGENCY, "agency": agency, "position": 2},
        )
        # A second section, so "move" has somewhere to go.
        ReportSection.objects.get_or_create(report=report, key="budget", defaults={"title": "Budget", "position": 3})
    ReportSection.objects.filter(pk=section.pk).update(status=status, html=html, version=versions)
    for number in range(1, versions + 1):
        SectionVersion.objects.get_or_create(section=section, number=number, defaults={"html": f"<p>v{number}</p>"})
    return section


def section_kwargs(**state):
    def make(w):
        section = _section(w, **state)
        return {"board_slug": w.board.slug, "report_id": section.report_id, "section_id": section.pk}

    return make


def report_kwargs(w):
    return {"board_slug": w.board.slug, "report_id": _report(w.board).pk}


def board_kwargs(w):
    return {"board_slug": w.board.slug}


def _docx_bytes(text="Our agency's year."):
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload_data(w):
    return {
        "version": "0",
        "document": SimpleUploadedFile(
            "draft.docx",
            _docx_bytes(),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    }


def create_data(w):
    framework = StatutoryFrameworkFactory()
    return {
        "financial_year": str(financial_year_start(timezone.localdate()) - 1),
        "framework": str(framework.pk),
        "title": "",
        "sections_due": datetime.date(2026, 5, 31).isoformat(),
        "due_date": "",
    }


# Sections of one agency: its authors and the business manager write; the chair reads; the
# other agency's author is an outsider (404); other roles have no drafting capability (403).
def import_kwargs(w):
    """A converted Word draft of the agency author's (an import is only its uploader's)."""
    section = _section(w)
    job, _ = DocxImport.objects.get_or_create(
        section=section,
        defaults={
            "board": w.board,
            "requested_by": w.user("agency_author"),
            "filename": "draft.docx",
            "base_version": 0,
            "state": RenderState.DONE,
            "html": "<p>Our agency's year.</p>",
        },
    )
    return {"board_slug": w.board.slug, "report_id": section.report_id, "section_id": section.pk, "import_id": job.pk}


def agency_section(writer_status, chair=DENIED):
    return everyone_on_board(
        DENIED,
        business_manager=writer_status,
        chair=chair,
        agency_author=writer_status,
        other_agency_author=HIDDEN,
    )


ROWS = [
    MatrixRow("reports:report_list", kwargs=board_kwargs, expect=everyone_on_board(OK)),
    MatrixRow("reports:report_add", kwargs=board_kwargs, expect=only(OK, BM)),
    MatrixRow("reports:report_add", kwargs=board_kwargs, expect=only(REDIRECT, BM), method="post", data=create_data),
    MatrixRow("reports:progress", kwargs=report_kwargs, expect=only(OK, BM)),
    MatrixRow("reports:sections_manage", kwargs=report_kwargs, expect=only(OK, BM)),
    MatrixRow("reports:section_add", kwargs=report_kwargs, expect=only(OK, BM)),
    MatrixRow(
        "reports:section_add",
        kwargs=report_kwargs,
        expect=only(REDIRECT, BM),
        method="post",
        data=lambda w: {"kind": SectionKind.NARRATIVE, "title": "Early help", "agency": "", "generated_key": ""},
    ),
    MatrixRow("reports:section_move", kwargs=section_kwargs(), expect=only(NOT_ALLOWED, BM), note="GET"),
    MatrixRow(
        "reports:section_move",
        kwargs=section_kwargs(),
        expect=only(REDIRECT, BM),
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    MatrixRow("reports:section_remove", kwargs=section_kwargs(), expect=only(OK, BM)),
    MatrixRow("reports:section_remove", kwargs=section_kwargs(), expect=only(REDIRECT, BM), method="post"),
    MatrixRow("reports:section_rename", kwargs=section_kwargs(), expect=only(OK, BM)),
    MatrixRow(
        "reports:section_rename",
        kwargs=section_kwargs(),
        expect=only(REDIRECT, BM),
        method="post",
        data=lambda w: {"title": "Police", "due_date": "2026-05-31", "guidance": ""},
    ),
    # Reading and writing one agency's section.
    MatrixRow("reports:section_detail", kwargs=section_kwargs(), expect=agency_section(OK, chair=OK)),
    MatrixRow(
        "reports:section_detail",
        kwargs=section_kwargs(board="other"),
        expect=everyone_on_board(
            DENIED, business_manager=HIDDEN, chair=HIDDEN, agency_author=HIDDEN, other_agency_author=HIDDEN
        ),
        note="another board's section",
    ),
    MatrixRow("reports:section_edit", kwargs=section_kwargs(), expect=agency_section(OK)),
    MatrixRow(
        "reports:section_edit",
        kwargs=section_kwargs(status=SectionStatus.SUBMITTED, html="<p>In.</p>", versions=1),
        expect=agency_section(OK) | {"agency_author": REDIRECT},
        note="submitted: only the business manager edits",
    ),
    MatrixRow(
        "reports:section_edit",
        kwargs=section_kwargs(),
        expect=agency_section(REDIRECT),
        method="post",
        data=lambda w: {"html": "<p>Our year.</p>", "version": "0"},
    ),
    MatrixRow(
        "reports:section_edit",
        kwargs=section_kwargs(key="foreword"),
        expect=everyone_on_board(
            DENIED, business_manager=OK, chair=OK, agency_author=HIDDEN, other_agency_author=HIDDEN
        ),
        note="foreword: the chair writes it",
    ),
    MatrixRow("reports:section_upload", kwargs=section_kwargs(), expect=agency_section(OK)),
    MatrixRow(
        "reports:section_upload",
        kwargs=section_kwargs(),
        expect=agency_section(REDIRECT),
        method="post",
        data=upload_data,
    ),
    MatrixRow("reports:section_import", kwargs=import_kwargs, expect=agency_section(OK) | {BM: HIDDEN}),
    MatrixRow(
        "reports:section_import",
        kwargs=import_kwargs,
        expect=agency_section(REDIRECT) | {BM: HIDDEN},
        method="post",
        data=lambda w: {"version": "0", "html": "<p>Our agency's year.</p>"},
        note="the business manager may write the section, but the import is the author's",
    ),
    MatrixRow("reports:section_versions", kwargs=section_kwargs(versions=2), expect=agency_section(OK, chair=OK)),
    MatrixRow("reports:section_diff", kwargs=section_kwargs(versions=2), expect=agency_section(OK, chair=OK)),
    # The workflow.
    MatrixRow(
        "reports:section_submit",
        kwargs=section_kwargs(status=SectionStatus.DRAFTING, html="<p>Done.</p>", versions=1),
        expect=everyone_on_board(
            DENIED,
            business_manager=NOT_ALLOWED,
            chair=NOT_ALLOWED,
            agency_author=NOT_ALLOWED,
            other_agency_author=NOT_ALLOWED,
        ),
        note="GET",
    ),
    MatrixRow(
        "reports:section_submit",
        kwargs=section_kwargs(status=SectionStatus.DRAFTING, html="<p>Done.</p>", versions=1),
        expect=agency_section(REDIRECT),
        method="post",
    ),
    MatrixRow(
        "reports:section_return",
        kwargs=section_kwargs(status=SectionStatus.SUBMITTED, html="<p>Done.</p>", versions=1),
        expect=only(OK, BM),
    ),
    MatrixRow(
        "reports:section_return",
        kwargs=section_kwargs(status=SectionStatus.SUBMITTED, html="<p>Done.</p>", versions=1),
        expect=only(REDIRECT, BM),
        method="post",
        data=lambda w: {"comment": "Add the training figures."},
    ),
    MatrixRow(
        "reports:section_accept",
        kwargs=section_kwargs(status=SectionStatus.SUBMITTED, html="<p>Done.</p>", versions=1),
        expect=only(NOT_ALLOWED, BM),
        note="GET",
    ),
    MatrixRow(
        "reports:section_accept",
        kwargs=section_kwargs(status=SectionStatus.SUBMITTED, html="<p>Done.</p>", versions=1),
        expect=only(REDIRECT, BM),
        method="post",
    ),
]

# The old names kept for one release (lscb/renames.py).
ROWS += renamed_rows(ROWS, "reports", reports_urls.RENAMED)
