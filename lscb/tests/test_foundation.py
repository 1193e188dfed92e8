import pytest
from django.db import connection
from django.urls import reverse

from lscb import audit
from lscb.models import AuditEntry, AuditLogIsAppendOnly


def test_wrong_password_shows_a_clear_error(client, world):
    response = client.post(reverse("login"), {"username": "member", "password": "not-it"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Please enter a correct username and password" in response.content
    assert AuditEntry.objects.filter(action="auth.login.failed", payload__username="member").count() == 1


def test_account_locks_after_five_wrong_passwords(client, world):
    for _ in range(5):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "member", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert b"Your account is locked" in response.content


def test_right_password_signs_in_and_is_audited(client, world):
    response = client.post(reverse("login"), {"username": "member", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="auth.login.succeeded", actor=world.user("member")).exists()


def test_unknown_url_gives_styled_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-frontend.min.css" in response.content


def test_server_error_gives_styled_500_without_traceback(client, settings):
    from lscb import views

    response = views.server_error(None)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Traceback" not in response.content


def test_other_boards_dashboard_is_a_404_not_a_403(client_for, world):
    response = client_for("other_board_member").get(reverse("boards:dashboard", args=[world.board.slug]))
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_healthz_reports_database_and_broker(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}  # tasks in-process: not said to anyone


def test_healthz_tells_only_a_site_operator_how_tasks_run(client, db):
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    client.force_login(get_user_model().objects.create_user("operator", is_staff=True))
    assert client.get(reverse("healthz")).json()["broker"] == "in-process (no broker configured)"


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_unreachable(client):
    """Point the connection at an address where no database answers: a real failed connect."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    # An in-memory SQLite test database vanishes if its connection closes: keep it aside.
    kept_aside = connection.connection if connection.vendor == "sqlite" else None
    connection.close()
    connection.connection = None
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-dir/db.sqlite3"
    else:
        settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        settings_dict.update(saved)
        connection.connection = kept_aside
    assert response.status_code == 503
    assert response.json()["database"] == "error"  # not the driver's exception class
    assert response.json()["database"].startswith("error")


def test_audit_entries_cannot_be_changed_or_deleted(world):
    entry = audit.record("test.thing.happened", actor=world.user("business_manager"), board=world.board)
    entry.action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.happened"


def test_authenticated_pages_carry_security_headers(client_for, world):
    response = client_for("business_manager").get(reverse("boards:dashboard", args=[world.board.slug]))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"


def test_audit_log_filters_by_action(client_for, world):
    audit.record("boards.agency.created", actor=world.user("business_manager"), board=world.board)
    audit.record("reports.section.submitted", actor=world.user("agency_author"), board=world.board)
    audit.record("boards.agency.created", board=world.other_board)
    response = client_for("business_manager").get(
        reverse("boards:audit_log", args=[world.board.slug]), {"action": "boards."}
    )
    entries = list(response.context["entries"])
    assert [e.action for e in entries] == ["boards.agency.created"]
    assert entries[0].board == world.board


def test_every_govuk_form_leaves_validation_to_the_server_and_its_error_summary():
    from django import forms
    from django.template import Context, Template

    from lscb.forms import GovukForm

    class Name(GovukForm):
        name = forms.CharField(label="Name")

    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": Name()}))
    assert "<form" in html and "novalidate" in html.split(">", 1)[0]


def form_nesting_depth(html):
    """The deepest nesting of <form> elements in a page (1: no form inside another)."""
    from html.parser import HTMLParser

    class Forms(HTMLParser):
        depth = deepest = 0

        def handle_starttag(self, tag, attrs):
            if tag == "form":
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag):
            if tag == "form":
                self.depth -= 1

    parser = Forms()
    parser.feed(html)
    return parser.deepest


def test_the_two_factor_and_retention_pages_have_no_form_inside_a_form(world, client, client_for):
    from conftest import PASSWORD

    client.post(reverse("login"), {"username": "unverified_manager", "password": PASSWORD})
    verify = client.get(reverse("mfa_verify")).content.decode()
    assert 'name="next"' in verify and 'name="code"' in verify
    assert form_nesting_depth(verify) == 1
    enrol = client_for("member").get(reverse("mfa_enrol")).content.decode()
    assert 'name="code"' in enrol and form_nesting_depth(enrol) == 1
    retention = client_for("business_manager").get(
        reverse("retention_edit", kwargs={"board_slug": world.board.slug, "record_class": "boards.meeting"})
    )
    assert 'name="years"' in retention.content.decode() and form_nesting_depth(retention.content.decode()) == 1
