from django.db import models


class LibraryKind(models.TextChoices):
    """Which self-assessment a standards library is for."""

    # Children Act 2004 s11: the duties of agencies (police, health, probation, the council...).
    SECTION_11 = "section_11", "Section 11 (agencies)"
    # Education Act 2002 s175 (maintained schools, colleges) / s157 (independent schools, academies).
    SECTION_175 = "section_175", "Section 175/157 (schools and colleges)"


class RoundType(models.TextChoices):
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Biennial"
    # A round on one theme (e.g. neglect), against some of the standards.
    THEMED = "themed", "Themed"


class RatingScale(models.TextChoices):
    """How a board rates each standard; chosen per cycle."""

    MET = "met", "Met / partly met / not met"
    SCORE = "score", "Score from 1 to 4"

    def ratings(self):
        """(value, label) pairs of the scale, best first."""
        return RATINGS[self]


RATINGS = {
    RatingScale.MET: [("met", "Met"), ("partly_met", "Partly met"), ("not_met", "Not met")],
    RatingScale.SCORE: [
        ("4", "4 – outstanding"),
        ("3", "3 – good"),
        ("2", "2 – requires improvement"),
        ("1", "1 – inadequate"),
    ],
}
# Ratings that count as "met" in the report's figures.
MET_RATINGS = frozenset({"met", "4", "3"})
RATING_LABELS = {value: label for scale in RATINGS.values() for value, label in scale}


class CycleStatus(models.TextChoices):
    # Returns are being completed and moderated.
    OPEN = "open", "Open"
    # Finished: nothing in it changes any more (action items go on being updated).
    CLOSED = "closed", "Closed"


class ReturnStatus(models.TextChoices):
    """Where one agency's return in a cycle stands."""

    # Invited; nothing saved yet.
    NOT_STARTED = "not_started", "Not started"
    # The agency lead has saved at least one answer.
    DRAFTING = "drafting", "In progress"
    # Sent to the board; read-only for the agency; waiting for moderation.
    SUBMITTED = "submitted", "Submitted"
    # Challenged at a moderation event: the agreed ratings are recorded.
    MODERATED = "moderated", "Moderated"
    # The board has closed it (its action items stay open until done).
    CLOSED = "closed", "Closed"

    @classmethod
    def editable(cls):
        return [cls.NOT_STARTED, cls.DRAFTING]

    @classmethod
    def received(cls):
        return [cls.SUBMITTED, cls.MODERATED, cls.CLOSED]


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class AuditStatus(models.TextChoices):
    """Where a multi-agency case-file audit stands."""

    # In the year's programme; cases not yet chosen.
    PLANNED = "planned", "Planned"
    # Cases sampled and being graded.
    IN_PROGRESS = "in_progress", "In progress"
    # Findings agreed: counted in the annual report.
    COMPLETED = "completed", "Completed"


class Grade(models.TextChoices):
    """An agency's practice on one audited case, best first (Ofsted's words)."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    DEVELOPMENT = "development", "Area for development"


class ScrutinyMethod(models.TextChoices):
    """How the independent scrutineer looked at the arrangements."""

    DEEP_DIVE = "deep_dive", "Deep dive"
    OBSERVATION = "observation", "Observation"
    AUDIT = "audit", "Audit"
    FOCUS_GROUP = "focus_group", "Focus group"
    REVIEW_QUALITY = "review_quality", "Review quality check"
    CHILDRENS_VOICE = "childrens_voice", "Children's voice"
