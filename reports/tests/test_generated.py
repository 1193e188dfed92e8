"""Generated sections: data apps' GENERATED dicts → data → template → HTML, with their source."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import sys
import types

import pytest
from django.urls import reverse

from reports import generated
from reports.choices import SectionKind
from reports.generated import GeneratedData, section_html
from reports.tests.factories import ReportSectionFactory, report_with_sections
from reports.tests.support_approval import fake_sources  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_registry_collects_the_modules_that_exist_and_skips_the_rest(monkeypatch):
    module = types.ModuleType("boards.report_data")
    module.GENERATED = {"budget": {"title": "Budget", "source": "s", "data": dict, "template": "t"}}
    monkeypatch.setitem(sys.modules, "boards.report_data", module)
    monkeypatch.setattr(generated, "SOURCE_MODULES", ("boards.report_data", "nowhere.report_data"))
    generated.registry.cache_clear()
    try:
        assert set(generated.registry()) == {"budget"}
    finally:
        generated.registry.cache_clear()


def test_a_broken_data_module_is_not_hidden(monkeypatch):
    """A module that exists but fails to import is a bug, not a missing app."""
    module_name = "reports.tests.broken_report_data_for_test"
    monkeypatch.setattr(generated, "SOURCE_MODULES", (module_name,))

    def broken_import(name):
        raise ModuleNotFoundError("No module named 'missing_dependency'", name="missing_dependency")

    monkeypatch.setattr(generated.importlib, "import_module", broken_import)
    generated.registry.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError):
            generated.registry()
    finally:
        generated.registry.cache_clear()


def test_a_generated_section_renders_its_data_with_the_apps_template(world, fake_sources):
    report = report_with_sections(world.board)
    section = ReportSectionFactory(report=report, key="case_reviews_learning", kind=SectionKind.GENERATED)
    data = GeneratedData(report)
    shown = data.section("case_reviews_learning")
    assert shown.available and shown.source.startswith("Case reviews recorded")
    assert "<li>Child A briefing: Hear the child&#x27;s voice</li>" in shown.html
    # The business manager's introduction comes before the generated markup it introduces.
    section.html = "<p>What changed in practice.</p>"
    html = str(section_html(data, section))
    assert html.index("What changed in practice.") < html.index("Child A briefing")


def test_section_html_sanitises_stored_narrative_and_keeps_the_generated_markup(world, fake_sources):
    report = report_with_sections(world.board)
    section = ReportSectionFactory(report=report, key="case_reviews_learning", kind=SectionKind.GENERATED)
    # Text saved before the sanitiser was tightened: stored as it came, never cleaned.
    section.html = '<p onclick="steal()">Learning.</p><script>steal()</script>'
    html = str(section_html(GeneratedData(report), section))
    assert "<li>Child A briefing: Hear the child&#x27;s voice</li>" in html
    assert "<p>Learning.</p>" in html
    assert "onclick" not in html and "<script" not in html


def test_data_is_computed_once_per_report_however_often_it_is_asked_for(world, fake_sources):
    report = report_with_sections(world.board)
    data = GeneratedData(report)
    data.section("case_reviews_learning")
    data.data("case_reviews_learning")
    data.section("case_reviews_learning")
    assert fake_sources["calls"] == [("case_reviews_learning", world.board.pk, 2025)]


def test_a_section_without_a_data_source_says_it_would_print_nothing(world, fake_sources):
    shown = GeneratedData(report_with_sections(world.board)).section("lado")
    assert not shown.available and "No data source" in shown.missing_reason and shown.html == ""


def test_the_review_page_shows_what_a_generated_section_will_print_and_its_source(world, client_for, fake_sources):
    report = report_with_sections(world.board)
    ReportSectionFactory(report=report, key="priorities_progress", kind=SectionKind.GENERATED, title="Priorities")
    page = client_for("business_manager").get(reverse("reports:report_review", args=[world.board.slug, report.pk]))
    text = page.content.decode()
    assert "Source: The business plan&#x27;s priorities and actions" in text
    assert "Little progress: Transitions to adult services" in text
