"""Single sign-on in Chromium through the test provider's own login page; axe-core on our pages."""

import os

import pytest
from playwright.sync_api import expect

from sso.models import BoardSignOnSettings

SCREENSHOTS = os.environ.get("LSCB_SCREENSHOTS")  # set to a folder to keep screenshots


def _shot(page, name):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("oidc_provider")]


@pytest.fixture
def sso_world(world):
    BoardSignOnSettings.objects.create(board=world.board, allowed_domains="home-police.example")
    person = world.user("agency_author").person
    person.email = "author@home-police.example"
    person.save(update_fields=["email"])
    return world


def test_an_agency_author_signs_in_with_their_organisation_account(
    page, live_server, sso_world, axe_check, sign_in_with_organisation_account
):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="Sign in with your organisation account")).to_be_visible()
    axe_check(page)
    _shot(page, "sso-sign-in-page")
    sign_in_with_organisation_account(page, "author")
    assert page.url.endswith(f"/boards/{sso_world.board.slug}/")
    expect(page.get_by_role("heading", name="What is waiting for you")).to_be_visible()
    expect(page.locator(".lscb-user-bar")).to_contain_text("Signed in as")
    axe_check(page)


def test_someone_the_board_does_not_know_is_told_why_on_an_accessible_page(
    page, sso_world, axe_check, sign_in_with_organisation_account
):
    sign_in_with_organisation_account(page, "stranger")
    expect(page.get_by_role("heading", name="You could not be signed in")).to_be_visible()
    expect(page.get_by_text("No one with this e-mail address has been invited")).to_be_visible()
    axe_check(page)
    _shot(page, "sso-refused")
    page.get_by_role("link", name="Go to the sign-in page").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()


def test_the_single_sign_on_settings_page_is_accessible(page, live_server, sso_world, axe_check, sign_in):
    sign_in(page, "business_manager")
    page.goto(f"{live_server.url}/boards/{sso_world.board.slug}/settings/")
    page.get_by_role("link", name="Single sign-on settings").click()
    expect(page.get_by_role("heading", name="Single sign-on")).to_be_visible()
    axe_check(page)
    _shot(page, "sso-settings")
    page.get_by_label("E-mail domains whose organisation accounts may sign in").fill("not a domain")
    page.get_by_role("button", name="Save single sign-on settings").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("E-mail domains whose organisation accounts may sign in").fill("home-police.example\nnhs.example")
    page.get_by_role("button", name="Save single sign-on settings").click()
    expect(page.get_by_text("Single sign-on settings saved")).to_be_visible()
    axe_check(page)
