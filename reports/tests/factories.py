import datetime

import factory

from boards.tests.factories import AgencyFactory, BoardFactory
from reports.choices import FrameworkCode, SectionKind
from reports.models import AnnualReport, ReportRevision, ReportSection, StatutoryFramework


class StatutoryFrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatutoryFramework
        django_get_or_create = ("code",)

    code = FrameworkCode.WT2023
    name = "Working Together to Safeguard Children 2023"


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    board = factory.SubFactory(BoardFactory)
    financial_year = 2025
    framework = factory.SubFactory(StatutoryFrameworkFactory)
    title = factory.LazyAttribute(lambda r: f"Annual report {r.financial_year}/{(r.financial_year + 1) % 100:02d}")
    due_date = datetime.date(2026, 9, 30)


class ReportSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSection

    report = factory.SubFactory(AnnualReportFactory)
    key = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Section {n}")
    kind = SectionKind.NARRATIVE


class AgencySectionFactory(ReportSectionFactory):
    kind = SectionKind.AGENCY
    agency = factory.SubFactory(AgencyFactory, board=factory.SelfAttribute("..report.board"))
    key = factory.LazyAttribute(lambda s: f"agency-{s.agency.pk}")
    title = factory.LazyAttribute(lambda s: s.agency.name)


class ReportRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRevision

    report = factory.SubFactory(AnnualReportFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(lambda: {"schema": 1, "sections": []})


# --- Approval (report approval helper) ------------------------------------------------------------


class ReportApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.ReportApproval"

    report = factory.SubFactory(AnnualReportFactory)


def report_with_sections(board=None, *, status="drafting", section_status="accepted", keys=(), agencies=(), **kwargs):
    """A report whose sections (one per key, then one per agency) all have `section_status`."""
    report = AnnualReportFactory(status=status, **({"board": board} if board else {}), **kwargs)
    for key in keys:
        ReportSectionFactory(report=report, key=key, title=key.replace("_", " ").capitalize(), status=section_status)
    for agency in agencies:
        AgencySectionFactory(report=report, agency=agency, status=section_status, html="<p>What we did.</p>")
    return report
