"""The permission contract: every persona × every URL, and no URL outside the layer.

Rows come from each app's tests/matrix.py. A new URL pattern without rows, or a view not
guarded by lscb.permissions, fails here.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lscb.permissions import guard_of

APPS = ["lscb", "boards", "subgroups", "reviews", "reports"]
# Django internals with their own access rules, served outside our pages.
IGNORED_NAMESPACES = {"admin", "djdt"}
PUBLIC_ALLOWLIST = {"login", "logout", "healthz"}


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


CASES = [(row, persona) for row in ROWS for persona in row.expect]


@pytest.mark.parametrize(("row", "persona"), CASES, ids=[f"{row}-{persona}" for row, persona in CASES])
def test_permission_matrix(row, persona, world, client_for):
    client = client_for(persona)
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    if row.method == "post":
        response = client.post(url, row.data(world) if row.data else {})
    else:
        response = client.get(url)
    assert response.status_code == row.expect[persona], (
        f"{persona} {row}: expected {row.expect[persona]}, got {response.status_code}"
    )
    if persona == "anonymous" and row.expect[persona] == 302 and row.url_name not in PUBLIC_ALLOWLIST:
        assert response["Location"].startswith(reverse("login"))
    guarded_page = not row.url_name.startswith("mfa_") and row.url_name not in PUBLIC_ALLOWLIST
    if persona == "unverified_manager" and row.expect[persona] == 302 and guarded_page:
        # Not yet verified with a code: sent to two-factor sign-in, nothing else (lscb/mfa.py).
        assert response["Location"].startswith(reverse("mfa_verify")), response["Location"]
