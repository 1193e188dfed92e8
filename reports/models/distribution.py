"""Who the approved report was sent to, when and how; and when it was published."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from boards.models import Board
from reports.choices import FrameworkCode

# The recipients every board starts with (DESIGN.md, issue 5). `frameworks` empty: all.
# `within_days`: under WT2018/2023 the Panel and the What Works Centre / Foundations get a
# copy within 7 days of publication.
PARTNERSHIP = [FrameworkCode.WT2018, FrameworkCode.WT2023]
DEFAULT_RECIPIENTS = [
    {"code": "chief-executive", "name": "Chief Executive of the local authority", "frameworks": []},
    {"code": "leader", "name": "Leader of the council", "frameworks": []},
    {"code": "pcc", "name": "Police and Crime Commissioner", "frameworks": []},
    {"code": "hwb-chair", "name": "Chair of the Health and Wellbeing Board", "frameworks": []},
    {"code": "sab", "name": "Safeguarding Adults Board", "frameworks": []},
    {
        "code": "national-panel",
        "name": "Child Safeguarding Practice Review Panel",
        "frameworks": PARTNERSHIP,
        "within_days": 7,
    },
    {"code": "scrutiny", "name": "Scrutiny committee", "frameworks": []},
    {
        "code": "what-works",
        "name": "What Works Centre for Children's Social Care",
        "frameworks": [FrameworkCode.WT2018],
        "within_days": 7,
    },
    {
        "code": "foundations",
        "name": "Foundations",
        "frameworks": [FrameworkCode.WT2023],
        "within_days": 7,
        "phrase": "Foundations",  # how a sentence names it ("sent to Foundations", not "to the …")
    },
]


class DistributionRecipientQuerySet(models.QuerySet):
    def for_report(self, report):
        """Active recipients of this board that apply to the report's framework."""
        code = report.framework.code
        return [
            r for r in self.filter(board_id=report.board_id, active=True) if not r.frameworks or code in r.frameworks
        ]


class DistributionRecipient(models.Model):
    """Someone the board sends its annual report to (e.g. the Chair of the Health and Wellbeing
    Board). Each board starts with the statutory list and may add its own."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="report_recipients")
    # Stable code of a default recipient ("hwb-chair"); compliance rows name recipients by it.
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    # Framework codes this recipient applies to; empty for every framework.
    frameworks = models.JSONField(default=list, blank=True)
    # Must receive a copy within this many days of publication (None: by the report's due date).
    within_days = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = DistributionRecipientQuerySet.as_manager()

    class Meta:
        ordering = ["board", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "code"], name="recipient_code_unique_in_board"),
        ]

    def __str__(self):
        return self.name


class ReportPublication(models.Model):
    """The day an approved revision of the report was published (on the board's website)."""

    report = models.ForeignKey("reports.AnnualReport", on_delete=models.CASCADE, related_name="publications")
    revision = models.OneToOneField("reports.ReportRevision", on_delete=models.PROTECT, related_name="publication")
    published_on = models.DateField()
    web_address = models.URLField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-published_on", "-id"]

    def __str__(self):
        return f"{self.report} published {self.published_on:%-d %B %Y}"


class Distribution(models.Model):
    """One sending of the approved report to a recipient: when, how, and the meeting at which
    it was presented (e.g. the Health and Wellbeing Board's meeting)."""

    class Method(models.TextChoices):
        EMAIL = "email", "E-mail"
        POST = "post", "Post"
        MEETING = "meeting", "Presented at a meeting"
        WEBSITE = "website", "Link to the published report"

    report = models.ForeignKey("reports.AnnualReport", on_delete=models.CASCADE, related_name="distributions")
    revision = models.ForeignKey("reports.ReportRevision", on_delete=models.PROTECT, related_name="distributions")
    recipient = models.ForeignKey(DistributionRecipient, on_delete=models.PROTECT, related_name="distributions")
    sent_on = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.EMAIL)
    # When the report was presented to the recipient's meeting (HWB, scrutiny committee).
    presented_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "recipient__position", "sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(presented_on__isnull=True) | Q(presented_on__gte=F("sent_on")),
                name="distribution_presented_after_sent",
            ),
        ]

    def __str__(self):
        return f"{self.report} to {self.recipient} on {self.sent_on}"

    def deadline(self, published_on=None) -> datetime.date | None:
        """The date this sending was due: within N days of publication for the Panel and the
        What Works Centre / Foundations, otherwise the report's due date."""
        if self.recipient.within_days and published_on is not None:
            return published_on + datetime.timedelta(days=self.recipient.within_days)
        return self.report.due_date

    def days_late(self, published_on=None) -> int:
        deadline = self.deadline(published_on)
        if deadline is None or self.sent_on <= deadline:
            return 0
        return (self.sent_on - deadline).days
