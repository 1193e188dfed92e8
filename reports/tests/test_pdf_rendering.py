"""The annual report renders to a tagged, accessible, deterministic PDF (issue 6)."""

import pytest

from reports.rendering.demo import demo_snapshot
from reports.rendering.pdf import render_pdf, render_summary_pdf
from reports.tests.pdfcheck import assert_tagged, normalise, page_texts, reader, toc_entries


@pytest.fixture(scope="module", params=["one process", "two processes stitched"])
def approved_pdf(request):
    # Long reports are laid out in two processes and stitched (reports.rendering.parallel);
    # both ways must give the same accessible result.
    return render_pdf(demo_snapshot(1.5), parallel=request.param == "two processes stitched")


def test_pdf_is_tagged_pdf_ua_with_language_and_title(approved_pdf):
    pdf = reader(approved_pdf)
    assert_tagged(pdf, "Annual report 2025/26")
    assert pdf.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4


def test_contents_page_numbers_match_the_pages_where_the_headings_are(approved_pdf):
    texts = page_texts(approved_pdf)
    entries = toc_entries(texts[1])
    snapshot = demo_snapshot(1.5)
    assert [label for label, _page in entries] == [f"{s['number']} {s['title']}" for s in snapshot["sections"]]
    for label, page in entries:
        body = normalise(texts[page - 1])
        assert label in body, f"{label!r} is not on page {page}"


def test_every_page_after_the_cover_says_page_n_of_m_and_the_chapter(approved_pdf):
    texts = page_texts(approved_pdf)
    total = len(texts)
    assert "Page" not in texts[0]  # the cover has no running header or footer
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Tri-borough Safeguarding Children Partnership" in text


def test_every_section_has_a_bookmark(approved_pdf):
    titles = [item.title for item in reader(approved_pdf).outline if not isinstance(item, list)]
    snapshot = demo_snapshot(1.5)
    assert "Contents" in titles
    for section in snapshot["sections"]:
        assert f"{section['number']} {section['title']}" in titles


def test_charts_keep_their_title_as_alternative_text(approved_pdf):
    pdf = reader(approved_pdf)
    alts = []

    def walk(node, depth=0):
        node = node.get_object()
        if "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is None or depth > 60:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid, depth + 1)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    assert any("monthly figures from April to March" in alt for alt in alts), alts[:5]


@pytest.mark.parametrize("parallel", [False, True])
def test_same_snapshot_renders_to_the_same_bytes_twice(parallel):
    snapshot = demo_snapshot(1)
    first = render_pdf(snapshot, parallel=parallel)
    assert first == render_pdf(snapshot, parallel=parallel)
    # The bytes promised are HarfBuzz's (make test installs libharfbuzz-subset0): a machine that
    # fell back to fontTools would make other bytes, so the test refuses to pass on one.
    assert reader(first).metadata["/Creator"] == "lscb (font subsets by HarfBuzz)"


def test_a_pdf_made_without_harfbuzz_subset_says_so(monkeypatch):
    # As on a machine without libharfbuzz-subset0: WeasyPrint's fonts module and ours both see none.
    import weasyprint.pdf.fonts  # noqa: PLC0415
    import weasyprint.text.ffi  # noqa: PLC0415

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    pdf = render_summary_pdf(demo_snapshot(1))
    assert reader(pdf).metadata["/Creator"] == "lscb (font subsets by fontTools)"


def test_stitched_pdf_has_the_same_text_as_the_one_process_pdf():
    snapshot = demo_snapshot(1.5)
    # Word for word, page for page (the stitched footer is its own text object, so text
    # extraction may break the footer line differently: compare with whitespace normalised).
    stitched = [normalise(text) for text in page_texts(render_pdf(snapshot, parallel=True))]
    single = [normalise(text) for text in page_texts(render_pdf(snapshot, parallel=False))]
    assert stitched == single


def test_draft_revision_is_watermarked_and_says_so_on_the_cover():
    pdf = render_pdf(demo_snapshot(1, approved=False))
    texts = page_texts(pdf)
    assert "Draft revision 3 — not approved" in normalise(texts[0])
    assert "DRAFT" in texts[2]  # footer of a body page
    approved = page_texts(render_pdf(demo_snapshot(1)))
    assert "Approved 14 July 2026 by Jane Smith" in normalise(approved[0])
    assert "DRAFT" not in "".join(approved)


def test_executive_summary_renders_as_its_own_short_pdf():
    pdf = render_summary_pdf(demo_snapshot(1))
    texts = page_texts(pdf)
    assert len(texts) <= 3
    assert "Health and Wellbeing Board" in normalise(" ".join(texts))
    assert bool(reader(pdf).trailer["/Root"]["/MarkInfo"]["/Marked"]) is True


def test_a_table_that_runs_over_pages_repeats_its_header_row():
    import random

    from reports.rendering.demo import _table_scorecard

    snapshot = demo_snapshot(1)
    scorecard = next(s for s in snapshot["sections"] if s["title"] == "Performance scorecard")
    scorecard["html"] = _table_scorecard(random.Random(1), 90)
    texts = page_texts(render_pdf(snapshot, parallel=False))
    with_rows = [text for text in texts if "Re-referrals" in text]
    assert len(with_rows) >= 2, "the table should span pages"
    for text in with_rows:
        assert "Indicator" in text and "Commentary" in text


def test_every_section_title_is_in_the_body_as_a_heading(approved_pdf):
    body = normalise(" ".join(page_texts(approved_pdf)[2:]))
    for section in demo_snapshot(1.5)["sections"]:
        assert f"{section['number']} {section['title']}" in body
