"""Sign-in lockout: progressive cool-offs per username, a throttle per IP address, and the same
count for every re-authentication (the chair's approval password, two-factor codes).

django-axes records the failures (its AccessAttempt rows); this module decides what they mean
(docs/adr/0008-progressive-lockout.md). A username is refused for a short cool-off after
LOCKOUT_FREE_FAILURES failures, doubling with each further failure up to LOCKOUT_MAX_COOL_OFF:
a password sprayer gets a handful of guesses an hour, while someone typing a manager's name with
five bad passwords only makes them wait a minute. Failures made during a cool-off are refused
without counting, so hammering does not extend it. An address that fails across many usernames
is throttled on its own (a whole council may share one address, so its limit is higher).
"""

from dataclasses import dataclass
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_client_user_agent, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Sum
from django.shortcuts import render
from django.utils import timezone

from lscb import audit


@dataclass(frozen=True)
class Refusal:
    """Why sign-in (or a re-authentication) is refused now, and until when."""

    reason: str  # "account" or "address"
    until: object  # aware datetime

    @property
    def wait(self) -> str:
        """'1 minute', '4 minutes': the cool-off left, rounded up."""
        seconds = max(0, (self.until - timezone.now()).total_seconds())
        minutes = max(1, int(-(-seconds // 60)))
        return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"

    @property
    def message(self) -> str:
        if self.reason == "address":
            return f"There have been too many failed sign-ins from your network. Try again in {self.wait}."
        return f"There were too many wrong passwords or codes for this account. Try again in {self.wait}."


def cool_off(failures: int) -> timedelta:
    """The cool-off after `failures` failures in a row (none below the free allowance)."""
    free = settings.LOCKOUT_FREE_FAILURES
    if failures < free:
        return timedelta(0)
    seconds = settings.LOCKOUT_FIRST_COOL_OFF_SECONDS * 2 ** min(failures - free, 20)
    return timedelta(seconds=min(seconds, settings.LOCKOUT_MAX_COOL_OFF_SECONDS))


def _remembered():
    # Failures older than this (AXES_COOLOFF_TIME hours) are forgotten: the count starts again.
    return timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)


def refusal_for(username, ip_address=None) -> Refusal | None:
    """The refusal in force for this username (and address), or None."""
    now = timezone.now()
    if username:
        row = AccessAttempt.objects.filter(username=username, attempt_time__gt=_remembered()).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if row["failures"]:
            until = row["last"] + cool_off(row["failures"])
            if until > now:
                return Refusal("account", until)
    if ip_address:
        window = timedelta(seconds=settings.LOCKOUT_IP_WINDOW_SECONDS)
        row = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gt=now - window).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if (row["failures"] or 0) >= settings.LOCKOUT_IP_FAILURES:
            return Refusal("address", row["last"] + window)
    return None


def refusal_for_request(request, credentials=None) -> Refusal | None:
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return refusal_for(get_client_username(request, credentials), ip_address)


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with this module's rule for "locked" (AXES_HANDLER)."""

    def is_locked(self, request, credentials=None) -> bool:
        return refusal_for_request(request, credentials) is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None:
            # Axes compares one count with one limit; the page shown follows our rule instead.
            request.axes_locked_out = self.is_locked(request, credentials)


def lockout_response(request, original_response=None, credentials=None):
    """The page a refused sign-in gets (AXES_LOCKOUT_CALLABLE): how long to wait, in words."""
    refusal = refusal_for_request(request, credentials) or Refusal("account", timezone.now())
    return render(
        request, "registration/locked_out.html", {"refusal": refusal}, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def record_failure(user, request=None, *, purpose):
    """Count a failed re-authentication (password or code) against the person's username, as a
    failed sign-in would be, and audit it."""
    username = user.get_username()
    ip_address = get_client_ip_address(request) if request is not None else None
    # The user agent column says which re-check failed: the row is its own, beside sign-in's.
    agent = f"{purpose} | {get_client_user_agent(request) if request is not None else ''}"[:255]
    now = timezone.now()
    with transaction.atomic():
        attempt, created = AccessAttempt.objects.select_for_update().get_or_create(
            username=username,
            ip_address=ip_address,
            user_agent=agent,
            defaults={"failures_since_start": 1, "attempt_time": now, "path_info": purpose[:255]},
        )
        if not created:
            AccessAttempt.objects.filter(pk=attempt.pk).update(
                failures_since_start=F("failures_since_start") + 1, attempt_time=now
            )
    refusal = refusal_for(username, ip_address)
    audit.record("auth.reauth.failed", actor=user, purpose=purpose, locked=refusal is not None)
    return refusal


def check_reauthentication(user, request=None, *, purpose) -> Refusal | None:
    """Before checking a re-entered password or code: the refusal in force, audited, or None."""
    ip_address = get_client_ip_address(request) if request is not None else None
    refusal = refusal_for(user.get_username(), ip_address)
    if refusal is not None:
        audit.record("auth.reauth.refused", actor=user, purpose=purpose, reason=refusal.reason)
    return refusal


def record_success(user, *, purpose, reset=False):
    """Audit a passed re-authentication; `reset` forgets the username's failures (the person has
    now passed every factor they have)."""
    audit.record("auth.reauth.succeeded", actor=user, purpose=purpose)
    if reset:
        reset_failures(user.get_username())


def reset_failures(username):
    AccessAttempt.objects.filter(username=username).delete()
