"""From "we want to use it" to "an agency author drafts their own section", in Chromium with
axe-core on every page: the site operator sets up a board and invites its business manager;
the manager follows the link in the e-mail a real SMTP server on 127.0.0.1 received, chooses a
password and sets up the authenticator app; adds and invites an agency author and a chair; the
author follows their link, chooses a password and drafts the agency's section; the chair accepts
and sets up the authenticator app; and the author signs in again with their organisation account
through the OpenID provider the tests run on 127.0.0.1."""

import base64
import datetime
import os
import time

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from playwright.sync_api import expect

from boards.choices import AgencySector
from boards.models import Board
from boards.tests.factories import AgencyFactory, UserFactory
from conftest import PASSWORD
from lscb.permissions import BoardAccess
from lscb.testing import give_totp_device
from reports.services.sections import create_report
from reports.tests.factories import StatutoryFrameworkFactory
from sso.models import BoardSignOnSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("LSCB_SCREENSHOTS", "/tmp")
MANAGER_PASSWORD = "northshire manager passphrase 1"
AUTHOR_PASSWORD = "northshire police passphrase 2"
CHAIR_PASSWORD = "northshire chair passphrase 3"


def shot(page, name):
    page.screenshot(path=os.path.join(SHOTS, f"h1-{name}.png"), full_page=True)


def _code_for(secret_text):
    """What an authenticator app shows for the secret printed on the set-up page."""
    key = base64.b32decode("".join(secret_text.split()))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_operator_sets_up_a_board_and_its_people_sign_in_by_invitation(
    page, live_server, axe_check, sign_in, smtp_server, sign_in_with_organisation_account
):
    base = live_server.url
    operator = UserFactory(username="operator", first_name="Site", last_name="Operator", is_staff=True)
    give_totp_device(operator)

    def follow(link):
        page.context.clear_cookies()
        page.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
        axe_check(page)

    def choose_password_and_set_up_the_app(password):
        page.get_by_label("Choose a password").fill(password)
        page.get_by_label("Type the password again").fill(password)
        page.get_by_role("button", name="Set password").click()
        expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
        axe_check(page)
        page.get_by_role("textbox", name="Code").fill(_code_for(page.locator("#totp-secret").inner_text()))
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
        axe_check(page)  # the recovery codes
        page.get_by_role("link", name="Continue").click()
        axe_check(page)

    # 1. The operator sets up the board and names its business manager.
    sign_in(page, "operator", PASSWORD)
    axe_check(page)  # home: the operator's link to the boards
    page.get_by_role("link", name="Set up and manage boards").click()
    axe_check(page)
    page.get_by_role("link", name="Set up a board").click()
    axe_check(page)
    page.get_by_label("Board name").fill("Northshire Safeguarding Children Partnership")
    page.get_by_label("Short name for web addresses").fill("northshire")
    page.get_by_label("Areas the board covers").fill("Northshire County\nEast Northshire")
    page.get_by_label("First financial year (the year it starts)").fill("2026")
    page.get_by_label("Business manager's full name").fill("Morgan Manager")
    page.get_by_label("Business manager's email address").fill("morgan@northshire.example.org")
    page.get_by_role("button", name="Create the board and invite its manager").click()
    expect(page.get_by_text("an invitation to sign in went to morgan@northshire.example.org")).to_be_visible()
    axe_check(page)
    shot(page, "operator-boards")
    board = Board.objects.get(slug="northshire")

    # 2. The manager follows the e-mailed link, chooses a password, sets up the app.
    follow(smtp_server.link_in(smtp_server.last_to("morgan@northshire.example.org"), "/accounts/invitation/"))
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    shot(page, "accept")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    choose_password_and_set_up_the_app(MANAGER_PASSWORD)
    expect(page.get_by_text("Signed in as")).to_contain_text("Morgan Manager")

    # The board's first agency and its annual report (their own pages are tested elsewhere).
    police = AgencyFactory(board=board, name="Northshire Police", sector=AgencySector.POLICE)
    manager = board.memberships.get().person.user
    create_report(
        BoardAccess.for_user(manager, board),
        financial_year=2026,
        framework=StatutoryFrameworkFactory(),
        sections_due=timezone.localdate() + datetime.timedelta(days=180),
    )

    # 3. The manager adds an agency author and a chair, and invites each from their page.
    for name, email, role, agency in (
        ("Alex Author", "author@home-police.example", "Agency author", police.name),
        ("Chris Chair", "chris.chair@example.org", "Independent chair", None),
    ):
        page.goto(f"{base}/boards/northshire/people/")
        axe_check(page)
        page.get_by_role("link", name="Add a member").click()
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Email address (optional)").fill(email)
        page.get_by_label("Role").select_option(label=role)
        if agency:
            page.get_by_label("Agency (needed for agency authors)").select_option(label=agency)
        page.get_by_label("Term starts").fill("2026-04-01")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name=name)).to_be_visible()
        axe_check(page)
        page.get_by_role("link", name="Invite to sign in").click()
        axe_check(page)
        shot(page, "invite-confirm")
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.get_by_text(f"Invitation sent to {email}")).to_be_visible()
        axe_check(page)
    page.goto(f"{base}/boards/northshire/people/")
    page.get_by_role("link", name="Invitations to sign in").click()
    axe_check(page)
    expect(page.get_by_text("3 invitations")).to_be_visible()
    shot(page, "invitations")

    # 4. The author follows their link, chooses a password and drafts the police's section.
    follow(smtp_server.link_in(smtp_server.last_to("author@home-police.example"), "/accounts/invitation/"))
    page.get_by_label("Choose a password").fill(AUTHOR_PASSWORD)
    page.get_by_label("Type the password again").fill(AUTHOR_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    axe_check(page)  # the dashboard: an agency author needs no authenticator app
    expect(page.get_by_text("Signed in as")).to_contain_text("Alex Author")
    page.get_by_role("link", name="Annual report").first.click()
    axe_check(page)
    page.get_by_role("link", name="Northshire Police").click()
    axe_check(page)
    page.get_by_role("button", name="Edit the text").click()
    axe_check(page)
    page.get_by_role("textbox", name="Section text").fill("We trained 120 officers in spotting exploitation.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved: version 1 of “Northshire Police”.")).to_be_visible()
    axe_check(page)
    shot(page, "author-drafted")

    # The author signs in again with the password chosen, by username (their e-mail address).
    page.context.clear_cookies()
    sign_in(page, "author@home-police.example", AUTHOR_PASSWORD)
    axe_check(page)
    expect(page.get_by_text("Signed in as")).to_contain_text("Alex Author")

    # 5. The chair follows their link, chooses a password and sets up the authenticator app.
    follow(smtp_server.link_in(smtp_server.last_to("chris.chair@example.org"), "/accounts/invitation/"))
    choose_password_and_set_up_the_app(CHAIR_PASSWORD)
    expect(page.get_by_text("Signed in as")).to_contain_text("Chris Chair")

    # 6. The board lets its police sign in with their organisation account; the author does.
    BoardSignOnSettings.objects.create(board=board, allowed_domains="home-police.example")
    page.context.clear_cookies()
    sign_in_with_organisation_account(page, "author")
    axe_check(page)
    expect(page.get_by_text("Signed in as")).to_contain_text("Alex Author")
