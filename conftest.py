"""Fixtures shared by every app's tests: personas on two boards, the Celery mode, the browser."""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from boards.choices import AgencySector, Role
from boards.tests.factories import AgencyFactory, BoardFactory, MembershipFactory, UserFactory, person_with_login
from lscb.testing import MFA_PERSONAS, give_totp_device, start_shifted_clock, totp_code, verify_session

# The test OpenID provider (npm oidc-provider) for single sign-on tests in any app:
# fixtures `oidc_provider_process` and `oidc_provider` (sso/tests/provider.py).
pytest_plugins = ["sso.tests.provider"]

# live_server runs the app in a thread while Playwright's sync API holds the event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"
CHROMIUM = os.environ.get("LSCB_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

_SHIFTED_TO = None


def pytest_configure(config):
    """make test-future: every process of the run (xdist workers too) starts with the clock moved."""
    global _SHIFTED_TO  # noqa: PLW0603
    _SHIFTED_TO = start_shifted_clock()


def pytest_report_header(config):
    if _SHIFTED_TO is not None:
        return f"clock shifted forward: tests start at {_SHIFTED_TO:%d %B %Y %H:%M} UTC"
    return None


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path_factory):
    """Private files (lscb.storage: review documents, rendered reports) go to a temporary folder, not ./var."""
    settings.PRIVATE_FILES_ROOT = tmp_path_factory.getbasetemp() / "private-files"


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Unit tests run tasks in-process; the worker tests start a real worker instead."""
    from lscb.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class World:
    """Two boards and a person in every role, as the permission matrix needs them."""

    board: object
    other_board: object
    agency: object
    other_agency: object
    foreign_agency: object
    users: dict

    def user(self, persona):
        return self.users.get(persona)


PERSONAS = (
    "business_manager",
    "chair",
    "agency_author",
    "other_agency_author",
    "subgroup_chair",
    "member",
    "other_board_member",
    "anonymous",
    "unverified_manager",
    "operator",
)


def _persona(board, username, role, agency=None):
    person = person_with_login(username, username.replace("_", " ").title(), password=PASSWORD)
    MembershipFactory(person=person, board=board, role=role, agency=agency, start_date=datetime.date(2020, 4, 1))
    return person.user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and before it is dropped: any session still connected to
    it (a thread or process of a test that has not yet let go) is named in a warning and ended,
    so the drop cannot fail with "database is being accessed by other users"."""
    yield
    import warnings  # noqa: PLC0415

    from django.db import connection  # noqa: PLC0415

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 120), pg_terminate_backend(pid)"
            " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for row in cursor.fetchall():
            warnings.warn(f"test database: ended a session left open: {row[:4]}", stacklevel=1)
    connection.close()


@pytest.fixture
def world(db):
    board = BoardFactory(slug="home-board", name="Home Safeguarding Children Partnership")
    other_board = BoardFactory(slug="other-board", name="Other Safeguarding Children Board")
    agency = AgencyFactory(board=board, name="Home Police", sector=AgencySector.POLICE, is_statutory_partner=True)
    other_agency = AgencyFactory(board=board, name="Home Children's Services", sector=AgencySector.CHILDRENS_SERVICES)
    foreign_agency = AgencyFactory(board=other_board, name="Other Police", sector=AgencySector.POLICE)
    users = {
        "business_manager": _persona(board, "business_manager", Role.BUSINESS_MANAGER),
        "chair": _persona(board, "chair", Role.CHAIR),
        "agency_author": _persona(board, "agency_author", Role.AGENCY_AUTHOR, agency),
        "other_agency_author": _persona(board, "other_agency_author", Role.AGENCY_AUTHOR, other_agency),
        "subgroup_chair": _persona(board, "subgroup_chair", Role.SUBGROUP_CHAIR),
        "member": _persona(board, "member", Role.MEMBER),
        "other_board_member": _persona(other_board, "other_board_member", Role.BUSINESS_MANAGER, None),
        "anonymous": None,
        # Signed in with a password only: two-factor sign-in not done (lscb/mfa.py).
        "unverified_manager": _persona(board, "unverified_manager", Role.BUSINESS_MANAGER),
        # The site operator: staff with an authenticator app, a member of no board.
        "operator": UserFactory(
            username="operator", first_name="Site", last_name="Operator", is_staff=True, password=PASSWORD
        ),
    }
    for persona in MFA_PERSONAS:
        give_totp_device(users[persona])
    return World(board, other_board, agency, other_agency, foreign_agency, users)


@pytest.fixture
def client_for(client, world):
    """A test client signed in as the named persona (or anonymous)."""

    def make(persona):
        client.logout()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
            if persona != "unverified_manager":
                verify_session(client, user)  # as if the person had entered their code
        return client

    return make


# --- Browser tests -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; flags for a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def axe_source():
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def axe_check(axe_source):
    """Run axe-core on the current page (WCAG 2.x A/AA incl. 2.2) and fail on any violation."""

    def check(page):
        page.wait_for_load_state()  # a click that submits a form may still be loading the next page
        # CSP forbids add_script_tag's inline script; evaluating the source is allowed.
        page.evaluate(axe_source)
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert violations == [], f"axe violations on {page.url}:\n" + "\n".join(violations)
        return result

    return check


@pytest.fixture
def sign_in(live_server):
    def do(page, username, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()  # not "Sign in with your organisation account"
        page.wait_for_load_state()
        if "/accounts/two-factor/" in page.url:  # managers and chairs: the code from their app
            from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            page.get_by_label("Code").fill(totp_code(device))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()

    return do


# --- A real Celery worker process ----------------------------------------------------------


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start `celery worker` as a separate process on the test database and real Redis.

    Needs PostgreSQL (the worker must see the test's committed rows) and REDIS_URL,
    as `make test` sets them. Yields the Celery app, switched to send through the broker.
    """
    import subprocess
    import sys
    import threading
    import time

    from django.db import connection

    from lscb.celery import app

    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "worker tests need REDIS_URL (run them with `make test`)"
    assert connection.vendor == "postgresql", "worker tests need DATABASE_URL on PostgreSQL (`make test`)"
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    # A queue of our own, so no other worker on this machine takes the test's tasks.
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            # `celery` itself, with the clock moved as in this process under make test-future.
            "from lscb.testing import start_shifted_clock; start_shifted_clock();"
            " from celery.__main__ import main; main()",
            "-A",
            "lscb",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        env={**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines, ready = [], threading.Event()

    def drain():  # keep reading so a full pipe never blocks the worker
        for line in process.stdout:
            lines.append(line)
            if " ready." in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        if not ready.wait(timeout=60):
            raise AssertionError("worker did not start:\n" + "".join(lines))
        app.worker_log = lines
        yield app
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        app.conf.task_default_queue = "celery"


# --- A real SMTP server on 127.0.0.1 (accounts: invitations, password reset) --------------


@dataclass
class Mailbox:
    """What the test SMTP server received, oldest first (email.message.EmailMessage objects)."""

    messages: list

    def last_to(self, address):
        for message in reversed(self.messages):
            if address.lower() in message["To"].lower():
                return message
        raise AssertionError(f"no e-mail to {address}; got {[m['To'] for m in self.messages]}")

    def link_in(self, message, path_start):
        """The first link in the message's text part whose path starts with `path_start`."""
        import re  # noqa: PLC0415

        body = message.get_body(preferencelist=("plain",)).get_content()
        for url in re.findall(r"https?://\S+", body):
            if path_start in url:
                return url
        raise AssertionError(f"no link with {path_start} in:\n{body}")


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on a free port of 127.0.0.1; Django's SMTP backend sends to it."""
    import email  # noqa: PLC0415
    import email.policy  # noqa: PLC0415
    import socket  # noqa: PLC0415

    from aiosmtpd.controller import Controller  # noqa: PLC0415

    received = Mailbox(messages=[])

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
            received.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield received
    finally:
        controller.stop()
