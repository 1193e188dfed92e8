from django.db import models


class SubGroupKind(models.TextChoices):
    # A permanent sub-group of the board (e.g. Quality Assurance, Learning and Development).
    STANDING = "standing", "Standing sub-group"
    WORKING_GROUP = "working_group", "Working group"
    # Short-life group with an end date.
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"
    # Partnership group for one local authority area of a multi-area board.
    LOCAL_PARTNERSHIP = "local_partnership", "Local partnership group"
