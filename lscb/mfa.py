"""Two-factor sign-in (TOTP with django-otp) and the rule for who must use it.

Business managers and chairs must verify a code on every board they hold that role on; anyone
else may set up an authenticator app, and once they have, they verify too. Recovery codes are a
django-otp static device. The rule is enforced by the one permission layer (lscb.permissions):
this module only answers "is this session verified?" and "must it be?".

A session is verified when django-otp's `otp_device_id` is in it (set by `django_otp.login`
after a good code). We read the session rather than install OTPMiddleware: that middleware
loads the device on every request, one query on every page for nothing.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from boards.choices import Role

MFA_ROLES = frozenset({Role.BUSINESS_MANAGER, Role.CHAIR})
# True in the session when the user has a confirmed device (worked out at sign-in and set on
# enrolment), so optional users who opted in are asked too, without a query per page.
SESSION_HAS_DEVICE = "lscb_mfa_has_device"
# Recovery codes just generated, shown once on the next page and then forgotten.
SESSION_NEW_CODES = "lscb_mfa_new_codes"
RECOVERY_CODE_COUNT = 10


# The device id a session verified by the organisation's own multi-factor sign-in carries
# (sso/services.py: a board that accepts its identity provider's MFA), in place of a device's.
IDENTITY_PROVIDER_DEVICE_ID = "sso.identity_provider_mfa"


def is_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def must_verify_on_board(request, access) -> bool:
    """A manager or chair of this board (or anyone who set up a device) must have verified."""
    if is_verified(request):
        return False
    return bool(access.roles & MFA_ROLES) or bool(request.session.get(SESSION_HAS_DEVICE))


def must_verify(request) -> bool:
    """For pages not about one board: a manager or chair of any board must have verified."""
    if is_verified(request):
        return False
    if request.session.get(SESSION_HAS_DEVICE):
        return True
    return holds_mfa_role(request.user)


def holds_mfa_role(user) -> bool:
    from boards.models import Membership  # noqa: PLC0415

    return Membership.objects.active().for_user(user).filter(role__in=MFA_ROLES).exists()


def confirmed_devices(user):
    """The user's confirmed TOTP devices, then recovery-code devices."""
    from django_otp.plugins.otp_static.models import StaticDevice  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    return [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]


def has_confirmed_totp(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    return TOTPDevice.objects.filter(Q(user=user) & Q(confirmed=True)).exists()


def mark_verified_by_identity_provider(request):
    """Verified as a good code would make it: the organisation's multi-factor sign-in stood in."""
    request.session[DEVICE_ID_SESSION_KEY] = IDENTITY_PROVIDER_DEVICE_ID


def redirect_to_verify(request):
    """Where the permission layer sends a session that must verify first."""
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_verify')}?{query}")
