"""Sub-groups of the board: their members, meetings, work plans and highlight updates."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.choices import RAG
from boards.models import (
    Action,
    Agency,
    Area,
    Board,
    Person,
    financial_quarter,
    financial_year_label,
    financial_year_start,
)
from subgroups.choices import HighlightStatus, MemberRole, Quarter, SubGroupKind
from subgroups.querysets import (
    HighlightUpdateQuerySet,
    SubGroupChildQuerySet,
    SubGroupQuerySet,
    WorkPlanItemQuerySet,
)


class SubGroup(models.Model):
    """A sub-group, working group, task-and-finish group or local partnership group of a board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=SubGroupKind.choices, default=SubGroupKind.STANDING)
    # The local authority area a local partnership group serves.
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="subgroups")
    # The chair named here (with the board role SUBGROUP_CHAIR) keeps the work plan.
    chair_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="chair"
    )
    chair_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="chair's agency"
    )
    purpose = models.CharField(max_length=500, blank=True)
    # Sanitised HTML (lscb.forms.RichTextField).
    terms_of_reference = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    members = models.ManyToManyField(Person, through="SubGroupMember", blank=True, related_name="subgroups")

    history = HistoricalRecords()
    objects = SubGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "sub-group"
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="subgroup_name_unique_in_board"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="subgroup_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(kind=SubGroupKind.TASK_AND_FINISH) | Q(end_date__isnull=False),
                name="subgroup_task_and_finish_has_end_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind=SubGroupKind.LOCAL_PARTNERSHIP) | Q(area__isnull=False),
                name="subgroup_local_partnership_has_area",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("subgroups:subgroup_detail", kwargs={"board_slug": self.board.slug, "subgroup_id": self.pk})

    def is_active(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class SubGroupMember(models.Model):
    """A person's place in one sub-group: for which agency, and in what part."""

    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="subgroup_memberships")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField("role in the group", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)

    history = HistoricalRecords()
    objects = SubGroupChildQuerySet.as_manager()

    class Meta:
        ordering = ["subgroup", "person__full_name"]
        verbose_name = "sub-group member"
        constraints = [
            models.UniqueConstraint(fields=["subgroup", "person"], name="subgroup_member_once"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class SubGroupMeeting(models.Model):
    """One meeting of a sub-group, with its notes."""

    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    # Sanitised HTML (lscb.forms.RichTextField).
    notes = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = SubGroupChildQuerySet.as_manager()

    class Meta:
        ordering = ["subgroup", "-date"]
        verbose_name = "sub-group meeting"
        constraints = [models.UniqueConstraint(fields=["subgroup", "date"], name="subgroup_meeting_once_a_day")]

    def __str__(self):
        return f"{self.subgroup} meeting, {self.date:%-d %B %Y}"


class WorkPlanItem(models.Model):
    """A piece of work in a sub-group's work plan; may deliver one action of the board's business plan.

    The link to boards.Action lives here, not on Action, because boards must not import subgroups:
    this is how a sub-group "owns" a business-plan action.
    """

    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="work_plan_items")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="owner"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="owning agency"
    )
    due_date = models.DateField()
    rag = models.CharField("RAG status", max_length=10, choices=RAG.choices, default=RAG.AMBER)
    action = models.ForeignKey(
        Action,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_plan_items",
        verbose_name="business plan action",
    )

    history = HistoricalRecords()
    objects = WorkPlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["subgroup", "due_date", "id"]
        verbose_name = "work-plan item"
        constraints = [models.UniqueConstraint(fields=["subgroup", "title"], name="work_plan_item_title_unique")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "subgroups:work_plan_item_detail",
            kwargs={"board_slug": self.subgroup.board.slug, "subgroup_id": self.subgroup_id, "item_id": self.pk},
        )

    @property
    def is_open(self):
        return self.rag != RAG.COMPLETE


class HighlightUpdate(models.Model):
    """A sub-group's quarterly highlight report to the board: progress, impact, risks and escalations.

    Written by the sub-group chair; once submitted the whole board reads it.
    """

    subgroup = models.ForeignKey(SubGroup, on_delete=models.CASCADE, related_name="highlight_updates")
    # The start year of the financial year (2025 = 1 April 2025 – 31 March 2026).
    financial_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(choices=Quarter.choices)
    # Sanitised HTML (lscb.forms.RichTextField), all three.
    progress = models.TextField()
    impact = models.TextField(blank=True)
    risks = models.TextField("risks and escalations", blank=True)
    status = models.CharField(max_length=20, choices=HighlightStatus.choices, default=HighlightStatus.DRAFT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = HighlightUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["subgroup", "-financial_year", "-quarter"]
        verbose_name = "highlight update"
        constraints = [
            models.UniqueConstraint(
                fields=["subgroup", "financial_year", "quarter"], name="highlight_update_once_a_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="highlight_quarter_1_to_4"),
            models.CheckConstraint(
                condition=~Q(status=HighlightStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="highlight_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.subgroup}: {self.period_label}"

    def get_absolute_url(self):
        return reverse(
            "subgroups:highlight_detail",
            kwargs={"board_slug": self.subgroup.board.slug, "subgroup_id": self.subgroup_id, "highlight_id": self.pk},
        )

    @property
    def period_label(self):
        """'Q3 2025/26'."""
        return f"Q{self.quarter} {financial_year_label(self.financial_year)}"

    @property
    def is_editable(self):
        return self.status in HighlightStatus.editable()

    @property
    def submitted_by_name(self):
        if self.submitted_by is None:
            return ""
        return self.submitted_by.get_full_name() or self.submitted_by.get_username()


def quarter_of(on: datetime.date) -> tuple[int, int]:
    """(financial year start, quarter 1–4) for a date: April–June is quarter 1."""
    return financial_year_start(on), financial_quarter(on)
