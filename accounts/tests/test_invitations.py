"""Invitations: the business manager invites a person by e-mail (a real SMTP server on
127.0.0.1 receives it), the person follows the link and chooses a password."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts import services, tasks
from accounts.models import Invitation
from accounts.tests.factories import invitee
from boards.choices import Role
from boards.tests.factories import PersonFactory
from lscb.models import AuditEntry
from lscb.permissions import BoardAccess

GOOD_PASSWORD = "a long and unusual passphrase 42"
NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def manager_access(world):
    return BoardAccess.for_user(world.user("business_manager"), world.board)


@pytest.fixture(autouse=True)
def _commits(monkeypatch):
    """The e-mail is queued on commit; a test's transaction never commits, so run it at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def _invite(manager_access, membership):
    services.invite(manager_access, membership.person)
    return Invitation.objects.get(person=membership.person, accepted_at__isnull=True, revoked_at__isnull=True)


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_invited_person_follows_the_emailed_link_and_sets_a_password(
    world, manager_access, smtp_server, client, clock
):
    membership = invitee(world.board, role=Role.AGENCY_AUTHOR, agency=world.agency)
    invitation = _invite(manager_access, membership)
    message = smtp_server.last_to("sam.author@police.example.org")
    assert "invited to sign in to Home Safeguarding Children Partnership" in message["Subject"]
    link = smtp_server.link_in(message, "/accounts/invitation/")
    invitation.refresh_from_db()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash and token not in invitation.token_hash  # only the hash is kept
    assert invitation.sent_at is not None

    page = client.get(_path(link))
    assert page.status_code == 200
    assert "sam.author@police.example.org" in page.content.decode()
    response = client.post(_path(link), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert response.status_code == 302

    user = get_user_model().objects.get(username="sam.author@police.example.org")
    membership.person.refresh_from_db()
    assert membership.person.user == user and user.is_active and user.check_password(GOOD_PASSWORD)
    assert user.get_full_name() == "Sam Author"
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.accepted_by == user
    assert client.get(reverse("home")).status_code == 302  # signed in: on to the board
    assert AuditEntry.objects.filter(action="accounts.invitation.accepted", actor=user).exists()
    assert AuditEntry.objects.filter(action="accounts.invitation.sent", board=world.board).exists()

    # The link works once: followed again, a clear page and nothing changed.
    client.logout()
    again = client.post(
        _path(link), {"new_password1": "another passphrase 77", "new_password2": "another passphrase 77"}
    )
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)


def test_a_chair_is_sent_on_to_set_up_the_authenticator_app(world, manager_access, smtp_server, client, clock):
    membership = invitee(world.board, email="pat.chair@example.org", role=Role.CHAIR, name="Pat Chair")
    _invite(manager_access, membership)
    link = smtp_server.link_in(smtp_server.last_to("pat.chair@example.org"), "/accounts/invitation/")
    response = client.post(_path(link), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_enrol"))


def test_an_expired_link_shows_a_clear_page_and_changes_nothing(world, manager_access, smtp_server, client, clock):
    membership = invitee(world.board)
    _invite(manager_access, membership)
    link = smtp_server.link_in(smtp_server.last_to("sam.author"), "/accounts/invitation/")
    clock.shift(datetime.timedelta(days=7, minutes=1))
    response = client.post(_path(link), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    membership.person.refresh_from_db()
    assert membership.person.user is None
    assert not get_user_model().objects.filter(username="sam.author@police.example.org").exists()


def test_a_tampered_link_shows_a_clear_page(world, manager_access, smtp_server, client, clock):
    membership = invitee(world.board)
    _invite(manager_access, membership)
    link = smtp_server.link_in(smtp_server.last_to("sam.author"), "/accounts/invitation/")
    tampered = _path(link).rstrip("/")[:-3] + "xyz/"
    for url in (tampered, "/accounts/invitation/" + "A" * 300 + "/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    membership.person.refresh_from_db()
    assert membership.person.user is None


def test_resending_replaces_the_link_and_revoking_stops_it(world, manager_access, smtp_server, client, clock):
    membership = invitee(world.board)
    invitation = _invite(manager_access, membership)
    first = _path(smtp_server.link_in(smtp_server.last_to("sam.author"), "/accounts/invitation/"))
    clock.shift(datetime.timedelta(days=6))
    services.resend(manager_access, invitation)
    second = _path(smtp_server.link_in(smtp_server.last_to("sam.author"), "/accounts/invitation/"))
    assert first != second and len(smtp_server.messages) == 2
    assert client.get(first).status_code == 404
    clock.shift(datetime.timedelta(days=2))  # 8 days after the first: the resent link still works
    assert client.get(second).status_code == 200
    services.revoke(manager_access, invitation)
    response = client.get(second)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    actions = set(AuditEntry.objects.filter(board=world.board).values_list("action", flat=True))
    assert {"accounts.invitation.sent", "accounts.invitation.resent", "accounts.invitation.revoked"} <= actions


def test_the_task_sends_once_when_run_twice(world, manager_access, smtp_server, clock):
    invitation = _invite(manager_access, invitee(world.board))
    assert tasks.send_invitation(invitation.pk) is False
    assert len(smtp_server.messages) == 1


def test_a_weak_password_is_refused_with_the_validators_reasons(world, manager_access, smtp_server, client, clock):
    membership = invitee(world.board)
    _invite(manager_access, membership)
    link = _path(smtp_server.link_in(smtp_server.last_to("sam.author"), "/accounts/invitation/"))
    response = client.post(link, {"new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "too short" in text
    membership.person.refresh_from_db()
    assert membership.person.user is None


def test_an_email_another_person_on_the_board_uses_cannot_be_invited(world, manager_access):
    membership = invitee(world.board, email="shared@example.org")
    other = invitee(world.board, email="Shared@example.org", name="Someone Else")
    assert "uses the same email address" in services.invite_refusal(manager_access, other.person)
    with pytest.raises(services.InvitationError):
        services.invite(manager_access, membership.person)
    assert not Invitation.objects.exists()


def test_a_person_without_an_email_or_already_signing_in_cannot_be_invited(world, manager_access):
    nobody = invitee(world.board, email="")
    assert "Add" in services.invite_refusal(manager_access, nobody.person)
    chair = world.user("chair").person
    assert "can already sign in" in services.invite_refusal(manager_access, chair)
    stranger = PersonFactory(email="x@example.org")
    assert "not on this board" in services.invite_refusal(manager_access, stranger)


def test_invitations_are_rate_limited(world, manager_access, settings, smtp_server):
    settings.INVITATIONS_PER_HOUR = 2
    from django.core.cache import cache

    cache.clear()
    for number in range(2):
        services.invite(manager_access, invitee(world.board, email=f"p{number}@example.org", name=f"P {number}").person)
    with pytest.raises(services.InvitationError, match="too many"):
        services.invite(manager_access, invitee(world.board, email="p9@example.org", name="P 9").person)
    cache.clear()


def test_ending_the_last_membership_signs_out_and_reinviting_restores(
    world, manager_access, smtp_server, client, clock
):
    from boards import services as board_services

    author = world.user("agency_author")
    membership = author.person.memberships.get()
    client.force_login(author)
    assert client.get(reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})).status_code == 200
    board_services.end_membership(manager_access, membership, datetime.date(2026, 12, 1))
    author.refresh_from_db()
    assert not author.is_active
    assert client.get(reverse("home")).status_code == 302  # the session ended: sent to sign in
    assert not _signs_in(client, "agency_author", "correct-horse-battery")

    # Back on the board, invited again: the same account, active again, with a new password.
    membership.end_date = None
    membership.save()
    services.invite(manager_access, author.person)
    link = _path(smtp_server.link_in(smtp_server.last_to(author.person.email), "/accounts/invitation/"))
    assert client.post(link, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}).status_code == 302
    author.refresh_from_db()
    assert author.is_active and author.check_password(GOOD_PASSWORD)
    client.logout()
    assert _signs_in(client, "agency_author", GOOD_PASSWORD)


def _signs_in(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def test_the_account_name_follows_the_person(world):
    person = world.user("member").person
    person.full_name = "Renamed Member"
    person.save()
    user = get_user_model().objects.get(pk=person.user_id)
    assert user.get_full_name() == "Renamed Member"


def test_accept_invitation_refuses_a_used_invitation_and_changes_nothing(world, manager_access, clock):
    invitation = _invite(manager_access, invitee(world.board))
    first = get_user_model().objects.create_user("first@example.org")
    services.accept_invitation(invitation, user=first)
    second = get_user_model().objects.create_user("second@example.org")
    with pytest.raises(services.InvitationError, match="already been used"):
        services.accept_invitation(invitation, user=second)
    invitation.refresh_from_db()
    assert invitation.accepted_by == first
    assert timezone.now() == NOW
