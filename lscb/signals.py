"""Login and logout go to the audit log; failures too, with the username tried."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
