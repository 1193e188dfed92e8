"""The whole report as a Word document (.docx), for partners who edit or re-publish it.

Built from the same snapshot as the PDF. Section HTML (already sanitised) is walked with lxml
and mapped to Word's own styles: headings, paragraphs with bold/italic/underline runs, bullet
and numbered lists, tables with a repeating header row, captions. Inline SVG charts become
their <title> text (Word has no alternative text for a dropped SVG); raster data: images are
embedded. Nothing is fetched: no URL in the HTML is opened.
"""

import base64
import io
import logging
import re

import lxml.html
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from lscb.sanitise import xml_safe
from reports.rendering.pdf import approved_on, chapters, is_draft

logger = logging.getLogger(__name__)

INLINE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline"}
HEADING_LEVEL = {"h2": 2, "h3": 3, "h4": 4}


def _local(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _add_runs(paragraph, element, style=None):
    """Text of `element` (and its inline children) as runs of `paragraph`."""
    style = dict(style or {})
    if element.text:
        _run(paragraph, element.text, style)
    for child in element:
        tag = _local(child.tag)
        child_style = dict(style)
        if tag in INLINE:
            child_style[INLINE[tag]] = True
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag == "img":
            _image(paragraph, child)
        elif tag:
            _add_runs(paragraph, child, child_style)
        if child.tail:
            _run(paragraph, child.tail, style)


def _run(paragraph, text, style):
    run = paragraph.add_run(re.sub(r"\s+", " ", text))
    for attribute in ("bold", "italic", "underline"):
        if style.get(attribute):
            setattr(run, attribute, True)


def _image(paragraph, element):
    src = (element.get("src") or "").strip()
    if src.lower().startswith(("data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,")):
        try:
            data = base64.b64decode(src.split(",", 1)[1])
            paragraph.add_run().add_picture(io.BytesIO(data))
            return
        except Exception:  # noqa: BLE001 (a broken picture must not stop the document)
            logger.warning("could not embed an image in the .docx; using its alt text")
    if element.get("alt"):
        paragraph.add_run(f"[Image: {element.get('alt')}]")


def _repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, element):
    caption = element.find("caption")
    if caption is not None:
        _add_runs(document.add_paragraph(style="Caption"), caption)
    rows = [row for row in element.iter() if _local(row.tag) == "tr"]
    if not rows:
        return
    width = max(len([c for c in row if _local(c.tag) in ("td", "th")]) for row in rows)
    table = document.add_table(rows=0, cols=max(width, 1))
    table.style = "Table Grid"
    for row in rows:
        cells = [c for c in row if _local(c.tag) in ("td", "th")]
        new_row = table.add_row()
        if _local(row.getparent().tag) == "thead":
            _repeat_header(new_row)
        for index, cell in enumerate(cells[:width]):
            paragraph = new_row.cells[index].paragraphs[0]
            _add_runs(paragraph, cell, {"bold": _local(cell.tag) == "th"})


def _block(document, element):
    tag = _local(element.tag)
    if tag in HEADING_LEVEL:
        document.add_heading(element.text_content().strip(), level=HEADING_LEVEL[tag])
    elif tag in ("ul", "ol"):
        style = "List Bullet" if tag == "ul" else "List Number"
        for item in element:
            if _local(item.tag) == "li":
                _add_runs(document.add_paragraph(style=style), item)
    elif tag == "table":
        _table(document, element)
    elif tag == "svg":
        title = next((c for c in element.iter() if _local(c.tag) == "title"), None)
        if title is not None and (title.text or "").strip():
            document.add_paragraph(f"[Chart: {title.text.strip()}]")
    elif tag == "figure":
        for child in element:
            _block(document, child)
    elif tag == "figcaption":
        _add_runs(document.add_paragraph(style="Caption"), element)
    elif tag in ("div", "section", "blockquote") and len(element):
        if element.text and element.text.strip():
            document.add_paragraph(element.text.strip())
        for child in element:
            _block(document, child)
    elif tag in ("script", "style", "link", "iframe", "object", "embed", "meta"):
        return
    elif tag:
        paragraph = document.add_paragraph(style="Quote" if tag == "blockquote" else None)
        _add_runs(paragraph, element)


def _html(document, html):
    if not (html or "").strip():
        return
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    _block(document, fragment)


def _without_characters_xml_forbids(value):
    """The snapshot with every string made XML-safe: a frozen revision may hold text saved before
    the sanitiser dropped such characters, and one of them would make the whole export fail."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {key: _without_characters_xml_forbids(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_characters_xml_forbids(item) for item in value]
    return value


def render_docx(snapshot) -> bytes:
    """The report (cover facts, every section, executive summary first) as .docx bytes."""
    snapshot = _without_characters_xml_forbids(snapshot)
    document = Document()
    document.core_properties.title = snapshot.get("title") or "Annual report"
    document.core_properties.author = snapshot["board"]["name"]
    document.core_properties.language = "en-GB"
    # A fixed date keeps the file the same for the same revision.
    document.core_properties.created = document.core_properties.modified = _fixed_date(snapshot)
    document.core_properties.revision = int(snapshot.get("revision_number") or 1)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)

    document.add_heading(snapshot.get("title") or "Annual report", level=0)
    document.add_paragraph(snapshot["board"]["name"])
    document.add_paragraph(f"Financial year {snapshot.get('financial_year', '')}")
    if is_draft(snapshot):
        document.add_paragraph(f"DRAFT — revision {snapshot.get('revision_number')}, not approved")
    else:
        approved_by = f" by {snapshot['approved_by']}" if snapshot.get("approved_by") else ""
        document.add_paragraph(
            f"Approved {approved_on(snapshot)}{approved_by} (revision {snapshot.get('revision_number')})"
        )

    summary = (snapshot.get("executive_summary") or {}).get("html")
    if summary:
        document.add_heading("Executive summary", level=1)
        _html(document, summary)
    for section in chapters(snapshot):
        document.add_heading(section["label"], level=1)
        if section.get("agency"):
            document.add_paragraph(f"Contributed by {section['agency']}")
        _html(document, section.get("html") or "")
    target = io.BytesIO()
    document.save(target)
    return _fixed_zip_times(target.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same .docx bytes for the same revision: python-docx stamps every zip member with the
    current time, so rewrite the archive with one fixed timestamp (same order, same content)."""
    import zipfile  # noqa: PLC0415

    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, source.read(info.filename))
    return target.getvalue()


def _fixed_date(snapshot):
    import datetime  # noqa: PLC0415

    value = snapshot.get("approved_at")
    if value:
        return datetime.datetime.fromisoformat(value).astimezone(datetime.UTC).replace(tzinfo=None)
    return datetime.datetime(2000, 1, 1)  # noqa: DTZ001 (a draft has no date of its own)
