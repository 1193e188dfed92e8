"""The report's generated quality-assurance section and the compliance row that reads it."""

import datetime
from importlib import import_module

import pytest

from assurance.choices import ActionStatus, ReturnStatus
from assurance.report_data import quality_assurance_section
from assurance.tests.factories import CycleFactory, make_action, make_return
from boards.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _cycles(world):
    """2024/25: two agencies, one met everything; 2025/26: three invited, two returned and moderated."""
    health = AgencyFactory(board=world.board, name="Home Health")
    last = CycleFactory(
        board=world.board,
        title="Section 11 audit 2024",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    make_return(last, world.agency, status=ReturnStatus.CLOSED, rating="not_met")
    make_return(last, world.other_agency, status=ReturnStatus.CLOSED, rating="met")
    this = CycleFactory(board=world.board, title="Section 11 audit 2025")
    police = make_return(this, world.agency, status=ReturnStatus.MODERATED, rating="met")
    make_return(this, world.other_agency, status=ReturnStatus.MODERATED, rating="met")
    make_return(this, health)  # not returned
    # Moderation lowered the police's rating of standard 5.
    police.answers.filter(standard__number=5).update(agreed_rating="partly_met")
    make_action(police)
    make_action(police, status=ActionStatus.DONE)
    # Another board's cycle of the same year counts nowhere here.
    make_return(
        CycleFactory(board=world.other_board), world.foreign_agency, status=ReturnStatus.SUBMITTED, rating="met"
    )
    return this


def test_the_section_shows_returns_percent_met_and_change_on_last_cycle(world, django_assert_max_num_queries):
    _cycles(world)
    with django_assert_max_num_queries(6):  # cycles, earlier cycles, answers, audits, surveys, scrutiny
        data = quality_assurance_section(world.board, 2025)
    assert (data["returns_expected"], data["returns_received"], data["returns_moderated"]) == (3, 2, 2)
    assert (data["actions_open"], data["actions_done"]) == (1, 1)
    [cycle] = data["cycles"]
    by_number = {s["number"]: s for s in cycle["per_standard"]}
    assert by_number[1]["percent_met"] == 100 and by_number[1]["change"] == 50
    assert by_number[5]["percent_met"] == 50 and by_number[5]["change"] == 0
    assert cycle["ratings_changed_at_moderation"] == 1
    assert cycle["distribution"] == [
        {"label": "Met", "count": 15},
        {"label": "Partly met", "count": 1},
        {"label": "Not met", "count": 0},
    ]
    assert cycle["key_findings"] == [
        "5. Safeguarding training, supervision and support for all staff who work with children: met by 1 of 2 agencies"
    ]


def test_the_section_renders_the_figures(world):
    from django.template.loader import render_to_string  # noqa: PLC0415

    _cycles(world)
    html = render_to_string(
        "assurance/report/_quality_assurance.html", {"data": quality_assurance_section(world.board, 2025)}
    )
    assert "received 2 of 3 self-assessment returns" in html
    assert "+50 points" in html


def test_the_compliance_row_reads_the_records(world):
    from django.apps import apps  # noqa: PLC0415

    from reports.choices import FrameworkCode, SectionStatus  # noqa: PLC0415
    from reports.compliance import Compliance  # noqa: PLC0415
    from reports.models import StatutoryFramework  # noqa: PLC0415
    from reports.tests.factories import report_with_sections  # noqa: PLC0415

    import_module("reports.migrations.0004_frameworks_data").load(apps, None)
    import_module("reports.migrations.0012_quality_assurance_rule").load(apps, None)
    report = report_with_sections(
        world.board,
        keys=("quality_assurance",),
        agencies=[],
        framework=StatutoryFramework.objects.get(code=FrameworkCode.WT2023),
        financial_year=2025,
    )
    report.sections.update(status=SectionStatus.ACCEPTED)

    def check():
        compliance = Compliance(report)
        return next(c for c in compliance.checks if c.requirement.code == "quality-assurance-records")

    assert check().reason == "no self-assessment cycle covered the year"
    _cycles(world)
    result = check()
    assert result.met
    assert result.reason == "2 of 3 returns received, 2 moderated; 1 actions open, 1 done"


def test_the_independent_scrutiny_row_reads_the_scrutineers_findings(world):
    from django.apps import apps  # noqa: PLC0415

    from assurance.models import ScrutinyActivity  # noqa: PLC0415
    from reports.choices import FrameworkCode, SectionStatus  # noqa: PLC0415
    from reports.compliance import Compliance  # noqa: PLC0415
    from reports.models import StatutoryFramework  # noqa: PLC0415
    from reports.tests.factories import report_with_sections  # noqa: PLC0415

    import_module("reports.migrations.0004_frameworks_data").load(apps, None)
    import_module("reports.migrations.0012_quality_assurance_rule").load(apps, None)
    report = report_with_sections(
        world.board,
        keys=("quality_assurance",),
        agencies=[],
        framework=StatutoryFramework.objects.get(code=FrameworkCode.WT2023),
        financial_year=2025,
    )
    report.sections.update(status=SectionStatus.ACCEPTED)

    def check():
        return next(c for c in Compliance(report).checks if c.requirement.code == "independent-scrutiny")

    assert check().reason == "no findings of independent scrutiny recorded for the year"
    ScrutinyActivity.objects.create(
        board=world.board,
        plan_year=2025,
        title="Deep dive",
        method="deep_dive",
        findings="Late health information.",
        partners_response="Agreed.",
    )
    ScrutinyActivity.objects.create(board=world.board, plan_year=2025, title="Planned", method="observation")
    ScrutinyActivity.objects.create(
        board=world.other_board, plan_year=2025, title="Theirs", method="audit", findings="x"
    )
    assert check().met
    assert check().reason == "1 finding of independent scrutiny, 1 with the partners' response"


def test_completed_audits_and_a_reaudit_appear_with_gradings_and_findings(world, django_assert_max_num_queries):
    from assurance.models import Finding  # noqa: PLC0415
    from assurance.tests.factories import make_audit  # noqa: PLC0415

    agencies = [world.agency, world.other_agency]
    first = make_audit(
        world.board,
        agencies,
        title="Neglect audit",
        status="completed",
        grades=[["good", "inadequate"], ["requires_improvement", "inadequate"]],
    )
    again = make_audit(
        world.board,
        agencies,
        title="Neglect re-audit",
        status="completed",
        reaudit_of=first,
        grades=[["good", "good"], ["outstanding", "requires_improvement"]],
    )
    Finding.objects.create(audit=again, kind="strength", theme="Voice", text="Children were seen alone.")
    Finding.objects.create(
        audit=again, kind="development", theme="Tools", text="The graded care profile is rarely used."
    )
    make_audit(world.board, agencies, title="Planned audit", grades=[["good", "good"]])  # not completed: not counted
    with django_assert_max_num_queries(9):
        data = quality_assurance_section(world.board, 2025)
    assert [a["title"] for a in data["audits"]] == ["Neglect audit", "Neglect re-audit"]
    assert data["audit_themes"] == ["Neglect"]
    reaudit = data["audits"][1]
    assert reaudit["before_after"] == [
        {"label": "Outstanding", "before": 0, "after": 1},
        {"label": "Good", "before": 1, "after": 2},
        {"label": "Requires improvement", "before": 1, "after": 1},
        {"label": "Inadequate", "before": 2, "after": 0},
    ]
    assert reaudit["strengths"] == ["Children were seen alone."]
    assert reaudit["developments"] == ["The graded care profile is rarely used."]
