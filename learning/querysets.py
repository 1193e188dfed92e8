"""Reads for learning records: board scoping (through learning.permissions) and derived sets."""

from django.db import models
from django.utils import timezone

from learning import permissions


class BoardRowQuerySet(models.QuerySet):
    """Rows with their own `board`: every member of the board reads them; the business manager keeps them."""

    board_path = "board"

    def visible_to(self, access):
        if not access.is_member:
            return self.none()
        return self.filter(**{self.board_path: access.board})

    def editable_by(self, access):
        return self.visible_to(access).filter(permissions.manager_q(access))


class CourseQuerySet(BoardRowQuerySet):
    def offered(self):
        return self.filter(is_active=True)


class SessionQuerySet(BoardRowQuerySet):
    board_path = "course__board"

    def in_period(self, first, last):
        return self.filter(held_on__gte=first, held_on__lte=last)


class AttendanceQuerySet(BoardRowQuerySet):
    board_path = "session__course__board"


class KeyMessageQuerySet(BoardRowQuerySet):
    board_path = "activity__board"


class AgencyRowQuerySet(BoardRowQuerySet):
    """Briefing use and training returns: read by the board; an agency author keeps their agency's."""

    def editable_by(self, access):
        return self.visible_to(access).filter(permissions.own_agency_q(access, "agency_id"))


class EscalationQuerySet(BoardRowQuerySet):
    def visible_to(self, access):
        return super().visible_to(access).filter(permissions.escalation_reader_q(access))

    def editable_by(self, access):
        return super().visible_to(access).filter(permissions.escalation_keeper_q(access))

    def open(self):
        return self.filter(resolved_on__isnull=True)

    def past_timescale(self, on=None):
        """Open escalations whose current stage's timescale has run out."""
        return self.open().filter(due_on__lt=on or timezone.localdate())


class EvaluationRequestQuerySet(models.QuerySet):
    def visible_to(self, access):
        if not access.is_member:
            return self.none()
        return self.filter(attendance__session__course__board=access.board)

    def unanswered(self):
        return self.filter(responded_at__isnull=True)

    def overdue(self, now=None):
        """Links that closed without an answer: the evaluation the board is missing."""
        return self.unanswered().filter(expires_at__lt=now or timezone.now())
