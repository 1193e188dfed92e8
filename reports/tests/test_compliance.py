"""The compliance panel: ✔/✖ per requirement of the report's framework, with a reason in plain words."""

# ruff: noqa: F811  (pytest fixtures imported from support_approval are parameters here)

import datetime

import pytest
from django.urls import reverse

from reports.choices import FrameworkCode, SectionKind, SectionStatus
from reports.compliance import Compliance
from reports.models import Distribution, DistributionRecipient, ReportPublication, StatutoryFramework
from reports.services.approval import ensure_default_recipients
from reports.tests.factories import ReportRevisionFactory, report_with_sections
from reports.tests.support_approval import fake_sources, frameworks  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frameworks")]

ALL_KEYS = (
    "foreword",
    "about_the_board",
    "membership_attendance",
    "subgroups",
    "case_reviews_learning",
    "priorities_progress",
    "scorecard",
    "quality_assurance",
    "voice_of_children",
    "training",
    "budget",
)


def _report(world, framework=FrameworkCode.WT2023, **kwargs):
    return report_with_sections(
        world.board,
        keys=ALL_KEYS,
        agencies=[world.agency],
        framework=StatutoryFramework.objects.get(code=framework),
        **kwargs,
    )


def _check(compliance, code):
    return next(c for c in compliance.checks if c.requirement.code == code)


def test_a_complete_report_meets_every_content_requirement(world, fake_sources):
    compliance = Compliance(_report(world))
    assert compliance.unmet_musts == [
        c for c in compliance.before_approval if c.requirement.code == "agreed-by-lead-partners"
    ]
    assert _check(compliance, "review-recommendations").reason == (
        "lessons from reviews in the period: learning points recorded, 1 learning product issued"
    )
    assert _check(compliance, "little-or-no-progress").met


def test_no_lessons_from_reviews_in_the_period(world, fake_sources):
    fake_sources["reviews"] = []
    check = _check(Compliance(_report(world, framework=FrameworkCode.LSCB_WT2015)), "lessons-from-reviews")
    assert not check.met and check.reason == "no lessons from reviews in the period"


def test_no_areas_of_little_or_no_progress_recorded(world, fake_sources):
    fake_sources["little_or_no_progress"] = []
    check = _check(Compliance(_report(world)), "little-or-no-progress")
    assert not check.met and check.reason == "no areas of little or no progress recorded"


def test_a_section_not_accepted_is_named(world, fake_sources):
    report = _report(world)
    report.sections.filter(key="voice_of_children").update(status=SectionStatus.SUBMITTED)
    check = _check(Compliance(report), "feedback-from-children")
    assert not check.met
    assert check.reason == "section “Voice of children” not accepted (submitted)"


def test_a_missing_section_is_named_by_its_default_title(world, fake_sources):
    report = _report(world)
    report.sections.filter(key="quality_assurance").delete()
    check = _check(Compliance(report), "independent-scrutiny")
    assert not check.met and "no “Quality assurance: multi-agency audits and Section 11” section" in check.reason


def test_without_a_case_review_data_source_the_panel_says_so(world, monkeypatch):
    monkeypatch.setattr("reports.generated.registry", dict)
    check = _check(Compliance(_report(world)), "review-recommendations")
    assert not check.met and check.reason == "no case review data available to the report yet"


def test_partner_contributions_need_an_accepted_agency_section(world, fake_sources):
    report = _report(world)
    report.sections.filter(kind=SectionKind.AGENCY).update(status=SectionStatus.RETURNED)
    assert "not accepted" in _check(Compliance(report), "partner-contributions").reason
    report.sections.filter(kind=SectionKind.AGENCY).delete()
    assert _check(Compliance(report), "partner-contributions").reason == "no partner agency contribution in the report"


def test_distribution_to_the_hwb_chair_not_recorded_then_recorded(world, fake_sources):
    report = _report(world, framework=FrameworkCode.LSCB_WT2015, status="approved")
    check = _check(Compliance(report), "sent-hwb-chair")
    assert not check.met and check.reason == "distribution to the Chair of the Health and Wellbeing Board not recorded"
    ensure_default_recipients(world.board)
    revision = ReportRevisionFactory(report=report)
    Distribution.objects.create(
        report=report,
        revision=revision,
        recipient=DistributionRecipient.objects.get(board=world.board, code="hwb-chair"),
        sent_on=datetime.date(2026, 7, 1),
    )
    check = _check(Compliance(report), "sent-hwb-chair")
    assert check.met and check.reason == "sent to the Chair of the Health and Wellbeing Board on 1 July 2026"


def test_the_panel_copy_is_late_after_seven_days_from_publication(world, fake_sources):
    report = _report(world, status="published")
    ensure_default_recipients(world.board)
    revision = ReportRevisionFactory(report=report)
    panel = DistributionRecipient.objects.get(board=world.board, code="national-panel")
    Distribution.objects.create(report=report, revision=revision, recipient=panel, sent_on=datetime.date(2026, 7, 10))
    assert _check(Compliance(report), "sent-national-panel").reason.endswith("publication date is not recorded")
    ReportPublication.objects.create(report=report, revision=revision, published_on=datetime.date(2026, 7, 1))
    check = _check(Compliance(report), "sent-national-panel")
    assert not check.met and check.reason == (
        "sent to the Child Safeguarding Practice Review Panel 9 days after publication (must be within 7 days)"
    )


def test_the_period_is_checked_against_the_due_date(world):
    report = _report(world, due_date=datetime.date(2027, 6, 1))
    check = _check(Compliance(report), "published-every-12-months")
    assert not check.met and "more than 12 months" in check.reason
    report.due_date = datetime.date(2026, 9, 30)
    assert _check(Compliance(report), "published-every-12-months").reason == "covers 1 April 2025 to 31 March 2026"


def test_the_overview_shows_the_panel_to_the_business_manager(world, client_for, fake_sources):
    fake_sources["reviews"] = []
    report = _report(world)
    page = client_for("business_manager").get(reverse("reports:report_detail", args=[world.board.slug, report.pk]))
    text = page.content.decode()
    assert "Statutory requirements: Working Together to Safeguard Children 2023" in text
    assert "No lessons from reviews in the period" in text
    assert "Distribution to the Child Safeguarding Practice Review Panel not recorded" in text


def test_foundations_is_named_without_an_article(world):
    check = _check(Compliance(_report(world)), "sent-foundations")
    assert check.reason == "distribution to Foundations not recorded"
