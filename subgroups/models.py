"""Sub-groups of the board and their membership."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from boards.models import Agency, Area, Board, Person
from subgroups.choices import SubGroupKind


class SubGroupQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(board=access.board)

    def editable_by(self, access):
        if access.is_business_manager:
            return self.visible_to(access)
        return self.visible_to(access).filter(chair_person__user=access.user)


class SubGroup(models.Model):
    """A sub-group, working group, task-and-finish group or local partnership group of a board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=SubGroupKind.choices, default=SubGroupKind.STANDING)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="subgroups")
    chair_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    chair_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    terms_of_reference = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    members = models.ManyToManyField(Person, blank=True, related_name="subgroups")

    history = HistoricalRecords()
    objects = SubGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="subgroup_name_unique_in_board"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="subgroup_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.name
