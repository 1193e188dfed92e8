"""The executive summary / HWB highlight report, frozen in the revision's snapshot."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import pytest
from django.urls import reverse

from conftest import PASSWORD
from reports.services import approval as services
from reports.tests.factories import ReportSectionFactory, report_with_sections
from reports.tests.support_approval import access_for, fake_sources  # noqa: F401

pytestmark = pytest.mark.django_db


def _approved(world):
    report = report_with_sections(
        world.board, keys=("foreword", "priorities_progress", "case_reviews_learning"), agencies=[world.agency]
    )
    ReportSectionFactory(
        report=report,
        key="next_year",
        title="Priorities for next year",
        status="accepted",
        html="<ol><li>Ask the HWB to fund a transitions worker.</li></ol>",
    )
    services.send_to_chair(access_for(world, "business_manager"), report)
    report.refresh_from_db()
    return services.approve(access_for(world, "chair"), report, password=PASSWORD)


def test_the_summary_has_each_priority_with_a_paragraph_key_figures_and_recommendations(world, fake_sources):
    html = _approved(world).snapshot["executive_summary"]["html"]
    assert (
        "<h3>Neglect</h3>\n<p>Graded care profile used in every locality. Of 3 actions: 1 complete, 2 on track. "
        "Evidence of impact: Fewer repeat referrals. It supports the Health and Wellbeing strategy priority "
        "“Start well”.</p>"
    ) in html
    assert "<h3>Exploitation</h3>\n<p>No actions recorded.</p>" in html
    assert '<th scope="row">Case reviews open during the year</th><td class="num">1</td>' in html
    assert '<th scope="row">Actions completed</th><td class="num">12</td>' in html
    assert '<th scope="row">Business plan actions</th><td class="num">3</td>' in html
    assert '<th scope="row">Actions with little or no progress</th><td class="num">1</td>' in html
    assert '<th scope="row">Partner agencies that contributed a section</th><td class="num">1</td>' in html
    assert "Ask the HWB to fund a transitions worker." in html


def test_the_summary_is_frozen_with_the_revision(world, fake_sources, client_for):
    revision = _approved(world)
    fake_sources["priorities"] = [{"title": "A priority added later", "description": "x"}]
    page = client_for("member").get(reverse("reports:summary", args=[world.board.slug, revision.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Neglect" in text and "A priority added later" not in text
