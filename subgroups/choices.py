from django.db import models


class SubGroupKind(models.TextChoices):
    # A permanent sub-group of the board (e.g. Quality Assurance, Learning and Development).
    STANDING = "standing", "Standing sub-group"
    WORKING_GROUP = "working_group", "Working group"
    # Short-life group with an end date.
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"
    # Partnership group for one local authority area of a multi-area board.
    LOCAL_PARTNERSHIP = "local_partnership", "Local partnership group"


class MemberRole(models.TextChoices):
    """A person's part in one sub-group (not their role on the board)."""

    # Chairs the group's meetings; the sub-group's chair_person says who may edit its work plan.
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    # Attends for expertise, without a vote.
    ADVISER = "adviser", "Adviser"


class HighlightStatus(models.TextChoices):
    """Where a quarterly highlight update to the board stands."""

    # Being written by the sub-group chair; only editors see it.
    DRAFT = "draft", "Draft"
    # Sent to the board: every member reads it; read-only unless the business manager returns it.
    SUBMITTED = "submitted", "Submitted to the board"

    @classmethod
    def editable(cls):
        return [cls.DRAFT]


class Quarter(models.IntegerChoices):
    """Quarters of the financial year (1 April–31 March)."""

    Q1 = 1, "Quarter 1 (April to June)"
    Q2 = 2, "Quarter 2 (July to September)"
    Q3 = 3, "Quarter 3 (October to December)"
    Q4 = 4, "Quarter 4 (January to March)"
