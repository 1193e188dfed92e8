"""Section HTML cannot make a render read server files or call the network (deny by default)."""

import io
import socket
import threading

import pikepdf
import pytest

from reports.rendering.demo import demo_snapshot
from reports.rendering.fetcher import BASE_URL, FetchDenied, StaticOnlyFetcher
from reports.rendering.pdf import render_pdf
from reports.tests.pdfcheck import page_texts, reader

PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@pytest.fixture
def listener():
    """A TCP port on this machine that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


def uncompressed(pdf: bytes) -> bytes:
    """The PDF with every stream and object stream expanded, so a byte search sees everything."""
    plain = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        opened.save(plain, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    data = plain.getvalue()
    assert b"/Type /Page" in data
    return data


def hostile_snapshot(port, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CHILD-NAME")
    html = (
        f'<link rel="attachment" href="file:///etc/passwd">'
        f'<link rel="attachment" href="file://{secret}">'
        f'<a rel="attachment" href="file://{secret}">attached</a>'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/evil.css">'
        f"<style>@import url(http://127.0.0.1:{port}/import.css); @import 'file://{secret}';"
        f" p {{ background: url(http://127.0.0.1:{port}/bg.png) }}"
        f" @font-face {{ font-family: x; src: url(file:///usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf) }}</style>"
        f'<p style="background-image: url(https://127.0.0.1:{port}/inline.png)">Styled paragraph</p>'
        f'<img src="http://127.0.0.1:{port}/x" alt="remote">'
        f'<img src="file:///etc/hostname" alt="local file">'
        f'<img src="/static/../../../etc/passwd" alt="traversal">'
        f'<img src="/static/%2e%2e/%2e%2e/settings.py" alt="encoded traversal">'
        f'<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="svg data">'
        f'<img src="{PNG_1PX}" alt="a raster data image is allowed">'
        f'<iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object>'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><title>t</title>'
        f'<image href="file:///etc/passwd" width="10" height="10"/><image xlink:href="http://127.0.0.1:{port}/svg.png" width="10" height="10"/></svg>'
    )
    snapshot = demo_snapshot(1)
    snapshot["sections"][0]["html"] = html + snapshot["sections"][0]["html"]
    return snapshot


def test_hostile_section_html_fetches_nothing_outside_static(listener, tmp_path):
    port, connections = listener
    fetcher = StaticOnlyFetcher()
    pdf = render_pdf(hostile_snapshot(port, tmp_path), fetcher=fetcher)

    static_prefix = BASE_URL + "static/"
    assert fetcher.fetched, "the report's own stylesheet is fetched"
    assert all(url.startswith(static_prefix) or url.startswith("data:image/png") for url in fetcher.fetched), (
        fetcher.fetched
    )
    assert any(url.startswith("file:") for url in fetcher.denied)
    assert any(url.startswith("http://127.0.0.1") for url in fetcher.denied)
    assert connections == [], "the render connected to the network"
    plain = uncompressed(pdf)
    assert b"root:x:0:0" not in plain
    assert b"TOP-SECRET-CHILD-NAME" not in plain
    assert b"/EmbeddedFile" not in plain
    assert b"/FileAttachment" not in plain
    assert (
        "/Names" not in reader(pdf).trailer["/Root"] or "/EmbeddedFiles" not in reader(pdf).trailer["/Root"]["/Names"]
    )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.org/a.css",
        "ftp://example.org/a",
        "data:text/css,p{}",
        "data:image/svg+xml,<svg/>",
        BASE_URL + "static/../lscb/settings.py",
        BASE_URL + "static/%2e%2e/lscb/settings.py",
        BASE_URL + "static//etc/passwd",
        BASE_URL + "static/reports/pdf/report.css?x=1",
        BASE_URL + "media/reports/x.pdf",
        "https://lscb-render.invalid.evil.example/static/reports/pdf/report.css",
    ],
)
def test_fetcher_denies(url):
    with pytest.raises(FetchDenied):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_the_apps_static_files():
    response = StaticOnlyFetcher().fetch(BASE_URL + "static/reports/pdf/report.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_hostile_section_html_fetches_nothing_when_laid_out_in_two_processes(listener, tmp_path):
    # The long-report path (reports.rendering.parallel) builds its own documents: the same
    # deny-by-default fetcher must guard every one of them.
    port, connections = listener
    snapshot = hostile_snapshot(port, tmp_path)
    pdf = render_pdf(snapshot, parallel=True)
    assert connections == [], "the render connected to the network"
    plain = uncompressed(pdf)
    assert b"root:x:0:0" not in plain
    assert b"TOP-SECRET-CHILD-NAME" not in plain
    assert b"/EmbeddedFile" not in plain
    assert b"/FileAttachment" not in plain
    assert "Styled paragraph" in " ".join(page_texts(pdf))
