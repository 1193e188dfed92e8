"""An agency author previews their saved section as a PDF in Chromium: the section page, the
job page and the download, checked with axe-core; the other agency's author finds no such job."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports.models import RenderJob
from reports.services.sections import save_section_text
from reports.tests.pdfcheck import normalise, page_texts
from reports.tests.support_drafting import access_for, report_with_sections, url
from reports.tests.support_rendering import download_finished_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("LSCB_SCREENSHOTS", "/tmp")


def shot(page, name):
    page.screenshot(path=os.path.join(SHOTS, f"section-pdf-{name}.png"), full_page=True)


def test_an_agency_author_previews_their_section_as_a_pdf(page, live_server, world, axe_check, sign_in, tmp_path):
    _report, (section,) = report_with_sections(world)
    text = "<h3>What we did</h3><p>Home Police trained 412 officers in recognising neglect.</p>"
    save_section_text(access_for(world, "agency_author"), section, html=text, base_version=0)

    sign_in(page, "agency_author")
    page.goto(live_server.url + url("section_detail", section))
    expect(page.get_by_role("heading", name="Home Police", level=1)).to_be_visible()
    preview = page.get_by_role("button", name="Preview as PDF")
    expect(preview).to_be_visible()
    axe_check(page)
    shot(page, "section")

    # Tests run tasks in-process, so the PDF is made when the request commits.
    preview.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Draft section (PDF)", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Ready")).to_be_visible()
    expect(page.get_by_text("Annual report 2025/26: Home Police, version 1 (draft)")).to_be_visible()
    shot(page, "job")
    download = download_finished_job(page, RenderJob.objects.get(), axe_check, "Download Draft section (PDF)")
    assert download.suggested_filename == f"home-board-2025-26-{section.key}-version-1-draft.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    shutil.copy(saved, os.path.join(SHOTS, "section-pdf-download.pdf"))
    texts = [normalise(text) for text in page_texts(Path(saved).read_bytes())]
    assert "DRAFT of one section, version 1" in texts[0]
    assert "Home Police trained 412 officers in recognising neglect." in " ".join(texts[1:])

    # Another agency's author: the job does not exist for them.
    job_page = page.url
    page.context.clear_cookies()
    sign_in(page, "other_agency_author")
    response = page.goto(job_page)
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    axe_check(page)
