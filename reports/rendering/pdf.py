"""Render a revision snapshot (shape: `reports.rendering`) to a tagged PDF (PDF/UA-1).

The snapshot is plain data, frozen when the revision was made, so the same snapshot always
gives the same PDF: no timestamps in the body, fonts from the machine, a fixed PDF identifier
derived from the snapshot.
"""

import datetime
import hashlib
import io
import json
import logging
import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from reports.rendering.fetcher import BASE_URL, StaticOnlyFetcher, static_url

PDF_VARIANT = "pdf/ua-1"
LANG = "en-GB"


def css_string(value: str):
    """A CSS string literal safe inside <style>: every character that is not an ASCII letter or
    digit is written as a 6-digit hex escape (spaces too, since an escape swallows one following
    space), so no quote, backslash or "</style" can get through."""
    out = []
    for char in value:
        if char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return mark_safe('"' + "".join(out) + '"')  # noqa: S308 (escaped above)  # nosec: B308, B703


def is_draft(snapshot) -> bool:
    return not snapshot.get("approved_at")


def approved_on(snapshot) -> str:
    value = snapshot.get("approved_at")
    if not value:
        return ""
    when = datetime.datetime.fromisoformat(value)
    return f"{when.day} {when:%B %Y}"


def font_subsetter() -> str:
    """Which library WeasyPrint makes the embedded font subsets with on this machine.

    HarfBuzz (Debian's libharfbuzz-subset0, which `make run` and `make test` install) is the one
    the "same bytes for the same revision" promise and the render benchmark are measured with;
    without it WeasyPrint falls back to fontTools, which is slower and gives other bytes. The
    test mirrors WeasyPrint 70's own choice (weasyprint/pdf/fonts.py, Font.subset)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset  # noqa: PLC0415

    return "HarfBuzz" if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0) else "fontTools"


def generator() -> str:
    """The PDF's Creator: lscb, and the font subsetter that made these bytes."""
    return f"lscb (font subsets by {font_subsetter()})"


def snapshot_digest(snapshot) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _anchor(section, index):
    key = re.sub(r"[^a-z0-9-]+", "-", str(section.get("key") or index).lower()).strip("-")
    return f"section-{key or index}"


def chapters(snapshot):
    """The report's sections as the template needs them (with an anchor and a TOC label)."""
    out = []
    for index, section in enumerate(snapshot.get("sections", []), start=1):
        number = str(section.get("number") or "")
        out.append(
            {
                **section,
                "number": number,
                "anchor": _anchor(section, index),
                "label": f"{number} {section['title']}".strip(),
            }
        )
    return out


def build_html(
    snapshot,
    *,
    sections,
    with_front=True,
    with_toc=True,
    toc_pages=None,
    page_offset=0,
    total_pages=None,
    page_numbers=True,
    toc_targets=False,
):
    """The HTML of the whole report or one part of it.

    toc_pages: {anchor: page} to print literal numbers (parallel mode); otherwise the table of
    contents uses target-counter(). page_offset: page number before this part's first page.
    total_pages: the literal "of M", otherwise counter(pages).
    """
    draft = is_draft(snapshot)
    stylesheets = [static_url("reports/pdf/report.css")]
    if draft:
        stylesheets.append(static_url("reports/pdf/draft.css"))
    title = snapshot.get("title") or "Annual report"
    toc = []
    if with_front and with_toc:
        for chapter in chapters(snapshot):
            toc.append(
                {
                    "anchor": chapter["anchor"],
                    "label": chapter["label"],
                    "page": (toc_pages or {}).get(chapter["anchor"]),
                }
            )
    return render_to_string(
        "reports/pdf/report.html",
        {
            "snapshot": snapshot,
            "title": title + (" (draft)" if draft else ""),
            "draft": draft,
            "approved_on": approved_on(snapshot),
            "stylesheets": stylesheets,
            "css": {
                "board": css_string(snapshot["board"]["name"]),
                "title": css_string(title + (" — DRAFT" if draft else "")),
                "total": css_string(str(total_pages)) if total_pages else mark_safe("counter(pages)"),  # nosec: B308, B703
            },
            "with_front": with_front,
            "toc": toc,
            "sections": sections,
            "page_offset": page_offset,
            "page_numbers": page_numbers,
            "toc_targets": toc_targets,
        },
    )


def html_document(html, fetcher=None):
    from weasyprint import HTML  # noqa: PLC0415 (imported once per worker; see warm_up)

    # WeasyPrint logs every laid-out page at INFO; a render job's log needs none of that.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or StaticOnlyFetcher())


def write_options(snapshot):
    return {
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": snapshot_digest(snapshot)[:32].encode(),
        "uncompressed_pdf": False,
        "custom_metadata": False,
    }


def render_pdf(snapshot, *, fetcher=None, parallel=None) -> bytes:
    """The whole report as PDF bytes. Long reports are laid out in two processes
    (`reports.rendering.parallel`) unless `parallel` is False or a custom fetcher is given."""
    sections = chapters(snapshot)
    if parallel is not False and fetcher is None:
        from reports.rendering import parallel as split  # noqa: PLC0415

        if parallel or split.should_split(sections):
            return split.render_parallel(snapshot)
    html = build_html(snapshot, sections=sections)
    document = html_document(html, fetcher).render()
    return _write(document, snapshot)


def _write(document, snapshot):
    document.metadata.lang = LANG
    document.metadata.generator = generator()
    target = io.BytesIO()
    document.write_pdf(target, **write_options(snapshot))
    return target.getvalue()


def _render_without_contents(snapshot, sections, fetcher=None) -> bytes:
    """A short document: the cover, then `sections`, no table of contents."""
    html = build_html(snapshot, sections=sections, with_front=True, with_toc=False)
    document = html_document(html, fetcher).render()
    return _write(document, snapshot)


def render_summary_pdf(snapshot, *, fetcher=None) -> bytes:
    """The executive summary for the Health and Wellbeing Board, as its own short PDF."""
    summary = snapshot.get("executive_summary") or {"html": ""}
    summary_snapshot = {**snapshot, "title": f"{snapshot.get('title') or 'Annual report'}: executive summary"}
    section = {
        "key": "executive-summary",
        "number": "",
        "title": "Executive summary",
        "kind": "narrative",
        "agency": None,
        "boxed": False,
        "html": summary.get("html", ""),
        "anchor": "section-executive-summary",
        "label": "Executive summary",
    }
    return _render_without_contents(summary_snapshot, [section], fetcher)


def render_section_pdf(snapshot, *, fetcher=None) -> bytes:
    """One section version's draft (reports.snapshot.build_section_snapshot) as a short PDF:
    the cover marked DRAFT, the section, the DRAFT watermark and page numbers."""
    return _render_without_contents(snapshot, chapters(snapshot), fetcher)


def warm_up():
    """Import WeasyPrint and load fonts once, so the first real render does not pay for it."""
    render_pdf(
        {
            "schema": 1,
            "title": "Warm-up",
            "board": {"name": "Warm-up", "areas": [], "arrangement": ""},
            "financial_year": "",
            "framework": {"code": "", "name": ""},
            "revision_number": 1,
            "approved_at": None,
            "approved_by": None,
            "sections": [],
            "executive_summary": {"html": ""},
        }
    )
