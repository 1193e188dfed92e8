"""Meetings of the board, its executive and sub-groups: agenda, decisions and who attended."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.choices import AttendanceStatus, MeetingType
from boards.models.board import Agency, Board, Person
from boards.querysets import AgendaItemQuerySet, AttendanceQuerySet, MeetingQuerySet

__all__ = ["AgendaItem", "Attendance", "Meeting"]


class Meeting(models.Model):
    """A meeting of the board, its executive or a sub-group, on one date.

    A meeting that did not happen is cancelled, not deleted: it then counts in nobody's
    attendance rate but stays on the record.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    meeting_type = models.CharField(max_length=20, choices=MeetingType.choices, default=MeetingType.BOARD)
    title = models.CharField(max_length=200)
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    is_cancelled = models.BooleanField(default=False)
    cancelled_reason = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["board", "date"])]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})"

    def get_absolute_url(self):
        return reverse("boards:meeting_detail", kwargs={"board_slug": self.board.slug, "meeting_id": self.pk})


class AgendaItem(models.Model):
    """A numbered item on a meeting's agenda, with the decision the meeting took on it (if any)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    decision = models.TextField(blank=True, help_text="What the meeting decided or agreed on this item.")

    history = HistoricalRecords()
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    """Whether an agency was represented at a meeting (one row per agency per meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    attended_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agency__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="one_attendance_per_agency_per_meeting"),
            models.CheckConstraint(condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"),
        ]

    def __str__(self):
        return f"{self.agency} at {self.meeting}: {self.get_status_display()}"
