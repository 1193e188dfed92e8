"""Builders for the drafting tests (reports/tests/test_{sections,drafting,docx_upload,locking,reminders,progress}*.py)."""

import io

from django.urls import reverse

from lscb.permissions import BoardAccess
from reports.choices import SectionKind
from reports.models import AnnualReport
from reports.tests.factories import (
    AgencySectionFactory,
    AnnualReportFactory,
    ReportSectionFactory,
    StatutoryFrameworkFactory,
)


def access_for(world, persona):
    return BoardAccess.for_user(world.user(persona), world.board)


def report_with_sections(world, *, agencies=(), foreword=True, **report_kwargs):
    """A drafting report on the home board with the world's agency section (+ the foreword)."""
    report = AnnualReport.objects.filter(board=world.board).first() or AnnualReportFactory(
        board=world.board, framework=StatutoryFrameworkFactory(), **report_kwargs
    )
    if foreword:
        ReportSectionFactory(report=report, key="foreword", title="Foreword", position=0)
    sections = [AgencySectionFactory(report=report, agency=agency) for agency in (agencies or (world.agency,))]
    return report, sections


def url(name, section, **query):
    path = reverse(
        f"reports:{name}",
        kwargs={"board_slug": section.report.board.slug, "report_id": section.report_id, "section_id": section.pk},
    )
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


def docx_bytes(*paragraphs, heading=None, image=None):
    """A real .docx made with python-docx (optionally with a heading and a PNG picture)."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if image is not None:
        document.add_picture(io.BytesIO(image))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes():
    """A 2×2 red PNG."""
    import struct  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


GENERATED = SectionKind.GENERATED
