"""Frozen revisions of an annual report: what the chair approves and what the PDF is rendered from."""

from django.conf import settings
from django.db import models


class ReportRevisionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_at__isnull=False)


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
