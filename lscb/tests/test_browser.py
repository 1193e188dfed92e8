"""Every persona signs in through the real page in Chromium; axe-core checks each page seen."""

import os

import pytest
from playwright.sync_api import expect

from lscb.tests.matrix import ROWS as _unused  # noqa: F401  (the matrix lists the same pages)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # set to a folder to keep screenshots


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_sign_in_page_and_bad_password_are_accessible(page, live_server, world, axe_check, sign_in):
    page.goto(f"{live_server.url}/accounts/login/")
    axe_check(page)
    sign_in(page, "member", "wrong-password")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    _shot(page, "login-error")


@pytest.mark.parametrize(
    "persona", ["business_manager", "chair", "agency_author", "subgroup_chair", "member", "other_board_member"]
)
def test_each_persona_reaches_an_accessible_dashboard(persona, page, live_server, world, axe_check, sign_in):
    sign_in(page, persona)
    board = world.other_board if persona == "other_board_member" else world.board
    assert page.url.endswith(f"/boards/{board.slug}/")
    expect(page.get_by_role("heading", name="What is waiting for you")).to_be_visible()
    assert page.locator(".govuk-header").inner_text().strip().startswith(board.name)
    axe_check(page)
    _shot(page, f"dashboard-{persona}")
    if persona in {"business_manager", "other_board_member"}:  # both manage their board
        page.get_by_role("link", name="Audit log").click()
        expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
        expect(page.get_by_text("auth.login.succeeded").first).to_be_visible()
        axe_check(page)
        _shot(page, f"audit-log-{persona}")
    else:
        assert page.get_by_role("link", name="Audit log").count() == 0


def test_not_found_page_is_accessible(page, live_server, world, axe_check, sign_in):
    sign_in(page, "member")
    page.goto(f"{live_server.url}/boards/{world.other_board.slug}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    axe_check(page)


def test_no_script_runs_inline_and_govuk_frontend_initialises(page, live_server, world, sign_in):
    sign_in(page, "member")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
