"""Frozen revisions of an annual report: what the chair approves and what the PDF is rendered from."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ReportRevisionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_at__isnull=False)

    def visible_to(self, access):
        from reports.permissions import REVISION_READ  # noqa: PLC0415  (the rules live there)

        return self.filter(REVISION_READ.q(access))


class ReportRevision(models.Model):
    """An immutable snapshot of the whole report (every section's text and every generated
    figure) at one moment. The chair approves a revision; later edits need a new one.

    `snapshot` has the shape of schema 1 (see reports/rendering/demo.py): schema, title,
    board{name, areas, arrangement}, financial_year, framework{code, name}, revision_number,
    approved_at, approved_by, sections[{key, number, title, kind, agency, boxed, html}],
    executive_summary{html}.
    """

    report = models.ForeignKey("reports.AnnualReport", on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="revision_number_unique")]

    def __str__(self):
        return f"{self.report} — revision {self.number}"

    def save(self, *args, **kwargs):
        # Immutable once approved: the approved text is what went to the HWB.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("approved_at", flat=True).first()
            if stored is not None:
                raise ValueError("An approved revision cannot be changed; start a new revision.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Report revisions are kept; they cannot be deleted.")

    @property
    def board_id(self):
        return self.report.board_id

    @property
    def approver_renamed(self) -> bool:
        """The approver's name now differs from the one frozen at approval (snapshot
        "approved_by", "Jane Smith, Independent chair"): pages then say "(name at the time)"."""
        given = (self.snapshot or {}).get("approved_by") or ""
        if not (given and self.approved_by_id):
            return False
        return not given.startswith(f"{self.approved_by.get_full_name() or self.approved_by.get_username()}, ")


class ReportApproval(models.Model):
    """One request to the chair to approve the report: opened when the business manager sends
    the report to the chair, closed when the chair returns it with comments or approves it."""

    class State(models.TextChoices):
        OPEN = "open", "With the chair"  # waiting for the chair's decision
        RETURNED = "returned", "Returned with comments"  # the chair asked for changes
        APPROVED = "approved", "Approved"  # the chair approved; `revision` is what was approved

    report = models.ForeignKey("reports.AnnualReport", on_delete=models.CASCADE, related_name="approvals")
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The decider's name when they decided: kept as it was, whatever the person is called later.
    decided_by_name = models.CharField(max_length=200, blank=True)
    # The chair's covering note when returning the report.
    note = models.TextField(blank=True)
    revision = models.OneToOneField(
        ReportRevision, null=True, blank=True, on_delete=models.PROTECT, related_name="approval"
    )

    class Meta:
        ordering = ["report", "-requested_at", "-id"]
        constraints = [
            # A report is with the chair at most once at a time.
            models.UniqueConstraint(fields=["report"], condition=Q(state="open"), name="one_open_approval_per_report"),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(revision__isnull=False), name="approved_approval_has_revision"
            ),
        ]

    def __str__(self):
        return f"{self.report} — {self.get_state_display()}"

    @property
    def decider_renamed(self) -> bool:
        """The decider is called something else now than when they decided."""
        if not (self.decided_by_name and self.decided_by_id):
            return False
        return (self.decided_by.get_full_name() or self.decided_by.get_username()) != self.decided_by_name


class ChairComment(models.Model):
    """The chair's comment on one section of the report (or on the whole report when
    `section` is empty), made while reading it; the business manager sees it once returned."""

    approval = models.ForeignKey(ReportApproval, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        "reports.ReportSection", null=True, blank=True, on_delete=models.SET_NULL, related_name="chair_comments"
    )
    # The section's title when the comment was made (kept if the section is later renamed or removed).
    section_title = models.CharField(max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approval", "created_at", "id"]

    def __str__(self):
        return f"Comment on {self.section_title or 'the whole report'}"
