"""Who a verified e-mail address is here, and when the organisation's two-factor sign-in counts
(sso/services.py), without the identity provider."""

import datetime

import pytest

from accounts.models import Invitation
from accounts.services import _new_invitation
from boards.choices import Role
from boards.tests.factories import BoardFactory, MembershipFactory, PersonFactory, person_with_login
from lscb.errors import DomainError
from sso import services
from sso.errors import SignOnRefused
from sso.models import BoardSignOnSettings, email_domain

START = datetime.date(2020, 4, 1)


@pytest.fixture
def board(db):
    board = BoardFactory(slug="sso-board")
    BoardSignOnSettings.objects.create(board=board, allowed_domains="council.example\nnhs.example")
    return board


def _member(board, username, email, role=Role.MEMBER):
    person = person_with_login(username, username.title())
    person.email = email
    person.save(update_fields=["email"])
    MembershipFactory(person=person, board=board, role=role, start_date=START)
    return person


def _reason(email):
    with pytest.raises(DomainError) as caught:
        services.user_for_verified_email(email)
    assert isinstance(caught.value, SignOnRefused)
    return caught.value.reason


def test_the_address_is_matched_to_its_person_whatever_the_case(board):
    person = _member(board, "jo", "Jo.Bloggs@Council.example")
    assert services.person_for_verified_email("jo.bloggs@COUNCIL.EXAMPLE") == person
    assert services.user_for_verified_email("jo.bloggs@COUNCIL.EXAMPLE") == person.user


def test_an_address_of_a_domain_the_board_does_not_allow_is_refused(board):
    _member(board, "jo", "jo@gmail.example")
    assert _reason("jo@gmail.example") == SignOnRefused.WRONG_DOMAIN


def test_a_board_without_settings_accepts_no_single_sign_on(db):
    _member(BoardFactory(slug="no-sso"), "jo", "jo@council.example")
    assert _reason("jo@council.example") == SignOnRefused.WRONG_DOMAIN


def test_a_board_that_allows_the_domain_is_enough_when_another_does_not(board):
    person = _member(board, "jo", "jo@council.example")
    MembershipFactory(person=person, board=BoardFactory(slug="strict"), role=Role.MEMBER, start_date=START)
    assert services.user_for_verified_email("jo@council.example") == person.user


def test_two_people_with_one_address_are_refused_rather_than_guessed(board):
    _member(board, "jo", "jo@council.example")
    _member(board, "jo2", "jo@council.example")
    assert _reason("jo@council.example") == SignOnRefused.AMBIGUOUS


def test_a_person_without_a_login_is_found_but_cannot_sign_in(board):
    person = PersonFactory(email="new@council.example")
    MembershipFactory(person=person, board=board, role=Role.MEMBER, start_date=START)
    # Found (accepting an invitation by single sign-on starts here), but no login to sign in to.
    assert services.person_for_verified_email("new@council.example") == person
    assert _reason("new@council.example") == SignOnRefused.NO_ACCOUNT


def test_a_closed_account_is_refused(board):
    person = _member(board, "jo", "jo@council.example")
    person.user.is_active = False
    person.user.save()
    assert _reason("jo@council.example") == SignOnRefused.INACTIVE


@pytest.mark.parametrize("email", ["", "no-at-sign", "@council.example", "  "])
def test_something_that_is_not_an_address_is_refused(board, email):
    assert _reason(email) == SignOnRefused.NO_EMAIL


def test_email_domain():
    assert email_domain("Jo@Police.UK.") == "police.uk"
    assert email_domain("a@b@council.example") == "council.example"
    assert email_domain("nobody") == ""


@pytest.mark.parametrize(
    ("amr", "multi"),
    [
        (["pwd", "mfa"], True),
        (["otp"], True),
        (["hwk"], True),
        ("mfa", True),
        (["pwd"], False),
        ([], False),
        (None, False),
        ({"mfa": 1}, False),
    ],
)
def test_which_authentication_methods_are_multi_factor(amr, multi):
    assert services.is_multi_factor(amr) is multi


def test_a_member_asked_for_no_code_gets_no_verification_from_the_provider(board):
    member = _member(board, "jo", "jo@council.example")
    BoardSignOnSettings.objects.filter(board=board).update(accept_identity_provider_mfa=True)
    assert services.identity_provider_mfa_accepted(member.user, ["mfa"]) is False
    chair = _member(board, "chair", "chair@council.example", role=Role.CHAIR)
    assert services.identity_provider_mfa_accepted(chair.user, ["mfa"]) is True


def test_an_invited_person_signing_in_with_their_organisation_account_accepts_the_invitation(board):
    person = PersonFactory(full_name="Sam Author", email="sam@council.example")
    MembershipFactory(person=person, board=board, role=Role.MEMBER, start_date=START)
    invitation = _new_invitation(board, person, actor=None)

    user = services.user_for_verified_email("sam@council.example")

    person.refresh_from_db()
    invitation.refresh_from_db()
    assert person.user == user and user.is_active and user.get_full_name() == "Sam Author"
    assert not user.has_usable_password()  # they sign in through the identity provider
    assert invitation.accepted_by == user
    assert Invitation.objects.usable().filter(person=person).count() == 0
    # The next sign-in finds the same account; nothing new is made.
    assert services.user_for_verified_email("sam@council.example") == user
