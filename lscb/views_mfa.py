"""Two-factor pages: set up an authenticator app, verify a code, recovery codes.

Reached by a signed-in person who has not verified yet (lscb.permissions sends managers and
chairs here), so they are guarded by `mfa_step_view`, not `login_view`. Setting up a new app
is refused to an unverified session that already has one: a stolen password alone must not be
enough to add a device.
"""

import base64
import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lscb import audit, lockout, mfa
from lscb.forms import GovukForm
from lscb.permissions import mfa_step_view
from lscb.sessions import end_sessions_for

MFA_PURPOSE = "two-factor code"
ENROL_PURPOSE = "two-factor set-up code"


class CodeForm(GovukForm):
    submit_label = "Continue"
    form_tag = False  # the page's <form> carries the hidden "next"
    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class EnrolForm(CodeForm):
    submit_label = "Turn on two-factor sign-in"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "Enter the 6-digit code your authenticator app now shows."


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


@mfa_step_view
def verify(request):
    """Ask for a code from the user's authenticator app (or a recovery code)."""
    if mfa.is_verified(request):
        return redirect(_next_url(request))
    devices = mfa.confirmed_devices(request.user)
    if not devices:
        return redirect(_with_next("mfa_enrol", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Codes count towards the sign-in lockout (lscb/lockout.py): refused during a cool-off,
        # even if right, so a stolen password does not buy unlimited guesses at the code.
        refusal = lockout.check_reauthentication(request.user, request, purpose=MFA_PURPOSE)
        if refusal is not None:
            form.add_error("code", refusal.message)
            return render(request, "lscb/mfa_verify.html", {"form": form, "next": _next_url(request)}, status=429)
        device = _match(request.user, devices, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            audit.record("auth.mfa.verified", actor=request.user, method=_method(device))
            lockout.record_success(request.user, purpose=MFA_PURPOSE, reset=True)
            return redirect(_next_url(request))
        audit.record("auth.mfa.failed", actor=request.user)
        refusal = lockout.record_failure(request.user, request, purpose=MFA_PURPOSE)
        form.add_error(
            "code",
            refusal.message if refusal else "The code is wrong or has expired. Enter the code your app shows now.",
        )
    return render(request, "lscb/mfa_verify.html", {"form": form, "next": _next_url(request)})


@mfa_step_view
def enrol(request):
    """Set up an authenticator app: QR code and the secret as text, then confirm one code."""
    has_totp = mfa.has_confirmed_totp(request.user)
    if has_totp and not mfa.is_verified(request):
        return redirect(_with_next("mfa_verify", reverse("mfa_enrol")))
    if has_totp:
        return render(request, "lscb/mfa_enrolled.html", {})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = lockout.check_reauthentication(request.user, request, purpose=ENROL_PURPOSE)
        if refusal is not None:
            form.add_error("code", refusal.message)
        elif device.verify_token(form.cleaned_data["code"]):
            lockout.record_success(request.user, purpose=ENROL_PURPOSE)
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(request.user)
            _verified(request, device)
            # A session signed in elsewhere before this had no second factor: it ends now, or it
            # would keep full access without ever entering a code.
            ended = end_sessions_for(request.user, keep=request.session.session_key)
            audit.record("auth.mfa.enrolled", actor=request.user, other_sessions_ended=ended)
            request.session[mfa.SESSION_NEW_CODES] = codes
            return redirect(_with_next("mfa_recovery_codes", _next_url(request)))
        else:
            refusal = lockout.record_failure(request.user, request, purpose=ENROL_PURPOSE)
            form.add_error(
                "code",
                refusal.message if refusal else "The code is wrong or has expired. Enter the code your app shows now.",
            )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "next": _next_url(request),
        "required": mfa.holds_mfa_role(request.user),
    }
    return render(request, "lscb/mfa_enrol.html", context)


@mfa_step_view
def recovery_codes(request):
    """Recovery codes: shown once when made; a new set replaces the old."""
    if not mfa.is_verified(request):
        return redirect(_with_next("mfa_verify", reverse("mfa_recovery_codes")))
    if request.method == "POST":
        with transaction.atomic():
            request.session[mfa.SESSION_NEW_CODES] = _new_recovery_codes(request.user)
            audit.record("auth.mfa.recovery_codes_replaced", actor=request.user)
        return redirect("mfa_recovery_codes")
    codes = request.session.pop(mfa.SESSION_NEW_CODES, None)
    remaining = StaticToken.objects.filter(device__user=request.user, device__confirmed=True).count()
    return render(
        request,
        "lscb/mfa_recovery_codes.html",
        {"codes": codes, "remaining": remaining, "next": _next_url(request)},
    )


def _with_next(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _match(user, devices, code):
    for device in devices:
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def _method(device):
    return "recovery_code" if isinstance(device, StaticDevice) else "totp"


def _verified(request, device):
    # A new session key once the second factor is in: the pre-verification key is worthless.
    request.session.cycle_key()
    otp_login(request, device)
    request.session[mfa.SESSION_HAS_DEVICE] = True


def _new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(mfa.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _qr_svg(data):
    """The otpauth:// URL as an inline SVG QR code (no image request, no inline style)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg width="200" height="200"', svg)
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-title" class="lscb-qr" ', 1)
    svg = svg.replace(">", '><title id="qr-title">QR code to scan with your authenticator app</title>', 1)
    # Built only from our own otpauth URL by qrcode: no user markup reaches it.
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 — our own QR SVG, no user markup
