"""What an uploaded file is, judged by its content (never its name or the browser's type).

Used by every upload that keeps a document (case review documents, quality-assurance evidence):
each app says which of these kinds it accepts."""

import zipfile


def sniff(upload):
    """'pdf', 'docx', 'xlsx', 'png' or 'jpg' from the file's first bytes (and, for a zip, its
    parts), else None. Leaves the file at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None
