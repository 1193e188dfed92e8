"""E-mails of the accounts app: invitations, password resets, e-mail address confirmations.

Each task takes ids and makes the link's token itself, storing only its hash (accounts.tokens):
the token is in no database row and no broker message, only in the e-mail."""

from smtplib import SMTPException

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lscb import email

RETRY = {"acks_late": True, "autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


@shared_task(ignore_result=True, **RETRY)
def send_invitation(invitation_id):
    """Send the invitation's link. Safe to run twice: once the e-mail for the latest invite or
    resend went out, a second run does nothing."""
    from accounts.models import Invitation  # noqa: PLC0415
    from accounts.tokens import new_token, token_hash  # noqa: PLC0415

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("board", "person").filter(pk=invitation_id).first()
        )
        if invitation is None or not invitation.is_open:
            return False
        if invitation.sent_at is not None and invitation.sent_at >= invitation.requested_at:
            return False
        token = new_token()
        invitation.token_hash = token_hash(token)
        invitation.save(update_fields=["token_hash"])
        requested_at = invitation.requested_at
    context = {
        "invitation": invitation,
        "person": invitation.person,
        "board": invitation.board,
        "link": email.site_url(reverse("accounts:invitation_accept", kwargs={"token": token})),
        "expires_at": invitation.expires_at,
    }
    email.send("accounts/email/invitation", context, [invitation.email])
    Invitation.objects.filter(pk=invitation_id, requested_at=requested_at).update(sent_at=timezone.now())
    return True


@shared_task(ignore_result=True, **RETRY)
def send_password_reset(user_id):
    """A password-reset link (Django's token: it stops working once the password changes)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.contrib.auth.tokens import default_token_generator  # noqa: PLC0415
    from django.utils.encoding import force_bytes  # noqa: PLC0415
    from django.utils.http import urlsafe_base64_encode  # noqa: PLC0415

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    email.send("accounts/email/password_reset", {"user": user, "link": email.site_url(path)}, [user.email])
    return True


@shared_task(ignore_result=True, **RETRY)
def send_email_change(change_id):
    """The confirmation link, to the new address."""
    from accounts.models import EmailChange  # noqa: PLC0415
    from accounts.tokens import new_token, token_hash  # noqa: PLC0415

    with transaction.atomic():
        change = EmailChange.objects.select_for_update().select_related("user").filter(pk=change_id).first()
        if change is None or not change.usable:
            return False
        token = new_token()
        change.token_hash = token_hash(token)
        change.save(update_fields=["token_hash"])
    link = email.site_url(reverse("accounts:email_change_confirm", kwargs={"token": token}))
    email.send("accounts/email/email_change", {"change": change, "user": change.user, "link": link}, [change.new_email])
    return True
