from django.http import QueryDict
from django.utils.cache import add_never_cache_headers


class StripNulFromQueryMiddleware:
    """NUL bytes are removed from every query parameter (name and value) before any view reads
    one. PostgreSQL refuses them in any string ("A string literal cannot contain NUL"), so a view
    filtering on `request.GET` raw gave a 500; no legitimate link carries one. Forms already
    refuse NUL in POSTed fields (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages shown to a signed-in user may hold safeguarding data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_SECONDS without a request, or
    SESSION_ABSOLUTE_SECONDS after sign-in, whatever the cookie says.

    The cookie age alone is not enough: a stolen cookie replayed from elsewhere would never
    expire while it is used. The times live in the server-side session.
    """

    AUTH_AT = "lscb_auth_at"
    SEEN_AT = "lscb_seen_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time  # noqa: PLC0415

        from django.conf import settings  # noqa: PLC0415
        from django.contrib.auth import logout  # noqa: PLC0415
        from django.contrib.auth.views import redirect_to_login  # noqa: PLC0415

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            auth_at = request.session.setdefault(self.AUTH_AT, now)
            seen_at = request.session.get(self.SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_SECONDS
            too_old = now - auth_at > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_old:
                from lscb import audit  # noqa: PLC0415

                audit.record("auth.session.expired", actor=user, reason="idle" if idle else "absolute")
                logout(request)
                return redirect_to_login(request.get_full_path())
            request.session[self.SEEN_AT] = now
        return self.get_response(request)


class AuditFilesServedMiddleware:
    """Every file or export handed to a signed-in person is in the audit log.

    A response that is an attachment (Content-Disposition) or a file, to a signed-in user, is
    recorded as "files.served" with the URL name, unless the view recorded something itself
    (e.g. "reports.pdf.downloaded"). So a new export view is audited even if its author forgot.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from lscb import audit  # noqa: PLC0415

        token = audit.entries_written.set(0)
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            disposition = response.get("Content-Disposition", "")
            is_file = bool(disposition) or getattr(response, "streaming", False)
            signed_in = user is not None and user.is_authenticated
            if signed_in and response.status_code == 200 and is_file and audit.entries_written.get() == 0:
                match = getattr(request, "resolver_match", None)
                access = getattr(request, "board_access", None)
                audit.record(
                    "files.served",
                    actor=user,
                    board=access.board if access is not None else None,
                    url_name=match.view_name if match else "",
                    path=request.path[:300],
                    content_type=response.get("Content-Type", "")[:100],
                    disposition=disposition[:200],
                )
            return response
        finally:
            audit.entries_written.reset(token)


class AuditRefusedUploadsMiddleware:
    """Every refused upload is in the audit log (rate-limited: lscb.audit.record_limited).

    A POST carrying files whose answer is the form again with its errors (the GOV.UK error
    summary), or a 400/413, was a refused file, whichever validator refused it (a review
    document's type, the scorecard or attendance CSV, a Word draft): so a new upload form is
    audited without its author remembering. Success redirects; a version conflict is a 409.
    """

    REFUSED_STATUSES = (400, 413)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and not getattr(response, "streaming", False) and self._refused(response):
            files = self._files(request)
            if files:
                from lscb import audit  # noqa: PLC0415

                audit.record_limited("security.upload.refused", request, status=response.status_code, files=files)
        return response

    def _refused(self, response):
        if response.status_code in self.REFUSED_STATUSES:
            return True
        return response.status_code == 200 and b"govuk-error-summary" in response.content

    @staticmethod
    def _files(request):
        try:
            uploaded = request.FILES
        except Exception:  # the body itself was refused (too big, malformed): no files to name
            return []
        return [
            {"field": field[:100], "name": str(f.name)[:200], "size": f.size}
            for field in list(uploaded)[:10]
            for f in uploaded.getlist(field)[:10]
        ]


class DuplicateSubmissionMiddleware:
    """Two submissions of the same thing at the same moment (a double click, two tabs): both
    pass the form's uniqueness check, one insert wins and the other hits the database's unique
    constraint. That one is told, with a 409 page, instead of a 500; nothing of it was saved
    (its transaction rolled back). Views should still turn this into a form error where they
    can; this is the net under every one of them."""

    UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE; SQLite says "UNIQUE constraint failed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import IntegrityError  # noqa: PLC0415
        from django.shortcuts import render  # noqa: PLC0415

        if request.method != "POST" or not isinstance(exception, IntegrityError):
            return None
        cause = exception.__cause__
        code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)  # psycopg 3 / psycopg2
        if code != self.UNIQUE_VIOLATION and "UNIQUE constraint" not in str(exception):
            return None
        from lscb import audit  # noqa: PLC0415

        audit.record_limited("security.duplicate.refused", request, method=request.method)
        return render(request, "409_duplicate.html", status=409)
