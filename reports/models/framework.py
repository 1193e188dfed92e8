"""The statutory frameworks a report is written against, and their requirements, as data."""

from django.db import models

from reports.choices import FrameworkCode


class StatutoryFramework(models.Model):
    """A body of statutory guidance (e.g. Working Together 2023) that says what an annual report must contain."""

    code = models.CharField(max_length=20, choices=FrameworkCode.choices, unique=True)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class Requirement(models.Model):
    """One checklist row of a framework ("must" or "should"), and the sections that satisfy it."""

    class Level(models.TextChoices):
        MUST = "must", "Must"
        SHOULD = "should", "Should"

    framework = models.ForeignKey(StatutoryFramework, on_delete=models.CASCADE, related_name="requirements")
    code = models.SlugField(max_length=60)
    text = models.TextField()
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.MUST)
    # Keys of the report sections (ReportSection.key) that satisfy this requirement.
    section_keys = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="requirement_code_unique")]

    def __str__(self):
        return f"{self.framework.code}: {self.code}"
