"""Ratchets that hold the redesign (docs: ../shared/docs/REDESIGN.md) in place.

Each rule has an allow-list of the places that broke it when the rule was written. The lists
may only shrink: a new offender fails, and so does a listed one that no longer offends (take
it off the list, so it cannot come back). When a list is empty the rule holds everywhere.
"""

import ast
import re
from collections import Counter
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from lscb.pages import BoardPage
from lscb.permissions import BoardView

ROOT = Path(__file__).resolve().parents[2]
APPS = ("boards", "subgroups", "reviews", "reports", "sso", "accounts", "assurance", "learning")
PACKAGES = ("lscb", *APPS)


def _runtime_files(*packages, suffix=".py"):
    """Files of the running app: tests and migrations excluded."""
    for package in packages:
        for path in sorted((ROOT / package).rglob(f"*{suffix}")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield path


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _name(path):
    return path.relative_to(ROOT).as_posix()


def _check(found, allowed, what):
    new = sorted(set(found) - set(allowed))
    assert not new, f"{what}, not on the allow-list: {new}"
    grown = sorted(place for place in found if place in allowed and found[place] > allowed[place])
    assert not grown, f"{what}, more than the allow-list says: {[(p, found[p], allowed[p]) for p in grown]}"
    gone = sorted(set(allowed) - set(found))
    fewer = sorted(place for place in found if place in allowed and found[place] < allowed[place])
    assert not gone and not fewer, f"fixed, so shrink the allow-list: {gone + [(p, found[p]) for p in fewer]}"


# (a) lscb is the ground floor: it imports no app. -----------------------------------------

LSCB_IMPORTS_AN_APP = {
    "lscb/management/commands/load_demo.py": 1,
    "lscb/mfa.py": 1,
    "lscb/models.py": 1,
    "lscb/permissions.py": 1,
    "lscb/tasks.py": 1,
    "lscb/xss.py": 1,
}


def test_lscb_imports_no_app():
    found = Counter(
        _name(path)
        for path in _runtime_files("lscb")
        if any(module.split(".")[0] in APPS for module in _imported_modules(path))
    )
    _check(found, LSCB_IMPORTS_AN_APP, "lscb modules that import an app")


# (b) Role names are tested only in permissions modules. -------------------------------------

ROLE_CHECK = re.compile(r"\.is_(business_manager|chair|agency_author|subgroup_chair)\b")
ROLE_CHECKS_OUTSIDE_PERMISSIONS = {}


def test_role_names_are_checked_only_in_permissions_modules():
    files = [*_runtime_files(*PACKAGES), *_runtime_files(*PACKAGES, suffix=".html")]
    files += sorted((ROOT / "templates").rglob("*.html"))
    found = Counter()
    for path in files:
        if path.name == "permissions.py":
            continue
        if count := len(ROLE_CHECK.findall(path.read_text(encoding="utf-8"))):
            found[_name(path)] = count
    _check(found, ROLE_CHECKS_OUTSIDE_PERMISSIONS, "role-name checks outside permissions modules")


# (c) Every guarded class-based page is built on the page kit. --------------------------------

NOT_YET_ON_THE_KIT = frozenset()


def _guarded_views(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _guarded_views(entry.url_patterns, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, BoardView):
                yield view_class


def test_every_guarded_page_is_built_on_the_page_kit():
    found = Counter(
        {
            f"{view.__module__}.{view.__qualname__}": 1
            for view in _guarded_views(get_resolver().url_patterns)
            if not issubclass(view, BoardPage)
        }
    )
    _check(found, dict.fromkeys(NOT_YET_ON_THE_KIT, 1), "guarded views that are not lscb.pages.BoardPage")


# (d) Nothing the app runs imports test code. ---------------------------------------------------

RUNTIME_IMPORTS_TESTS = {}


def test_no_runtime_module_imports_tests():
    found = Counter(
        _name(path)
        for path in _runtime_files(*PACKAGES)
        if any(".tests" in module or module.startswith("tests") for module in _imported_modules(path))
    )
    _check(found, RUNTIME_IMPORTS_TESTS, "runtime modules that import test code")


# (e) Breadcrumbs are built only by the page kit. ---------------------------------------------

BREADCRUMBS_OUTSIDE_THE_KIT = {}


def test_breadcrumbs_are_built_only_by_the_page_kit():
    found = Counter()
    for path in _runtime_files(*PACKAGES):
        if _name(path) == "lscb/pages.py":
            continue
        if count := len(re.findall(r"\bbreadcrumbs\s*=", path.read_text(encoding="utf-8"))):
            found[_name(path)] = count
    _check(found, BREADCRUMBS_OUTSIDE_THE_KIT, "breadcrumbs built outside lscb/pages.py")
