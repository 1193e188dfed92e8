"""The board's business plan: numbered priorities and the actions under them."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from boards.choices import RAG
from boards.models.board import Agency, Board, Person
from boards.querysets import ActionQuerySet


class BusinessPlan(models.Model):
    """The board's business plan for a period: its numbered priorities and their actions."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="business_plans")
    title = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="plan_period_in_order"),
        ]

    def __str__(self):
        return self.title


class Priority(models.Model):
    """One numbered priority of a business plan."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    hwb_strategy_priority = models.CharField("Health and Wellbeing Strategy priority", max_length=200, blank=True)

    history = HistoricalRecords()

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

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "due_date", "id"]

    def __str__(self):
        return self.title
