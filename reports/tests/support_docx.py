"""Real .docx files for the Word-import tests, written with python-docx or as raw XML zips."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def raw_docx(body_xml: str, *, extra=None, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx whose word/document.xml body is `body_xml` (as a 40 KB attack file is made)."""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body_xml}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def paragraphs_docx(count, text="a") -> bytes:
    """`count` one-letter paragraphs (issue 21, M2: 100,000 of them are a 10.9 KB file)."""
    return raw_docx(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * count)


def replace_member(docx: bytes, name: str, data: bytes) -> bytes:
    """The same .docx with one member's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, data if info.filename == name else source.read(info.filename))
    return buffer.getvalue()


def upload(content, name="draft.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)


def table_docx(*, header="repeat", rows=(("Agency", "Referrals"), ("Police", "120"))):
    """A Word table whose first row is a header row: marked "repeat header row" (w:tblHeader),
    bold, or neither."""
    from docx import Document  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415

    document = Document()
    document.add_paragraph("Referrals by agency.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            paragraph = table.cell(r, c).paragraphs[0]
            run = paragraph.add_run(value)
            if r == 0 and header == "bold":
                run.bold = True
    if header == "repeat":
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def picture_docx(png, *, description):
    """A paragraph and a picture whose Word description (wp:docPr descr) is `description`."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.add_paragraph("Our year.")
    shape = document.add_picture(io.BytesIO(png))
    shape._inline.docPr.set("descr", description)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def messy_docx(png):
    """What Word authors really send: a comment, a text box, a style we do not map, a picture."""
    from docx import Document  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415

    document = Document()
    paragraph = document.add_paragraph("Commented text.")
    document.add_comment(paragraph.runs, text="Check this figure", author="Reviewer")
    document.add_paragraph("A quotation.", style="Quote")
    box = document.add_paragraph("Before the box.")
    box._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>Boxed text</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.add_picture(io.BytesIO(png))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def media_name(docx: bytes) -> str:
    return next(n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/"))
