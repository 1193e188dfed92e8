"""The only way a render may load anything: the app's own static files, and data: pictures that
Pillow decodes (lscb.images).

WeasyPrint's default fetcher opens file:, http(s): and data: URLs, so section HTML such as
`<link rel=attachment href=file:///etc/passwd>` would embed a server file in the PDF and
`<img src=http://10.0.0.1/...>` would make the worker call the network. This fetcher denies
everything by default. Relative URLs in the document resolve against BASE_URL, a host that
never exists, and only `BASE_URL + STATIC_URL + <path>` is served, from the staticfiles finders.
"""

import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lscb.images import ImageRefused, checked_image, decode_data_url

# Documents are given this base URL; ".invalid" can never resolve (RFC 2606).
BASE_URL = "https://lscb-render.invalid/"


class FetchDenied(ValueError):
    """A URL the render may not load. WeasyPrint logs it and leaves the resource out."""


def static_url(path: str) -> str:
    """The URL of a static file as a document being rendered must name it."""
    return BASE_URL + settings.STATIC_URL.lstrip("/") + path


class StaticOnlyFetcher(URLFetcher):
    """Deny-by-default URL fetcher. `fetched` / `denied` record what was asked, for tests."""

    def __init__(self):
        super().__init__(allowed_protocols=())  # the parent may never open anything itself
        self.fetched: list[str] = []
        self.denied: list[str] = []

    def fetch(self, url, headers=None):
        try:
            response = self._fetch(url)
        except FetchDenied:
            self.denied.append(url)
            raise
        self.fetched.append(url)
        return response

    def _fetch(self, url):
        lowered = url.strip().lower()
        if lowered.startswith("data:"):
            # Judged by its content, as when the text was saved (lscb.images): WeasyPrint gets only
            # a picture Pillow decoded and wrote again, never bytes it might parse as SVG.
            try:
                data, mime = checked_image(decode_data_url(url))
            except ImageRefused as exc:
                raise FetchDenied(f"data: URL that is not a picture we keep ({exc}): {url[:40]}") from exc
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        return self._fetch_static(url)

    def _fetch_static(self, url):
        prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
        parts = urlsplit(url)
        if not url.startswith(prefix) or parts.query or parts.fragment:
            raise FetchDenied(f"not one of the app's static files: {url[:200]}")
        relative = unquote(url[len(prefix) :])
        normalised = posixpath.normpath(relative)
        if (
            not relative
            or normalised != relative
            or normalised.startswith(("/", "."))
            or "\\" in relative
            or "\x00" in relative
        ):
            raise FetchDenied(f"suspicious static path: {relative[:200]}")
        found = finders.find(normalised)
        if not found:
            raise FetchDenied(f"no such static file: {normalised}")
        with open(found, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(normalised)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})
