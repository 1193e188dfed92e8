"""Drafting through the pages: creating the report, assembling it, writing without JavaScript
(sanitised), the workflow buttons, and who sees what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import financial_year_start
from reports.choices import SectionKind, SectionStatus
from reports.models import AnnualReport, ReportSection
from reports.tests.factories import StatutoryFrameworkFactory
from reports.tests.support_approval import fake_sources  # noqa: F401  (a fixture)
from reports.tests.support_drafting import report_with_sections, url


def test_business_manager_creates_the_report_from_the_form(world, client_for):
    framework = StatutoryFrameworkFactory()
    client = client_for("business_manager")
    create = reverse("reports:report_add", args=[world.board.slug])
    year = financial_year_start(timezone.localdate()) - 1

    missing = client.post(create, {"financial_year": str(year), "framework": str(framework.pk)})
    assert missing.status_code == 200
    assert "govuk-error-summary" in missing.content.decode() and not AnnualReport.objects.exists()

    response = client.post(
        create, {"financial_year": str(year), "framework": str(framework.pk), "sections_due": "2026-05-31"}
    )
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:progress", args=[world.board.slug, report.pk]
    )
    assert report.sections.filter(kind=SectionKind.AGENCY).count() == 2

    again = client.post(
        create, {"financial_year": str(year), "framework": str(framework.pk), "sections_due": "2026-05-31"}
    )
    assert "There is already an annual report" in again.content.decode()


def test_rich_text_is_saved_sanitised_from_a_plain_form(world, client_for):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    form = client.get(url("section_edit", section)).content.decode()
    assert 'name="version" value="0"' in form and "<textarea" in form

    client.post(
        url("section_edit", section),
        {
            "html": '<h3>Our year</h3><p onclick="x()">Safe <b>bold</b></p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">bad</a><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">',
            "version": "0",
        },
    )

    section.refresh_from_db()
    assert section.html.startswith("<h3>Our year</h3><p>Safe <b>bold</b></p>")
    for bad in ("<script", "onclick", "javascript:", "svg+xml"):
        assert bad not in section.html
    detail = client.get(url("section_detail", section)).content.decode()
    assert "<p>Safe <b>bold</b></p>" in detail


def test_agency_author_cannot_open_another_agencys_section(world, client_for):
    report, (police, childrens) = report_with_sections(world, agencies=(world.agency, world.other_agency))
    client = client_for("agency_author")
    assert client.get(url("section_detail", childrens)).status_code == 404
    assert client.post(url("section_edit", childrens), {"html": "<p>x</p>", "version": "0"}).status_code == 404
    childrens.refresh_from_db()
    assert childrens.html == ""
    listing = client.get(reverse("reports:report_list", args=[world.board.slug])).content.decode()
    assert "Home Police" in listing and "Home Children" not in listing


def test_submitted_section_is_read_only_for_its_author_until_returned(world, client_for):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    client.post(url("section_edit", section), {"html": "<p>Our year.</p>", "version": "0"})
    detail = client.get(url("section_detail", section)).content.decode()
    assert "Send to the business manager" in detail

    assert client.post(url("section_submit", section)).status_code == 302
    section.refresh_from_db()
    assert section.status == SectionStatus.SUBMITTED
    response = client.get(url("section_edit", section), follow=True)
    assert "it cannot be changed now" in response.content.decode()
    client.post(url("section_edit", section), {"html": "<p>Sneaky.</p>", "version": "1"})
    section.refresh_from_db()
    assert section.html == "<p>Our year.</p>"

    manager = client_for("business_manager")
    assert manager.post(url("section_return", section), {"comment": ""}).status_code == 200  # comment required
    manager.post(url("section_return", section), {"comment": "Add the training figures."})
    section.refresh_from_db()
    assert section.status == SectionStatus.RETURNED

    author_view = client_for("agency_author").get(url("section_detail", section)).content.decode()
    assert "Add the training figures." in author_view and "Edit the text" in author_view


def test_a_state_error_is_shown_as_a_message_not_a_crash(world, client_for):
    report, (section,) = report_with_sections(world)
    response = client_for("business_manager").post(url("section_accept", section), follow=True)
    assert response.status_code == 200
    assert "This section is not started: it cannot be accepted now." in response.content.decode()


def test_chair_writes_the_foreword_but_not_an_agency_section(world, client_for):
    report, (section,) = report_with_sections(world)
    foreword = ReportSection.objects.get(report=report, key="foreword")
    chair = client_for("chair")
    assert (
        chair.post(url("section_edit", foreword), {"html": "<p>A year of change.</p>", "version": "0"}).status_code
        == 302
    )
    foreword.refresh_from_db()
    assert foreword.html == "<p>A year of change.</p>"
    assert chair.get(url("section_detail", section)).status_code == 200
    assert chair.post(url("section_edit", section), {"html": "<p>x</p>", "version": "0"}).status_code == 403


def test_assembling_through_the_pages(world, client_for):
    report, (section,) = report_with_sections(world)
    client = client_for("business_manager")
    slug = world.board.slug

    client.post(
        reverse("reports:section_add", args=[slug, report.pk]),
        {"kind": SectionKind.NARRATIVE, "title": "Early help", "due_date": "2026-05-31"},
    )
    added = ReportSection.objects.get(report=report, key="early-help")
    no_title = client.post(reverse("reports:section_add", args=[slug, report.pk]), {"kind": SectionKind.NARRATIVE})
    assert "Enter a title for the section" in no_title.content.decode()

    client.post(url("section_move", added), {"direction": "up"})
    order = list(report.sections.order_by("position").values_list("key", flat=True))
    assert order.index("early-help") == len(order) - 2

    client.post(url("section_rename", added), {"title": "Early help offer", "due_date": "2026-06-30", "guidance": ""})
    added.refresh_from_db()
    assert (added.title, added.due_date) == ("Early help offer", datetime.date(2026, 6, 30))

    confirm = client.get(url("section_remove", added)).content.decode()
    assert "Remove “Early help offer” from the report?" in confirm
    assert ReportSection.objects.filter(pk=added.pk).exists()  # asking removes nothing
    client.post(url("section_remove", added))
    assert not ReportSection.objects.filter(pk=added.pk).exists()

    manage = client.get(reverse("reports:sections_manage", args=[slug, report.pk])).content.decode()
    assert "Home Police" in manage and f'id="section-{added.pk}"' not in manage
    assert "“Early help offer” removed from the report." in manage


@pytest.mark.usefixtures("fake_sources")
def test_a_generated_section_shows_what_it_will_print_and_where_the_data_comes_from(world, client_for):
    report, _ = report_with_sections(world)
    generated = ReportSection.objects.create(
        report=report, key="case_reviews_learning", title="Learning from case reviews", kind=SectionKind.GENERATED
    )
    page = client_for("business_manager").get(url("section_detail", generated)).content.decode()
    assert "Where the data comes from: Case reviews recorded for the board, with their learning points" in page
    preview = page.split('<div class="lscb-section-preview">')[1].split("</div>")[0]
    assert "Hear the child&#x27;s voice" in preview  # the data app's fragment, rendered from its data
    assert "Accept the section" in page  # nothing to draft: the business manager accepts it as it is
