"""Two agencies draft their sections in Chromium — one types, one uploads its Word draft — and
the business manager returns one and accepts both, and the chair approves the report: its revision
is frozen with both agencies' text. axe-core on every page (0 violations). (The approval browser test
covers the chair's comments, returns and a wrong password.)"""

import datetime
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from reports.choices import SectionStatus
from reports.models import ReportRevision, ReportSection, SectionVersion
from reports.services import sections as services
from reports.tests.support_drafting import access_for, docx_bytes, png_bytes, report_with_sections

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("LSCB_SCREENSHOTS", "/tmp")


def shot(page, name):
    page.screenshot(path=os.path.join(SHOTS, f"h5a-{name}.png"), full_page=True)


def test_two_agencies_draft_the_manager_returns_one_accepts_both_and_the_chair_approves(
    page, live_server, world, axe_check, sign_in, tmp_path
):
    report, (police, childrens) = report_with_sections(
        world, agencies=(world.agency, world.other_agency), foreword=False
    )
    # Not yet due on whatever day the test runs, so no section is shown as overdue.
    ReportSection.objects.filter(report=report).update(due_date=timezone.localdate() + datetime.timedelta(days=180))
    base = live_server.url
    slug = world.board.slug

    def visit(path):
        page.goto(base + path)
        axe_check(page)

    def as_persona(username):
        page.context.clear_cookies()
        sign_in(page, username)

    # 1. The police's author types the section (no JavaScript needed: a plain form).
    as_persona("agency_author")
    axe_check(page)  # the dashboard: "your section is due"
    expect(page.get_by_role("heading", name="Your annual report section is due")).to_be_visible()
    shot(page, "dashboard-author")
    page.get_by_role("link", name="Annual report").first.click()
    axe_check(page)
    shot(page, "report-list-author")
    page.get_by_role("link", name="Home Police").click()
    axe_check(page)
    page.get_by_role("button", name="Edit the text").click()
    axe_check(page)
    # The rich-text editor (the box is a labelled textbox; the form's textarea is hidden behind it).
    page.get_by_role("textbox", name="Section text").fill("We trained 200 officers.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved: version 1 of “Home Police”.")).to_be_visible()
    axe_check(page)
    shot(page, "section-detail-saved")
    page.get_by_role("button", name="Send to the business manager").click()
    expect(page.get_by_text("“Home Police” sent to the business manager.")).to_be_visible()
    axe_check(page)

    # 2. Children's services upload their Word draft, with a picture.
    draft = tmp_path / "Childrens services 2025-26.docx"
    draft.write_bytes(docx_bytes("Early help offer published.", heading="Our year", image=png_bytes()))
    as_persona("other_agency_author")
    visit(reverse("reports:report_list", args=[slug]))
    page.get_by_role("link", name="Home Children's Services").click()
    page.get_by_role("button", name="Upload a Word draft").click()
    axe_check(page)
    # An error first: a file that is not a Word document.
    not_word = tmp_path / "notes.docx"
    not_word.write_bytes(b"plain text, not a zip")
    page.get_by_label("Word document (.docx)").set_input_files(str(not_word))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert").get_by_text("could not be opened")).to_be_visible()
    axe_check(page)
    shot(page, "upload-error")
    page.get_by_label("Word document (.docx)").set_input_files(str(draft))
    page.get_by_role("button", name="Upload").click()
    # Converted by the task (in-process here), then checked in the edit form and saved.
    expect(page.get_by_role("heading", name="Check the text from “Childrens services 2025-26.docx”")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("uploaded: version 1")).to_be_visible()
    expect(page.get_by_role("heading", name="Our year")).to_be_visible()
    assert page.locator(".lscb-section-text img[src^='data:image/png']").count() == 1
    axe_check(page)
    shot(page, "section-uploaded")
    page.get_by_role("button", name="Send to the business manager").click()

    # 3. The business manager: progress board, returns the police section, accepts the other.
    as_persona("business_manager")
    visit(reverse("reports:progress", args=[slug, report.pk]))
    shot(page, "progress")
    visit(reverse("reports:sections_manage", args=[slug, report.pk]))
    shot(page, "sections-manage")
    visit(reverse("reports:section_add", args=[slug, report.pk]))
    page.get_by_role("button", name="Add section").click()  # no title: the error summary
    expect(page.get_by_role("alert").get_by_text("Enter a title for the section")).to_be_visible()
    axe_check(page)
    shot(page, "section-add-error")
    visit(reverse("reports:report_list", args=[slug]))
    visit(reverse("reports:report_add", args=[slug]))
    shot(page, "report-create")
    visit(reverse("reports:section_rename", args=[slug, report.pk, police.pk]))
    visit(reverse("reports:section_remove", args=[slug, report.pk, police.pk]))
    shot(page, "section-remove-confirm")
    visit(reverse("reports:progress", args=[slug, report.pk]))
    page.get_by_role("link", name="Home Police").click()
    axe_check(page)
    page.get_by_role("button", name="Return for changes").click()
    axe_check(page)
    page.get_by_role("button", name="Return for changes").click()  # no comment yet: an error
    expect(page.get_by_role("alert").get_by_text("Say what needs to change")).to_be_visible()
    axe_check(page)
    page.get_by_label("What needs to change").fill("Please say how many officers were trained by March.")
    page.get_by_role("button", name="Return for changes").click()
    expect(page.get_by_text("returned to its authors")).to_be_visible()
    axe_check(page)
    page.goto(base + reverse("reports:progress", args=[slug, report.pk]))
    page.get_by_role("link", name="Home Children's Services").click()
    page.get_by_role("button", name="Accept the section").click()
    expect(page.get_by_text("“Home Children's Services” accepted for the report.")).to_be_visible()
    axe_check(page)

    # 4. The police's author sees the comment, changes the text, sends it again; the manager accepts.
    as_persona("agency_author")
    page.goto(base + reverse("reports:section_detail", args=[slug, report.pk, police.pk]))
    expect(page.get_by_text("Please say how many officers were trained by March.")).to_be_visible()
    page.get_by_role("button", name="Edit the text").click()
    # Meanwhile the business manager fixes a typo in the same section: the author's save is refused,
    # their text stays in the box and the manager's version is shown.
    police.refresh_from_db()
    services.save_section_text(
        access_for(world, "business_manager"),
        police,
        html="<h3>What we did</h3><p>We trained 200 police officers.</p>",
        base_version=police.version,
    )
    page.get_by_role("textbox", name="Section text").fill("We trained 250 officers by March.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert").get_by_text("Someone else saved this section")).to_be_visible()
    expect(page.get_by_text("We trained 200 police officers.")).to_be_visible()
    assert "250 officers by March" in page.locator("#id_html").input_value()
    axe_check(page)
    shot(page, "edit-conflict")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved: version 3")).to_be_visible()
    page.get_by_role("link", name="all versions").click()
    axe_check(page)
    shot(page, "versions")
    page.get_by_role("link", name="Compare with version 2").click()
    expect(page.locator("del.lscb-diff-del").first).to_be_visible()
    axe_check(page)
    shot(page, "diff")
    page.go_back()
    page.go_back()
    page.get_by_role("button", name="Send to the business manager").click()

    as_persona("business_manager")
    page.goto(base + reverse("reports:section_detail", args=[slug, report.pk, police.pk]))
    page.get_by_role("button", name="Accept the section").click()
    visit(reverse("reports:progress", args=[slug, report.pk]))
    shot(page, "progress-all-accepted")

    statuses = dict(ReportSection.objects.filter(report=report, kind="agency").values_list("agency__name", "status"))
    assert statuses == {"Home Police": SectionStatus.ACCEPTED, "Home Children's Services": SectionStatus.ACCEPTED}
    assert SectionVersion.objects.filter(section=police).count() == 3
    assert SectionVersion.objects.get(section=childrens).source == SectionVersion.Source.DOCX

    # 5. Every section accepted: the manager sends the report to the chair, who approves it with
    # their password; the approved revision is frozen with both agencies' words.
    visit(reverse("reports:report_detail", args=[slug, report.pk]))
    page.get_by_role("button", name="Send to the chair for approval").click()
    axe_check(page)
    as_persona("chair")
    visit(reverse("reports:report_review", args=[slug, report.pk]))
    page.get_by_role("link", name="Continue to approval").click()
    axe_check(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Approve the report").click()
    expect(page.get_by_text("You approved the report. Revision 1 is frozen.")).to_be_visible()
    axe_check(page)

    revision = ReportRevision.objects.get(report=report)
    assert revision.approved_at is not None and revision.approved_by == world.user("chair")
    frozen = {s["title"]: s["html"] for s in revision.snapshot["sections"]}
    police.refresh_from_db()
    childrens.refresh_from_db()
    assert frozen["Home Police"] == police.html and police.html
    assert frozen["Home Children's Services"] == childrens.html and childrens.html
