"""The business manager's progress board, and query counts on every drafting page: the same
bound with one agency section and with ten (no N+1)."""

import datetime

import pytest
from django.urls import reverse

from boards.choices import Role
from boards.tests.factories import AgencyFactory, MembershipFactory, PersonFactory
from reports.choices import SectionStatus
from reports.models import ReportSection
from reports.services import sections as services
from reports.tests.factories import AgencySectionFactory, AnnualReportFactory
from reports.tests.support_drafting import access_for, report_with_sections, url

TODAY = datetime.date(2026, 6, 10)


def _build(world, n):
    """n agency sections (the world's agency first), each with two saved versions and a comment;
    and the world's agency has a section in n reports."""
    agencies = [world.agency] + [AgencyFactory(board=world.board, name=f"Agency {i}") for i in range(1, n)]
    report, sections = report_with_sections(world, agencies=agencies)
    manager = access_for(world, "business_manager")
    for section in sections:
        services.save_section_text(manager, section, html="<p>First.</p>", base_version=0)
        section.refresh_from_db()
        services.save_section_text(manager, section, html="<p>First. Second.</p>", base_version=1)
        MembershipFactory(board=world.board, role=Role.AGENCY_AUTHOR, agency=section.agency, person=PersonFactory())
    # The world's agency writes a section in n reports (earlier years still being drafted), so a
    # per-section lookup on the author's list of reports shows up as n queries.
    for year in range(2024, 2024 - (n - 1), -1):
        AgencySectionFactory(report=AnnualReportFactory(board=world.board, financial_year=year), agency=world.agency)
    ReportSection.objects.filter(report=report).update(due_date=datetime.date(2026, 5, 31))
    return report, ReportSection.objects.get(report=report, agency=world.agency)


def _pages(world, report, section):
    slug = world.board.slug
    return {
        "report_list": ("business_manager", reverse("reports:report_list", args=[slug])),
        "report_list_author": ("agency_author", reverse("reports:report_list", args=[slug])),
        "progress": ("business_manager", reverse("reports:progress", args=[slug, report.pk])),
        "sections_manage": ("business_manager", reverse("reports:sections_manage", args=[slug, report.pk])),
        "section_add": ("business_manager", reverse("reports:section_add", args=[slug, report.pk])),
        "section_detail": ("agency_author", url("section_detail", section)),
        "section_edit": ("agency_author", url("section_edit", section)),
        "section_upload": ("agency_author", url("section_upload", section)),
        "section_versions": ("agency_author", url("section_versions", section)),
        "section_diff": ("agency_author", url("section_diff", section)),
        "section_rename": ("business_manager", url("section_rename", section)),
        "section_remove": ("business_manager", url("section_remove", section)),
        "section_return": ("business_manager", url("section_return", section)),
        "dashboard_manager": ("business_manager", reverse("boards:dashboard", args=[slug])),
        "dashboard_author": ("agency_author", reverse("boards:dashboard", args=[slug])),
    }


# Measured (the same at 1× and 10×): session, user, board access, the navigation and the page's own
# few queries. The dashboards include other apps' panels, so they get room for those to change.
# Two spare queries so shared layers (sign-in checks, navigation) may grow a little; an N+1 over ten
# sections would add nine or more.
HEADROOM = 2
BOUNDS = {
    "report_list": 8 + HEADROOM,
    "report_list_author": 10 + HEADROOM,
    "progress": 9 + HEADROOM,
    "sections_manage": 9 + HEADROOM,
    "section_add": 10 + HEADROOM,
    "section_detail": 10 + HEADROOM,
    "section_edit": 8 + HEADROOM,
    "section_upload": 8 + HEADROOM,
    "section_versions": 9 + HEADROOM,
    "section_diff": 10 + HEADROOM,
    "section_rename": 8 + HEADROOM,
    "section_remove": 9 + HEADROOM,
    "section_return": 8 + HEADROOM,
    "dashboard_manager": 30,
    "dashboard_author": 30,
}


@pytest.mark.parametrize("scale", [1, 10])
def test_every_drafting_page_keeps_its_query_count_as_sections_grow(
    world, client_for, django_assert_max_num_queries, time_machine, scale
):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False)
    report, section = _build(world, scale)
    ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED)
    for name, (persona, path) in _pages(world, report, section).items():
        client = client_for(persona)
        if name == "section_edit" or name == "section_upload":
            ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.DRAFTING)
        with django_assert_max_num_queries(BOUNDS[name], info=name):
            response = client.get(path)
        assert response.status_code == 200, name
        ReportSection.objects.filter(pk=section.pk).update(status=SectionStatus.SUBMITTED)


def test_progress_board_shows_status_due_date_late_and_not_started(world, client_for, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False)
    report, (police, childrens) = report_with_sections(world, agencies=(world.agency, world.other_agency))
    ReportSection.objects.filter(pk=police.pk).update(
        status=SectionStatus.SUBMITTED, due_date=datetime.date(2026, 5, 31), version=1
    )
    ReportSection.objects.filter(pk=childrens.pk).update(due_date=datetime.date(2026, 5, 31))

    page = client_for("business_manager").get(reverse("reports:progress", args=[world.board.slug, report.pk]))

    rows = page.content.decode().split('<tr class="govuk-table__row">')[2:]
    police_row = next(r for r in rows if "Home Police" in r)
    childrens_row = next(r for r in rows if "Home Children" in r)
    assert "Submitted" in police_row and "Late" not in police_row
    assert "Not started" in childrens_row and "Late" in childrens_row and "31 May 2026" in childrens_row
    assert ReportSection.objects.filter(report=report).late(TODAY).get() == childrens


def test_dashboard_tells_the_author_their_section_is_due_and_the_manager_which_are_late(
    world, client_for, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False)
    report, (police, childrens) = report_with_sections(world, agencies=(world.agency, world.other_agency))
    ReportSection.objects.filter(pk__in=[police.pk, childrens.pk]).update(due_date=datetime.date(2026, 5, 31))
    dashboard = reverse("boards:dashboard", args=[world.board.slug])

    author_page = client_for("agency_author").get(dashboard).content.decode()
    assert "Your annual report section is due" in author_page
    assert "Home Police" in author_page and "Home Children" not in author_page
    manager_page = client_for("business_manager").get(dashboard).content.decode()
    assert "Late annual report sections" in manager_page
    assert "Home Police" in manager_page and "Home Children" in manager_page
    member_page = client_for("member").get(dashboard).content.decode()
    assert "annual report section" not in member_page.lower()
    assert "Annual report" in member_page  # the navigation item
