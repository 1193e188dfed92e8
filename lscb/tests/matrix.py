from lscb.testing import HIDDEN, LOGIN, MFA, OK, REDIRECT, MatrixRow, everyone_on_board, only

# Two-factor pages. Managers, chairs and other_board_member have a device and a verified
# session; the other members have no device (optional for them); unverified_manager has a
# device but has not entered a code.
_VERIFIED = ("business_manager", "chair", "other_board_member")
_NO_DEVICE = ("agency_author", "other_agency_author", "subgroup_chair", "member")


def _mfa_expect(verified, no_device, unverified):
    return {
        **dict.fromkeys(_VERIFIED, verified),
        **dict.fromkeys(_NO_DEVICE, no_device),
        "unverified_manager": unverified,
        "anonymous": LOGIN,
    }


ROWS = [
    MatrixRow(
        "home",
        kwargs=lambda w: {},
        # Home redirects a one-board user to that board's dashboard.
        expect={
            "business_manager": 302,
            "chair": 302,
            "agency_author": 302,
            "other_agency_author": 302,
            "subgroup_chair": 302,
            "member": 302,
            "other_board_member": 302,
            "anonymous": LOGIN,
            "unverified_manager": MFA,
        },
    ),
    MatrixRow(
        "healthz",
        kwargs=lambda w: {},
        expect=dict.fromkeys(
            [
                "business_manager",
                "chair",
                "agency_author",
                "other_agency_author",
                "subgroup_chair",
                "member",
                "other_board_member",
                "anonymous",
                "unverified_manager",
            ],
            OK,
        ),
    ),
    MatrixRow("login", kwargs=lambda w: {}, expect={"anonymous": OK, "unverified_manager": 302}),
    MatrixRow(
        "logout", kwargs=lambda w: {}, method="post", data=lambda w: {}, expect={"member": 302, "anonymous": 302}
    ),
    MatrixRow("boards:audit_log", kwargs=lambda w: {"board_slug": w.board.slug}, expect=only(OK, "business_manager")),
    # Verify: already verified → on to `next`; no device → set-up page; unverified → the form.
    MatrixRow("mfa_verify", kwargs=lambda w: {}, expect=_mfa_expect(302, 302, OK)),
    # Set up: "it is on" page or the QR form; an unverified session may not add a device.
    MatrixRow("mfa_enrol", kwargs=lambda w: {}, expect=_mfa_expect(OK, OK, 302)),
    MatrixRow("mfa_recovery_codes", kwargs=lambda w: {}, expect=_mfa_expect(OK, 302, 302)),
    MatrixRow(
        "mfa_recovery_codes",
        kwargs=lambda w: {},
        method="post",
        data=lambda w: {},
        expect=_mfa_expect(302, 302, 302),
        note="make new codes",
    ),
    # Records retention (lscb/retention.py): the business manager sets periods and legal holds.
    MatrixRow("retention", kwargs=lambda w: {"board_slug": w.board.slug}, expect=only(OK, "business_manager")),
    MatrixRow(
        "retention",
        kwargs=lambda w: {"board_slug": w.other_board.slug},
        expect={**everyone_on_board(HIDDEN), "other_board_member": OK, "unverified_manager": HIDDEN},
        note="other board's",
    ),
    MatrixRow(
        "retention_edit",
        kwargs=lambda w: {"board_slug": w.board.slug, "record_class": "boards.meeting"},
        expect=only(OK, "business_manager"),
    ),
    MatrixRow(
        "retention_edit",
        kwargs=lambda w: {"board_slug": w.board.slug, "record_class": "boards.meeting"},
        method="post",
        data=lambda w: {"years": "10", "legal_hold": "on", "legal_hold_reason": "Inquiry"},
        expect=only(REDIRECT, "business_manager"),
    ),
    MatrixRow(
        "retention_edit",
        kwargs=lambda w: {"board_slug": w.board.slug, "record_class": "no.such_class"},
        expect=only(HIDDEN, "business_manager"),
        note="unknown record class",
    ),
]
