"""Helpers for the browser tests of render jobs (reports/tests/test_*browser.py)."""

from playwright.sync_api import expect

from reports.rendering.choices import RenderState


def download_finished_job(page, job, axe_check, link_name):
    """On the page of a finished job: its checksum shown, axe clean; then the file from the
    download link (a Playwright Download)."""
    job.refresh_from_db()
    assert job.state == RenderState.DONE
    assert page.locator("[data-render-job]").get_attribute("data-active") == "false"
    expect(page.get_by_text(job.output.sha256)).to_be_visible()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_name).click()
    return download_info.value
