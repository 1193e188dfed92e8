"""The files page, "Generate PDF" and the job page in Chromium, checked with axe-core."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reports.models import RenderJob
from reports.rendering.choices import RenderKind
from reports.rendering.demo import demo_snapshot
from reports.tests.factories import ReportRevisionFactory
from reports.tests.support_rendering import download_finished_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # set to a folder to keep screenshots


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_generate_pdf_then_the_job_page_and_download(page, live_server, world, axe_check, sign_in):
    revision = ReportRevisionFactory(
        report__board=world.board, snapshot=demo_snapshot(0.3), approved_at=timezone.now() - timedelta(days=1)
    )
    # A job waiting for a worker (e.g. the broker was down): the page says so and refreshes itself.
    waiting = RenderJob.objects.create(board=world.board, revision=revision, kind=RenderKind.SUMMARY_PDF)
    sign_in(page, "member")
    page.goto(f"{live_server.url}/boards/{world.board.slug}/reports/render-jobs/{waiting.pk}/")
    status = page.get_by_role("status")
    expect(status.get_by_text("Queued", exact=True)).to_be_visible()
    assert page.locator("[data-render-job]").get_attribute("data-active") == "true"
    axe_check(page)
    _shot(page, "render-job-queued")
    # A worker finishes it meanwhile: the page updates in place (render-job.js), no reload.
    from reports.services.rendering import run_render_job

    page.evaluate("window.notReloaded = true")
    run_render_job(waiting.pk)
    status.get_by_text("Ready").wait_for(timeout=15000)
    assert page.evaluate("window.notReloaded") is True
    expect(page.get_by_role("link", name="Download Executive summary for the HWB (PDF)")).to_be_visible()
    axe_check(page)

    page.goto(f"{live_server.url}/boards/{world.board.slug}/reports/revisions/{revision.pk}/files/")
    expect(page.get_by_role("heading", name=f"Files of revision {revision.number}", level=1)).to_be_visible()
    axe_check(page)
    _shot(page, "revision-files")
    # Tests run tasks in-process, so the render happens when the request commits.
    page.get_by_role("button", name="Generate PDF").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Ready")).to_be_visible()
    _shot(page, "render-job-done")
    job = RenderJob.objects.get(kind=RenderKind.REPORT_PDF)
    download = download_finished_job(page, job, axe_check, "Download Annual report (PDF)")
    assert download.suggested_filename == f"home-board-annual-report-2025-26-revision-{revision.number}.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
