"""A readable difference between two saved versions of a section.

The HTML of each version is reduced to its text, one paragraph per block (headings, paragraphs,
list items, table rows); difflib then compares the words. The template renders insertions and
deletions as <ins>/<del>, each with visually hidden words ("added", "removed") because screen
readers do not announce those elements on their own.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "tr", "blockquote", "caption", "br", "table", "ul", "ol"}
PARAGRAPH = "\n"


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(PARAGRAPH)
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f" [picture{': ' + alt if alt else ''}] ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append(PARAGRAPH)

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of a section, one line per paragraph."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split(PARAGRAPH)]
    return "\n".join(line for line in lines if line.strip(" |"))


def _tokens(text):
    # Words with their following space, and paragraph breaks as tokens of their own.
    return re.findall(r"\n|[^\s]+ ?", text)


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "insert", "delete"
    text: str


def diff_paragraphs(old_html: str, new_html: str) -> list[list[Segment]]:
    """Paragraphs, each a list of segments, showing how old became new."""
    old, new = _tokens(html_to_text(old_html)), _tokens(html_to_text(new_html))
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    paragraphs, current = [], []

    def add(kind, tokens):
        for token in tokens:
            if token == PARAGRAPH:
                if current:
                    paragraphs.append(_merge(current))
                current.clear()
                continue
            current.append(Segment(kind, token))

    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", old[a1:a2])
        elif op == "delete":
            add("delete", old[a1:a2])
        elif op == "insert":
            add("insert", new[b1:b2])
        else:  # replace: what went, then what came
            add("delete", old[a1:a2])
            add("insert", new[b1:b2])
    if current:
        paragraphs.append(_merge(current))
    return paragraphs


def _merge(segments):
    merged = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def diff_counts(paragraphs) -> dict:
    words = {"insert": 0, "delete": 0}
    for paragraph in paragraphs:
        for segment in paragraph:
            if segment.kind in words:
                words[segment.kind] += len(segment.text.split())
    return words
