"""No hostile payload survives a rich-text field or a .docx import and runs in Chromium."""

import pytest

from lscb import xss


@pytest.mark.browser
def test_the_harness_catches_a_payload_when_nothing_sanitises(page):
    """The detector itself works: unsanitised payloads are caught (so a 0 below means something)."""
    outputs = {text: label for label, text in xss.corpus()[:20]}
    result = xss.render_in_chromium(page, outputs, xss.XssResult(payloads=len(outputs)))
    assert result.executed > 0 and result.dangerous > 0


def test_every_rich_text_field_is_found():
    fields = xss.rich_text_fields()
    assert fields, "no RichTextField found in any app's forms"


@pytest.mark.browser
def test_no_payload_runs_after_any_rich_text_field_or_docx_import(page):
    result = xss.run(page)
    print(
        f"\nXSS: {result.payloads} payloads × {len(result.fields)} rich-text fields + .docx paths; "
        f"{result.sanitised_outputs} distinct outputs rendered; executed {result.executed}; "
        f"dangerous markup left {result.dangerous}"
    )
    xss.write_stats(result)
    assert result.payloads > 500
    assert result.executed == 0, result.hits[:20]
    assert result.dangerous == 0, result.hits[:20]
