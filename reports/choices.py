"""Choices of the annual report's workflow (render jobs have theirs in reports/rendering/choices.py)."""

from django.db import models


class FrameworkCode(models.TextChoices):
    """The statutory guidance a report is written against."""

    LSCB_WT2015 = "lscb_wt2015", "LSCB, Working Together 2013/2015"
    # Older years a board enters from its history (2008/09 onwards).
    LSCB_WT2010 = "lscb_wt2010", "LSCB, Working Together 2010"
    LSCB_WT2013 = "lscb_wt2013", "LSCB, Working Together 2013"
    WT2018 = "wt2018", "Safeguarding partners, Working Together 2018"
    WT2023 = "wt2023", "Safeguarding partners, Working Together 2023"


class ReportStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"  # sections being written, returned and accepted
    READY_FOR_CHAIR = "ready_for_chair", "With the chair"  # every section accepted; the chair reads it
    APPROVED = "approved", "Approved"  # the chair approved a frozen revision; read-only
    PUBLISHED = "published", "Published"  # approved and distributed

    @classmethod
    def editable(cls):
        return [cls.DRAFTING]

    @classmethod
    def published(cls):
        """Approved by the chair: every member of the board may read the report from here on."""
        return [cls.APPROVED, cls.PUBLISHED]


class SectionKind(models.TextChoices):
    NARRATIVE = "narrative", "Narrative"  # written by the business manager (or the chair: foreword)
    AGENCY = "agency", "Agency contribution"  # drafted by the assigned agency's authors
    GENERATED = "generated", "Generated from the board's records"  # built from data for the year


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"  # nothing saved yet
    DRAFTING = "drafting", "Drafting"  # being written
    SUBMITTED = "submitted", "Submitted"  # sent to the business manager
    RETURNED = "returned", "Returned for changes"  # the business manager asked for changes
    ACCEPTED = "accepted", "Accepted"  # ready for the report

    @classmethod
    def editable(cls):
        """Agency authors may edit only in these states."""
        return [cls.NOT_STARTED, cls.DRAFTING, cls.RETURNED]
