"""An agency author writes their section in the rich-text editor in Chromium, with the keyboard
only: toolbar formatting, a paste from Word (the HTML Word puts on the clipboard) and one from a
web page; the saved section page and its PDF have the same structure, and what the editor wrote
comes through the server's sanitiser unchanged. Without JavaScript, the plain-text convention
keeps the structure. axe-core checks every page seen."""

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lscb import xss
from lscb.sanitise import clean_html
from reports.models import RenderJob, ReportSection
from reports.tests.pdfcheck import reader
from reports.tests.support_drafting import report_with_sections, url
from reports.tests.support_rendering import download_finished_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures"
SHOTS = os.environ.get("LSCB_SCREENSHOTS")
# Where the test writes what the editor produced (lscb/tests/fixtures/editor_outputs.html was made so).
DUMP = os.environ.get("LSCB_EDITOR_OUTPUTS")

PASTE = """([selector, html]) => {
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', html.replace(/<[^>]*>/g, ''));
  document.querySelector(selector).dispatchEvent(
    new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def first_difference(a, b):
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"sanitised: …{a[max(0, at - 80) : at + 80]}… editor: …{b[max(0, at - 80) : at + 80]}…"


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"editor-{name}.png"), full_page=True)


def toolbar(page, label):
    """Alt+F10 to the toolbar, Home, then arrows to the button: the keyboard path a person takes."""
    page.keyboard.press("Alt+F10")
    page.keyboard.press("Home")
    names = page.eval_on_selector_all(
        ".lscb-editor__toolbar button:not([disabled])", "buttons => buttons.map(b => b.textContent)"
    )
    for _ in range(names.index(label)):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == label
    page.keyboard.press("Enter")
    # The button hands the focus back to the text (Tiptap does so on the next frame).
    expect(page.locator("#id_html_editor")).to_be_focused()


def textarea_value(page):
    return page.evaluate("document.querySelector('textarea[data-rich-text]').value")


def structure(tags):
    """The counts that make a section's structure: headings by level, lists, items, header cells."""
    counts = Counter(tags)
    return {name: counts[name] for name in ("h2", "h3", "ul", "ol", "li", "table", "th", "a")}


def pdf_structure(data):
    """The same counts from the PDF's tag tree (PDF/UA): H2/H3, L (ordered or not), LI, Table, TH, Link."""
    tags = []

    def walk(node):
        node = node.get_object()
        kind = node.get("/S")
        if kind == "/L":
            # WeasyPrint marks a list's numbering in its attributes; count both kinds as lists here.
            tags.append("list")
        elif kind:
            tags.append(str(kind)[1:].lower())
        kids = node.get("/K")
        if kids is None:
            return
        if not isinstance(kids, list):
            kids = [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get") and "/S" in kid:
                walk(kid)

    walk(reader(data).trailer["/Root"]["/StructTreeRoot"])
    return Counter(tags)


def test_an_author_formats_pastes_and_saves_with_the_keyboard(page, live_server, world, axe_check, sign_in, tmp_path):
    _report, (section,) = report_with_sections(world)
    sign_in(page, "agency_author")
    page.goto(live_server.url + url("section_edit", section))
    editor = page.locator(".lscb-editor__prosemirror")
    expect(editor).to_be_visible()
    expect(page.get_by_text("Editor mode.")).to_be_visible()
    expect(page.get_by_role("toolbar", name="Format: Section text")).to_be_visible()
    expect(page.get_by_role("textbox", name="Section text")).to_be_visible()
    axe_check(page)

    # Focus order: the link before the box, then the toolbar (one stop), then the text.
    page.get_by_role("link", name="Upload your Word draft instead").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Heading"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_html_editor"

    page.keyboard.type("What we did")
    toolbar(page, "Heading")
    expect(page.get_by_role("button", name="Heading", exact=True)).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Home Police trained ")
    page.keyboard.press("Control+B")
    page.keyboard.type("412 officers")
    expect(page.get_by_role("button", name="Bold")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Control+B")
    page.keyboard.type(" in recognising neglect. Read ")
    page.keyboard.press("Control+I")
    page.keyboard.type("the guidance")
    page.keyboard.press("Control+I")
    expect(editor.locator("em")).to_have_text("the guidance")
    # (At the italic's edge the first press may only leave the mark, so the link may start at "he".)
    for _ in range(len("the guidance")):
        page.keyboard.press("Shift+ArrowLeft")
    page.once("dialog", lambda dialog: dialog.accept("https://www.gov.uk/guidance"))
    toolbar(page, "Link")
    expect(editor.locator("a")).to_have_count(1)
    # The prompt hands the focus back a frame later; only then may a key collapse the selection.
    page.wait_for_timeout(200)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    toolbar(page, "Bulleted list")
    page.keyboard.type("Neglect")
    page.keyboard.press("Enter")
    page.keyboard.type("Exploitation")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    toolbar(page, "Numbered list")
    page.keyboard.type("Audit the cases")
    page.keyboard.press("Enter")
    page.keyboard.type("Report to the board")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Figures")
    toolbar(page, "Subheading")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    toolbar(page, "Insert table")
    for cell in ("Year", "Officers trained", "Change", "2025/26", "412", "+12%"):
        page.keyboard.type(cell)
        page.keyboard.press("Tab")
    toolbar(page, "Delete row")  # the third, empty row
    shot(page, "typed")

    # Paste from Word, then from a web page, at the end of the text.
    page.wait_for_timeout(200)
    page.keyboard.press("Control+End")
    page.wait_for_timeout(200)
    page.evaluate(PASTE, ["#id_html_editor", (FIXTURES / "word_clipboard.html").read_text(encoding="utf-8")])
    page.keyboard.press("Control+End")
    page.evaluate(PASTE, ["#id_html_editor", (FIXTURES / "web_clipboard.html").read_text(encoding="utf-8")])
    expect(editor.get_by_role("heading", name="Working with schools", level=2)).to_be_visible()
    expect(editor.get_by_role("heading", name="What changed", level=3)).to_be_visible()
    expect(editor.get_by_role("heading", name="Early help", level=2)).to_be_visible()
    expect(page.locator(".lscb-editor__count")).to_contain_text("words")
    axe_check(page)
    shot(page, "pasted")

    html = textarea_value(page)
    if DUMP:
        Path(DUMP).write_text(html + "\n", encoding="utf-8")
    # The editor writes only what the sanitiser keeps, exactly as it keeps it.
    assert clean_html(html) == html, first_difference(clean_html(html), html)
    # Word's and the web page's styles, classes, comments and Office namespaces are gone.
    for dropped in ("style=", "class=", "<!--", "o:p", "mso-", "onclick", "onerror", "file:", "<button", "<img"):
        assert dropped not in html, dropped
    assert "<strong>412 officers</strong>" in html
    assert '<a href="https://www.gov.uk/guidance" rel="noopener noreferrer">' in html
    assert re.search(r'<a href="https://www.gov.uk/guidance" rel="noopener noreferrer">(<em>)?[a-z ]*guidance', html)
    assert "<ul><li><p>A named safeguarding lead in every school</p></li>" in html
    assert "<ol><li><p>Review the audit findings</p></li>" in html
    assert '<thead><tr><th scope="col"><p>Term</p></th>' in html  # Word's "repeat header row"
    assert '<thead><tr><th scope="col"><p>Service</p></th>' in html

    # Leaving with unsaved changes asks first; staying keeps the text.
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to the section without saving").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/edit/" in page.url

    # Save with the keyboard; no warning on saving.
    page.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_text("Saved: version 1")).to_be_visible()
    axe_check(page)
    saved = ReportSection.objects.get(pk=section.pk).html
    assert saved == html
    shown = page.eval_on_selector_all(".lscb-section-text *", "nodes => nodes.map(n => n.tagName.toLowerCase())")
    expected = structure(re.findall(r"<([a-z0-9]+)[\s>]", html))
    assert structure(shown) == expected
    assert expected == {"h2": 4, "h3": 2, "ul": 3, "ol": 2, "li": 11, "table": 3, "th": 7, "a": 2}
    shot(page, "section")

    # The PDF of the section has the same structure in its tags (headings, lists, tables, links).
    page.get_by_role("button", name="Preview as PDF").click()
    page.wait_for_load_state()
    download = download_finished_job(page, RenderJob.objects.get(), axe_check, "Download Draft section (PDF)")
    pdf = tmp_path / "section.pdf"
    download.save_as(pdf)
    tags = pdf_structure(pdf.read_bytes())
    # The chapter title is one more H2 (the section's title) in the PDF.
    assert tags["h2"] == expected["h2"] + 1
    assert tags["h3"] == expected["h3"]
    assert tags["list"] == expected["ul"] + expected["ol"]
    assert tags["li"] == expected["li"]
    assert tags["table"] == expected["table"]
    assert tags["th"] == expected["th"]
    assert tags["link"] >= expected["a"]


def test_without_javascript_the_plain_text_convention_keeps_the_structure(
    browser, live_server, world, axe_check, sign_in
):
    _report, (section,) = report_with_sections(world)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "agency_author")
    page.goto(live_server.url + url("section_edit", section))
    expect(page.get_by_text("Plain-text mode")).to_be_visible()
    assert page.locator(".lscb-editor").count() == 0
    box = page.get_by_role("textbox", name="Section text")
    box.fill(
        "## What we did\n\nHome Police trained **412 officers**.\nAll of them in March.\n\n"
        "- Neglect\n- Exploitation\n\n1. Audit the cases\n2. Report to the board\n\n### Next year\n\nMore training."
    )
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Saved: version 1")).to_be_visible()
    text = page.locator(".lscb-section-text").first
    expect(text.get_by_role("heading", name="What we did", level=2)).to_be_visible()
    expect(text.get_by_role("heading", name="Next year", level=3)).to_be_visible()
    expect(text.locator("ul > li")).to_have_count(2)
    expect(text.locator("ol > li")).to_have_count(2)
    expect(text.locator("strong")).to_have_text("412 officers")
    assert ReportSection.objects.get(pk=section.pk).html.startswith("<h2>What we did</h2>\n<p>Home Police trained")
    context.close()


def test_no_payload_runs_through_the_editor(page, live_server, world, sign_in):
    """The XSS corpus pasted into the editor: what the editor writes, sanitised as the server does,
    runs nothing in Chromium; and nothing runs in the editor's own page while pasting."""
    _report, (section,) = report_with_sections(world)
    sign_in(page, "agency_author")
    page.goto(live_server.url + url("section_edit", section))
    # In a function: Playwright calls a bare expression's value if it is a function (the loop's last).
    page.evaluate(f"() => {{ {xss.INIT_SCRIPT} }}")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    outputs = {}
    for label, text in xss.corpus():
        if "<" not in text:
            continue  # text without markup pastes as text
        page.locator("#id_html_editor").focus()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.evaluate(PASTE, ["#id_html_editor", text])
        outputs.setdefault(clean_html(textarea_value(page)), f"{label} via the editor")
        page.wait_for_timeout(20)
        hits = page.evaluate("window.__xssHits")
        assert hits == [] and dialogs == [], (label, text)
    result = xss.render_in_chromium(page, outputs, xss.XssResult(payloads=len(outputs)))
    assert len(outputs) > 50
    assert result.executed == 0, result.hits[:20]
    assert result.dangerous == 0, result.hits[:20]
