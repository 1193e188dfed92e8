"""Quality assurance as evidence: standards libraries, self-assessment cycles and their returns,
moderation (challenge) events and the agencies' action plans.

Tell us once: an Organisation is the body behind an agency (one police force, one ICB) and may
stand behind agencies of several boards. Everything else here belongs to one board; a return that
an organisation shares with its other boards is copied into each board's own cycle, and each board
moderates its own copy. No row points from one board's records to another's except
`Return.shared_from`, which no page of the receiving board follows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assurance.choices import (
    RATING_LABELS,
    ActionStatus,
    AuditStatus,
    CycleStatus,
    FindingKind,
    Grade,
    LibraryKind,
    RatingScale,
    ReturnStatus,
    RoundType,
    ScrutinyMethod,
)
from assurance.querysets import (
    ActionItemQuerySet,
    AuditChildQuerySet,
    AuditQuerySet,
    CycleQuerySet,
    EvidenceQuerySet,
    LibraryQuerySet,
    OrganisationLinkQuerySet,
    ReturnChildQuerySet,
    ReturnQuerySet,
    ScrutinyQuerySet,
    StandardQuerySet,
    SurveyQuerySet,
)
from boards.models import Agency, Board
from lscb.storage import private_storage


def _url(name, board, **kwargs):
    return reverse(f"assurance:{name}", kwargs={"board_slug": board.slug, **kwargs})


class Organisation(models.Model):
    """The real body behind a board's agency (a police force, an ICB, an NHS trust), which may be a
    partner of several boards. Holds nothing but its name: its records live on each board."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationLink(models.Model):
    """This board's agency is that organisation: set by the board's business manager."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="organisation_link")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="links")

    objects = OrganisationLinkQuerySet.as_manager()

    def __str__(self):
        return f"{self.agency} is {self.organisation}"


class StandardsLibrary(models.Model):
    """One version of the standards a board assesses agencies (or schools) against."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="standards_libraries")
    kind = models.CharField(max_length=20, choices=LibraryKind.choices)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name_plural = "standards libraries"
        constraints = [
            models.UniqueConstraint(fields=["board", "kind", "version"], name="one_library_version_per_board"),
            models.CheckConstraint(condition=Q(version__gte=1), name="library_version_from_1"),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self):
        return _url("library_detail", self.board, library_id=self.pk)


class Standard(models.Model):
    """One standard of a library, with the guidance and the evidence a board expects to see."""

    library = models.ForeignKey(StandardsLibrary, on_delete=models.CASCADE, related_name="standards")
    # Stable across versions and boards ("S11-3"): answers are carried forward and shared by it.
    code = models.CharField(max_length=20)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    # One prompt a line: what evidence would show the standard is met.
    evidence_prompts = models.TextField(blank=True)
    # A required standard must be rated (or marked not applicable with a reason) before submitting.
    required = models.BooleanField(default=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["library", "number"]
        constraints = [
            models.UniqueConstraint(fields=["library", "code"], name="standard_code_unique_in_library"),
            models.UniqueConstraint(fields=["library", "number"], name="standard_number_unique_in_library"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def prompts(self):
        return [line.strip() for line in self.evidence_prompts.splitlines() if line.strip()]


class Cycle(models.Model):
    """A self-assessment round the business manager opens: who is asked, against which standards, by when."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="assurance_cycles")
    title = models.CharField(max_length=200)
    library = models.ForeignKey(StandardsLibrary, on_delete=models.PROTECT, related_name="cycles")
    round_type = models.CharField(max_length=20, choices=RoundType.choices, default=RoundType.ANNUAL)
    rating_scale = models.CharField(max_length=10, choices=RatingScale.choices, default=RatingScale.MET)
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="cycle_period_in_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("cycle_detail", self.board, cycle_id=self.pk)

    @property
    def is_open(self):
        return self.status == CycleStatus.OPEN

    def ratings(self):
        return RatingScale(self.rating_scale).ratings()


class Return(models.Model):
    """One agency's self-assessment in a cycle: its answers, moderation and action plan."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assurance_returns")
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.NOT_STARTED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Tell us once: the organisation's return on another board this copy was made from. Never shown
    # to this board (it is another board's record); it says only that the copy came that way.
    shared_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="shared_copies"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ReturnQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="one_return_per_agency_per_cycle"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.cycle}"

    def get_absolute_url(self):
        return _url("return_detail", self.cycle.board, return_id=self.pk)

    @property
    def is_editable(self):
        return self.status in ReturnStatus.editable() and self.cycle.is_open

    @property
    def is_received(self):
        return self.status in ReturnStatus.received()


class Answer(models.Model):
    """The agency's rating and account against one standard. `version` is the optimistic lock:
    a save from an older version is refused and the person's text given back."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="answers")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="answers")
    rating = models.CharField(max_length=20, blank=True)
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.CharField(max_length=500, blank=True)
    # Sanitised HTML (lscb.forms.RichTextField).
    narrative = models.TextField(blank=True)
    # Copied from the agency's answer in the previous cycle, not yet confirmed or changed.
    carried_forward = models.BooleanField(default=False)
    # Agreed at moderation (may differ from the agency's own rating).
    agreed_rating = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    objects = ReturnChildQuerySet.as_manager()

    class Meta:
        ordering = ["standard__number"]
        constraints = [
            models.UniqueConstraint(fields=["return_record", "standard"], name="one_answer_per_standard"),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | ~Q(not_applicable_reason=""), name="not_applicable_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.return_record.agency}: {self.standard}"

    @property
    def rating_label(self):
        if self.not_applicable:
            return "Not applicable"
        return RATING_LABELS.get(self.rating, "Not rated")

    @property
    def agreed_label(self):
        return RATING_LABELS.get(self.agreed_rating, "")

    @property
    def is_answered(self):
        return bool(self.rating) or (self.not_applicable and bool(self.not_applicable_reason))


def _evidence_path(instance, filename):
    return f"assurance/{instance.answer.return_record.cycle.board_id}/{timezone.now():%Y%m}/{filename}"


class Evidence(models.Model):
    """A file the agency sends in support of one answer (private storage; checked by content)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=private_storage, upload_to=_evidence_path, max_length=300)
    original_name = models.CharField(max_length=150)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.original_name


class Moderation(models.Model):
    """A challenge event: the board's panel tests the agency's return and agrees the ratings."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="moderations")
    held_on = models.DateField()
    panel = models.CharField(max_length=500, help_text="Who sat on the panel")
    # Sanitised HTML: the challenge and the agency's answers to it.
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ReturnChildQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Challenge event of {self.held_on:%-d %B %Y}"


class ActionItem(models.Model):
    """An improvement the agency owns after moderation, with a due date and its progress."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="action_items")
    standard = models.ForeignKey(Standard, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(max_length=500)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    progress = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.description

    @property
    def is_open(self):
        return self.status == ActionStatus.OPEN


# --- Multi-agency case-file audits ----------------------------------------------------------


class Audit(models.Model):
    """A multi-agency case-file audit in the board's yearly programme: a theme, the lines of
    enquiry, a sample of cases known only by pseudonymous references, and what it found. A re-audit
    points at the audit it repeats, for the before-and-after comparison."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="case_file_audits")
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, help_text="For example neglect, exploitation, domestic abuse")
    # The financial year (its start) of the programme the audit belongs to.
    programme_year = models.PositiveSmallIntegerField()
    # Why this theme: data, a review, an inspection.
    reason = models.CharField(max_length=500, blank=True)
    lines_of_enquiry = models.TextField(blank=True, help_text="One line of enquiry a line")
    agencies = models.ManyToManyField(Agency, related_name="case_file_audits")
    status = models.CharField(max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED)
    completed_on = models.DateField(null=True, blank=True)
    reaudit_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reaudits", verbose_name="re-audit of"
    )

    history = HistoricalRecords()
    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["board", "title"], name="audit_title_unique_in_board"),
            models.CheckConstraint(condition=~Q(reaudit_of=models.F("pk")), name="audit_is_not_its_own_reaudit"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("audit_detail", self.board, audit_id=self.pk)

    @property
    def enquiries(self):
        return [line.strip() for line in self.lines_of_enquiry.splitlines() if line.strip()]


class AuditCase(models.Model):
    """One case in an audit's sample, by a pseudonymous reference ("Case 3"), never a real name."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(max_length=40)
    summary = models.CharField(max_length=500, blank=True)

    objects = AuditChildQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["audit", "reference"], name="case_reference_unique_in_audit")]

    def __str__(self):
        return self.reference


class Grading(models.Model):
    """An agency's practice on one audited case."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="gradings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="one_grade_per_agency_per_case")]

    def __str__(self):
        return f"{self.case}: {self.agency} {self.get_grade_display()}"


class Finding(models.Model):
    """What an audit found (a strength or an area for development, by theme), and the
    recommendation and action an agency owns as a result."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    theme = models.CharField(max_length=120)
    text = models.TextField()
    recommendation = models.CharField(max_length=500, blank=True)
    owner_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="agency owning the action",
    )
    action_due = models.DateField(null=True, blank=True)
    action_status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    objects = AuditChildQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.theme}"


# --- Independent scrutiny ----------------------------------------------------------------------


class ScrutinyActivity(models.Model):
    """One piece of the independent scrutineer's yearly plan: how they looked, what they found,
    what they recommend, and the safeguarding partners' response and action."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="scrutiny_activities")
    # The financial year (its start) of the scrutiny plan.
    plan_year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=20, choices=ScrutinyMethod.choices)
    held_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    recommendation = models.CharField(max_length=500, blank=True)
    partners_response = models.TextField(blank=True)
    response_action = models.CharField(max_length=500, blank=True)
    action_due = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()
    objects = ScrutinyQuerySet.as_manager()

    class Meta:
        ordering = ["-plan_year", "held_on", "id"]
        verbose_name_plural = "scrutiny activities"

    def __str__(self):
        return self.title


class ScrutinyStatement(models.Model):
    """The scrutineer's statement on one revision of the annual report (WT2023: the report
    includes the findings of independent scrutiny). One per revision; kept with it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="scrutiny_statements")
    revision = models.OneToOneField(
        "reports.ReportRevision", on_delete=models.PROTECT, related_name="scrutiny_statement"
    )
    text = models.TextField()
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)

    objects = ScrutinyQuerySet.as_manager()

    def __str__(self):
        return f"Scrutineer's statement on {self.revision}"


# --- Practitioner surveys (aggregates only) ------------------------------------------------------


class Survey(models.Model):
    """A practitioner survey of the board's workforce, held only as counts per agency and
    question: never an individual's answers."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="practitioner_surveys")
    title = models.CharField(max_length=200)
    # The financial year (its start) it belongs to.
    year = models.PositiveSmallIntegerField()
    # One statement a line, which practitioners agreed or disagreed with.
    questions = models.TextField()

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        constraints = [models.UniqueConstraint(fields=["board", "title"], name="survey_title_unique_in_board")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("survey_detail", self.board, survey_id=self.pk)

    @property
    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class SurveyResult(models.Model):
    """How many of an agency's practitioners answered one question, and how many agreed."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="results")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    question = models.PositiveSmallIntegerField()  # 1-based, in the survey's order
    responses = models.PositiveIntegerField()
    agreeing = models.PositiveIntegerField()

    class Meta:
        ordering = ["question", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "agency", "question"], name="one_result_per_agency_question"),
            models.CheckConstraint(condition=Q(agreeing__lte=models.F("responses")), name="agreeing_within_responses"),
        ]

    def __str__(self):
        return f"{self.survey}: {self.agency}, statement {self.question}"
