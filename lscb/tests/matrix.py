from lscb.testing import LOGIN, OK, MatrixRow, only

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
            ],
            OK,
        ),
    ),
    MatrixRow("login", kwargs=lambda w: {}, expect={"anonymous": OK}),
    MatrixRow(
        "logout", kwargs=lambda w: {}, method="post", data=lambda w: {}, expect={"member": 302, "anonymous": 302}
    ),
    MatrixRow("boards:audit_log", kwargs=lambda w: {"board_slug": w.board.slug}, expect=only(OK, "business_manager")),
]
