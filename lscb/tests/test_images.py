"""Pictures in text are judged by their content, on save and in the renderer (issue 21, M1)."""

import base64
import io

import pytest
from PIL import Image

from lscb.images import MAX_IMAGE_PIXELS, checked_data_url
from lscb.sanitise import clean_html
from reports.rendering.demo import demo_snapshot
from reports.rendering.fetcher import FetchDenied, StaticOnlyFetcher
from reports.rendering.pdf import render_summary_pdf


def _nested_use_svg(levels=5, copies=10):
    """The attack's 1 KB SVG: each level draws the one below ten times, so 10**levels shapes."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}" x="{i}"/>' for i in range(copies))
        defs.append(f'<g id="l{level}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        f"<defs>{''.join(defs)}</defs><use href='#l{levels}'/></svg>"
    ).encode()


def _data_url(data, mime="image/png"):
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _picture(fmt="PNG", size=(40, 20), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt)
    return out.getvalue()


def _decoded(url):
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))


def test_an_svg_that_claims_to_be_a_png_is_dropped_when_text_is_saved():
    html = clean_html(f'<p>Chart</p><img src="{_data_url(_nested_use_svg())}" alt="Our chart">')
    assert "data:" not in html and "<p>Chart</p>" in html


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/png")])
def test_a_real_picture_is_kept_as_a_picture_pillow_wrote(fmt, mime):
    url = checked_data_url(_data_url(_picture(fmt), f"image/{fmt.lower()}"))
    assert url.startswith(f"data:{mime};base64,")
    assert _decoded(url).size == (40, 20)
    assert url in clean_html(f'<img src="{_data_url(_picture(fmt), f"image/{fmt.lower()}")}" alt="x">')


def test_a_picture_whose_type_is_mislabelled_is_judged_by_its_content():
    # A JPEG sent as image/png is still a JPEG: kept, and said to be one.
    assert checked_data_url(_data_url(_picture("JPEG"), "image/png")).startswith("data:image/jpeg;")


def test_a_small_file_that_decodes_to_too_many_pixels_is_refused():
    side = int(MAX_IMAGE_PIXELS**0.5) + 100
    bomb = _picture("PNG", size=(side, side), mode="1")  # one colour: compresses to a few KB
    assert len(bomb) < 200_000
    assert checked_data_url(_data_url(bomb)) is None


def test_broken_or_truncated_data_is_refused():
    assert checked_data_url("data:image/png;base64,not base64 at all!") is None
    assert checked_data_url(_data_url(_picture()[:40])) is None  # cut inside the image data
    assert checked_data_url(_data_url(b"GIF89a" + b"\x00" * 20, "image/gif")) is None


def test_the_renderer_is_never_handed_the_svg_of_old_text():
    """Text frozen before the check (in a snapshot) still reaches the fetcher, which refuses it."""
    fetcher = StaticOnlyFetcher()
    with pytest.raises(FetchDenied):
        fetcher.fetch(_data_url(_nested_use_svg()))
    good = fetcher.fetch(_data_url(_picture()))
    assert good.headers["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(good.read())).size == (40, 20)


def test_a_report_holding_the_svg_renders_without_it():
    snapshot = demo_snapshot(1)
    bomb = _data_url(_nested_use_svg(levels=7))  # over 25 minutes to lay out, if it were laid out
    snapshot["executive_summary"] = {"html": f'<p>Summary</p><img src="{bomb}" alt="chart">'}
    fetcher = StaticOnlyFetcher()
    pdf = render_summary_pdf(snapshot, fetcher=fetcher)
    assert pdf.startswith(b"%PDF") and bomb in fetcher.denied
