"""The annual report of a board for one financial year, and its sections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, financial_year_label
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.models.framework import StatutoryFramework


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

    class Meta:
        ordering = ["board", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "financial_year"], name="one_report_per_board_year"),
        ]

    def __str__(self):
        return self.title or f"Annual report {self.financial_year_label}"

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
    # Sanitised HTML (lscb.sanitise.clean_html) of narrative and agency sections.
    html = models.TextField(blank=True)
    # Optimistic locking: a save carries the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

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
