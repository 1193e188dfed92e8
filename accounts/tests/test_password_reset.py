"""Password reset by e-mail: the link arrives at a real SMTP server on 127.0.0.1; the page
says the same for every address; requests are throttled."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from lscb.models import AuditEntry

NEW_PASSWORD = "a different long passphrase 93"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    cache.clear()
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
    yield
    cache.clear()


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_a_person_resets_their_password_from_the_emailed_link(world, client, smtp_server):
    member = world.user("member")
    response = client.post(reverse("accounts:password_reset"), {"email": member.email.upper()})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    link = smtp_server.link_in(smtp_server.last_to(member.email), "/accounts/password-reset/")
    step = client.get(_path(link))
    assert step.status_code == 302  # Django moves the token into the session
    page = client.get(step["Location"])
    assert page.status_code == 200 and "Choose a new password" in page.content.decode()
    done = client.post(step["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="auth.password.reset", actor=member).exists()
    # Used once: the same link now says it does not work, and changes nothing.
    again = client.get(_path(link), follow=True)
    assert "This link does not work" in again.content.decode()


def test_an_unknown_address_gets_the_same_page_and_no_email(world, client, smtp_server):
    known = client.post(reverse("accounts:password_reset"), {"email": world.user("member").email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m["To"] for m in smtp_server.messages] == [world.user("member").email]


def test_a_deactivated_account_gets_no_link(world, client, smtp_server):
    member = world.user("member")
    member.is_active = False
    member.save()
    client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert smtp_server.messages == []


def test_a_tampered_link_shows_a_clear_page(world, client):
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-123"}), follow=True
    )
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()


def test_requests_are_throttled_per_address_and_per_email(world, client, smtp_server, settings):
    settings.PASSWORD_RESETS_PER_HOUR = 3
    email = world.user("member").email
    for _ in range(3):
        assert client.post(reverse("accounts:password_reset"), {"email": email}).status_code == 302
    assert len(smtp_server.messages) == 3
    refused = client.post(reverse("accounts:password_reset"), {"email": "someone@example.org"})
    assert refused.status_code == 429
    assert "too many requests from your network" in refused.content.decode()
    # Another address, the same e-mail: nothing more is sent, and the page says what it always says.
    other = client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 302
    assert len(smtp_server.messages) == 3
