"""The business manager's single sign-on settings page for the board."""

from django.urls import reverse

from lscb.models import AuditEntry
from sso.models import BoardSignOnSettings


def _url(board):
    return reverse("sso:board_settings", kwargs={"board_slug": board.slug})


def test_the_manager_sets_the_allowed_domains_and_the_two_factor_choice(world, client_for):
    client = client_for("business_manager")
    page = client.get(_url(world.board))
    assert page.status_code == 200
    assert "not set up on this service yet" in page.text  # no identity provider in the tests' settings
    response = client.post(
        _url(world.board),
        {
            "allowed_domains": " @Home-Police.example\nhome-council.example.\n\nhome-police.example",
            "accept_identity_provider_mfa": "on",
        },
    )
    assert response.status_code == 302
    saved = BoardSignOnSettings.objects.get(board=world.board)
    assert saved.domains == ["home-police.example", "home-council.example"]
    assert saved.accept_identity_provider_mfa is True
    entry = AuditEntry.objects.get(action="sso.settings.updated")
    assert entry.board == world.board
    assert entry.payload["domains"] == ["home-police.example", "home-council.example"]
    assert entry.payload["before"] == {"domains": [], "accept_identity_provider_mfa": False}
    again = client.get(_url(world.board))
    assert "home-police.example\nhome-council.example" in again.text
    assert "History of changes" in again.text
    assert "E-mail domains" in again.text.split("History of changes", 1)[-1]


def test_something_that_is_not_a_domain_is_an_error_on_the_form_and_nothing_is_saved(world, client_for):
    client = client_for("business_manager")
    response = client.post(_url(world.board), {"allowed_domains": "home-police.example\nnot a domain; drop"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "is not an e-mail domain" in response.text
    assert "not a domain; drop" in response.text  # what was typed is kept
    assert not BoardSignOnSettings.objects.exists()


def test_emptying_the_domains_turns_single_sign_on_off_for_the_board(world, client_for):
    BoardSignOnSettings.objects.create(board=world.board, allowed_domains="home-police.example")
    client = client_for("business_manager")
    assert client.post(_url(world.board), {"allowed_domains": ""}).status_code == 302
    assert BoardSignOnSettings.objects.get(board=world.board).domains == []


def test_the_board_settings_page_links_to_it_for_the_manager_only(world, client_for):
    settings_page = reverse("boards:board_settings", kwargs={"board_slug": world.board.slug})
    assert _url(world.board) in client_for("business_manager").get(settings_page).text
    assert _url(world.board) not in client_for("member").get(settings_page).text
