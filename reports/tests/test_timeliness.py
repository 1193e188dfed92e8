"""How late the report and each section are, shown where the business manager and chair look
and kept after a section is accepted, with an annex that can be printed (issue 16)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from reports.choices import SectionKind, SectionStatus
from reports.generated import GeneratedData
from reports.models import ReportSection
from reports.services import sections as services
from reports.tests.factories import ReportSectionFactory
from reports.tests.support_drafting import access_for, report_with_sections

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 5, 31)


def _late_section(world):
    """The world's agency section, due 31 May 2026, sent in on 10 June and accepted on 20 June."""
    report, (section,) = report_with_sections(world, foreword=False, due_date=datetime.date(2026, 9, 30))
    ReportSection.objects.filter(pk=section.pk).update(due_date=DUE, status=SectionStatus.DRAFTING, html="<p>x</p>")
    section.refresh_from_db()
    with time_machine.travel(datetime.date(2026, 6, 10), tick=False):
        services.submit_section(access_for(world, "agency_author"), section)
    with time_machine.travel(datetime.date(2026, 6, 20), tick=False):
        services.accept_section(access_for(world, "business_manager"), section)
    section.refresh_from_db()
    return report, section


def test_how_late_a_section_was_is_kept_after_it_is_accepted(world, client_for):
    report, section = _late_section(world)
    assert section.status == SectionStatus.ACCEPTED and section.sent_in_on == datetime.date(2026, 6, 10)
    with time_machine.travel(datetime.date(2026, 8, 1), tick=False):
        assert section.days_late() == 10
        page = client_for("business_manager").get(reverse("reports:progress", args=[world.board.slug, report.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert '<strong class="govuk-tag govuk-tag--red">Late</strong> 1</li>' in text
    assert "10 days, sent in 10 Jun 2026" in text


def test_a_section_accepted_directly_is_dated_then_and_one_on_time_is_not_late(world):
    report, _sections = report_with_sections(world, foreword=False)
    own = ReportSectionFactory(
        report=report, key="context", kind=SectionKind.NARRATIVE, html="<p>Text.</p>", due_date=DUE, status="drafting"
    )
    with time_machine.travel(datetime.date(2026, 5, 20), tick=False):
        services.accept_section(access_for(world, "business_manager"), own)
    own.refresh_from_db()
    assert own.sent_in_on == datetime.date(2026, 5, 20) and own.days_late(datetime.date(2026, 9, 1)) == 0


@time_machine.travel(datetime.date(2026, 10, 5), tick=False)
def test_the_report_page_and_dashboard_say_the_report_is_late(world, client_for):
    report, _sections = report_with_sections(world, due_date=datetime.date(2026, 9, 30))
    assert report.days_late() == 5
    for persona in ("business_manager", "chair"):
        client = client_for(persona)
        detail = client.get(reverse("reports:report_detail", args=[world.board.slug, report.pk])).content.decode()
        assert "Late</strong> 5 days past its due date" in detail
        dashboard = client.get(reverse("boards:dashboard", args=[world.board.slug])).content.decode()
        assert "Annual report late" in dashboard and "5 days past its due date of 30 September 2026" in dashboard
    member = client_for("member").get(reverse("boards:dashboard", args=[world.board.slug])).content.decode()
    assert "Annual report late" not in member


def test_the_annex_prints_when_each_section_was_sent_in_and_how_late(world):
    report, section = _late_section(world)
    annex = ReportSectionFactory(report=report, key="section_timeliness", kind=SectionKind.GENERATED, title="Annex")
    with time_machine.travel(datetime.date(2026, 8, 1), tick=False):
        shown = GeneratedData(report).section(annex.key)
    assert shown.available
    assert "1 of 1 sections was sent in after its due date." in shown.html
    assert "31 May 2026" in shown.html and "10 Jun 2026" in shown.html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">10</td>' in shown.html
    assert "2026-" not in shown.html
