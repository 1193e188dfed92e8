"""Reading rendered PDFs back with pypdf, for the tests."""

import io
import re

import pypdf


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def assert_tagged(pdf: pypdf.PdfReader, title: str):
    """A tagged PDF (PDF/UA): marked content, a structure tree, British English, its title shown
    in the viewer's title bar."""
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert pdf.metadata.title == title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def toc_entries(text: str) -> list[tuple[str, int]]:
    """(label, page) pairs from the contents page's text: "3 Governance ... 5" per line."""
    out = []
    for line in text.splitlines():
        match = re.match(r"^\s*(\d+ .+?)\s*(\d+)\s*$", line)
        if match:
            out.append((normalise(match[1]), int(match[2])))
    return out
