"""An agency's Word draft (.docx) → sanitised HTML for its report section.

Two steps, because a 10.9 KB .docx can hold 100,000 paragraphs (issue 21, M2):

1. check_docx (in the request, cheap and bounded): the file's size, a real zip holding
   word/document.xml, its directory (member count, unpacked size, compression ratio) and the
   elements of word/document.xml (paragraphs, tables, pictures) counted by a streaming expat
   parser that stops at the first cap and refuses any DTD or entity (no "billion laughs").
   The caps are in reports/limits.py.
2. convert_docx (in a worker, in a child process with time and memory caps:
   reports/services/imports.py): mammoth turns the structure (headings, lists, tables,
   bold/italic) into HTML and pictures into data: URIs; a Word header row becomes <thead>;
   lscb.sanitise.clean_html keeps the safe subset. It also says what was not kept.
"""

import base64
import io
import re
import zipfile
from xml.parsers import expat

import mammoth
from django.conf import settings

from lscb.sanitise import clean_html
from reports import limits

MAX_UPLOAD_BYTES = getattr(settings, "REPORT_DOCX_MAX_BYTES", 10 * 1024 * 1024)
MAX_UNPACKED_BYTES = limits.DOCX_MAX_UNPACKED_BYTES
# Headings in a section start at h3 (the section title is h2 in the report).
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h3:fresh
p[style-name='Heading 2'] => h4:fresh
p[style-name='Heading 3'] => h4:fresh
"""


MISSING_ALT = "A picture from the Word draft (it had no description)"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VML = "urn:schemas-microsoft-com:vml"
# Element (namespace, local name) → what check_docx counts.
_COUNTED = {
    (_W, "p"): "paragraphs",
    (_W, "tbl"): "tables",
    (_WP, "docPr"): "images",  # one per DrawingML picture or shape
    (_VML, "imagedata"): "images",  # an older (VML) picture
    (_W, "commentReference"): "comments",
    (_W, "txbxContent"): "text_boxes",
}
_CAPS = (
    ("paragraphs", limits.DOCX_MAX_PARAGRAPHS, "paragraphs (table cells and list items count as paragraphs)"),
    ("tables", limits.DOCX_MAX_TABLES, "tables"),
    ("images", limits.DOCX_MAX_IMAGES, "pictures"),
)


class DocxError(ValueError):
    """The upload is not a Word document we can read; the message says what to do."""


class _OverCap(Exception):
    pass


class _Refused(Exception):
    pass


def _human(size):
    return f"{size / (1024 * 1024):.0f} MB"


def _unreadable():
    return DocxError("The selected file could not be read. Open it in Word, save it again and retry.")


def _over(cap, what):
    return DocxError(
        f"The selected document has more than {cap:,} {what}, more than a report section can hold. "
        "Split it into smaller documents, or remove what the section does not need."
    )


def count_elements(stream) -> dict:
    """Counts of _COUNTED in word/document.xml, read in 64 KB chunks (memory stays flat);
    stops with DocxError at the first cap passed, or at a DTD or entity declaration."""
    counts = dict.fromkeys(set(_COUNTED.values()), 0)
    caps = {key: cap for key, cap, _ in _CAPS}
    fallback = [0]  # depth inside mc:Fallback (Word repeats each text box there for old readers)

    def start(name, attributes):
        namespace, _, local = name.rpartition(" ")
        if (namespace, local) == (_MC, "Fallback"):
            fallback[0] += 1
        what = _COUNTED.get((namespace, local))
        if what is None or (fallback[0] and what in ("text_boxes", "images")):
            return
        counts[what] += 1
        if what in caps and counts[what] > caps[what]:
            raise _OverCap(what)

    def end(name):
        if name == f"{_MC} Fallback":
            fallback[0] -= 1

    def refuse(*args):
        raise _Refused

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _OverCap as over:
        key = over.args[0]
        _, cap, what = next(c for c in _CAPS if c[0] == key)
        raise _over(cap, what) from None
    except (_Refused, expat.ExpatError) as exc:
        raise _unreadable() from exc
    return counts


def inspect_docx(archive: zipfile.ZipFile) -> dict:
    """The zip directory's checks, then word/document.xml's element counts."""
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise DocxError("The selected file is not a Word document (.docx): it has no document text.")
    if len(infos) > limits.DOCX_MAX_MEMBERS:
        raise DocxError(
            f"The selected file has more than {limits.DOCX_MAX_MEMBERS:,} files inside it; a Word document has far fewer."
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocxError(f"The selected file unpacks to more than {_human(MAX_UNPACKED_BYTES)}; reduce its pictures.")
    if archive.getinfo("word/document.xml").file_size > limits.DOCX_MAX_DOCUMENT_XML_BYTES:
        raise DocxError(
            f"The selected document's text is larger than {_human(limits.DOCX_MAX_DOCUMENT_XML_BYTES)}, "
            "more than a report section can hold. Split it into smaller documents."
        )
    try:
        with archive.open("word/document.xml") as stream:
            counts = count_elements(stream)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise _unreadable() from exc
    for info in infos:
        # Small parts have high ratios by nature; a big one packed this tightly is a bomb.
        if info.file_size > 1024 * 1024 and info.file_size > limits.DOCX_MAX_RATIO * max(info.compress_size, 1):
            raise DocxError(
                f"The selected file is compressed more than {limits.DOCX_MAX_RATIO} times, which a real Word "
                "document never is. Open it in Word, save it again and retry."
            )
    return counts


def check_docx(upload) -> dict:
    """Refuse anything that is not a plausible .docx within the caps, with a message the person
    can act on, before anything converts it. Returns word/document.xml's element counts."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".docx"):
        raise DocxError("The selected file must be a Word document (.docx). Save older .doc files as .docx first.")
    if upload.size == 0:
        raise DocxError("The selected file is empty.")
    if upload.size > MAX_UPLOAD_BYTES:
        raise DocxError(f"The selected file must be smaller than {_human(MAX_UPLOAD_BYTES)}.")
    upload.seek(0)
    if not zipfile.is_zipfile(upload):
        raise DocxError("The selected file is not a Word document (.docx): it could not be opened.")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            counts = inspect_docx(archive)
    except zipfile.BadZipFile as exc:
        raise DocxError("The selected file is not a Word document (.docx): it could not be opened.") from exc
    upload.seek(0)
    return counts


def _image_with_alt_text(counter):
    """Pictures become data: URIs (mammoth's default) and always carry alt text: Word's description
    (wp:docPr descr) if the author gave one, otherwise a placeholder the page can warn about."""

    def convert(image):
        with image.open() as stream:
            encoded = base64.b64encode(stream.read()).decode("ascii")
        alt = (image.alt_text or "").strip()
        if not alt:
            counter.append(1)
            alt = MISSING_ALT
        return {"src": f"data:{image.content_type};base64,{encoded}", "alt": alt}

    return mammoth.images.img_element(convert)


def pictures_without_description(html: str) -> int:
    return html.count(f'alt="{MISSING_ALT}"')


def _header_rows(html: str) -> str:
    """Give every table a header row it has in Word: mammoth already makes a "repeat header
    row" (w:tblHeader) a <thead> of <th>; a first row whose every cell is wholly bold is one too.
    Header cells get scope="col"."""
    if "<table" not in html:
        return html
    import lxml.html  # noqa: PLC0415 (python-docx's dependency; only needed for tables)

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for table in root.iter("table"):
        rows = table.xpath("./tr|./tbody/tr")
        if not table.xpath("./thead") and rows and len(rows) > 1 and _all_bold(rows[0]):
            first = rows[0]
            thead = lxml.html.Element("thead")
            first.getparent().remove(first)
            thead.append(first)
            table.insert(0, thead)
            for cell in first.xpath("./td"):
                cell.tag = "th"
        for cell in table.xpath("./thead/tr/th"):
            cell.set("scope", "col")
    return "".join(
        lxml.html.tostring(child, encoding="unicode") if not isinstance(child, str) else child
        for child in ([root.text] if root.text else []) + list(root)
    )


def _all_bold(row) -> bool:
    cells = row.xpath("./td|./th")
    for cell in cells:
        text = "".join(cell.itertext()).strip()
        bold = "".join("".join(strong.itertext()) for strong in cell.xpath(".//strong")).strip()
        if not text or bold.replace(" ", "") != text.replace(" ", ""):
            return False
    return bool(cells)


_STYLE_MESSAGE = re.compile(r"Unrecognised (?:paragraph|run|table) style: '([^']*)'")
_DATA_IMAGE = re.compile(r"<img[^>]*\ssrc=\"data:", re.IGNORECASE)


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def _dropped(counts, messages, raw_html, html) -> list[str]:
    """What the author should know was not kept, as sentences."""
    dropped = []
    styles = sorted({m.group(1) for m in (_STYLE_MESSAGE.search(message.message) for message in messages) if m})
    if styles:
        dropped.append(
            "Word styles the report does not have (the text is kept as ordinary paragraphs): " + ", ".join(styles)
        )
    if counts.get("comments"):
        dropped.append(f"{_plural(counts['comments'], 'comment')}: comments are not part of the section")
    if counts.get("text_boxes"):
        dropped.append(f"{_plural(counts['text_boxes'], 'text box')}: the text is kept as ordinary paragraphs")
    refused = len(_DATA_IMAGE.findall(raw_html)) - len(_DATA_IMAGE.findall(html))
    if refused > 0:
        dropped.append(
            f"{refused} picture{'' if refused == 1 else 's'} that {'is' if refused == 1 else 'are'} not a "
            "PNG, JPEG or GIF image, or too large (save it as PNG or JPEG and add it again)"
        )
    others = sorted(
        {
            message.message
            for message in messages
            if message.type == "warning" and not _STYLE_MESSAGE.search(message.message)
        }
    )
    if others:
        dropped.append("Other Word content the report cannot show: " + "; ".join(others)[:500])
    return dropped


def convert_docx(data: bytes) -> dict:
    """{"html": sanitised HTML, "dropped": [sentences]} of a .docx's bytes. Checks it again (it
    may be run without check_docx) and raises DocxError. The heavy step: run it outside the
    request (reports/services/imports.py)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            counts = inspect_docx(archive)
    except zipfile.BadZipFile as exc:
        raise DocxError("The selected file is not a Word document (.docx): it could not be opened.") from exc
    missing = []
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=_image_with_alt_text(missing)
        )
    except Exception as exc:  # mammoth raises many kinds on a damaged file; the person needs one message
        raise _unreadable() from exc
    raw = _header_rows(result.value)
    html = clean_html(raw)
    if not html.strip():
        raise DocxError("The selected document has no text.")
    return {"html": html, "dropped": _dropped(counts, result.messages, raw, html)}


def docx_to_html(upload) -> str:
    """Check and convert an uploaded .docx here and now; returns sanitised HTML (pictures kept
    as data: URIs). For scripts and tests; pages convert through a DocxImport job."""
    check_docx(upload)
    upload.seek(0)
    return convert_docx(upload.read())["html"]
