"""Creating the report from the default sections, assembling them, and the section workflow
(every status × every transition)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from boards.choices import AgencySector
from boards.tests.factories import AgencyFactory
from lscb.models import AuditEntry
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.defaults import DEFAULT_SECTIONS
from reports.models import ReportSection, SectionComment
from reports.services import sections as services
from reports.tests.factories import ReportSectionFactory, StatutoryFrameworkFactory
from reports.tests.support_drafting import access_for, report_with_sections

GENERATED_KEYS = {
    "quality_assurance",  # assurance/
    "training",  # learning/
    "voice_of_children",
    "escalations",
    "membership_attendance",
    "subgroups",
    "inspections",
    "case_reviews_learning",
    "priorities_progress",
    "scorecard",
    "cdop",
    "lado",
    "budget",
}


@pytest.fixture
def manager(world):
    return access_for(world, "business_manager")


def _create(world, manager, year=2025):
    return services.create_report(
        manager,
        financial_year=year,
        framework=StatutoryFrameworkFactory(),
        sections_due=datetime.date(2026, 5, 31),
    )


def test_report_is_created_from_the_default_sections_with_one_section_per_active_agency(world, manager):
    AgencyFactory(
        board=world.board, name="Closed Trust", sector=AgencySector.NHS_TRUST, active_to=datetime.date(2024, 3, 31)
    )
    health = AgencyFactory(board=world.board, name="Home ICB", sector=AgencySector.ICB)

    report = _create(world, manager)

    sections = list(report.sections.order_by("position"))
    keys = [s.key for s in sections]
    assert [d.key for d in DEFAULT_SECTIONS] == [k for k in keys if not k.startswith("agency-")]
    assert {s.key for s in sections if s.kind == SectionKind.GENERATED} == GENERATED_KEYS
    agency_sections = {s.agency.name: s for s in sections if s.kind == SectionKind.AGENCY}
    assert set(agency_sections) == {"Home Police", "Home Children's Services", "Home ICB"}  # not the closed trust
    assert "primary care" in agency_sections[health.name].guidance
    assert "primary care" not in agency_sections["Home Police"].guidance
    # Agency contributions sit after LADO, before the budget; positions run 1..n.
    assert keys.index("lado") < keys.index(f"agency-{world.agency.pk}") < keys.index("budget")
    assert [s.position for s in sections] == list(range(1, len(sections) + 1))
    inspections = next(s for s in sections if s.key == "inspections")
    assert inspections.boxed and inspections.due_date is None
    assert agency_sections["Home Police"].due_date == datetime.date(2026, 5, 31)
    assert report.status == ReportStatus.DRAFTING
    assert AuditEntry.objects.filter(action="reports.report.created", object_id=str(report.pk)).exists()


def test_a_second_report_for_the_same_year_is_refused(world, manager):
    _create(world, manager)
    with pytest.raises(services.SectionError, match="already an annual report"):
        _create(world, manager)


def test_only_the_business_manager_creates_reports(world):
    with pytest.raises(PermissionDenied):
        _create(world, access_for(world, "chair"))


def test_business_manager_adds_moves_renames_and_removes_sections(world, manager):
    report = _create(world, manager)
    new_agency = AgencyFactory(board=world.board, name="Home Schools Forum", sector=AgencySector.EDUCATION)

    narrative = services.add_section(manager, report, kind=SectionKind.NARRATIVE, title="Early help")
    agency = services.add_section(manager, report, kind=SectionKind.AGENCY, agency=new_agency)
    assert narrative.key == "early-help" and agency.key == f"agency-{new_agency.pk}"
    assert agency.position == report.sections.count()
    with pytest.raises(services.SectionError, match="already has a section"):
        services.add_section(manager, report, kind=SectionKind.AGENCY, agency=new_agency)
    with pytest.raises(services.SectionError, match="already has that generated"):
        services.add_section(manager, report, kind=SectionKind.GENERATED, generated_key="budget")

    services.move_section(manager, agency, "up")
    order = list(report.sections.order_by("position").values_list("key", flat=True))
    assert order[-2:] == [agency.key, narrative.key]
    first = report.sections.order_by("position").first()
    with pytest.raises(services.SectionError, match="already the first"):
        services.move_section(manager, first, "up")

    services.rename_section(manager, narrative, title="Early help offer", due_date=datetime.date(2026, 6, 30))
    narrative.refresh_from_db()
    assert (narrative.title, narrative.due_date) == ("Early help offer", datetime.date(2026, 6, 30))

    narrative.html = "<p>Kept in the audit log.</p>"
    narrative.save()
    services.remove_section(manager, narrative)
    assert not ReportSection.objects.filter(pk=narrative.pk).exists()
    removed = AuditEntry.objects.get(action="reports.section.removed")
    assert removed.payload["html"] == "<p>Kept in the audit log.</p>"
    positions = list(report.sections.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))


def test_agency_author_cannot_assemble_sections(world):
    report, (section,) = report_with_sections(world)
    author = access_for(world, "agency_author")
    with pytest.raises(PermissionDenied):
        services.add_section(author, report, kind=SectionKind.NARRATIVE, title="Mine")
    with pytest.raises(PermissionDenied):
        services.remove_section(author, section)


# --- Every status × every transition ----------------------------------------------------------

ALL = list(SectionStatus)
ALLOWED = {
    ("submit", SectionKind.AGENCY): {SectionStatus.DRAFTING, SectionStatus.RETURNED},
    ("return_for_changes", SectionKind.AGENCY): {SectionStatus.SUBMITTED, SectionStatus.ACCEPTED},
    ("accept", SectionKind.AGENCY): {SectionStatus.SUBMITTED},
    ("submit", SectionKind.GENERATED): {SectionStatus.DRAFTING, SectionStatus.RETURNED},
    ("return_for_changes", SectionKind.GENERATED): {SectionStatus.SUBMITTED, SectionStatus.ACCEPTED},
    # A generated section has nothing to draft: the business manager accepts it from any open state.
    ("accept", SectionKind.GENERATED): {
        SectionStatus.NOT_STARTED,
        SectionStatus.DRAFTING,
        SectionStatus.RETURNED,
        SectionStatus.SUBMITTED,
    },
    ("submit", SectionKind.NARRATIVE): {SectionStatus.DRAFTING, SectionStatus.RETURNED},
    ("return_for_changes", SectionKind.NARRATIVE): {SectionStatus.SUBMITTED, SectionStatus.ACCEPTED},
    # The business manager writes the narrative sections and accepts their own text directly.
    ("accept", SectionKind.NARRATIVE): {SectionStatus.DRAFTING, SectionStatus.RETURNED, SectionStatus.SUBMITTED},
}
TARGET = {
    "submit": SectionStatus.SUBMITTED,
    "return_for_changes": SectionStatus.RETURNED,
    "accept": SectionStatus.ACCEPTED,
}


def _do(name, access, section):
    if name == "submit":
        return services.submit_section(access, section)
    if name == "return_for_changes":
        return services.return_section(access, section, comment="Add the figures.")
    return services.accept_section(access, section)


@pytest.mark.parametrize("kind", [SectionKind.AGENCY, SectionKind.GENERATED, SectionKind.NARRATIVE])
@pytest.mark.parametrize("transition", ["submit", "return_for_changes", "accept"])
@pytest.mark.parametrize("status", ALL)
def test_every_status_by_every_transition(world, status, transition, kind):
    report, (section,) = report_with_sections(world, foreword=False)
    if kind == SectionKind.GENERATED:
        section = ReportSectionFactory(report=report, key="budget", kind=SectionKind.GENERATED, title="Budget")
    if kind == SectionKind.NARRATIVE:
        section = ReportSectionFactory(report=report, key="context", kind=SectionKind.NARRATIVE, title="Context")
    ReportSection.objects.filter(pk=section.pk).update(status=status, html="<p>Text.</p>")
    section.refresh_from_db()
    manager = access_for(world, "business_manager")

    if status in ALLOWED[(transition, kind)]:
        _do(transition, manager, section)
        section.refresh_from_db()
        assert section.status == TARGET[transition]
        assert AuditEntry.objects.filter(action=f"reports.section.{TARGET[transition]}").count() == 1
        assert section.history.first().status == TARGET[transition]
    else:
        with pytest.raises(services.SectionError, match=f"This section is {status.label.lower()}"):
            _do(transition, manager, section)
        section.refresh_from_db()
        assert section.status == status
        assert not AuditEntry.objects.filter(action__startswith="reports.section.").exists()


def test_returning_needs_a_comment_which_is_kept_with_the_section(world):
    report, (section,) = report_with_sections(world)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED, html="<p>x</p>")
    section.refresh_from_db()
    manager = access_for(world, "business_manager")
    with pytest.raises(services.SectionError, match="Say what needs to change"):
        services.return_section(manager, section, comment="  ")
    services.return_section(manager, section, comment="Add the training figures.")
    comment = SectionComment.objects.get(section=section)
    assert (comment.text, comment.action) == ("Add the training figures.", SectionStatus.RETURNED)


def test_submitting_needs_text_and_tells_the_business_manager(world, django_capture_on_commit_callbacks, mailoutbox):
    report, (section,) = report_with_sections(world)
    author = access_for(world, "agency_author")
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.DRAFTING)
    section.refresh_from_db()
    with pytest.raises(services.SectionError, match="Write the section"):
        services.submit_section(author, section)
    section.html = "<p>Our year.</p>"
    section.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_section(author, section)
    assert len(mailoutbox) == 1
    assert "business_manager@example.org" in mailoutbox[0].to
    assert "agency_author@example.org" not in mailoutbox[0].to
    assert "Home Police" in mailoutbox[0].subject
    assert mailoutbox[0].alternatives[0][1] == "text/html"


def test_return_emails_the_agency_authors_with_the_comment(world, django_capture_on_commit_callbacks, mailoutbox):
    report, (section,) = report_with_sections(world)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED, html="<p>x</p>")
    section.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_section(access_for(world, "business_manager"), section, comment="Add the <b>figures</b>.")
    assert [m.to for m in mailoutbox] == [["agency_author@example.org"]]
    assert "Add the <b>figures</b>." in mailoutbox[0].body  # plain text is not HTML-escaped
    assert "Add the &lt;b&gt;figures&lt;/b&gt;." in mailoutbox[0].alternatives[0][0]


def test_agency_author_cannot_accept_or_return(world):
    report, (section,) = report_with_sections(world)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED, html="<p>x</p>")
    section.refresh_from_db()
    author = access_for(world, "agency_author")
    with pytest.raises(PermissionDenied):
        services.accept_section(author, section)
    with pytest.raises(PermissionDenied):
        services.return_section(author, section, comment="No")


def test_agency_author_cannot_submit_another_agencys_section(world):
    report, (section,) = report_with_sections(world)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.DRAFTING, html="<p>x</p>")
    section.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.submit_section(access_for(world, "other_agency_author"), section)


def test_nothing_changes_once_the_report_is_with_the_chair(world):
    report, (section,) = report_with_sections(world)
    report.status = ReportStatus.READY_FOR_CHAIR
    report.save()
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED, html="<p>x</p>")
    section.refresh_from_db()
    manager = access_for(world, "business_manager")
    with pytest.raises(services.SectionError, match="with the chair"):
        services.accept_section(manager, section)
    with pytest.raises(services.SectionError, match="with the chair"):
        services.save_section_text(manager, section, html="<p>y</p>", base_version=0)
    with pytest.raises(services.SectionError, match="with the chair"):
        services.add_section(manager, report, kind=SectionKind.NARRATIVE, title="Late idea")


def test_business_manager_accepts_their_own_narrative_section_without_sending_it_first(world):
    report, _sections = report_with_sections(world, foreword=False)
    section = ReportSectionFactory(report=report, key="context", kind=SectionKind.NARRATIVE, title="Context")
    manager = access_for(world, "business_manager")
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.DRAFTING)
    section.refresh_from_db()
    with pytest.raises(services.SectionError, match="Write the section"):
        services.accept_section(manager, section)
    ReportSection.objects.filter(pk=section.pk).update(html="<p>The boroughs.</p>")
    section.refresh_from_db()
    assert "accept" in services.transition_names_available(manager, section)
    services.accept_section(manager, section)
    section.refresh_from_db()
    assert section.status == SectionStatus.ACCEPTED
