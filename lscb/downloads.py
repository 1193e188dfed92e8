"""Handing over a private file (a rendered report, a case review's document): the one way every
app does it.

The file is opened first, so a missing file is a 404 and is not recorded as downloaded; then the
download is audited; the response is always an attachment and never cached. `X-Content-Type-Options:
nosniff` comes from SecurityMiddleware (SECURE_CONTENT_TYPE_NOSNIFF) on every response.
"""

from django.http import FileResponse, Http404

from lscb import audit


def private_attachment(request, board, fieldfile, *, filename, content_type, action, target, **payload):
    """A FileResponse for `fieldfile` as an attachment named `filename`, with the download
    recorded as `action` on `target` (with `payload`) in the audit log. The caller has already
    checked, through the permission layer, that this person may have the file."""
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing") from exc
    audit.record(action, actor=request.user, board=board, target=target, **payload)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
