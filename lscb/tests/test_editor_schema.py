"""One allow-list: what the rich-text editor writes comes through the sanitiser unchanged, and
what is typed without JavaScript keeps its structure (the plain-text convention)."""

from pathlib import Path

import pytest

from lscb.forms import RichTextField
from lscb.plain_text import looks_like_html, plain_text_to_html
from lscb.readability import MIN_WORDS, measure
from lscb.sanitise import ALLOWED_TAGS, clean_html

# Written by reports/tests/test_editor_browser.py (LSCB_EDITOR_OUTPUTS): the toolbar's every
# format, a Word clipboard paste and a web page paste, as the editor put them in the form.
EDITOR_OUTPUT = (Path(__file__).parent / "fixtures" / "editor_outputs.html").read_text(encoding="utf-8").strip()

# The editor's own forms of each element (static/js/rich_text.js, canonicalHTML).
EDITOR_SNIPPETS = [
    "<h2>Heading</h2><h3>Subheading</h3><h4>Minor heading</h4>",
    "<p>Plain <strong>bold</strong> <em>italic</em> <u>underlined</u> x<sup>2</sup> H<sub>2</sub>O<br>next line</p>",
    '<p><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">a link</a></p>',
    '<p><a href="mailto:someone@example.org" rel="noopener noreferrer">e-mail</a></p>',
    "<ul><li><p>one</p><ul><li><p>nested</p></li></ul></li></ul>",
    '<ol><li><p>first</p></li></ol><ol start="3"><li><p>third</p></li></ol>',
    "<blockquote><p>quoted</p></blockquote>",
    '<table><thead><tr><th scope="col"><p>Year</p></th><th scope="col"><p>Count</p></th></tr></thead>'
    '<tbody><tr><td colspan="2"><p>412</p></td></tr></tbody></table>',
]


def test_what_the_editor_wrote_survives_the_sanitiser_unchanged():
    assert "<table>" in EDITOR_OUTPUT and "<ol>" in EDITOR_OUTPUT
    assert clean_html(EDITOR_OUTPUT) == EDITOR_OUTPUT


@pytest.mark.parametrize("html", EDITOR_SNIPPETS)
def test_every_element_the_editor_makes_survives_the_sanitiser_unchanged(html):
    assert clean_html(html) == html


def test_the_editor_makes_no_element_the_sanitiser_does_not_allow():
    schema = Path(__file__).resolve().parents[2] / "static" / "js" / "rich_text.js"
    text = schema.read_text(encoding="utf-8")
    # Every extension in the schema maps to an allowed tag (the marks and nodes named in the import).
    made = {
        "Heading": {"h2", "h3", "h4"},
        "Bold": {"strong"},
        "Italic": {"em"},
        "Underline": {"u"},
        "Subscript": {"sub"},
        "Superscript": {"sup"},
        "BulletList": {"ul"},
        "OrderedList": {"ol"},
        "ListItem": {"li"},
        "Blockquote": {"blockquote"},
        "Link": {"a"},
        "Image": {"img"},
        "Table": {"table", "thead", "tbody"},
        "TableRow": {"tr"},
        "TableHeader": {"th"},
        "TableCell": {"td"},
        "Paragraph": {"p"},
        "HardBreak": {"br"},
    }
    for extension, tags in made.items():
        assert f"  {extension},\n" in text, extension
        assert tags <= ALLOWED_TAGS, extension


def test_plain_text_becomes_paragraphs_headings_and_lists():
    html = RichTextField().clean(
        "## What we did\n\nWe trained **412 officers**.\nIn March.\n\n- Neglect\n- Exploitation\n\n"
        "1. Audit\n2. Report\n\n# Top\n\n##### Small\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    )
    assert html.startswith("<h2>What we did</h2>\n<p>We trained <strong>412 officers</strong>.<br>\nIn March.</p>")
    assert "<ul>\n<li>Neglect</li>\n<li>Exploitation</li>\n</ul>" in html
    assert "<ol>\n<li>Audit</li>\n<li>Report</li>\n</ol>" in html
    assert "<h2>Top</h2>" in html and "<h4>Small</h4>" in html  # kept to the levels the PDF styles
    assert "<script" not in html and "href" not in html  # the javascript: link stays text
    assert "&lt;script&gt;" in html  # typed markup is shown as text


def test_html_is_passed_to_the_sanitiser_as_it_is():
    assert looks_like_html("<p>Already HTML</p>")
    assert looks_like_html("  <table><tr><td>x</td></tr></table>")
    assert not looks_like_html("a < b and <3")
    assert RichTextField().clean("<p>a <em>b</em></p>") == "<p>a <em>b</em></p>"
    assert RichTextField(required=False).clean("   ") == ""
    assert plain_text_to_html("a < b") == "<p>a &lt; b</p>\n"


def test_word_count_and_reading_age():
    short = measure("<h2>Our year</h2><p>We met six times.</p>")
    assert short.words == 6 and short.reading_age is None
    assert "fewer than" in short.reading_age_label
    easy = measure("<p>" + "We help children. We keep them safe. " * 10 + "</p>")
    assert easy.words >= MIN_WORDS and easy.reading_age <= 9
    hard = measure(
        "<p>" + "The multi-agency safeguarding arrangements necessitate comprehensive interdisciplinary "
        "accountability mechanisms, notwithstanding organisational reconfiguration considerations. " * 4 + "</p>"
    )
    assert hard.reading_age > 16
    assert hard.reading_age_label == f"{hard.reading_age} years"
