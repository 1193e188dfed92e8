"""Fuzzing every form with hypothesis: no input may give a 5xx.

Targets come from the permission matrix, so new pages are covered as they land: every POST row
(posted to as the first persona the row lets through), and every GET row whose page holds a
`<form method="post">` (its field names parsed from the HTML and posted back to the form's
action). Values: NUL bytes, huge strings, odd Unicode, bad dates, negative and enormous numbers,
lists where one value is expected. Every GET page has each of its query parameters fuzzed too
(`query_parameters`: found in its GET forms and in its view's `request.GET` uses and filter forms).
Used by lscb/tests/test_fuzz.py and bench/security_report.py.
"""

import inspect
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

PREFERRED_PERSONAS = (
    "business_manager",
    "chair",
    "agency_author",
    "other_agency_author",
    "subgroup_chair",
    "member",
    "other_board_member",
)
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
# Rows that end the session, which the next example would then not be signed in for.
NOT_FUZZED = {"logout"}

ODD_STRINGS = [
    "\x00",
    "a\x00b",
    "\u202e\u0644\u0627",  # right-to-left override + Arabic
    "\u200b\u200c\u200d\ufeff",  # zero-width characters
    "Z\u0351\u0358\u0362\u035d\u0361",  # combining marks
    "👩‍👩‍👧‍👦🏴󠁧󠁢󠁥󠁮󠁧󠁿",
    "𝕿𝖊𝖘𝖙",
    "\ud7ff\ue000\uffff",
    "' OR 1=1 --",
    "%00%0a%0d",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "${7*7}",
    "<script>alert(1)</script>",
    " ",
    "",
    "null",
    "None",
    "true",
    "[]",
    "{}",
]
BAD_NUMBERS = ["-1", "-999999999999", "0", "1e309", "NaN", "Infinity", "99999999999999999999999999", "0x1F", "1,5", "½"]
BAD_DATES = ["2025-02-30", "2025-13-01", "0000-00-00", "9999-12-31", "31/31/2031", "2025-02-29", "-2025-01-01", "today"]


# Each query parameter gets every one of these alone, whatever hypothesis draws.
QUERY_VALUES = [
    "\x00",
    "1\x00",
    "9999999999999999999999999",  # past any integer column (I6)
    "-9999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "é",
    "𝕿\u202e\u0644",
    "%00",
    "",
    " ",
    "2025-02-30",
    "../../../../etc/passwd",
    "x" * 5000,
]


def values():
    text = st.text(max_size=200)
    return st.one_of(
        text,
        st.sampled_from(ODD_STRINGS + BAD_NUMBERS + BAD_DATES),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.builds(lambda s, n: s * n, st.sampled_from(["x", "é", "\x00", "𝕿"]), st.integers(1, 100_000)),
        st.dates().map(str),
    )


# File inputs seen on each form's page (action URL -> field names): they are sent hostile files.
UPLOAD_FIELDS: dict = {}
# (name, content): what an attacker uploads instead of the CSV, PDF or Word file asked for.
HOSTILE_FILES = [
    ("empty.csv", b""),
    ("nul.csv", b"\x00" * 64),
    ("values.csv", b"reference,period_end,value,commentary\n\x00X,2025-06-30,1,\n"),
    ("huge.csv", b"reference,period_end,value,commentary\nX,2025-06-30,99999999999999999999999999,\n"),
    ("negative.csv", b"Agency,Status,Note\nHome Police,Present,-99999999999999999999\n"),
    ("latin1.csv", "Agency,Status,Note\nCaf\u00e9,Pr\u00e9sent,\u00e9\n".encode("latin-1")),
    ("é𝕿\u202e.csv", "reference,period_end,value,commentary\n𝕿,30/06/2025,½,\u202e\n".encode()),
    ("../../../etc/passwd.pdf", b"%PDF-1.7\n%%EOF\n"),
    ("evil.html", b"<html><script>alert(1)</script></html>"),
    ("not-a-zip.docx", b"PK\x03\x04" + b"\x00" * 100),
    ("x" * 400 + ".pdf", b"%PDF-1.7\n%%EOF\n"),
]


def upload_data():
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    return st.sampled_from(HOSTILE_FILES).map(lambda f: SimpleUploadedFile(f[0], f[1]))


def form_data():
    return st.one_of(values(), st.lists(values(), min_size=0, max_size=3))


class _FormParser(HTMLParser):
    """Names of the fields of each POST form on a page, with the form's action."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.get_forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "", "fields": set(), "files": False}
            if (attrs.get("method") or "get").lower() == "post":
                self.forms.append(self._current)
            else:
                self.get_forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select", "button"):
            name = attrs.get("name")
            if attrs.get("type") == "file":
                self._current["files"] = True
                if name:
                    self._current.setdefault("file_fields", set()).add(name)
            if name and name not in SKIPPED_FIELDS:
                self._current["fields"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_on(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def get_forms_on(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.get_forms


OUR_APPS = ("lscb", "boards", "subgroups", "reviews", "reports")
_GET_NAME = re.compile(r"""GET(?:\.get|\.getlist|\.pop)?[\(\[]\s*["']([\w-]+)["']""")
_GET_FORM = re.compile(r"\b(\w+Form)\(\s*(?:self\.)?(?:request\.GET|data\b)")


def query_parameters(url, html=""):
    """The query parameters the page at `url` reads: its GET forms' fields, the names its view
    (and our classes it inherits from) reads from `request.GET`, the fields of the filter forms
    it builds from `request.GET`, and `page` where it paginates."""
    from django.urls import resolve  # noqa: PLC0415

    func = resolve(url.split("?")[0]).func
    view = getattr(func, "view_class", None)
    if view is not None:
        sources = [c for c in view.__mro__ if c.__module__.split(".")[0] in OUR_APPS]
    else:
        sources = [inspect.unwrap(func)]
    names = set()
    for form in get_forms_on(html):
        names |= form["fields"]
    for obj in sources:
        try:
            source = inspect.getsource(obj)
        except (OSError, TypeError):
            continue
        names.update(_GET_NAME.findall(source))
        module = sys.modules.get(obj.__module__)
        for form_name in _GET_FORM.findall(source):
            form_class = getattr(module, form_name, None)
            names.update(getattr(form_class, "base_fields", {}))
    if view is not None:
        names.update(getattr(getattr(view, "filter_form_class", None), "base_fields", {}))
        if getattr(view, "paginate_by", None):
            names.add("page")
    return sorted(names - SKIPPED_FIELDS)


def persona_for(row):
    for persona in PREFERRED_PERSONAS:
        status = row.expect.get(persona)
        if status is not None and status < 400:
            return persona
    return None


def fuzz_rows(rows):
    """Rows worth fuzzing: POST rows, and GET rows (their page may hold a form)."""
    chosen, seen = [], set()
    for row in rows:
        if row.url_name in NOT_FUZZED or persona_for(row) is None or (row.url_name, row.method) in seen:
            continue
        seen.add((row.url_name, row.method))  # one row per page and method is enough
        chosen.append(row)
    return chosen


@dataclass
class FuzzStats:
    examples: int = 0
    forms: int = 0
    server_errors: list = field(default_factory=list)
    pages: int = 0  # GET pages whose query parameters were fuzzed
    parameters: int = 0
    queries: int = 0
    races: int = 0  # submissions posted twice at the same moment


def example_count(default=5):
    return int(os.environ.get("LSCB_FUZZ_EXAMPLES", default))


def targets_for(row, world, client_for):
    """(url, field names) to post to for this row: the row itself, or the forms on its page."""
    from django.urls import reverse  # noqa: PLC0415

    persona = persona_for(row)
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    if row.method == "post":
        names = set((row.data(world) if row.data else {}).keys())
        client = client_for(persona)
        page = client.get(url)
        if page.status_code == 200 and page.get("Content-Type", "").startswith("text/html"):
            for form in forms_on(page.content.decode(errors="replace")):
                if form["action"] in ("", url):
                    names |= form["fields"]
                    UPLOAD_FIELDS.setdefault(url, set()).update(form.get("file_fields", ()))
        return persona, [(url, sorted(names))]
    client = client_for(persona)
    page = client.get(url)
    if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
        return persona, []
    found = []
    for form in forms_on(page.content.decode(errors="replace")):
        action = form["action"] or url
        if not action.startswith("/") or action.startswith("/accounts/logout"):
            continue
        found.append((action, sorted(form["fields"])))
        UPLOAD_FIELDS.setdefault(action, set()).update(form.get("file_fields", ()))
    return persona, found


def _examples(max_examples):
    """Hypothesis settings for one target: reproducible, no example database, no deadline."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def fuzz_target(client_for, persona, url, names, stats, max_examples):
    """Post hypothesis-made values for `names` to `url`; record every 5xx (or exception)."""
    stats.forms += 1
    uploads = UPLOAD_FIELDS.get(url, set())
    fields = {name: (upload_data() if name in uploads else form_data()) for name in names} or {"field": form_data()}

    def post(data):
        stats.examples += 1
        client = client_for(persona)
        try:
            # A savepoint per example: one database error must not poison the next examples.
            with transaction.atomic():
                response = client.post(url, data)
            status = response.status_code
        except Exception as exc:  # an exception in a view is a 500 to a real user
            stats.server_errors.append((url, f"{exc.__class__.__name__}: {str(exc)[:200]}", _short(data)))
            return
        if status >= 500:
            stats.server_errors.append((url, status, _short(data)))

    _examples(max_examples)(given(st.fixed_dictionaries(fields))(post))()
    # Every hostile file at least once in each file input, whatever hypothesis drew.
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    for upload in sorted(uploads & set(names)):
        for file_name, content in HOSTILE_FILES:
            post({**{n: "" for n in names if n != upload}, upload: SimpleUploadedFile(file_name, content)})
    return stats


def fuzz_query(client, url, names, stats, max_examples):
    """GET `url` with each parameter set alone to every QUERY_VALUES value and twice over (a
    list), then hypothesis-made values for all of them at once; record every 5xx or exception."""
    stats.pages += 1
    stats.parameters += len(names)

    def get(params):
        stats.queries += 1
        try:
            with transaction.atomic():
                status = client.get(url, params).status_code
        except Exception as exc:  # an exception in a view is a 500 to a real user
            stats.server_errors.append((url, f"{exc.__class__.__name__}: {str(exc)[:200]}", _short(params)))
            return
        if status >= 500:
            stats.server_errors.append((url, status, _short(params)))

    for name in names:
        for value in QUERY_VALUES:
            get({name: value})
        get({name: ["1", "\x00"]})
    if not names:
        return stats

    @_examples(max_examples)
    @given(st.fixed_dictionaries({name: form_data() for name in names}))
    def run(params):
        get(params)

    run()
    return stats


def copy_of(data):
    """The same submission for another thread: an uploaded file is read afresh from its bytes."""
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    copied = {}
    for key, value in data.items():
        if hasattr(value, "read"):
            value.seek(0)
            value = SimpleUploadedFile(value.name, value.read(), getattr(value, "content_type", None))
        copied[key] = value
    return copied


def race(make_client, url, make_data, stats, times=2):
    """Post the same submission from `times` signed-in clients at the same moment (a double
    click, two tabs): each may be refused, none may be a 5xx. Needs a transactional test
    database (each thread has its own connection). `make_client` and `make_data` run in the
    thread: a client and an uploaded file are not shared between threads."""
    from django.db import connection  # noqa: PLC0415

    barrier = threading.Barrier(times)
    stats.forms += 1
    stats.races += 1

    def run():
        try:
            client, data = make_client(), make_data()
            barrier.wait(timeout=30)
            status = client.post(url, data).status_code
            if status >= 500:
                stats.server_errors.append((url, status, "posted twice at once"))
        except Exception as exc:  # an exception in a view is a 500 to a real user
            stats.server_errors.append((url, f"{exc.__class__.__name__}: {str(exc)[:200]}", "posted twice at once"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    stats.examples += times
    return stats


def write_stats(stats):
    """Append this test's figures to LSCB_FUZZ_STATS (JSON lines), for bench/security_report.py."""
    import json  # noqa: PLC0415

    path = os.environ.get("LSCB_FUZZ_STATS")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            line = {
                "examples": stats.examples,
                "forms": stats.forms,
                "query_pages": stats.pages,
                "query_parameters": stats.parameters,
                "queries": stats.queries,
                "races": stats.races,
                "errors": [str(e) for e in stats.server_errors],
            }
            out.write(json.dumps(line) + "\n")


def _short(data):
    return {k: (repr(v)[:60]) for k, v in data.items()}
