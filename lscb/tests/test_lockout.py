"""Sign-in lockout (issue 21, L1 and L2): a username is refused for a short, growing cool-off
whatever browser or address tries it; one address failing across usernames is throttled on its
own; every re-authentication (the chair's approval password, two-factor codes) counts towards the
same lockout and is audited."""

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from lscb.models import AuditEntry
from lscb.testing import totp_code
from reports.models import ReportRevision
from reports.services import approval as services
from reports.tests.support_approval import access_for
from reports.tests.test_approval import _with_chair

START = "2026-11-27 09:00:00+00:00"


def _fail(client, username="member", agent="Browser", ip="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": "wrong"}, HTTP_USER_AGENT=agent, REMOTE_ADDR=ip
    )


def _sign_in(client, username="member", agent="Browser", ip="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": PASSWORD}, HTTP_USER_AGENT=agent, REMOTE_ADDR=ip
    )


def test_changing_the_user_agent_does_not_escape_the_username_lockout(world, client):
    with time_machine.travel(START, tick=False):
        for n in range(5):
            _fail(client, agent=f"Sprayer/{n}")
        response = _sign_in(client, agent="Another/1.0", ip="203.0.113.9")
    assert response.status_code == 429
    assert b"Your account is locked" in response.content


def test_five_wrong_passwords_cost_a_minute_not_an_hour(world, client):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            response = _fail(client)
        assert response.status_code == 429
        assert b"Try again in 1 minute." in response.content
        clock.shift(30)
        assert _sign_in(client).status_code == 429  # the right password too, during the cool-off
        clock.shift(31)
        assert _sign_in(client).status_code == 302


def test_each_further_failure_doubles_the_cool_off_up_to_a_cap(world, client, settings):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            _fail(client)
        clock.shift(61)
        response = _fail(client)  # the sixth: two minutes
        assert b"Try again in 2 minutes." in response.content
        clock.shift(90)
        assert _sign_in(client).status_code == 429
        clock.shift(31)
        for waited in (4, 8, 15, 15):  # each failure after its cool-off; capped at 15 minutes
            response = _fail(client)
            assert f"Try again in {waited} minutes.".encode() in response.content
            clock.shift(waited * 60 + 1)
        assert _sign_in(client).status_code == 302


def test_failures_during_a_cool_off_do_not_extend_it(world, client):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            _fail(client)
        for _ in range(20):
            clock.shift(2)
            assert _fail(client).status_code == 429
        clock.shift(21)  # 61 s after the fifth failure
        assert _sign_in(client).status_code == 302


def test_signing_in_forgets_the_failures(world, client):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(4):
            _fail(client)
        assert _sign_in(client).status_code == 302
        client.logout()
        clock.shift(1)
        for _ in range(4):
            assert _fail(client).status_code == 200  # the count started again


def test_one_address_failing_across_many_usernames_is_throttled(world, client, settings):
    settings.LOCKOUT_IP_FAILURES = 20
    with time_machine.travel(START, tick=False) as clock:
        for n in range(20):
            _fail(client, username=f"guess{n}", agent=f"Sprayer/{n}")
        response = _sign_in(client)
        assert response.status_code == 429
        assert b"too many failed sign-ins from your network" in response.content
        assert _sign_in(client, ip="203.0.113.9").status_code == 302  # another address is not affected
        client.logout()
        clock.shift(15 * 60 + 1)
        assert _sign_in(client).status_code == 302


# --- Re-authentication -----------------------------------------------------------------------


def test_wrong_approval_passwords_lock_like_sign_in_and_are_audited(world):
    report = _with_chair(world)
    chair = access_for(world, "chair")
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            with pytest.raises(services.WrongPassword):
                services.approve(chair, report, password="guess")
        with pytest.raises(services.WrongPassword, match="Try again in 1 minute"):
            services.approve(chair, report, password=PASSWORD)
        assert not ReportRevision.objects.exists()
        assert AuditEntry.objects.filter(action="auth.reauth.failed", payload__purpose="report approval").count() == 5
        assert AuditEntry.objects.filter(action="auth.reauth.refused").count() == 1
        clock.shift(61)
        services.approve(chair, report, password=PASSWORD)
    assert ReportRevision.objects.count() == 1
    assert AuditEntry.objects.filter(action="auth.reauth.succeeded", payload__purpose="report approval").exists()


def test_wrong_approval_passwords_also_lock_the_chairs_sign_in(world, client):
    report = _with_chair(world)
    chair = access_for(world, "chair")
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            with pytest.raises(services.WrongPassword):
                services.approve(chair, report, password="guess")
        assert _sign_in(client, username="chair").status_code == 429


def test_wrong_two_factor_codes_count_towards_the_lockout(world, client):
    user = world.user("unverified_manager")
    device = TOTPDevice.objects.get(user=user)
    with time_machine.travel(START, tick=False) as clock:
        assert _sign_in(client, username="unverified_manager").status_code == 302
        for _ in range(5):
            response = client.post(reverse("mfa_verify"), {"code": "000000"})
        assert b"Try again in 1 minute." in response.content
        response = client.post(reverse("mfa_verify"), {"code": totp_code(device)})
        assert response.status_code == 429  # even the right code, during the cool-off
        assert AuditEntry.objects.filter(action="auth.reauth.failed", payload__purpose="two-factor code").count() == 5
        # Signing in again with the password does not forget the wrong codes.
        client.logout()
        assert _sign_in(client, username="unverified_manager").status_code == 429
        clock.shift(61)
        assert _sign_in(client, username="unverified_manager").status_code == 302
        device.refresh_from_db()
        device.throttling_failure_count = 0  # django-otp's own per-device delay, not ours
        device.save()
        response = client.post(reverse("mfa_verify"), {"code": totp_code(device)})
        assert response.status_code == 302
