"""Sessions: a new key at sign-in, idle and absolute timeouts, ended on deactivation;
`check --deploy` clean in production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from conftest import PASSWORD
from lscb.models import AuditEntry

BASE_DIR = Path(__file__).resolve().parents[2]


def test_signing_in_gives_a_new_session_key(world, client):
    client.get(reverse("login"))
    session = client.session
    session["before"] = True
    session.save()
    key_before = session.session_key
    client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    assert client.session.session_key != key_before
    assert not Session.objects.filter(session_key=key_before).exists()


def test_idle_session_ends_after_the_idle_limit(world, client, settings):
    settings.SESSION_IDLE_SECONDS = 600
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    with time_machine.travel("2026-11-27 09:00:00+00:00", tick=False) as clock:
        client.post(reverse("login"), {"username": "member", "password": PASSWORD})
        assert client.get(dashboard).status_code == 200
        clock.shift(590)
        assert client.get(dashboard).status_code == 200  # activity resets the idle clock
        clock.shift(590)
        assert client.get(dashboard).status_code == 200
        clock.shift(601)
        response = client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(dashboard)["Location"].startswith(reverse("login"))
    assert AuditEntry.objects.filter(action="auth.session.expired", payload__reason="idle").exists()


def test_session_ends_at_the_absolute_limit_however_active(world, client, settings):
    settings.SESSION_IDLE_SECONDS = 600
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    with time_machine.travel("2026-11-27 09:00:00+00:00", tick=False) as clock:
        client.post(reverse("login"), {"username": "member", "password": PASSWORD})
        for _ in range(7):
            clock.shift(500)
            assert client.get(dashboard).status_code == 200
        clock.shift(200)  # 3,700 s after sign-in, 200 s after the last request
        response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert AuditEntry.objects.filter(action="auth.session.expired", payload__reason="absolute").exists()


def test_deactivating_a_user_ends_their_sessions(world, client):
    client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    member = world.user("member")
    assert Session.objects.count() == 1
    member.is_active = False
    member.save()
    assert Session.objects.count() == 0
    assert client.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})).status_code == 302
    assert AuditEntry.objects.filter(action="auth.sessions.ended").exists()


def production_env():
    # Not the test run's DJANGO_ALLOW_ASYNC_UNSAFE (conftest sets it for live_server).
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **base,
        "LSCB_PRODUCTION": "true",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "lscb.example.org",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/lscb-check.sqlite3"),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }


def run_check_deploy():
    """`manage.py check --deploy --fail-level WARNING` in production settings: (exit code, output)."""
    result = subprocess.run(  # noqa: S603 — fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_check_deploy_is_clean_in_production_settings():
    code, output = run_check_deploy()
    assert code == 0, output
    assert "no issues" in output


# The security headers of every page are checked in the permission matrix (every GET row, the
# business manager and every persona that gets a page): lscb/tests/test_permission_matrix.py.
