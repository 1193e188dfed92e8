"""The test OpenID provider (sso/tests/oidc_provider.mjs, npm oidc-provider) as pytest fixtures,
and a person signing in at it (its own login page) with `requests`, as a browser would."""

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

SCRIPT = Path(__file__).resolve().parent / "oidc_provider.mjs"
ROOT = SCRIPT.parents[2]
CLIENT_ID = "lscb"
SHORT_LIVED_CLIENT_ID = "lscb-short-lived"  # its id_tokens live one second
CLIENT_SECRET = "test-client-secret-of-enough-length"
PASSWORD = "provider-pass"

# The provider's accounts: login -> claims (and "amr": how the login was made).
ACCOUNTS = {
    "author": {"email": "author@home-police.example", "email_verified": True, "name": "Agency Author"},
    "manager-mfa": {
        "email": "manager@home-council.example",
        "email_verified": True,
        "amr": ["pwd", "mfa"],
        "name": "Business Manager",
    },
    "manager-pwd": {"email": "manager@home-council.example", "email_verified": True, "amr": ["pwd"]},
    "unverified": {"email": "author@home-police.example", "email_verified": False},
    "domain-owner-verified": {"email": "author@home-police.example", "xms_edov": True},
    "stranger": {"email": "stranger@home-police.example", "email_verified": True},
    "elsewhere": {"email": "member@elsewhere.example", "email_verified": True},
    "no-email": {"name": "Nobody"},
}


def _clock_offset_ms():
    """How far this process's clock is moved (make test-future): the provider's moves as far."""
    try:
        from time_machine import escape_hatch  # noqa: PLC0415

        real = escape_hatch.time.time() if escape_hatch.is_travelling() else time.time()
    except ImportError:
        real = time.time()
    return int((time.time() - real) * 1000)


@pytest.fixture(scope="session")
def oidc_provider_process():
    """The provider, started once per test session on a free port of 127.0.0.1; yields its issuer."""
    node = shutil.which("node")
    assert node, "the single sign-on tests need Node.js (node) to run the test OpenID provider"
    env = {
        **os.environ,
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
        "OIDC_CLOCK_OFFSET_MS": str(_clock_offset_ms()),
        "NODE_PATH": str(ROOT / "node_modules"),
    }
    process = subprocess.Popen(
        [node, str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines, ready = [], threading.Event()
    issuer = []

    def drain():  # keep reading so a full pipe never blocks the provider
        for line in process.stdout:
            lines.append(line)
            if line.startswith("listening "):
                issuer.append(line.split()[1])
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        if not ready.wait(timeout=30):
            raise AssertionError("the test OpenID provider did not start:\n" + "".join(lines))
        yield issuer[0]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def oidc_provider(oidc_provider_process, settings):
    """This deployment configured for the test provider; yields its issuer."""
    from django.core.cache import cache  # noqa: PLC0415

    settings.SSO_ISSUER = oidc_provider_process
    settings.SSO_CLIENT_ID = CLIENT_ID
    settings.SSO_CLIENT_SECRET = CLIENT_SECRET
    settings.SSO_DISCOVERY_URL = ""
    cache.clear()  # the discovery document, the audit rate limits
    yield oidc_provider_process
    cache.clear()


def sign_in_at_provider(authorize_url, login, password=PASSWORD):
    """Follow the authorisation request to the provider, sign in on its login page, and return
    the URL it sends the browser back to (our callback, with code and state)."""
    browser = requests.Session()
    url, method, data = authorize_url, "get", None
    for _ in range(20):
        response = browser.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url, method, data = urljoin(url, response.headers["Location"]), "get", None
            if urlsplit(url).path.endswith("/accounts/sso/callback/"):
                return url
            continue
        assert response.status_code == 200, f"{response.status_code} from the provider: {response.text[:300]}"
        assert 'name="login"' in response.text, f"not the provider's login page: {response.text[:300]}"
        action = response.text.split('action="', 1)[1].split('"', 1)[0]
        url, method, data = urljoin(url, action), "post", {"login": login, "password": password}
    raise AssertionError("the provider never sent the browser back")


@pytest.fixture
def sign_in_with_organisation_account(live_server, oidc_provider):
    """In the browser: the sign-in page's organisation-account button, then the test provider's
    own login page as `login` (an account of ACCOUNTS); ends wherever the app sends the person."""

    def do(page, login, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name="Sign in with your organisation account").click()
        page.get_by_label("Account name").fill(login)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()

    return do
