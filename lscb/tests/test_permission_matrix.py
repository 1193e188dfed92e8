"""The permission contract: every persona × every URL, and no URL outside the layer.

Rows come from each app's tests/matrix.py. A new URL pattern without rows, or a view not
guarded by lscb.permissions, fails here.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lscb.permissions import guard_of

APPS = ["lscb", "boards", "subgroups", "reviews", "reports", "sso", "accounts", "assurance", "learning"]
# Django internals with their own access rules, served outside our pages.
IGNORED_NAMESPACES = {"admin", "djdt"}
PUBLIC_ALLOWLIST = {
    "login",
    "logout",
    "healthz",
    "sso:start",
    "sso:callback",
    # The pages e-mailed links open (accounts/): the link's token is the key.
    "accounts:invitation_accept",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:email_change_confirm",
    # learning/: the attendee's one-time evaluation link (a hashed, expiring token; throttled).
    "evaluation_form",
}


def _rows():
    """ROWS from every `<app>/tests/matrix*.py` (an app may split its rows across modules)."""
    for app in APPS:
        tests = importlib.import_module(f"{app}.tests")
        for module in pkgutil.iter_modules(tests.__path__):
            if module.name.startswith("matrix"):
                yield from importlib.import_module(f"{app}.tests.{module.name}").ROWS


ROWS = list(_rows())


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in IGNORED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry.callback


URL_PATTERNS = list(_walk(get_resolver().url_patterns))


@pytest.mark.parametrize(("url_name", "callback"), URL_PATTERNS, ids=[name for name, _ in URL_PATTERNS])
def test_every_view_is_guarded_by_the_permission_layer(url_name, callback):
    guard = guard_of(callback)
    assert guard is not None, f"{url_name} is not guarded by lscb.permissions"
    kind, _capability = guard
    if kind == "public":
        assert url_name in PUBLIC_ALLOWLIST, f"{url_name} is public but not on the allowlist"
    if kind == "board":
        view_class = getattr(callback, "view_class", None)
        if view_class is not None:
            assert view_class.capability, f"{url_name} declares no capability"


@pytest.mark.parametrize(("url_name", "callback"), URL_PATTERNS, ids=[name for name, _ in URL_PATTERNS])
def test_every_url_has_rows_in_the_matrix(url_name, callback):
    assert any(row.url_name == url_name for row in ROWS), f"{url_name} has no row in the permission matrix"


class _Undo(Exception):
    """Raised to roll back one persona's request, so the next persona meets the same rows."""


# One test per row, looping over its personas: the world and the row's records are built once
# per row (392 builds, not one per persona), and each persona's request runs in a savepoint that
# is rolled back, so no persona sees another's changes. Every wrong persona is listed, one line
# each in the form bench/security_report.py reads: "persona METHOD url: expected X, got Y".
# The security headers are checked here too, on every page the row's GET returns.
@pytest.mark.parametrize("row", ROWS, ids=[str(row) for row in ROWS])
def test_permission_matrix(row, world, client_for, settings, record_property):
    record_property("personas", len(row.expect))  # bench/security_report.py counts the cases
    settings.SECURE_HSTS_SECONDS = 31536000  # production's HSTS, sent on the secure requests below
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    wrong = []
    for persona, expected in row.expect.items():
        try:
            with transaction.atomic():
                wrong += _check_persona(row, persona, expected, url, world, client_for(persona))
                raise _Undo
        except _Undo:
            pass
        except Exception as error:  # noqa: BLE001  # a 500 for one persona must not hide the others
            wrong.append(f"{persona} {row}: expected {expected}, raised {error.__class__.__name__}: {error}")
    assert not wrong, f"{len(wrong)} of {len(row.expect)} personas wrong on {url}:\n" + "\n".join(wrong)


def _check_persona(row, persona, expected, url, world, client):
    if row.method == "post":
        response = client.post(url, row.data(world) if row.data else {})
    else:
        response = client.get(url, secure=True)
    if response.status_code != expected:
        return [f"{persona} {row}: expected {expected}, got {response.status_code}"]
    problems = []
    location = response.get("Location", "")
    redirected_anonymous = persona == "anonymous" and expected == 302 and row.url_name not in PUBLIC_ALLOWLIST
    if redirected_anonymous and not location.startswith(reverse("login")):
        problems.append(f"{persona} {row}: sent to {location}, not the sign-in page")
    guarded_page = not row.url_name.startswith("mfa_") and row.url_name not in PUBLIC_ALLOWLIST
    # Not yet verified with a code: sent to two-factor sign-in, nothing else (lscb/mfa.py).
    redirected_unverified = persona == "unverified_manager" and expected == 302 and guarded_page
    if redirected_unverified and not location.startswith(reverse("mfa_verify")):
        problems.append(f"{persona} {row}: sent to {location}, not two-factor sign-in")
    if row.method == "get" and (persona == "business_manager" or response.status_code == 200):
        problems += [f"{persona} {row}: {problem}" for problem in security_header_problems(response)]
    return problems


def security_header_problems(response):
    """What is wrong with a page's security headers (HSTS as production sends it on HTTPS)."""
    problems = []
    csp = response.get("Content-Security-Policy", "")
    if not csp:
        problems.append("no Content-Security-Policy")
    elif "unsafe-inline" in csp or "unsafe-eval" in csp or "script-src 'self'" not in csp:
        problems.append(f"weak Content-Security-Policy: {csp}")
    if not response.get("Strict-Transport-Security", "").startswith("max-age=31536000"):
        problems.append(f"Strict-Transport-Security is {response.get('Strict-Transport-Security')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    if "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {response.get('Cache-Control')!r}")
    return problems
