"""Fuzzing every form with hypothesis: no input may give a 5xx.

Targets come from the permission matrix, so new pages are covered as they land: every POST row
(posted to as the first persona the row lets through), and every GET row whose page holds a
`<form method="post">` (its field names parsed from the HTML and posted back to the form's
action). Values: NUL bytes, huge strings, odd Unicode, bad dates, negative and enormous numbers,
lists where one value is expected. Used by lscb/tests/test_fuzz.py and bench/security_report.py.
"""

import os
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


def values():
    text = st.text(max_size=200)
    return st.one_of(
        text,
        st.sampled_from(ODD_STRINGS + BAD_NUMBERS + BAD_DATES),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.builds(lambda s, n: s * n, st.sampled_from(["x", "é", "\x00", "𝕿"]), st.integers(1, 100_000)),
        st.dates().map(str),
    )


def form_data():
    return st.one_of(values(), st.lists(values(), min_size=0, max_size=3))


class _FormParser(HTMLParser):
    """Names of the fields of each POST form on a page, with the form's action."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._current = {"action": attrs.get("action") or "", "fields": set(), "files": False}
                self.forms.append(self._current)
            else:
                self._current = None
        elif self._current is not None and tag in ("input", "textarea", "select", "button"):
            name = attrs.get("name")
            if attrs.get("type") == "file":
                self._current["files"] = True
            if name and name not in SKIPPED_FIELDS:
                self._current["fields"].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_on(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


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
    return persona, found


def fuzz_target(client_for, persona, url, names, stats, max_examples):
    """Post hypothesis-made values for `names` to `url`; record every 5xx (or exception)."""
    stats.forms += 1
    fields = {name: form_data() for name in names} if names else {"field": form_data()}

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries(fields))
    def run(data):
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

    run()
    return stats


def write_stats(stats):
    """Append this test's figures to LSCB_FUZZ_STATS (JSON lines), for bench/security_report.py."""
    import json  # noqa: PLC0415

    path = os.environ.get("LSCB_FUZZ_STATS")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            line = {"examples": stats.examples, "forms": stats.forms, "errors": [str(e) for e in stats.server_errors]}
            out.write(json.dumps(line) + "\n")


def _short(data):
    return {k: (repr(v)[:60]) for k, v in data.items()}
