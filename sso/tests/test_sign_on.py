"""Single sign-on against a real OpenID provider (sso/tests/oidc_provider.mjs) on 127.0.0.1:
who may sign in, every refusal, and when the organisation's two-factor sign-in counts."""

import datetime
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from boards.choices import Role
from boards.tests.factories import MembershipFactory, PersonFactory
from lscb.models import AuditEntry
from sso.models import BoardSignOnSettings
from sso.tests.provider import SHORT_LIVED_CLIENT_ID, sign_in_at_provider

pytestmark = pytest.mark.usefixtures("oidc_provider")


@pytest.fixture
def sso_world(world):
    """The home board accepts its police's and council's accounts; two people have those addresses."""
    BoardSignOnSettings.objects.create(board=world.board, allowed_domains="home-police.example\nhome-council.example")
    _set_email(world.user("agency_author"), "author@home-police.example")
    _set_email(world.user("business_manager"), "manager@home-council.example")
    _set_email(world.user("member"), "member@elsewhere.example")
    return world


def _set_email(user, email):
    user.person.email = email
    user.person.save(update_fields=["email"])


def _start(client, **query):
    url = reverse("sso:start") + (f"?{urlencode(query)}" if query else "")
    response = client.get(url)
    assert response.status_code == 302, response.content[:300]
    return response["Location"]


def _callback(client, url):
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def _sign_in(client, login):
    return _callback(client, sign_in_at_provider(_start(client), login))


def _with_param(url, name, value):
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    query[name] = [value]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


def _refusal(reason):
    return AuditEntry.objects.filter(action="sso.signin.refused", payload__reason=reason)


def _signed_in_user(client):
    return client.session.get("_auth_user_id")


def _assert_refused(client, response, reason, words=""):
    """The refusal page, with its words; nobody signed in; the refusal audited once."""
    assert response.status_code == 403
    assert "You could not be signed in" in response.text
    assert words in response.text
    assert _signed_in_user(client) is None
    assert _refusal(reason).count() == 1


def test_agency_author_signs_in_with_their_organisation_account_and_lands_on_the_dashboard(sso_world, client):
    response = _sign_in(client, "author")
    assert response.status_code == 302
    author = sso_world.user("agency_author")
    assert _signed_in_user(client) == str(author.pk)
    dashboard = client.get(response["Location"], follow=True)
    assert dashboard.status_code == 200
    assert dashboard.redirect_chain[-1][0] == reverse("boards:dashboard", kwargs={"board_slug": sso_world.board.slug})
    entry = AuditEntry.objects.get(action="sso.signin.succeeded")
    assert entry.actor == author
    assert entry.payload["identity_provider_mfa_accepted"] is False
    assert AuditEntry.objects.filter(action="auth.login.succeeded", actor=author).exists()


def test_sign_in_goes_on_to_the_page_asked_for(sso_world, client):
    actions = reverse("boards:action_list", kwargs={"board_slug": sso_world.board.slug})
    response = _callback(client, sign_in_at_provider(_start(client, next=actions), "author"))
    assert response["Location"] == actions


def test_the_sign_in_page_offers_single_sign_on_only_when_it_is_configured(sso_world, client, settings):
    assert "Sign in with your organisation account" in client.get(reverse("login")).text
    settings.SSO_ISSUER = settings.SSO_CLIENT_ID = settings.SSO_CLIENT_SECRET = ""
    assert "Sign in with your organisation account" not in client.get(reverse("login")).text
    assert client.get(reverse("sso:start")).status_code == 404
    assert client.get(reverse("sso:callback")).status_code == 404


@pytest.mark.parametrize(
    ("login", "reason", "words"),
    [
        ("stranger", "unknown_email", "No one with this e-mail address has been invited"),
        ("elsewhere", "domain_not_allowed", "does not accept sign-in with accounts from your organisation"),
        ("unverified", "email_not_verified", "does not say your e-mail address is verified"),
        ("no-email", "no_email", "did not give us an e-mail address"),
    ],
)
def test_a_person_the_board_does_not_know_by_a_verified_address_is_refused(sso_world, client, login, reason, words):
    users_before = get_user_model().objects.count()
    _assert_refused(client, _sign_in(client, login), reason, words)
    assert get_user_model().objects.count() == users_before  # never created from nothing


def test_domain_owner_verified_claim_of_entra_id_counts_as_verified(sso_world, client):
    response = _sign_in(client, "domain-owner-verified")
    assert response.status_code == 302
    assert _signed_in_user(client) == str(sso_world.user("agency_author").pk)


def test_a_person_whose_membership_has_ended_is_refused(sso_world, client):
    sso_world.user("agency_author").person.memberships.update(end_date=datetime.date(2020, 4, 1))
    _assert_refused(client, _sign_in(client, "author"), "no_active_membership", "not a member of a board here any more")


def test_a_person_added_but_never_invited_to_sign_in_is_refused(sso_world, client):
    person = PersonFactory(full_name="Not Invited", email="stranger@home-police.example")
    MembershipFactory(person=person, board=sso_world.board, role=Role.MEMBER, start_date=datetime.date(2020, 4, 1))
    response = _sign_in(client, "stranger")
    assert response.status_code == 403
    assert "not yet invited to sign in" in response.text
    assert _refusal("no_account").exists()


def test_a_tampered_state_is_refused(sso_world, client):
    back = sign_in_at_provider(_start(client), "author")
    response = _callback(client, _with_param(back, "state", "forged-state"))
    _assert_refused(client, response, "state_mismatch", "not the one we started, or it has already been used")


def test_a_replayed_callback_is_refused(sso_world, client):
    back = sign_in_at_provider(_start(client), "author")
    assert _callback(client, back).status_code == 302
    client.logout()
    response = _callback(client, back)
    assert response.status_code == 403
    assert _signed_in_user(client) is None
    assert _refusal("state_mismatch").exists()


def test_a_tampered_nonce_is_refused(sso_world, client):
    authorize = _with_param(_start(client), "nonce", "a-nonce-we-never-sent")
    response = _callback(client, sign_in_at_provider(authorize, "author"))
    _assert_refused(client, response, "nonce_mismatch", "does not match the request we sent")


def test_a_replayed_nonce_is_refused(sso_world, client):
    first = _start(client)
    old_nonce = parse_qs(urlsplit(first).query)["nonce"][0]
    assert _callback(client, sign_in_at_provider(first, "author")).status_code == 302
    client.logout()
    authorize = _with_param(_start(client), "nonce", old_nonce)  # an id_token for the old request
    response = _callback(client, sign_in_at_provider(authorize, "author"))
    _assert_refused(client, response, "nonce_mismatch")


def test_an_expired_id_token_is_refused(sso_world, client, settings):
    settings.SSO_CLIENT_ID = SHORT_LIVED_CLIENT_ID  # the provider's id_tokens for it live 1 second
    back = sign_in_at_provider(_start(client), "author")
    # Five minutes on (well past the token's second and the allowed clock skew, well within the
    # session's idle time), whatever today's date is.
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5), tick=True):
        response = _callback(client, back)
    _assert_refused(client, response, "token_expired", "has expired")


def test_an_error_from_the_provider_is_refused_and_forgets_the_state(sso_world, client):
    authorize = _start(client)
    state = parse_qs(urlsplit(authorize).query)["state"][0]
    response = client.get(reverse("sso:callback"), {"error": "access_denied", "state": state})
    assert response.status_code == 403
    assert state not in client.session.get("oidc_states", {})
    assert _refusal("provider_error").exists()


def test_a_callback_without_code_or_state_is_refused(sso_world, client):
    response = client.get(reverse("sso:callback"))
    assert response.status_code == 403
    assert _refusal("incomplete").exists()


# --- Two-factor: the organisation's multi-factor sign-in instead of our code -------------------


def _accept_mfa(board, accept=True):
    BoardSignOnSettings.objects.filter(board=board).update(accept_identity_provider_mfa=accept)


def test_multi_factor_sign_in_stands_in_for_the_code_where_the_board_accepts_it(sso_world, client):
    _accept_mfa(sso_world.board)
    response = _sign_in(client, "manager-mfa")
    assert response.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY]  # verified, as a good code would make it
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": sso_world.board.slug})
    assert client.get(dashboard).status_code == 200
    entry = AuditEntry.objects.get(action="sso.signin.succeeded")
    assert entry.payload["identity_provider_mfa_accepted"] is True
    assert entry.payload["amr"] == ["pwd", "mfa"]


def test_multi_factor_sign_in_does_not_count_where_the_board_does_not_accept_it(sso_world, client):
    _accept_mfa(sso_world.board, accept=False)
    _sign_in(client, "manager-mfa")
    assert DEVICE_ID_SESSION_KEY not in client.session
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": sso_world.board.slug})
    assert client.get(dashboard)["Location"].startswith(reverse("mfa_verify"))


def test_a_password_only_sign_in_at_the_provider_still_asks_for_the_code(sso_world, client):
    _accept_mfa(sso_world.board)
    _sign_in(client, "manager-pwd")
    assert DEVICE_ID_SESSION_KEY not in client.session
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": sso_world.board.slug})
    assert client.get(dashboard)["Location"].startswith(reverse("mfa_verify"))


def test_multi_factor_sign_in_counts_only_if_every_board_asking_for_a_code_accepts_it(sso_world, client):
    _accept_mfa(sso_world.board)
    manager = sso_world.user("business_manager").person
    # Also the manager of the other board, which does not accept the provider's two-factor sign-in.
    MembershipFactory(
        person=manager, board=sso_world.other_board, role=Role.BUSINESS_MANAGER, start_date=datetime.date(2020, 4, 1)
    )
    _sign_in(client, "manager-mfa")
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert AuditEntry.objects.get(action="sso.signin.succeeded").payload["identity_provider_mfa_accepted"] is False


def test_a_code_the_provider_did_not_issue_is_refused(sso_world, client):
    back = sign_in_at_provider(_start(client), "author")
    _assert_refused(client, _callback(client, _with_param(back, "code", "forged-code")), "provider_error")


def test_an_unreachable_provider_is_said_so_and_nothing_else_happens(sso_world, client, settings):
    import socket  # noqa: PLC0415

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        settings.SSO_ISSUER = f"http://127.0.0.1:{closed.getsockname()[1]}"
    response = client.get(reverse("sso:start"))
    assert response.status_code == 502
    assert "sign-in service. Try again in a few minutes" in response.text
    assert _refusal("provider_unreachable").count() == 1


@pytest.mark.parametrize(
    "query",
    [
        {"code": "x", "state": "\x00"},
        {"code": "x" * 5000, "state": "y" * 5000},
        {"error": "\x00" * 3, "state": "z"},
        {"error": "access_denied", "error_description": "<script>alert(1)</script>"},
        {"state": "only-a-state"},
        {"code": ["a", "b"], "state": ["c", "d"]},
    ],
)
def test_no_callback_query_gives_a_server_error(sso_world, client, query):
    _start(client)
    response = client.get(reverse("sso:callback"), query)
    assert response.status_code == 403
    assert "<script>alert(1)</script>" not in response.text
    assert _signed_in_user(client) is None


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example", "\x00", "/" * 3000, "javascript:alert(1)"]
)
def test_the_start_ignores_a_next_page_that_is_not_ours(sso_world, client, next_url):
    back = sign_in_at_provider(_start(client, next=next_url), "author")
    response = _callback(client, back)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
