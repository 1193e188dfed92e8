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


PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def test_inline_raster_images_from_word_are_kept_as_pillow_wrote_them():
    cleaned = clean_html(f'<img src="{PNG_1PX}" alt="Chart">')
    assert 'src="data:image/png;base64,' in cleaned and 'alt="Chart"' in cleaned


def test_an_image_that_is_only_a_png_signature_is_dropped():
    # The eight bytes that open every PNG, and nothing after: no picture to keep (lscb.images).
    assert clean_html('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Chart">') == '<img alt="Chart">'
