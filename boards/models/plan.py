"""The board's business plan: numbered priorities and the actions under them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.choices import RAG
from boards.models.board import Agency, Board, Person
from boards.querysets import (
    LONG_OPEN_DAYS,
    ActionQuerySet,
    BusinessPlanQuerySet,
    PriorityQuerySet,
    ProgressUpdateQuerySet,
)

__all__ = ["Action", "BusinessPlan", "Priority", "ProgressUpdate"]


class BusinessPlan(models.Model):
    """The board's business plan for a period: its numbered priorities and their actions."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="business_plans")
    title = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField()

    history = HistoricalRecords()
    objects = BusinessPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="plan_period_in_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("boards:plan_detail", kwargs={"board_slug": self.board.slug, "plan_id": self.pk})


class Priority(models.Model):
    """One numbered priority of a business plan."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    hwb_strategy_priority = models.CharField("Health and Wellbeing Strategy priority", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique_in_plan")]

    def __str__(self):
        return f"Priority {self.number}: {self.title}"


class Action(models.Model):
    """A piece of work under a priority, owned by an agency (optionally a named person)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField()
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, default=RAG.AMBER)
    little_or_no_progress = models.BooleanField(default=False)
    little_or_no_progress_cause = models.TextField(blank=True)
    # When the work started; an action open for LONG_OPEN_DAYS after this is "long-open".
    opened_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "due_date", "id"]
        constraints = [
            # A flag of little or no progress must say why.
            models.CheckConstraint(
                condition=Q(little_or_no_progress=False) | ~Q(little_or_no_progress_cause=""),
                name="action_little_progress_has_cause",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        board = self.priority.plan.board
        return reverse("boards:action_detail", kwargs={"board_slug": board.slug, "action_id": self.pk})

    @property
    def is_open(self):
        return self.rag != RAG.COMPLETE

    def is_overdue(self, on=None):
        return self.is_open and self.due_date < (on or timezone.localdate())

    def is_long_open(self, on=None):
        on = on or timezone.localdate()
        return self.is_open and (on - self.opened_on).days >= LONG_OPEN_DAYS

    def is_editable_by(self, access) -> bool:
        """May `access` change this action? boards.permissions.ACTION_EDIT, for a loaded action.
        Reads priority.plan, so load it with select_related("priority__plan") in lists."""
        from boards.permissions import ACTION_EDIT  # noqa: PLC0415  (the rules live there)

        return ACTION_EDIT.allows(access, self)


class ProgressUpdate(models.Model):
    """A dated note of progress on an action, with the evidence of impact it has had."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_updates")
    date = models.DateField(default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time, so the record survives a renamed or removed account.
    author_name = models.CharField(max_length=200)
    text = models.TextField("Progress")
    evidence_of_impact = models.TextField(blank=True)
    rag = models.CharField("RAG at this update", max_length=10, choices=RAG.choices, blank=True)

    history = HistoricalRecords()
    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Update of {self.date:%d %b %Y} on {self.action}"
