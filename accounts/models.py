"""Invitations to sign in, and e-mail address changes waiting for confirmation."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.choices import InvitationStatus

INVITATION_DAYS = 7
EMAIL_CHANGE_HOURS = 24


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (expired ones included: they may be resent)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def usable(self, now=None):
        return self.open().filter(expires_at__gt=now or timezone.now())

    def visible_to(self, access):
        """The board's invitations are its business manager's (the views ask MANAGE_BOARD)."""
        return self.filter(board=access.board)


class Invitation(models.Model):
    """A business manager's invitation to a person on the board to sign in: an e-mail with a
    one-time link that expires. Only the SHA-256 of the link's token is stored (accounts.tokens);
    the token itself is made by the task that sends the e-mail, so it is in no row and no queue."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("boards.Person", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()  # the Person's address when invited: where the link went
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Set on invite and on resend; the link expires INVITATION_DAYS after.
    requested_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)  # the e-mail for requested_at went out
    send_count = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One open invitation per person and board: inviting again replaces the old one.
            models.UniqueConstraint(
                fields=["board", "person"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_person",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True), name="invitation_not_both"
            ),
        ]

    def __str__(self):
        return f"Invitation to {self.person} ({self.board})"

    @property
    def status(self):
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self):
        return InvitationStatus(self.status).label

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None

    @staticmethod
    def expiry_from(moment):
        return moment + datetime.timedelta(days=INVITATION_DAYS)


class EmailChange(models.Model):
    """A signed-in person's request to change their e-mail address: it changes only when they
    follow the link sent to the new address (only the token's SHA-256 is stored)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_changes")
    new_email = models.EmailField()
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"E-mail change to {self.new_email}"

    @property
    def usable(self):
        return self.confirmed_at is None and self.cancelled_at is None and self.expires_at > timezone.now()
