"""Generated report sections: data from the board's records for the financial year → template → HTML.

The data apps offer GENERATED dicts (CONTRACTS.md, "Generated report sections"); this module
collects them — a module not there yet simply offers nothing — and renders the section of a
report whose key matches. The data apps never import reports.
"""

import importlib
import logging
from dataclasses import dataclass, field
from functools import cache

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lscb.sanitise import clean_html
from reports.choices import SectionKind

logger = logging.getLogger(__name__)

SOURCE_MODULES = (
    "boards.report_data",
    "boards.report_data_plan",
    "subgroups.report_data",
    "reviews.report_data",
    "reports.report_data",
    "assurance.report_data",
    "learning.report_data",
)


@cache
def registry() -> dict:
    """key → {"title", "source", "data", "template"} from every data app that offers one."""
    found = {}
    for name in SOURCE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only the module itself (or its app) missing means "not offered yet"; a module that
            # exists but fails on its own imports is a real bug and must not be hidden.
            if not exc.name or not (name == exc.name or name.startswith(exc.name + ".")):
                raise
            continue
        found.update(getattr(module, "GENERATED", {}))
    return found


@dataclass
class GeneratedSection:
    """What a generated section will print, and where its data comes from."""

    key: str
    title: str = ""
    source: str = ""
    data: dict = field(default_factory=dict)
    html: str = ""
    available: bool = True

    @property
    def missing_reason(self):
        return "" if self.available else "No data source offers this section yet, so it would print nothing."


class GeneratedData:
    """The generated data of one report, computed once per request however many pages ask for it
    (the overview, the compliance panel, the snapshot)."""

    def __init__(self, report):
        self.report = report
        self._data = {}
        self._sections = {}

    def data(self, key) -> dict | None:
        """The data dict of `key` for the report's board and year, or None if no app offers it."""
        if key not in self._data:
            spec = registry().get(key)
            self._data[key] = None if spec is None else spec["data"](self.report.board, self.report.financial_year)
        return self._data[key]

    def section(self, key) -> GeneratedSection:
        if key not in self._sections:
            spec = registry().get(key)
            if spec is None:
                self._sections[key] = GeneratedSection(key=key, available=False)
            else:
                data = self.data(key)
                # Templates render only the data dict (no queries); the HTML is the app's own markup.
                html = render_to_string(spec["template"], {"data": data})
                self._sections[key] = GeneratedSection(
                    key=key,
                    title=spec["title"],
                    source=spec["source"],
                    data=data,
                    html=mark_safe(html),  # noqa: S308  # nosec: B308, B703
                )
        return self._sections[key]


def section_html(generated: GeneratedData, section) -> str:
    """The HTML a section prints: the business manager's introduction (its narrative text),
    sanitised again here as on every page (|rich_text), so text saved before the sanitiser was
    tightened follows today's rule too; then the generated markup (if any, from our own templates).
    The introduction comes first: it tells the reader what the tables below show."""
    if section.kind != SectionKind.GENERATED:
        return mark_safe(clean_html(section.html) if section.html else "")  # noqa: S308 (nh3-cleaned)  # nosec: B308, B703
    parts = []
    if section.html:
        parts.append(f'<div class="lscb-introduction">{clean_html(section.html)}</div>')
    parts.append(str(generated.section(section.key).html))
    return mark_safe("".join(parts))  # noqa: S308 (template output + nh3-cleaned text)  # nosec: B308, B703
