"""Reads for sub-groups: derived values and the object-level permission rules (via subgroups.permissions)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from boards.choices import RAG
from subgroups import permissions
from subgroups.choices import HighlightStatus


class SubGroupQuerySet(models.QuerySet):
    def visible_to(self, access):
        """Every member of the board reads its sub-groups; nothing crosses boards."""
        return self.filter(board=access.board)

    def editable_by(self, access):
        """Sub-groups whose work plan and highlight updates `access` may keep."""
        return self.visible_to(access).filter(permissions.work_plan_editor_q(access))

    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))

    def ended(self, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)

    def active_between(self, start, end):
        """Sub-groups that met at any time in the period [start, end]."""
        return self.filter(start_date__lte=end).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))


class SubGroupChildQuerySet(models.QuerySet):
    """Members, meetings and work-plan items: visible and editable with their sub-group."""

    def visible_to(self, access):
        return self.filter(subgroup__board=access.board)

    def editable_by(self, access):
        return self.visible_to(access).filter(permissions.work_plan_editor_q(access, prefix="subgroup__"))


class WorkPlanItemQuerySet(SubGroupChildQuerySet):
    def open(self):
        return self.exclude(rag=RAG.COMPLETE)

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.open().filter(due_date__lt=on)


class HighlightUpdateQuerySet(SubGroupChildQuerySet):
    def visible_to(self, access):
        """Submitted updates are read by the whole board; drafts only by those who may edit them."""
        on_board = self.filter(subgroup__board=access.board)
        editable = permissions.work_plan_editor_q(access, prefix="subgroup__")
        if not editable:  # Q(): edits every sub-group of the board (and `Q(...) | Q()` would drop it)
            return on_board
        return on_board.filter(Q(status=HighlightStatus.SUBMITTED) | editable)

    def submitted(self):
        return self.filter(status=HighlightStatus.SUBMITTED)
