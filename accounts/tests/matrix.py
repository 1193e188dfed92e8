"""Permission-matrix rows of the accounts app: the board's invitations are its business
manager's; the link's page is public (the token is the key) and the same for everyone."""

from django.utils import timezone

from accounts.models import Invitation
from accounts.tests.factories import invitee
from accounts.tokens import token_hash
from boards.tests.factories import UserFactory
from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only

MANAGE_GET = only(OK, "business_manager")
MANAGE_POST = only(REDIRECT, "business_manager")
FOREIGN = only(HIDDEN, "business_manager")
EVERYONE = tuple(everyone_on_board())  # every persona, anonymous too
TOKEN = "matrix-invitation-token"


def _slug(w):
    return {"board_slug": w.board.slug}


def _invitee(w, board=None):
    return invitee(board or w.board, email=f"invitee@{(board or w.board).slug}.example.org")


def _invitation(w, board=None):
    membership = _invitee(w, board)
    now = timezone.now()
    return Invitation.objects.create(
        board=membership.board,
        person=membership.person,
        email=membership.person.email,
        token_hash=token_hash(TOKEN),
        requested_at=now,
        expires_at=Invitation.expiry_from(now),
    )


def _on(builder, key, other=False):
    def kwargs(w):
        obj = builder(w, w.other_board if other else None)
        return {**_slug(w), key: obj.pk}

    return kwargs


def _token(w):
    _invitation(w)
    return {"token": TOKEN}


ROWS = [
    MatrixRow("accounts:invitation_list", kwargs=_slug, expect=MANAGE_GET),
    MatrixRow("accounts:invite", kwargs=_on(_invitee, "membership_id"), expect=MANAGE_GET),
    MatrixRow(
        "accounts:invite", kwargs=_on(_invitee, "membership_id"), method="post", data=lambda w: {}, expect=MANAGE_POST
    ),
    MatrixRow(
        "accounts:invite",
        kwargs=_on(_invitee, "membership_id", other=True),
        method="post",
        data=lambda w: {},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("accounts:invitation_resend", kwargs=_on(_invitation, "invitation_id"), expect=MANAGE_GET),
    MatrixRow(
        "accounts:invitation_resend",
        kwargs=_on(_invitation, "invitation_id"),
        method="post",
        data=lambda w: {},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "accounts:invitation_resend",
        kwargs=_on(_invitation, "invitation_id", other=True),
        method="post",
        data=lambda w: {},
        expect=FOREIGN,
        note="other board's",
    ),
    MatrixRow("accounts:invitation_revoke", kwargs=_on(_invitation, "invitation_id"), expect=MANAGE_GET),
    MatrixRow(
        "accounts:invitation_revoke",
        kwargs=_on(_invitation, "invitation_id"),
        method="post",
        data=lambda w: {},
        expect=MANAGE_POST,
    ),
    MatrixRow(
        "accounts:invitation_revoke",
        kwargs=_on(_invitation, "invitation_id", other=True),
        expect=FOREIGN,
        note="other board's",
    ),
    # The link's page: the same for everyone, signed in or not (the token is the only key).
    MatrixRow("accounts:invitation_accept", kwargs=_token, expect=dict.fromkeys(EVERYONE, OK)),
    MatrixRow(
        "accounts:invitation_accept",
        kwargs=lambda w: {"token": "no-such-token"},
        expect=dict.fromkeys(EVERYONE, HIDDEN),
        note="unknown link",
    ),
]

# The site operator's pages: staff only (others: no such page), two-factor verified.
OPERATOR_ONLY = {**dict.fromkeys(EVERYONE, HIDDEN), "anonymous": 302, "operator": OK}
OPERATOR_POST = {**OPERATOR_ONLY, "operator": REDIRECT}
NEW_BOARD = {
    "name": "Matrix Safeguarding Partnership",
    "slug": "matrix-board",
    "arrangement": "partnership_wt2023",
    "areas": "Matrix borough",
    "first_financial_year": "2026",
    "manager_name": "Morgan Manager",
    "manager_email": "morgan@matrix.example.org",
}

ROWS += [
    MatrixRow("accounts:operator_boards", kwargs=lambda w: {}, expect=OPERATOR_ONLY),
    MatrixRow("accounts:operator_board_create", kwargs=lambda w: {}, expect=OPERATOR_ONLY),
    MatrixRow(
        "accounts:operator_board_create",
        kwargs=lambda w: {},
        method="post",
        data=lambda w: NEW_BOARD,
        expect=OPERATOR_POST,
    ),
    MatrixRow("accounts:operator_board_suspend", kwargs=_slug, expect=OPERATOR_ONLY),
    MatrixRow("accounts:operator_board_suspend", kwargs=_slug, method="post", data=lambda w: {}, expect=OPERATOR_POST),
]


def _reset_link(w):
    from django.contrib.auth.tokens import default_token_generator  # noqa: PLC0415
    from django.utils.encoding import force_bytes  # noqa: PLC0415
    from django.utils.http import urlsafe_base64_encode  # noqa: PLC0415

    # Not a persona: signing a persona in changes its last_login, which ends its reset links.
    user = UserFactory(username="forgetful", email="forgetful@example.org")
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


def _reset_request(w):
    """The form's data; first the rate limits are forgotten (they live in the cache, which the
    row's rolled-back savepoints do not undo), or the sixth persona from 127.0.0.1 would get 429."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
    return {"email": "member@example.org"}


# Password reset: public pages, the same for everyone (a signed-in person may reset too).
ROWS += [
    MatrixRow("accounts:password_reset", kwargs=lambda w: {}, expect=dict.fromkeys(EVERYONE, OK)),
    MatrixRow(
        "accounts:password_reset",
        kwargs=lambda w: {},
        method="post",
        data=_reset_request,
        expect=dict.fromkeys(EVERYONE, REDIRECT),
    ),
    MatrixRow("accounts:password_reset_done", kwargs=lambda w: {}, expect=dict.fromkeys(EVERYONE, OK)),
    # A good link is sent on to the set-password step (the token leaves the address bar).
    MatrixRow("accounts:password_reset_confirm", kwargs=_reset_link, expect=dict.fromkeys(EVERYONE, REDIRECT)),
    MatrixRow(
        "accounts:password_reset_confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"},
        expect=dict.fromkeys(EVERYONE, OK),
        note="no token in the session",
    ),
    MatrixRow("accounts:password_reset_complete", kwargs=lambda w: {}, expect=dict.fromkeys(EVERYONE, OK)),
]


EMAIL_TOKEN = "matrix-email-change-token"


def _email_change(w):
    from datetime import timedelta  # noqa: PLC0415

    from accounts.models import EmailChange  # noqa: PLC0415

    EmailChange.objects.create(
        user=w.user("member"),
        new_email="member.new@example.org",
        token_hash=token_hash(EMAIL_TOKEN),
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return {"token": EMAIL_TOKEN}


# One's own e-mail address: any signed-in person (a manager once verified); the link's page is public.
SIGNED_IN = {**dict.fromkeys(EVERYONE, OK), "anonymous": 302, "unverified_manager": 302}
ROWS += [
    MatrixRow("accounts:email_change", kwargs=lambda w: {}, expect=SIGNED_IN),
    MatrixRow(
        "accounts:email_change",
        kwargs=lambda w: {},
        method="post",
        data=lambda w: {"new_email": "someone.new@example.org", "password": "not-the-password"},
        expect=SIGNED_IN,
        note="wrong password",
    ),
    MatrixRow("accounts:email_change_confirm", kwargs=_email_change, expect=dict.fromkeys(EVERYONE, OK)),
    MatrixRow(
        "accounts:email_change_confirm",
        kwargs=_email_change,
        method="post",
        data=lambda w: {},
        expect=dict.fromkeys(EVERYONE, REDIRECT),
    ),
    MatrixRow(
        "accounts:email_change_confirm",
        kwargs=lambda w: {"token": "no-such-token"},
        expect=dict.fromkeys(EVERYONE, HIDDEN),
        note="unknown link",
    ),
]
