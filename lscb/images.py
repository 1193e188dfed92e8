"""Pictures in people's text (pasted, or inside a .docx draft), judged by what they are.

A data: URL says what it holds ("data:image/png;…"), but nothing makes it true: the bytes of a
"PNG" may be an SVG of nested <use> elements, which WeasyPrint, finding no PNG, lays out as
SVG for minutes (issue 21, M1). So every picture is decoded with Pillow, must be a PNG, JPEG
or GIF within the limits below, and is re-encoded (PNG, or JPEG for photographs): what is kept
and what the renderer is given is always a picture Pillow wrote. Used by the sanitiser (when
text is saved and shown) and by the renderer's fetcher.
"""

import base64
import binascii
import functools
import io
import re

MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a photograph from a phone fits; the report's PDF stays sensible
MAX_IMAGE_PIXELS = 16_000_000  # about 4,900 × 3,300: decoding one costs at most ~64 MB
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/png"}  # GIF is kept as a PNG
_DATA_URL = re.compile(r"^data:image/(png|jpeg|jpg|gif);base64,(?P<payload>[A-Za-z0-9+/=\s]+)$", re.IGNORECASE)


class ImageRefused(ValueError):
    """Not a picture we keep; the message says why."""


def checked_image(data: bytes) -> tuple[bytes, str]:
    """(bytes, MIME type) of the picture in `data`, decoded and re-encoded by Pillow."""
    from PIL import Image  # noqa: PLC0415 (Pillow is loaded only when there is a picture)

    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(f"The picture is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ImageRefused("The picture has too many pixels")
            image.load()
            out = io.BytesIO()
            if image.format == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=90)
            else:
                image.save(out, "PNG")  # a GIF keeps its first frame
            mime = FORMATS[image.format]
    except ImageRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRefused("The picture is not a PNG, JPEG or GIF image") from exc
    return out.getvalue(), mime


def decode_data_url(url: str) -> bytes:
    """The bytes of a base64 data: URL that claims a raster image."""
    if len(url) > MAX_IMAGE_BYTES * 4 // 3 + 100:
        raise ImageRefused(f"The picture is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    match = _DATA_URL.match(url.strip())
    if match is None:
        raise ImageRefused("The picture is not a PNG, JPEG or GIF image")
    try:
        return base64.b64decode(re.sub(r"\s+", "", match["payload"]), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImageRefused("The picture's data cannot be read") from exc


# The same stored text is shown and rendered many times; a few pictures are kept decoded (each
# entry holds the URL twice, so at most ~8 × 14 MB even for the largest pictures allowed).
@functools.lru_cache(maxsize=8)
def checked_data_url(url: str) -> str | None:
    """`url` as a data: URL of the picture re-encoded by Pillow, or None if it is not a picture
    we keep (then the sanitiser drops the image)."""
    try:
        data, mime = checked_image(decode_data_url(url))
    except ImageRefused:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
