from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only

_EVERYONE = (*everyone_on_board(), "anonymous")
_slug = lambda w: {"board_slug": w.board.slug}  # noqa: E731

ROWS = [
    # Start and callback are public (nobody is signed in yet); with no identity provider configured
    # (as in the matrix's world) they do not exist. Configured, sso/tests/test_sign_on.py covers them.
    MatrixRow("sso:start", kwargs=lambda w: {}, expect=dict.fromkeys(_EVERYONE, HIDDEN), note="not configured"),
    MatrixRow("sso:callback", kwargs=lambda w: {}, expect=dict.fromkeys(_EVERYONE, HIDDEN), note="not configured"),
    # The board's single sign-on settings: its business manager's.
    MatrixRow("sso:board_settings", kwargs=_slug, expect=only(OK, "business_manager")),
    MatrixRow(
        "sso:board_settings",
        kwargs=_slug,
        method="post",
        data=lambda w: {"allowed_domains": "home-police.example", "accept_identity_provider_mfa": "on"},
        expect=only(REDIRECT, "business_manager"),
    ),
    MatrixRow(
        "sso:board_settings",
        kwargs=lambda w: {"board_slug": w.other_board.slug},
        expect={**everyone_on_board(HIDDEN), "other_board_member": OK, "unverified_manager": HIDDEN},
        note="other board's",
    ),
]
