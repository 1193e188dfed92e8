"""Two-factor sign-in: required for managers and chairs, optional for others, recovery codes."""

import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import PASSWORD
from lscb.models import AuditEntry
from lscb.testing import totp_code


def _password_sign_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


def test_manager_with_password_only_is_sent_to_the_code_page_for_every_board_page(world, client):
    _password_sign_in(client, "unverified_manager")
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    response = client.get(dashboard)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_verify"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("mfa_verify"))
    # Another board stays invisible: 404, not a hint that it exists.
    assert client.get(reverse("boards:dashboard", kwargs={"board_slug": world.other_board.slug})).status_code == 404


def test_a_good_code_verifies_the_session_and_goes_on_to_next(world, client):
    _password_sign_in(client, "unverified_manager")
    device = TOTPDevice.objects.get(user=world.user("unverified_manager"))
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    key_before = client.session.session_key
    response = client.post(reverse("mfa_verify"), {"code": totp_code(device), "next": dashboard})
    assert response.status_code == 302
    assert response["Location"] == dashboard
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != key_before  # new key once the second factor is in
    assert client.get(dashboard).status_code == 200
    assert AuditEntry.objects.filter(action="auth.mfa.verified", actor=world.user("unverified_manager")).exists()


def test_a_wrong_code_is_refused_with_an_error_and_audited(world, client):
    _password_sign_in(client, "unverified_manager")
    response = client.post(reverse("mfa_verify"), {"code": "000000"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert AuditEntry.objects.filter(action="auth.mfa.failed").count() == 1


def test_a_code_cannot_be_used_twice(world, client):
    device = TOTPDevice.objects.get(user=world.user("unverified_manager"))
    code = totp_code(device)
    _password_sign_in(client, "unverified_manager")
    assert client.post(reverse("mfa_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    _password_sign_in(client, "unverified_manager")
    client.post(reverse("mfa_verify"), {"code": code})
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_external_next_is_ignored(world, client):
    _password_sign_in(client, "unverified_manager")
    device = TOTPDevice.objects.get(user=world.user("unverified_manager"))
    response = client.post(reverse("mfa_verify"), {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_an_unverified_session_cannot_set_up_a_second_device(world, client):
    _password_sign_in(client, "unverified_manager")
    response = client.get(reverse("mfa_enrol"))
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=world.user("unverified_manager")).count() == 1


def test_members_without_a_device_are_not_asked_for_a_code(world, client):
    _password_sign_in(client, "agency_author")
    assert client.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})).status_code == 200


def test_chair_without_a_device_sets_one_up_then_gets_recovery_codes(world, client):
    chair = world.user("chair")
    TOTPDevice.objects.filter(user=chair).delete()
    _password_sign_in(client, "chair")
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    to_verify = client.get(dashboard)["Location"]
    to_enrol = client.get(to_verify)
    assert to_enrol["Location"].startswith(reverse("mfa_enrol"))
    page = client.get(to_enrol["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r"<svg role=\"img\"[^>]*width=\"200\"", html) and '<title id="qr-title">' in html
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=chair, confirmed=False)
    assert secret == __import__("base64").b32encode(device.bin_key).decode()
    response = client.post(reverse("mfa_enrol"), {"code": totp_code(device), "next": dashboard})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())
    assert len(codes) == 10
    # Shown once only.
    assert b"<li><code>" not in client.get(reverse("mfa_recovery_codes")).content
    assert client.get(dashboard).status_code == 200
    # A recovery code works once, in place of the app.
    client.post(reverse("logout"))
    _password_sign_in(client, "chair")
    assert client.post(reverse("mfa_verify"), {"code": codes[0]}).status_code == 302
    assert client.get(dashboard).status_code == 200
    assert StaticToken.objects.filter(device__user=chair).count() == 9
    client.post(reverse("logout"))
    _password_sign_in(client, "chair")
    client.post(reverse("mfa_verify"), {"code": codes[0]})
    assert client.get(dashboard).status_code == 302


def test_member_who_opts_in_is_asked_for_a_code_from_then_on(world, client):
    _password_sign_in(client, "member")
    client.get(reverse("mfa_enrol"))
    device = TOTPDevice.objects.get(user=world.user("member"))
    client.post(reverse("mfa_enrol"), {"code": totp_code(device)})
    client.post(reverse("logout"))
    _password_sign_in(client, "member")
    response = client.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug}))
    assert response["Location"].startswith(reverse("mfa_verify"))


def test_turning_on_two_factor_ends_the_sessions_signed_in_without_it(world, client):
    """Signed in on a laptop with a password only, then turning on two-factor on a phone: the
    laptop's session must not keep full access without a code (issue 21, L3)."""
    from django.test import Client  # noqa: PLC0415

    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    laptop = Client()
    _password_sign_in(laptop, "member")
    assert laptop.get(dashboard).status_code == 200
    _password_sign_in(client, "member")
    client.get(reverse("mfa_enrol"))
    device = TOTPDevice.objects.get(user=world.user("member"))
    client.post(reverse("mfa_enrol"), {"code": totp_code(device)})
    assert client.get(dashboard).status_code == 200  # the session that turned it on goes on
    assert laptop.get(dashboard)["Location"].startswith(reverse("login"))
    entry = AuditEntry.objects.get(action="auth.mfa.enrolled")
    assert entry.payload["other_sessions_ended"] == 1


@pytest.mark.browser
def test_two_factor_pages_in_the_browser_are_accessible(world, page, live_server, sign_in, axe_check):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("unverified_manager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    assert "/accounts/two-factor/" in page.url
    axe_check(page)
    page.get_by_label("Code").fill("123")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.screenshot(path="/tmp/h7/mfa-verify.png", full_page=True)
    # Set-up page (QR code) for a member opting in.
    page.context.clear_cookies()
    sign_in(page, "member")
    page.goto(f"{live_server.url}/accounts/two-factor/set-up/")
    expect(page.locator("svg.lscb-qr")).to_be_visible()
    axe_check(page)
    page.screenshot(path="/tmp/h7/mfa-enrol.png", full_page=True)
    # The sign_in fixture completes the code step for managers.
    page.context.clear_cookies()
    sign_in(page, "business_manager")
    page.goto(f"{live_server.url}/boards/{world.board.slug}/")
    assert page.url.endswith(f"/boards/{world.board.slug}/")


def test_test_helper_gives_a_fresh_code_for_repeated_sign_ins_within_one_step(world, client):
    """sign_in()/totp_code(): several sign-ins of one persona inside 30 s all succeed."""
    import time_machine  # noqa: PLC0415

    device = TOTPDevice.objects.get(user=world.user("business_manager"))
    with time_machine.travel("2026-11-27 09:00:05+00:00", tick=False):
        for _ in range(3):
            client.post(reverse("logout"))
            _password_sign_in(client, "business_manager")
            client.post(reverse("mfa_verify"), {"code": totp_code(device)})
            assert DEVICE_ID_SESSION_KEY in client.session
