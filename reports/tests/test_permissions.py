"""The object rules of reports/permissions.py: each rule's two faces, the queryset filter `q`
and `allows` for an object already loaded, agree for every persona."""

import pytest

from lscb.permissions import BoardAccess
from reports.choices import ReportStatus, SectionStatus
from reports.models import AnnualReport, ReportRevision, ReportSection
from reports.permissions import RULES
from reports.tests.factories import (
    AgencySectionFactory,
    AnnualReportFactory,
    ReportRevisionFactory,
    ReportSectionFactory,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["business_manager", "chair", "agency_author", "other_agency_author", "subgroup_chair", "member"]
MODEL_OF = {
    "report_read": AnnualReport,
    "revision_read": ReportRevision,
    "section_read": ReportSection,
    "section_write": ReportSection,
    "section_edit_now": ReportSection,
}


def _objects(world):
    """Every kind of report, revision and section the rules tell apart, on both boards."""
    made = []
    for year, status in enumerate(ReportStatus.values, start=2020):
        for board, agency in ((world.board, world.agency), (world.other_board, world.foreign_agency)):
            report = AnnualReportFactory(board=board, financial_year=year, status=status)
            made.append(report)
            made.append(ReportRevisionFactory(report=report, number=1))
            made.append(ReportRevisionFactory(report=report, number=2, approved_at="2026-06-01T12:00Z"))
            made.append(ReportSectionFactory(report=report, key="foreword"))
            made.append(ReportSectionFactory(report=report, status=SectionStatus.SUBMITTED))
            # One contribution per agency and report; the author's own in both states over the years.
            own_status = SectionStatus.DRAFTING if year % 2 else SectionStatus.SUBMITTED
            made.append(AgencySectionFactory(report=report, agency=agency, status=own_status))
            if board == world.board:
                made.append(AgencySectionFactory(report=report, agency=world.other_agency))
    return made


@pytest.mark.parametrize("rule_name", sorted(RULES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_rule_s_queryset_and_object_faces_agree(world, persona, rule_name):
    rule, model = RULES[rule_name], MODEL_OF[rule_name]
    objects = [o for o in _objects(world) if isinstance(o, model)]
    access = BoardAccess.for_user(world.user(persona), world.board)
    through_queryset = set(model.objects.filter(rule.q(access)).values_list("pk", flat=True))
    assert {o.pk for o in objects if rule.allows(access, o)} == through_queryset


def test_the_drafts_rule_reads_drafts_only_for_the_drafters(world):
    draft = AnnualReportFactory(board=world.board, status=ReportStatus.DRAFTING)
    approved = AnnualReportFactory(board=world.board, financial_year=2024, status=ReportStatus.APPROVED)
    for persona, expected in (
        ("business_manager", {draft, approved}),
        ("chair", {draft, approved}),
        ("agency_author", {approved}),
        ("member", {approved}),
    ):
        access = BoardAccess.for_user(world.user(persona), world.board)
        assert set(AnnualReport.objects.visible_to(access)) == expected, persona
