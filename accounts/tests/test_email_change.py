"""Changing one's own e-mail address: a link goes to the new address (a real SMTP server on
127.0.0.1 receives it); the address changes, for the account and its Person, only when followed."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from accounts.models import EmailChange
from lscb.models import AuditEntry

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    cache.clear()
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
    yield
    cache.clear()


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_address_changes_when_the_link_sent_to_it_is_followed(world, client_for, smtp_server):
    client = client_for("member")
    member = world.user("member")
    response = client.post(
        reverse("accounts:email_change"), {"new_email": "robin@new.example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "member@example.org"  # not yet
    link = _path(smtp_server.link_in(smtp_server.last_to("robin@new.example.org"), "/accounts/email/confirm/"))
    assert client.get(link).status_code == 200  # a mail scanner's fetch changes nothing
    member.refresh_from_db()
    assert member.email == "member@example.org"
    assert client.post(link).status_code == 302
    member.refresh_from_db()
    assert member.email == "robin@new.example.org"
    assert member.person.email == "robin@new.example.org"
    assert AuditEntry.objects.filter(action="auth.email.changed", actor=member).exists()
    again = client.post(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_a_wrong_password_or_an_address_in_use_is_refused(world, client_for, smtp_server):
    client = client_for("member")
    wrong = client.post(reverse("accounts:email_change"), {"new_email": "x@new.example.org", "password": "nope"})
    assert "The password is not right" in wrong.content.decode()
    taken = client.post(
        reverse("accounts:email_change"), {"new_email": world.user("chair").email.upper(), "password": PASSWORD}
    )
    assert "uses that email address" in taken.content.decode()
    assert smtp_server.messages == [] and not EmailChange.objects.exists()


def test_an_expired_link_changes_nothing(world, client_for, smtp_server):
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        client = client_for("member")
        client.post(reverse("accounts:email_change"), {"new_email": "late@new.example.org", "password": PASSWORD})
        link = _path(smtp_server.link_in(smtp_server.last_to("late@new.example.org"), "/accounts/email/confirm/"))
        clock.shift(datetime.timedelta(hours=25))
        response = client.post(link)
        assert response.status_code == 410 and "expired" in response.content.decode()
    world.user("member").refresh_from_db()
    assert world.user("member").email == "member@example.org"
