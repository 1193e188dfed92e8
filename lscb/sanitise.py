"""The one sanitiser for user HTML (rich text, .docx imports). nh3 with a small allowlist.

Everything a person types as rich text goes through `clean_html` on save; templates may then
mark the stored value safe. ALLOWED_TAGS/ALLOWED_ATTRIBUTES are the one allow-list: the editor's
schema (static/js/rich_text.js) makes exactly these elements, and lscb/tests/test_editor_schema.py
checks that whatever the editor writes comes through `clean_html` unchanged. Links get rel="noopener noreferrer"; only http(s)/mailto URLs, and
data: URLs for images (a .docx draft's pictures arrive inline).
"""

import re

import nh3

from lscb.images import checked_data_url

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "img",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    # A numbered list that starts part-way ("3. …" typed without JavaScript, or the editor's list).
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "data"}


# Browsers drop tabs and newlines anywhere in a URL ("jav&#9;ascript:" is javascript:), and
# nh3 sees such a value as a relative URL; so the scheme is judged with every control character
# and space removed, and a URL whose real scheme is not allowed is dropped.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _scheme_is_allowed(value):
    match = _SCHEME.match(_URL_NOISE.sub("", value).lower())
    return match is None or match.group(1) in ALLOWED_URL_SCHEMES


def _only_images_may_use_data_urls(tag, attribute, value):
    """data: URLs only as an image's src, and only a PNG, JPEG or GIF that Pillow decodes: it is
    kept re-encoded (lscb.images), so no SVG (script, or a layout bomb) can hide behind the
    image/png it claims."""
    if attribute in ("href", "src") and not _scheme_is_allowed(value):
        return None
    lowered = _URL_NOISE.sub("", value).lower()
    if not lowered.startswith("data:"):
        return value
    if tag == "img" and attribute == "src":
        return checked_data_url(value)
    return None


# Characters XML 1.0 forbids (C0 controls but tab, newline and return; lone surrogates; U+FFFE/F):
# lxml, and so python-docx, refuses a document that holds one, so they are never kept.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML forbids."""
    return NOT_XML.sub("", text)


def clean_html(html: str) -> str:
    """Sanitised HTML safe to show in a page, in the PDF and in Word."""
    if not html:
        return ""
    return nh3.clean(
        xml_safe(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_only_images_may_use_data_urls,
    )
