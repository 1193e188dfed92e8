"""The annual report of a board for one financial year, and its sections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, financial_year_label
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.models.framework import StatutoryFramework


def _name(user):
    """A person's name for the page ("someone no longer here" if their account went)."""
    if user is None:
        return "someone no longer here"
    return user.get_full_name() or user.get_username()


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, access):
        """Reports of the board in the URL this person may read: the drafts rule (reports.permissions)."""
        from reports.permissions import REPORT_READ  # noqa: PLC0415  (the rules live there)

        return self.filter(REPORT_READ.q(access))

    def on_board(self, access):
        """Every report of the board in the URL, drafts included: the pages that answer a draft
        with 403 rather than 404 (the member knows the report exists) and the author's sections."""
        return self.filter(board=access.board)


class ReportSectionQuerySet(models.QuerySet):
    def visible_to(self, access):
        from reports.permissions import sections_visible_to  # noqa: PLC0415  (rules live there)

        return sections_visible_to(self, access)

    def editable_by(self, access):
        from reports.permissions import sections_editable_by  # noqa: PLC0415

        return sections_editable_by(self, access)

    def outstanding(self):
        """Still to be written: not yet sent to the business manager."""
        return self.filter(status__in=SectionStatus.editable())

    def late(self, on=None):
        """Past the due date and not submitted (nor accepted)."""
        on = on or timezone.localdate()
        return self.outstanding().filter(due_date__lt=on)


class AnnualReport(models.Model):
    """The board's statutory annual report for one financial year (1 April–31 March)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="annual_reports")
    # The calendar year in which the financial year began: 2025 for 2025/26.
    financial_year = models.PositiveSmallIntegerField()
    framework = models.ForeignKey(StatutoryFramework, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFTING)
    # When the board must have the report published (lateness of distribution is measured against it).
    due_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "financial_year"], name="one_report_per_board_year"),
        ]

    def __str__(self):
        return self.title or f"Annual report {self.financial_year_label}"

    def days_late(self, on=None) -> int:
        """Days past the date the board must publish by, while it is not yet approved or published."""
        on = on or timezone.localdate()
        if not self.due_date or self.status in ReportStatus.published() or on <= self.due_date:
            return 0
        return (on - self.due_date).days

    @property
    def financial_year_label(self):
        return financial_year_label(self.financial_year)


class ReportSection(models.Model):
    """One section of an annual report: narrative, an agency's contribution, or generated from data."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    # Stable identifier within the report (e.g. "foreword", "agency-12", "budget"); generated
    # sections use it to find their data source, requirements to find what satisfies them.
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SectionKind.choices, default=SectionKind.NARRATIVE)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="report_sections")
    # Printed in a separate box (e.g. inspection recommendations).
    boxed = models.BooleanField(default=False)
    guidance = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED)
    # When the section was last sent in (submitted), or accepted directly by the business manager:
    # how late it was is measured at that date, and kept after it is accepted.
    sent_in_on = models.DateField(null=True, blank=True)
    # Sanitised HTML (lscb.sanitise.clean_html) of narrative and agency sections.
    html = models.TextField(blank=True)
    # Optimistic locking: a save carries the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="section_key_unique_in_report"),
            models.UniqueConstraint(
                fields=["report", "agency"],
                condition=Q(kind=SectionKind.AGENCY),
                name="one_section_per_agency_per_report",
            ),
            models.CheckConstraint(
                condition=~Q(kind=SectionKind.AGENCY) | Q(agency__isnull=False), name="agency_section_has_agency"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_generated(self):
        return self.kind == SectionKind.GENERATED

    @property
    def is_outstanding(self):
        return self.status in SectionStatus.editable()

    @property
    def updated_by_name(self):
        return _name(self.updated_by)

    def is_late(self, on=None):
        """Past its due date and not yet submitted."""
        on = on or timezone.localdate()
        return bool(self.due_date and self.due_date < on and self.is_outstanding)

    def days_late(self, on=None) -> int:
        """How many days late the section is (still out) or was (sent in after its due date)."""
        if not self.due_date:
            return 0
        if self.is_outstanding:
            end = on or timezone.localdate()
        elif self.sent_in_on:
            end = self.sent_in_on
        else:
            return 0  # sent in before the date was kept
        return max(0, (end - self.due_date).days)


class SectionVersion(models.Model):
    """One saved state of a section's text. Every save is kept, so nothing anyone wrote is lost
    and the business manager can see what changed between versions."""

    class Source(models.TextChoices):
        TYPED = "typed", "Typed or pasted"
        DOCX = "docx", "Uploaded Word document"

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="versions")
    # Equals ReportSection.version right after this save.
    number = models.PositiveIntegerField()
    html = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TYPED)
    filename = models.CharField(max_length=255, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["section", "-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="section_version_number_unique")]

    def __str__(self):
        return f"{self.section} — version {self.number}"

    @property
    def saved_by_name(self):
        return _name(self.saved_by)


class SectionComment(models.Model):
    """A comment on a section: why the business manager returned it, or a note on acceptance."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField()
    # The transition the comment came with ("returned", "accepted"), so the page can say why.
    action = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["section", "created_at", "id"]

    def __str__(self):
        return f"Comment on {self.section}"

    @property
    def author_name(self):
        return _name(self.author)

    @property
    def action_label(self):
        return {"returned": "Returned for changes", "accepted": "Accepted"}.get(self.action, "Comment")


class ReminderSent(models.Model):
    """One reminder e-mail about one section on one day: the reminder task sends each at most
    once a day, however often it runs."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"  # to the section's authors, before the due date
        OVERDUE = "overdue", "Overdue"  # to the section's authors, after the due date
        ESCALATION = "escalation", "Escalated"  # to the business manager, when overdue

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["section", "kind", "sent_on"], name="one_reminder_per_section_kind_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.section} on {self.sent_on}"
