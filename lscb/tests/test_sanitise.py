import pytest

from lscb.sanitise import clean_html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
        "<svg onload=alert(1)>",
        '<iframe src="https://example.org"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<<script>script>alert(1)<</script>/script>",
    ],
)
def test_hostile_html_loses_everything_that_could_run(hostile):
    cleaned = clean_html(hostile).lower()
    for needle in ("<script", "onerror", "javascript:", "<svg", "<iframe", "onload", "style=", "data:text", "svg+xml"):
        assert needle not in cleaned


def test_ordinary_rich_text_survives():
    html = '<h2>Findings</h2><p>Text with <strong>bold</strong> and <a href="https://example.org">a link</a>.</p>'
    cleaned = clean_html(html)
    assert "<h2>Findings</h2>" in cleaned
    assert '<a href="https://example.org" rel="noopener noreferrer">a link</a>' in cleaned


def test_inline_raster_images_from_word_are_kept():
    html = '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Chart">'
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in clean_html(html)
