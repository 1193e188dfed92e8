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

    class Rule(models.TextChoices):
        """How reports/compliance.py decides ✔/✖ for the row (the rows themselves are data)."""

        # The sections named in section_keys are in the report and accepted.
        SECTIONS = "sections", "Sections present and accepted"
        # ... and the case reviews data of the year has learning from at least one review.
        REVIEW_LESSONS = "review_lessons", "Lessons from reviews in the period"
        # ... and the priorities data records areas of little or no progress.
        LITTLE_PROGRESS = "little_progress", "Areas of little or no progress"
        # ... and at least one partner agency's contribution is in the report.
        AGENCY_CONTRIBUTIONS = "agency_contributions", "Partner agencies' contributions"
        # The chair (or the lead safeguarding partners) approved a revision.
        APPROVED_BY_CHAIR = "approved_by_chair", "Approved by the chair"
        # The report covers one whole financial year and is due within 12 months of its end.
        PERIOD = "period", "Covers the financial year"
        # Distribution to params["recipient"] recorded (params["within_days"]: of publication).
        DISTRIBUTION = "distribution", "Distribution recorded"
        # The sections are accepted and each has a reading age (lscb.readability) of at most
        # params["max_reading_age"]: "easy to read" measured, not assumed from acceptance.
        READING_AGE = "reading_age", "Reading age of the sections"
        # ... and the quality-assurance records of the year (assurance.report_data) show returns
        # received and moderated: quality assurance evidenced, not assumed from the narrative.
        QUALITY_ASSURANCE = "quality_assurance", "Quality assurance from the records"
        # ... and the independent scrutineer's findings of the year are recorded (assurance/).
        INDEPENDENT_SCRUTINY = "independent_scrutiny", "Independent scrutiny from the records"
        # ... and the training data of the year evaluates impact: answers 6 to 8 weeks after the
        # session, or learning products in use with evidence of change (learning/).
        TRAINING_IMPACT = "training_impact", "Evidence of training's impact"
        # ... and the voice data of the year has engagement activities and a change made from them.
        CHILDREN_FEEDBACK = "children_feedback", "Feedback from children and families used"

    framework = models.ForeignKey(StatutoryFramework, on_delete=models.CASCADE, related_name="requirements")
    code = models.SlugField(max_length=60)
    text = models.TextField()
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.MUST)
    # Keys of the report sections (ReportSection.key) that satisfy this requirement.
    section_keys = models.JSONField(default=list, blank=True)
    rule = models.CharField(max_length=30, choices=Rule.choices, default=Rule.SECTIONS)
    # Parameters of the rule, e.g. {"recipient": "hwb-chair", "within_days": 7}.
    params = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="requirement_code_unique")]

    def __str__(self):
        return f"{self.framework.code}: {self.code}"
