from django.db import models


class InvitationStatus(models.TextChoices):
    # Sent (or waiting to be sent); the link works until it expires.
    PENDING = "pending", "Pending"
    # The person set a password (or signed in) through the link; it works no more.
    ACCEPTED = "accepted", "Accepted"
    # The business manager withdrew it; the link works no more.
    REVOKED = "revoked", "Revoked"
    # Not used within INVITATION_DAYS: the business manager may resend it.
    EXPIRED = "expired", "Expired"
