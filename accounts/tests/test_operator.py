"""The site operator: sets up boards with their first business manager, lists them, suspends
them; sees no board's records."""

import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Invitation
from boards.choices import Role
from boards.models import Board, Membership
from boards.tests.factories import BoardFactory
from lscb.models import AuditEntry

NEW_BOARD = {
    "name": "Northshire Safeguarding Children Partnership",
    "slug": "northshire",
    "arrangement": "partnership_wt2023",
    "areas": "Northshire County\nEast Northshire\n",
    "first_financial_year": "2026",
    "manager_name": "Morgan Manager",
    "manager_email": "morgan@northshire.example.org",
}


@pytest.fixture(autouse=True)
def _commits(monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_operator_sets_up_a_board_and_its_manager_is_invited(client_for, smtp_server, clock):
    client = client_for("operator")
    response = client.post(reverse("accounts:operator_board_create"), NEW_BOARD)
    assert response.status_code == 302
    board = Board.objects.get(slug="northshire")
    assert board.first_financial_year == 2026
    assert sorted(board.areas.values_list("name", flat=True)) == ["East Northshire", "Northshire County"]
    membership = Membership.objects.get(board=board)
    assert membership.role == Role.BUSINESS_MANAGER and membership.person.full_name == "Morgan Manager"
    assert membership.start_date == datetime.date(2026, 12, 2)
    invitation = Invitation.objects.get(board=board)
    assert invitation.email == "morgan@northshire.example.org" and invitation.sent_at is not None
    message = smtp_server.last_to("morgan@northshire.example.org")
    assert "Northshire Safeguarding Children Partnership" in message["Subject"]
    assert AuditEntry.objects.filter(action="accounts.board.created", board=board).exists()

    listing = client.get(reverse("accounts:operator_boards")).content.decode()
    assert "Morgan Manager (morgan@northshire.example.org): invitation pending" in listing
    assert "2 December 2026" in listing  # last activity: the set-up itself
    # The operator is no member of the board: its pages do not exist for them.
    assert client.get(reverse("boards:dashboard", kwargs={"board_slug": "northshire"})).status_code == 404


def test_a_board_name_or_address_in_use_is_refused_on_the_form(world, client_for):
    client = client_for("operator")
    response = client.post(reverse("accounts:operator_board_create"), {**NEW_BOARD, "slug": world.board.slug})
    assert response.status_code == 200
    assert "already used by another board" in response.content.decode()
    response = client.post(
        reverse("accounts:operator_board_create"), {**NEW_BOARD, "name": world.board.name.upper(), "areas": " \n "}
    )
    text = response.content.decode()
    assert "Enter at least one area" in text
    assert not Board.objects.filter(slug="northshire").exists()


def test_the_board_list_takes_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for("operator")
    for number in range(15):
        BoardFactory(slug=f"board-{number}", name=f"Board {number}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:operator_boards")).status_code == 200


def test_a_suspended_board_shows_its_members_a_clear_page_until_reinstated(world, client_for):
    operator = client_for("operator")
    url = reverse("accounts:operator_board_suspend", kwargs={"board_slug": world.board.slug})
    assert operator.post(url, {"reason": "Contract under review"}).status_code == 302
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    member = client_for("member")
    response = member.get(dashboard)
    assert response.status_code == 403
    text = response.content.decode()
    assert "is suspended" in text and "Contract under review" in text
    assert client_for("operator").post(url, {}).status_code == 302
    assert client_for("member").get(dashboard).status_code == 200
    actions = list(
        AuditEntry.objects.filter(board=world.board, action__startswith="accounts.board.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["accounts.board.reinstated", "accounts.board.suspended"]


def test_an_operator_who_has_not_entered_a_code_is_sent_to_two_factor_sign_in(world, client):
    client.force_login(world.user("operator"))
    response = client.get(reverse("accounts:operator_boards"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_verify"))


def test_create_board_command_sets_up_a_board_and_invites_its_manager(db, smtp_server):
    out = io.StringIO()
    call_command(
        "create_board",
        "--name=Westshire Safeguarding Partnership",
        "--slug=westshire",
        "--area=Westshire",
        "--first-financial-year=2026",
        "--manager-name=Wes Manager",
        "--manager-email=wes@westshire.example.org",
        stdout=out,
    )
    assert "invitation sent to wes@westshire.example.org" in out.getvalue()
    assert smtp_server.last_to("wes@westshire.example.org")
    with pytest.raises(CommandError, match="already"):
        call_command(
            "create_board",
            "--name=Westshire Safeguarding Partnership",
            "--slug=westshire-2",
            "--area=Westshire",
            "--first-financial-year=2026",
            "--manager-name=Wes Manager",
            "--manager-email=wes@westshire.example.org",
        )
