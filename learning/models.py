"""Learning and voice as evidence: what the partnership taught, whether it changed practice, what
children and families told it and what it did, and how agencies challenged each other.

Every row belongs to one board (directly, or through its course or activity); nothing crosses
boards. Aggregates only about children: an engagement activity counts participants by age band
and cohort and never names a child; an escalation carries a pseudonymous reference.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, Priority, financial_year_label
from learning import querysets
from learning.choices import (
    AttendanceStatus,
    ChallengeStatus,
    ChangeStatus,
    CourseLevel,
    EngagementMethod,
    EscalationOutcome,
    EscalationTheme,
    EvaluationStage,
    QuestionKind,
    SessionMode,
)
from lscb.working_days import add_working_days

# Working days an escalation may stay at each stage before the next one is due (the local
# escalation procedure's timescales; stage 4 is the partnership's own resolution panel).
STAGE_TIMESCALE_WORKING_DAYS = {1: 2, 2: 5, 3: 5, 4: 10}
# The follow-up evaluation goes to the manager 6 weeks after the session and closes at 8.
FOLLOW_UP_AFTER_DAYS = 42
FOLLOW_UP_CLOSES_DAYS = 56
AFTER_SESSION_OPEN_DAYS = 14


def _url(name, board, **kwargs):
    return reverse(name, kwargs={"board_slug": board.slug, **kwargs})


# --- Training offer ----------------------------------------------------------------------------


class Course(models.Model):
    """A multi-agency course the partnership offers, at one of the three levels."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(choices=CourseLevel.choices)
    audience = models.CharField("Audience group", max_length=200)
    competencies = models.TextField(blank=True, help_text="One competency per line.")
    description = models.TextField(blank=True)
    learning_points = models.ManyToManyField("reviews.LearningPoint", blank=True, related_name="courses")
    changed_because = models.CharField(
        "What changed because of a review", max_length=300, blank=True, help_text="Left blank if nothing did."
    )
    is_active = models.BooleanField("Offered now", default=True)

    history = HistoricalRecords()
    objects = querysets.CourseQuerySet.as_manager()

    class Meta:
        ordering = ["level", "title"]
        constraints = [models.UniqueConstraint(fields=["board", "title"], name="course_title_unique_in_board")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("learning:course_detail", self.board, course_id=self.pk)

    @property
    def competency_list(self):
        return [line.strip() for line in self.competencies.splitlines() if line.strip()]


class TrainingSession(models.Model):
    """One delivery of a course: a date, a mode and a number of places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("Date")
    mode = models.CharField(max_length=20, choices=SessionMode.choices)
    capacity = models.PositiveIntegerField("Places")
    venue = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()
    objects = querysets.SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive")]

    def __str__(self):
        return f"{self.course.title}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return _url("learning:session_detail", self.course.board, session_id=self.pk)


class TrainerDays(models.Model):
    """Days of trainers' time an agency gave to a session (an in-kind contribution)."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="trainer_days")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    days = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "agency"], name="trainer_days_one_per_agency"),
            models.CheckConstraint(condition=Q(days__gt=0), name="trainer_days_positive"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.days} days"


class Attendance(models.Model):
    """One person's place on a session, by agency. Their e-mail and their manager's are kept only
    to send the two evaluations; reports count by agency and never name anyone."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    manager_email = models.EmailField("Manager's e-mail", blank=True)
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.BOOKED)

    history = HistoricalRecords()
    objects = querysets.AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["session", "email"], name="attendance_one_place_per_email")]

    def __str__(self):
        return f"{self.name} ({self.agency})"


# --- Staged evaluation -------------------------------------------------------------------------


class Questionnaire(models.Model):
    """The questions the board asks at one evaluation stage: data, not code, so a board can change them."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="questionnaires")
    stage = models.CharField(max_length=20, choices=EvaluationStage.choices)
    title = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board", "stage"], name="questionnaire_one_per_stage")]

    def __str__(self):
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.SCALE)

    class Meta:
        ordering = ["questionnaire", "number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="question_number_unique")]

    def __str__(self):
        return self.text


def hash_token(token: str) -> str:
    """Only the hash of a one-time link's token is stored: a copy of the database opens no form."""
    return hashlib.sha256(token.encode()).hexdigest()


class EvaluationRequest(models.Model):
    """A one-time link sent for one attendance at one stage; answered once, then closed."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="evaluation_requests")
    stage = models.CharField(max_length=20, choices=EvaluationStage.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = querysets.EvaluationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["attendance", "stage"], name="evaluation_request_one_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()} for {self.attendance}"

    def is_open(self, now=None):
        return self.responded_at is None and (now or timezone.now()) < self.expires_at


class EvaluationAnswer(models.Model):
    request = models.ForeignKey(EvaluationRequest, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="evaluation_answer_one_per_question"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="evaluation_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Answer to {self.question}"


# --- Learning products in use and single-agency training ---------------------------------------


class Dissemination(models.Model):
    """One agency's use of a learning product (a 7-minute briefing, a bulletin) with a team."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="disseminations")
    product = models.ForeignKey("reviews.LearningProduct", on_delete=models.PROTECT, related_name="disseminations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(max_length=200)
    used_on = models.DateField("Date used")
    staff_reached = models.PositiveIntegerField()
    action_agreed = models.TextField()
    evidence = models.TextField("Evidence of change", blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()
    objects = querysets.AgencyRowQuerySet.as_manager()

    class Meta:
        ordering = ["-used_on", "agency__name"]

    def __str__(self):
        return f"{self.product} at {self.agency}, {self.used_on:%-d %B %Y}"

    def get_absolute_url(self):
        return _url("learning:dissemination_list", self.board)


class TrainingReturn(models.Model):
    """One agency's yearly return of its own (single-agency) safeguarding training."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="training_returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    financial_year = models.PositiveSmallIntegerField()
    staff_in_scope = models.PositiveIntegerField("Staff who need safeguarding training")
    trained_level_1 = models.PositiveIntegerField("Trained at level 1")
    trained_level_2 = models.PositiveIntegerField("Trained at level 2")
    trained_level_3 = models.PositiveIntegerField("Trained at level 3")
    compliance_percent = models.DecimalField("Compliance (%)", max_digits=4, decimal_places=1)
    commentary = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = querysets.AgencyRowQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "financial_year"], name="training_return_one_per_year"),
            models.CheckConstraint(
                condition=Q(compliance_percent__gte=0, compliance_percent__lte=100), name="training_return_percent"
            ),
        ]

    def __str__(self):
        return f"{self.agency} {financial_year_label(self.financial_year)}"

    def get_absolute_url(self):
        return _url("learning:training_return_list", self.board)


# --- Voice of children and families ------------------------------------------------------------


class EngagementActivity(models.Model):
    """A time the partnership asked children or families for their views. Aggregates only: how
    many took part, in which age bands and cohorts; never a name."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="engagement_activities")
    held_on = models.DateField("Date")
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=EngagementMethod.choices)
    audience = models.CharField(max_length=200)
    participants = models.PositiveIntegerField("Number who took part")
    age_bands = models.JSONField(default=list, blank=True)
    cohorts = models.JSONField(default=list, blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="engagement_activities")
    fed_back_on = models.DateField("Date fed back to them", null=True, blank=True)
    fed_back_how = models.CharField("How it was fed back", max_length=300, blank=True)

    history = HistoricalRecords()
    objects = querysets.BoardRowQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name_plural = "engagement activities"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("learning:activity_detail", self.board, activity_id=self.pk)


class KeyMessage(models.Model):
    """What children or families said ("you said") and the change the partnership made ("we did")."""

    activity = models.ForeignKey(EngagementActivity, on_delete=models.CASCADE, related_name="messages")
    message = models.CharField("You said", max_length=500)
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    change = models.TextField("We did", blank=True)
    owner = models.CharField(max_length=200, blank=True)
    owner_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("Due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PLANNED)
    done_on = models.DateField("Date done", null=True, blank=True)

    history = HistoricalRecords()
    objects = querysets.KeyMessageQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.message

    def get_absolute_url(self):
        return self.activity.get_absolute_url()


# --- Escalations and professional challenge ----------------------------------------------------


class Escalation(models.Model):
    """An inter-agency escalation (professional disagreement) an agency told the partnership of,
    from its start to its resolution. A pseudonymous reference only: never a child's name."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="escalations")
    reference = models.CharField("Pseudonymous reference", max_length=60)
    raising_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    receiving_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(max_length=20, choices=EscalationTheme.choices)
    learning_theme = models.CharField(max_length=200, blank=True)
    started_on = models.DateField("Stage 1 started")
    stage = models.PositiveSmallIntegerField("Stage reached", default=1)
    stage_2_on = models.DateField("Stage 2 started", null=True, blank=True)
    stage_3_on = models.DateField("Stage 3 started", null=True, blank=True)
    stage_4_on = models.DateField("Stage 4 started", null=True, blank=True)
    due_on = models.DateField(help_text="When the current stage's timescale ends (worked out on save).")
    resolved_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=EscalationOutcome.choices, blank=True)
    summary = models.TextField(blank=True)
    notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()
    objects = querysets.EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=4), name="escalation_stage_1_to_4"),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("started_on")),
                name="escalation_resolved_after_start",
            ),
            models.CheckConstraint(condition=~Q(raising_agency=F("receiving_agency")), name="escalation_two_agencies"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.due_on = self.work_out_due_on()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return _url("learning:escalation_detail", self.board, escalation_id=self.pk)

    def stage_started_on(self, stage=None) -> datetime.date | None:
        stage = stage or self.stage
        return self.started_on if stage == 1 else getattr(self, f"stage_{stage}_on")

    def work_out_due_on(self):
        start = self.stage_started_on() or self.started_on
        return add_working_days(start, STAGE_TIMESCALE_WORKING_DAYS[self.stage])

    @property
    def is_open(self):
        return self.resolved_on is None

    @property
    def timescale_met(self) -> bool | None:
        """Resolved within the current stage's timescale; None while it is still open."""
        if self.resolved_on is None:
            return None
        return self.resolved_on <= self.due_on


class Challenge(models.Model):
    """The board (its chair or scrutineer) challenging an agency, and the agency's response."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="challenges")
    raised_on = models.DateField()
    raised_by = models.CharField(max_length=120, help_text="For example: Independent scrutineer.")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    challenge = models.TextField()
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)

    history = HistoricalRecords()
    objects = querysets.BoardRowQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "pk"]

    def __str__(self):
        return f"Challenge to {self.agency}, {self.raised_on:%-d %B %Y}"

    def get_absolute_url(self):
        return _url("learning:challenge_list", self.board)
