"""The whole report exports to Word (.docx) with its headings, lists and tables."""

import io

import docx
import time_machine

from reports.rendering.demo import demo_snapshot
from reports.rendering.docx import render_docx


def test_docx_has_every_section_as_a_heading_and_the_tables():
    snapshot = demo_snapshot(1)
    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for section in snapshot["sections"]:
        assert f"{section['number']} {section['title']}" in headings
    assert "Executive summary" in headings
    assert len(document.tables) == 4  # attendance, inspection recommendations, scorecard, budget
    first_row = document.tables[0].rows[0]._tr
    assert first_row.xpath("./w:trPr/w:tblHeader"), "table header rows repeat on every page"
    assert document.core_properties.title == "Annual report 2025/26"


def test_docx_keeps_spaces_between_inline_runs_and_drops_hostile_markup():
    snapshot = demo_snapshot(1)
    snapshot["sections"][0]["html"] = (
        '<p>Read <strong>this</strong> now.</p><link rel="attachment" href="file:///etc/passwd">'
        '<img src="http://127.0.0.1:9/x" alt="remote picture">'
    )
    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    texts = [p.text for p in document.paragraphs]
    assert "Read this now." in texts
    assert "root:x" not in "".join(texts)


def test_docx_is_the_same_for_the_same_snapshot_whenever_it_is_made():
    snapshot = demo_snapshot(1)
    with time_machine.travel("2026-08-01 09:00:00", tick=False):
        first = render_docx(snapshot)
    with time_machine.travel("2027-01-15 17:31:07", tick=False):
        second = render_docx(snapshot)
    assert first == second
