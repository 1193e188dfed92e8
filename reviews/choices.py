from django.db import models


class ReviewType(models.TextChoices):
    # A serious case review under Working Together 2013/2015 (before the 2018 reforms).
    SERIOUS_CASE_REVIEW = "scr", "Serious case review (before 2018)"
    # The partnership's rapid review of a serious incident notification (Working Together 2018+).
    RAPID_REVIEW = "rapid_review", "Rapid review"
    # A local child safeguarding practice review, commissioned after a rapid review.
    LCSPR = "lcspr", "Local child safeguarding practice review (LCSPR)"
    # The board's contribution to a review led by the national panel.
    NATIONAL_REVIEW = "national_review", "National review contribution"
    # A learning review or multi-agency learning review that is not a statutory review.
    LEARNING_REVIEW = "learning_review", "Learning review / multi-agency learning review"
    # A multi-agency audit of practice on a theme.
    MULTI_AGENCY_AUDIT = "multi_agency_audit", "Multi-agency audit"

    @classmethod
    def non_statutory(cls):
        """Types the partnership commissions on its own, without a serious incident notification."""
        return frozenset({cls.LEARNING_REVIEW, cls.MULTI_AGENCY_AUDIT})


class Framework(models.TextChoices):
    WT2015 = "wt2015", "Working Together 2013/2015"
    WT2018 = "wt2018", "Working Together 2018"
    WT2023 = "wt2023", "Working Together 2023"


class HarmType(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    NEGLECT = "neglect", "Neglect"
    PHYSICAL_ABUSE = "physical_abuse", "Physical abuse"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
    EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
    EXPLOITATION = "exploitation", "Exploitation (criminal or sexual)"
    OTHER = "other", "Other"


class Methodology(models.TextChoices):
    SYSTEMS = "systems", "Systems approach (e.g. SCIE Learning Together)"
    SIGNIFICANT_INCIDENT = "significant_incident", "Significant incident learning process"
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", "Appreciative inquiry"
    HYBRID = "hybrid", "Hybrid / other"


class ReviewStatus(models.TextChoices):
    # A serious incident (or learning need) is known to the partnership; T0 is recorded.
    IDENTIFIED = "identified", "Identified"
    # The serious incident notification has gone to the national panel (or Ofsted before 2018).
    NOTIFIED = "notified", "Notified"
    # The rapid review is under way.
    RAPID_REVIEW = "rapid_review", "Rapid review"
    # Decided: no further review needed.
    NO_FURTHER_REVIEW = "no_further_review", "Decision: no further review"
    # Decided: the national panel will review; the board contributes.
    NATIONAL_REVIEW = "national_review", "Decision: national review"
    # Decided: a local review (LCSPR or SCR) is commissioned; the completion clock starts.
    LOCAL_REVIEW_COMMISSIONED = "commissioned", "Decision: local review commissioned"
    # The reviewer is at work.
    IN_PROGRESS = "in_progress", "In progress"
    # A draft report has been received.
    DRAFT = "draft", "Draft report"
    # Partner agencies are signing off the draft.
    PARTNER_SIGN_OFF = "partner_sign_off", "Partner sign-off"
    # Paused for parallel proceedings (criminal trial, inquest).
    PAUSED = "paused", "Paused for parallel proceedings"
    # Signed off; preparing publication (the panel is told of the publication date).
    PRE_PUBLICATION = "pre_publication", "Pre-publication"
    # The full report is published.
    PUBLISHED = "published", "Published"
    # Only the improvements (findings and actions) are published.
    PUBLISHED_IMPROVEMENTS_ONLY = "published_improvements", "Published (improvements only)"
    # Not published, for a recorded reason.
    NOT_PUBLISHED = "not_published", "Not published"
    # Publication delayed, for a recorded reason.
    DELAYED = "delayed", "Publication delayed"
    # Agencies' actions are being monitored to completion.
    ACTIONS_MONITORED = "actions_monitored", "Actions monitored"
    # Finished: archived, never deleted.
    CLOSED = "closed", "Closed"

    @classmethod
    def drafts(cls):
        """Statuses in which the review report exists only in draft (restricted drafts hide here)."""
        return frozenset({cls.DRAFT, cls.PARTNER_SIGN_OFF, cls.PAUSED, cls.PRE_PUBLICATION})

    @classmethod
    def finished(cls):
        """No clock runs and nothing more to decide."""
        return frozenset({cls.CLOSED})

    @classmethod
    def decisions(cls):
        return frozenset({cls.NO_FURTHER_REVIEW, cls.NATIONAL_REVIEW, cls.LOCAL_REVIEW_COMMISSIONED})


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    # Closed without completing, with a reason in the evidence.
    NOT_TAKEN_FORWARD = "not_taken_forward", "Not taken forward"

    @classmethod
    def open(cls):
        return frozenset({cls.NOT_STARTED, cls.IN_PROGRESS})


class ProductKind(models.TextChoices):
    SEVEN_MINUTE_BRIEFING = "seven_minute_briefing", "7-minute briefing"
    BULLETIN = "bulletin", "Bulletin"
    TRAINING = "training", "Training course changed"
    PROCEDURE = "procedure", "Procedure updated"
    OTHER = "other", "Other"


class DocumentKind(models.TextChoices):
    FINAL_REPORT = "final_report", "Final report (PDF)"
    LEARNING_BRIEF = "learning_brief", "Learning brief (PDF or Word)"


class Decision(models.TextChoices):
    """What the rapid review (or, before 2018, the chair) decided."""

    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    NATIONAL_REVIEW = "national_review", "National review"
    LOCAL_REVIEW = "local_review", "Local review commissioned"


class PublicationOutcome(models.TextChoices):
    PUBLISHED = "published", "Published in full"
    IMPROVEMENTS_ONLY = "improvements_only", "Improvements only published"
    NOT_PUBLISHED = "not_published", "Not published"
