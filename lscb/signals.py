"""Login and logout go to the audit log; failures too, with the username tried."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from lscb import audit


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record("auth.login.succeeded", actor=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("auth.logout", actor=user)


@receiver(user_login_failed)
def audit_login_failure(sender, credentials, request=None, **kwargs):
    audit.record("auth.login.failed", username=str(credentials.get("username", ""))[:150])


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    """Stamp the sign-in time (absolute timeout) and whether the user has a second factor."""
    import time  # noqa: PLC0415

    from lscb import mfa  # noqa: PLC0415
    from lscb.middleware import SessionTimeoutMiddleware  # noqa: PLC0415

    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[SessionTimeoutMiddleware.AUTH_AT] = now
    session[SessionTimeoutMiddleware.SEEN_AT] = now
    session[mfa.SESSION_HAS_DEVICE] = bool(mfa.confirmed_devices(user))
    if not session[mfa.SESSION_HAS_DEVICE]:
        # The password was all this person has: their failures are forgotten. With a second
        # factor, that happens at the right code (lscb/views_mfa.py).
        from lscb.lockout import reset_failures  # noqa: PLC0415

        reset_failures(user.get_username())


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_sessions_of_deactivated_user(sender, instance, **kwargs):
    """A deactivated account is signed out everywhere at once, not at its next request."""
    if instance.is_active:
        return
    from lscb.sessions import end_sessions_for  # noqa: PLC0415

    if end_sessions_for(instance):
        audit.record("auth.sessions.ended", target=instance, reason="deactivated")
