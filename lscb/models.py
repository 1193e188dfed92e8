"""Project-wide models: the append-only audit log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.json import KT
from django.utils import timezone


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("audit entries cannot be updated")

    def delete(self):
        raise AuditLogIsAppendOnly("audit entries cannot be deleted")

    def for_board(self, board):
        """The board's own entries, plus sign-ins (board-less) of people who are its members."""
        from boards.models import Membership

        members = Membership.objects.filter(board=board).values("person__user_id")
        usernames = Membership.objects.filter(board=board).values("person__user__username")
        return self.alias(username_tried=KT("payload__username")).filter(
            models.Q(board=board)
            | models.Q(board__isnull=True, actor_id__in=members)
            | models.Q(board__isnull=True, actor__isnull=True, username_tried__in=usernames)
        )


class AuditEntry(models.Model):
    """Something a person did (or tried to do) that the board must be able to account for.

    Append-only: rows are written once by `lscb.audit.record` and never changed.
    The actor's name is copied so the entry still reads correctly if the account goes.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=200, blank=True)
    board = models.ForeignKey("boards.Board", null=True, blank=True, on_delete=models.SET_NULL)
    # Namespaced code, e.g. "reports.section.submitted" or "auth.login.failed".
    action = models.CharField(max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=300, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("audit entries cannot be deleted")


class RetentionPolicy(models.Model):
    """How long a board keeps one class of record before a person reviews it (lscb/retention.py),
    and whether a legal hold (litigation, an inquiry) stops any review. Nothing is deleted
    automatically; the weekly task only lists records due for review."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="retention_policies")
    # A key registered in lscb.retention, e.g. "reviews.case_review".
    record_class = models.CharField(max_length=100)
    years = models.PositiveSmallIntegerField(help_text="Years after the record's date before it is reviewed")
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "record_class"], name="one_retention_policy_per_class"),
            models.CheckConstraint(
                condition=models.Q(years__gte=1) & models.Q(years__lte=100), name="retention_years_1_to_100"
            ),
        ]
        verbose_name_plural = "retention policies"

    def __str__(self):
        return f"{self.record_class}: {self.years} years{' (legal hold)' if self.legal_hold else ''}"
