"""Rich text typed without JavaScript: the plain-text convention, turned into HTML.

The editor (static/js/rich_text.js) needs JavaScript; without it the box is a plain textarea, and
what a person types there must not lose its structure. The convention (shown under the box):

- a blank line starts a new paragraph; a single line break stays a line break;
- "## ", "### " or "#### " at the start of a line makes a heading (the three levels the PDF styles);
- "- " (or "* ") starts a bulleted list item, "1. " a numbered one;
- **bold**, *italic* and [a link](https://example.org) work as in Markdown.

It is CommonMark, parsed by markdown-it-py (not a parser of our own), with raw HTML switched off so
that what the person typed is shown as text; the result is then sanitised like any rich text.
A value that is already HTML (what the editor sends, or the stored text left in the box) is
passed to the sanitiser as it is.
"""

import re

from markdown_it import MarkdownIt

# The editor's output, and stored text, always starts with one of the block elements it makes.
_LOOKS_LIKE_HTML = re.compile(r"^\s*<(p|h[1-6]|ul|ol|table|blockquote|div|img|br)\b", re.IGNORECASE)
# The section's own title is the PDF's chapter heading (h2 sits under it in the page's h1), so
# headings are kept to h2-h4: "# " becomes h2 and "##### " h4, never an element the sanitiser drops.
_HEADING_TAG = {"h1": "h2", "h5": "h4", "h6": "h4"}

_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable("table")


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.match(text or ""))


def plain_text_to_html(text: str) -> str:
    """HTML for text written in the plain-text convention (not yet sanitised)."""
    tokens = _markdown.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_TAG.get(token.tag, token.tag)
    return _markdown.renderer.render(tokens, _markdown.options, {})


def rich_text_to_html(text: str) -> str:
    """What a rich-text box sent, as HTML: the editor's HTML as it is, plain text converted."""
    if not text or not text.strip():
        return ""
    return text if looks_like_html(text) else plain_text_to_html(text)
