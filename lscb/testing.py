"""Helpers for each app's rows in the permission matrix (see lscb/tests/test_permission_matrix.py).

Each app lists its rows in `<app>/tests/matrix.py` as ROWS = [MatrixRow(...)]. A row names a
URL, how to build its kwargs from the test world, and the status each persona must get.
"""

from dataclasses import dataclass, field

# Statuses by persona for the common cases, so rows stay short and readable.
LOGIN = 302  # anonymous: redirected to sign-in
HIDDEN = 404  # outsiders: the object does not exist for them
DENIED = 403  # a member of the board whose role does not allow it
OK = 200
REDIRECT = 302  # a successful POST redirects


@dataclass(frozen=True)
class MatrixRow:
    url_name: str
    kwargs: object  # callable(world) -> dict of URL kwargs
    expect: dict  # persona -> HTTP status
    method: str = "get"
    data: object = field(default=None)  # callable(world) -> POST data, for POST rows
    note: str = ""

    def __str__(self):
        return f"{self.method.upper()} {self.url_name}{' ' + self.note if self.note else ''}"


def everyone_on_board(status=OK, **overrides):
    """Every member of the board gets `status`; outsiders 404; anonymous is sent to sign in."""
    expect = {
        "business_manager": status,
        "chair": status,
        "agency_author": status,
        "other_agency_author": status,
        "subgroup_chair": status,
        "member": status,
        "other_board_member": HIDDEN,
        "anonymous": LOGIN,
    }
    expect.update(overrides)
    return expect


def only(allowed_status=OK, *personas, denied=DENIED):
    """Listed personas get `allowed_status`, other members `denied`, outsiders 404."""
    expect = everyone_on_board(denied)
    expect.update(dict.fromkeys(personas, allowed_status))
    return expect
