"""Project-wide views: home, sign-in, health check, audit log, error pages."""

from urllib.parse import urlsplit

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache

from lscb.celery import app as celery_app
from lscb.forms import AuditLogFilterForm
from lscb.models import AuditEntry
from lscb.pages import ListPage
from lscb.permissions import (
    BoardSuspended,
    Capability,
    boards_for_user,
    login_view,
    public_view,
    record_refusal,
)


@login_view
def home(request):
    """Straight to the dashboard of the user's only board; otherwise a choice of boards."""
    boards = list(boards_for_user(request.user))
    if len(boards) == 1:
        return redirect(boards[0].get_absolute_url())
    return render(request, "lscb/home.html", {"boards": boards})


class SignInView(auth_views.LoginView):
    """Django's sign-in page; a signed-in person is sent on to `next`, or home when `next` is the
    sign-in page itself (Django would raise "redirection loop" there: a 500)."""

    redirect_authenticated_user = True

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if urlsplit(url).path == self.request.path else url


login = public_view(SignInView.as_view())
logout = public_view(auth_views.LogoutView.as_view())


@public_view
@never_cache
def healthz(request):
    """Database must answer (else 503); the broker is reported, not required. Only a site
    operator (staff) is told how tasks run and which error a failure was: to anyone else,
    "ok", "error" or "unreachable" is enough, and says nothing about the installation."""
    detail = request.user.is_authenticated and request.user.is_staff
    status = {"database": "ok", "broker": "ok"}
    http_status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is unusable
        status["database"] = f"error: {exc.__class__.__name__}" if detail else "error"
        http_status = 503
    status["broker"] = _broker_status(detail)
    return JsonResponse(status, status=http_status)


def _broker_status(detail):
    if celery_app.conf.task_always_eager:
        return "in-process (no broker configured)" if detail else "ok"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # reported, not fatal: pages work without the broker
        return f"unreachable: {exc.__class__.__name__}" if detail else "unreachable"


class AuditLogView(ListPage):
    """The board's audit log for the business manager, filterable by action, person and dates.
    A filter that is no filter is said so above the boxes and ignored (lscb.forms.AuditLogFilterForm)."""

    capability = Capability.VIEW_AUDIT_LOG
    template_name = "lscb/audit_log.html"
    title = "Audit log"
    filter_form_class = AuditLogFilterForm
    paginate_by = 50

    def filter_form_kwargs(self):
        return {}

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = AuditLogFilterForm(self.request.GET)  # bound even when empty: no filter
        return self._filter_form

    def get_context_data(self, **kwargs):
        entries = self.paginate(self.filtered(AuditEntry.objects.for_board(self.board).select_related("actor")))
        context = super().get_context_data(**kwargs)
        form = self.get_filter_form()
        # The boxes show what was typed, less anything that cannot be shown (a NUL byte).
        typed = {name: self.request.GET.get(name, "").replace("\x00", "") for name in form.fields}
        context.update(
            entries=entries.object_list,
            filter_errors=[(name, f"{form[name].label}: {errors[0]}") for name, errors in form.errors.items()],
            action_filter=typed["action"][:100],
            person_filter=typed["person"][:150],
            from_filter=typed["from"][:10],
            to_filter=typed["to"][:10],
        )
        return context


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request: whatever broke (the database, say) must not break this page too.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: a forged cross-site request, or a page left open
    past its session. Audited (at most once a minute per person or address); the person is told
    to go back and try again, not shown Django's debugging page."""
    from lscb import audit  # noqa: PLC0415

    audit.record_limited("security.csrf.rejected", request, reason=str(reason)[:200], method=request.method)
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception):
    # Every refusal reaches here (the layer's capability check, a service's status rule, a
    # view's own check), so this is the one place it is audited.
    record_refusal(request)
    if isinstance(exception, BoardSuspended):
        return render(request, "lscb/board_suspended.html", {"suspended_board": exception.board}, status=403)
    return render(request, "403.html", status=403)
