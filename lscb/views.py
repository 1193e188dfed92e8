"""Project-wide views: home, sign-in, health check, audit log, error pages."""

from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from lscb.celery import app as celery_app
from lscb.models import AuditEntry
from lscb.permissions import BoardView, Capability, boards_for_user, login_view, public_view, record_refusal


@login_view
def home(request):
    """Straight to the dashboard of the user's only board; otherwise a choice of boards."""
    boards = list(boards_for_user(request.user))
    if len(boards) == 1:
        return redirect(boards[0].get_absolute_url())
    return render(request, "lscb/home.html", {"boards": boards})


login = public_view(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = public_view(auth_views.LogoutView.as_view())


@public_view
@never_cache
def healthz(request):
    """Database must answer (else 503); the broker is reported, not required."""
    status = {"database": "ok", "broker": "ok"}
    http_status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is unusable
        status["database"] = f"error: {exc.__class__.__name__}"
        http_status = 503
    status["broker"] = _broker_status()
    return JsonResponse(status, status=http_status)


def _broker_status():
    if celery_app.conf.task_always_eager:
        return "in-process (no broker configured)"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # reported, not fatal: pages work without the broker
        return f"unreachable: {exc.__class__.__name__}"


class AuditLogView(BoardView, ListView):
    """The board's audit log for the business manager, filterable by action and person."""

    capability = Capability.VIEW_AUDIT_LOG
    template_name = "lscb/audit_log.html"
    paginate_by = 50
    context_object_name = "entries"

    def get_queryset(self):
        entries = AuditEntry.objects.for_board(self.board).select_related("actor")
        action = self.request.GET.get("action", "").strip()
        person = self.request.GET.get("person", "").strip()
        if action:
            entries = entries.filter(action__startswith=action)
        if person:
            entries = entries.filter(actor_label__icontains=person)
        for name, lookup in (("from", "at__date__gte"), ("to", "at__date__lte")):
            day = _parse_day(self.request.GET.get(name, ""))
            if day is not None:
                entries = entries.filter(**{lookup: day})
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_filter"] = self.request.GET.get("action", "")
        context["person_filter"] = self.request.GET.get("person", "")
        context["from_filter"] = self.request.GET.get("from", "")[:10]
        context["to_filter"] = self.request.GET.get("to", "")[:10]
        return context


def _parse_day(value):
    """A yyyy-mm-dd date from a filter, or None for anything else (never an error page)."""
    import datetime  # noqa: PLC0415

    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request: whatever broke (the database, say) must not break this page too.
    return HttpResponseServerError(loader.get_template("500.html").render())


def permission_denied(request, exception):
    # Every refusal reaches here (the layer's capability check, a service's status rule, a
    # view's own check), so this is the one place it is audited.
    record_refusal(request)
    return render(request, "403.html", status=403)
