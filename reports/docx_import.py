"""An agency's Word draft (.docx) → sanitised HTML for its report section.

mammoth turns the document's structure (headings, lists, tables, bold/italic) into plain HTML
and its pictures into data: URIs; lscb.sanitise.clean_html then keeps only the safe subset
(raster data: images survive, anything else is dropped). The file is checked before mammoth
sees it: a size limit, a real zip that holds word/document.xml, and a cap on what it unpacks to
(a small zip can expand to gigabytes).
"""

import base64
import zipfile

import mammoth
from django.conf import settings

from lscb.sanitise import clean_html

MAX_UPLOAD_BYTES = getattr(settings, "REPORT_DOCX_MAX_BYTES", 10 * 1024 * 1024)
MAX_UNPACKED_BYTES = 8 * MAX_UPLOAD_BYTES
# Headings in a section start at h3 (the section title is h2 in the report).
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h3:fresh
p[style-name='Heading 2'] => h4:fresh
p[style-name='Heading 3'] => h4:fresh
"""


MISSING_ALT = "A picture from the Word draft (it had no description)"


class DocxError(ValueError):
    """The upload is not a Word document we can read; the message says what to do."""


def _human(size):
    return f"{size / (1024 * 1024):.0f} MB"


def check_docx(upload):
    """Refuse anything that is not a plausible .docx, with a message the person can act on."""
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
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise DocxError("The selected file is not a Word document (.docx): it could not be opened.") from exc
    if "word/document.xml" not in names:
        raise DocxError("The selected file is not a Word document (.docx): it has no document text.")
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocxError(f"The selected file unpacks to more than {_human(MAX_UNPACKED_BYTES)}; reduce its pictures.")
    upload.seek(0)


def _image_with_alt_text(counter):
    """Pictures become data: URIs (mammoth's default) and always carry alt text: Word's description
    if the author gave one, otherwise a placeholder the page can warn about."""

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


def docx_to_html(upload) -> str:
    """Check and convert an uploaded .docx; returns sanitised HTML (pictures kept as data: URIs)."""
    check_docx(upload)
    missing = []
    try:
        result = mammoth.convert_to_html(upload, style_map=STYLE_MAP, convert_image=_image_with_alt_text(missing))
    except Exception as exc:  # mammoth raises many kinds on a damaged file; the person needs one message
        raise DocxError("The selected file could not be read. Open it in Word, save it again and retry.") from exc
    html = clean_html(result.value)
    if not html.strip():
        raise DocxError("The selected document has no text.")
    return html
