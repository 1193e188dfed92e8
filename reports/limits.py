"""What one report section may hold, and what a Word draft may unpack to: every cap in one place.

Generous: a long yearly-report section is a few thousand words, a dozen tables and pictures.
The caps are there so one author cannot tie up a web worker, the Word conversion or the PDF
render (issue 21, M2: 100,000 one-letter paragraphs took 18.5 s to import and 150 s and 2.4 GB
to render).
"""

import re
from html import unescape

from django.conf import settings

# --- A section's text (typed, pasted or converted from Word) ----------------------------------
SECTION_MAX_CHARACTERS = 200_000  # text, not markup: about 35,000 words
SECTION_MAX_PARAGRAPHS = 3_000  # paragraphs, headings, list items and table rows together
SECTION_MAX_TABLES = 100
SECTION_MAX_IMAGES = 100

# --- A Word draft, checked on its zip directory and word/document.xml before converting ------
DOCX_MAX_MEMBERS = 1_000  # files inside the .docx (a real one has 10 to 100)
DOCX_MAX_UNPACKED_BYTES = 80 * 1024 * 1024  # all members together (pictures make most of it)
DOCX_MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024  # the text part alone
DOCX_MAX_RATIO = 200  # a member's unpacked size ÷ its packed size (text XML packs 10-30×)
# Elements of word/document.xml: above the section caps, so a draft the section would refuse is
# refused before conversion, and one within them is converted and then judged exactly.
DOCX_MAX_PARAGRAPHS = SECTION_MAX_PARAGRAPHS * 2  # w:p also counts table-cell paragraphs
DOCX_MAX_TABLES = SECTION_MAX_TABLES
DOCX_MAX_IMAGES = SECTION_MAX_IMAGES

# --- Time and memory of the work done outside the request ------------------------------------
DOCX_CONVERT_TIME_LIMIT = 60  # seconds
# Memory a conversion or a render may take on top of the worker process's own (address space,
# enforced with RLIMIT_AS in a child process: lscb/sandbox.py). Read from settings on every use,
# so a test can set a small one and a host with little memory a smaller one.


def docx_convert_memory_bytes():
    return settings.REPORT_DOCX_CONVERT_MEMORY_BYTES


def render_memory_bytes():
    return settings.REPORT_RENDER_MEMORY_BYTES


_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH = re.compile(r"<(?:p|li|h[1-6]|tr|blockquote|pre)[\s>]", re.IGNORECASE)
_TABLE = re.compile(r"<table[\s>]", re.IGNORECASE)
_IMAGE = re.compile(r"<img[\s>/]", re.IGNORECASE)


def section_counts(html: str) -> dict:
    """Characters of text, paragraphs, tables and pictures in a section's HTML (one linear pass
    each, no parser: this runs on whatever a person sends)."""
    return {
        "characters": len(unescape(_TAG.sub("", html))),
        "paragraphs": len(_PARAGRAPH.findall(html)),
        "tables": len(_TABLE.findall(html)),
        "images": len(_IMAGE.findall(html)),
    }


_SECTION_CAPS = (
    ("characters", SECTION_MAX_CHARACTERS, "characters of text"),
    ("paragraphs", SECTION_MAX_PARAGRAPHS, "paragraphs (headings, list items and table rows count as paragraphs)"),
    ("tables", SECTION_MAX_TABLES, "tables"),
    ("images", SECTION_MAX_IMAGES, "pictures"),
)


def section_too_large(html: str) -> str:
    """A message naming the first cap the text is over, or "" if it fits."""
    counts = section_counts(html)
    for key, cap, what in _SECTION_CAPS:
        if counts[key] > cap:
            return (
                f"A section can have up to {cap:,} {what}. This text has {counts[key]:,}. "
                "Shorten it, or ask the business manager to split it into more than one section."
            )
    return ""
