"""Choices for training, evaluation, the voice of children and families, and escalations."""

from django.db import models


class CourseLevel(models.IntegerChoices):
    # Working Together's levels: awareness for everyone, then multi-agency practice, then leads.
    ONE = 1, "Level 1 (awareness)"
    TWO = 2, "Level 2 (multi-agency practice)"
    THREE = 3, "Level 3 (advanced and specialist)"


class SessionMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    LIVE_ONLINE = "live_online", "Live online"
    RECORDED = "recorded", "Recorded (e-learning)"


class AttendanceStatus(models.TextChoices):
    BOOKED = "booked", "Booked"  # a place is held; the session has not happened or no register yet
    ATTENDED = "attended", "Attended"  # on the register: evaluated after the session and at 6 weeks
    CANCELLED = "cancelled", "Cancelled"  # gave the place back before the session
    NO_SHOW = "no_show", "No-show"  # booked, did not cancel, did not come


class EvaluationStage(models.TextChoices):
    AFTER_SESSION = "after_session", "After the session"  # the attendee, the day after
    FOLLOW_UP = "follow_up", "6 to 8 weeks later, with the manager"  # has practice changed?


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Scale of 1 to 5"
    TEXT = "text", "Free text"


class EngagementMethod(models.TextChoices):
    SURVEY = "survey", "Survey"
    FOCUS_GROUP = "focus_group", "Focus group"
    YOUTH_FORUM = "youth_forum", "Youth forum or council"
    INTERVIEWS = "interviews", "Interviews"
    CREATIVE = "creative", "Creative or arts activity"
    AUDIT = "audit", "Case audit with family feedback"
    OTHER = "other", "Other"


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "Under 5"
    FIVE_TO_10 = "5-10", "5 to 10"
    ELEVEN_TO_15 = "11-15", "11 to 15"
    SIXTEEN_TO_17 = "16-17", "16 to 17"
    EIGHTEEN_TO_25 = "18-25", "18 to 25 (care leavers)"
    PARENTS = "adults", "Parents and carers"


class Cohort(models.TextChoices):
    CHILDREN_IN_CARE = "in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    SEND = "send", "Children with SEND"
    CHILD_PROTECTION = "cp", "Children on a child protection plan"
    YOUNG_CARERS = "young_carers", "Young carers"
    PARENTS = "parents", "Parents and carers"
    GENERAL = "general", "Children and young people generally"


class ChangeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"  # the partnership agreed to act on the message
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"  # the change happened ("we did")
    NOT_TAKEN = "not_taken", "Not taken forward"  # with the reason fed back to the children

    @classmethod
    def open(cls):
        return [cls.PLANNED, cls.IN_PROGRESS]


class EscalationTheme(models.TextChoices):
    THRESHOLDS = "thresholds", "Thresholds and referrals"
    STRATEGY = "strategy", "Strategy discussions and section 47"
    INFORMATION = "information", "Information sharing"
    PLANNING = "planning", "Plans and core groups"
    CLOSURE = "closure", "Case closure or step-down"
    HEALTH = "health", "Health assessments and services"
    OTHER = "other", "Other"


class EscalationOutcome(models.TextChoices):
    AGREED = "agreed", "Agreed: the receiving agency changed its decision"
    UPHELD = "upheld", "Original decision upheld, with reasons"
    COMPROMISE = "compromise", "Agreed a way forward together"
    WITHDRAWN = "withdrawn", "Withdrawn by the raising agency"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open: awaiting the agency's response"
    RESPONDED = "responded", "Responded: the board to consider"
    CLOSED = "closed", "Closed: the board is assured"
