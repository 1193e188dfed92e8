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
MFA = 302  # signed in but not verified with a code: redirected to the two-factor page
MOVED = 301  # an old address of a renamed page (lscb/renames.py): redirected to the new one


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
        # A business manager signed in with a password but no code yet: sent to two-factor
        # sign-in (lscb/mfa.py) before the layer looks at anything else on the board.
        "unverified_manager": MFA,
        # The site operator (staff) is a member of no board: its records do not exist for them.
        "operator": HIDDEN,
    }
    expect.update(overrides)
    return expect


def only(allowed_status=OK, *personas, denied=DENIED):
    """Listed personas get `allowed_status`, other members `denied`, outsiders 404.

    "unverified_manager" keeps MFA (302 to the two-factor page) unless listed explicitly."""
    expect = everyone_on_board(denied)
    expect.update(dict.fromkeys(personas, allowed_status))
    return expect


def renamed_rows(rows, namespace, renamed):
    """Rows for the old URL names an app keeps for one release (lscb/renames.py; `renamed` is its
    urls.RENAMED). An old name at the same address answers as the first GET row of its new name
    says; an old address redirects every member of the board (301) to the new one, and meets the
    permission layer like any page of the board otherwise."""
    first_get = {}
    for row in rows:
        if row.method == "get":
            first_get.setdefault(row.url_name, row)
    extra = []
    for old, new in renamed.items():
        moved = isinstance(new, tuple)
        row = first_get[f"{namespace}:{new[0] if moved else new}"]
        expect = everyone_on_board(MOVED) if moved else row.expect
        extra.append(MatrixRow(f"{namespace}:{old}", kwargs=row.kwargs, expect=expect, note="(old name)"))
    return extra


# --- Two-factor sign-in in tests (lscb/mfa.py) ----------------------------------------------

# Personas who hold a confirmed authenticator app in the test world: managers and chairs must.
MFA_PERSONAS = ("business_manager", "chair", "other_board_member", "unverified_manager", "operator")


def give_totp_device(user, key=None):
    """A confirmed TOTP device for `user` (the factor managers and chairs must have)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    extra = {"key": key} if key else {}
    # tolerance: browser tests may sign the same persona in several times within one 30 s step;
    # each sign-in takes the next unused code (totp_code), which must still be accepted.
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, tolerance=5, **extra)


def totp_code(device, *, unused=True):
    """The code an authenticator app shows now for `device`; with `unused`, one the device has not
    accepted yet (django-otp refuses a code twice, so two sign-ins in one 30 s step take the next)."""
    import time  # noqa: PLC0415

    from django_otp.oath import TOTP  # noqa: PLC0415

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = totp.t()
    if unused and device.last_t is not None and device.last_t >= step:
        totp.time += (device.last_t + 1 - step) * device.step
    return f"{totp.token():0{device.digits}d}"


def verify_session(client, user):
    """Mark a test client's session as verified with the user's device, as a good code would."""
    from django_otp import DEVICE_ID_SESSION_KEY  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    from lscb.mfa import SESSION_HAS_DEVICE  # noqa: PLC0415

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_HAS_DEVICE] = True
    session.save()


# --- The shifted-clock check (make test-future) ---------------------------------------------

CLOCK_SHIFT_VARIABLE = "LSCB_TEST_CLOCK_SHIFT_DAYS"


def start_shifted_clock():
    """Move this process's clock forward by $LSCB_TEST_CLOCK_SHIFT_DAYS days, still ticking.

    A test that compares the real clock with a fixed date passes on the day it is written and
    fails months later; run with the clock moved forward, it fails today. Tests that set their
    own clock (time_machine.travel) still get exactly the time they ask for. Returns the
    destination, or None when the variable is unset."""
    import datetime  # noqa: PLC0415
    import os  # noqa: PLC0415

    days = os.environ.get(CLOCK_SHIFT_VARIABLE, "").strip()
    if not days:
        return None
    import time_machine  # noqa: PLC0415 — a dev dependency, only needed for this check

    destination = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=int(days))
    time_machine.travel(destination, tick=True).start()
    return destination
