"""Reads for quality assurance: board scoping and the object-level rules (via assurance.permissions)."""

from django.db import models
from django.utils import timezone

from assurance import permissions
from assurance.choices import ActionStatus, AuditStatus, ReturnStatus
from boards.querysets import BoardScopedQuerySet


class LibraryQuerySet(BoardScopedQuerySet):
    pass


class StandardQuerySet(BoardScopedQuerySet):
    board_path = "library__board"


class CycleQuerySet(BoardScopedQuerySet):
    pass


class ReturnQuerySet(BoardScopedQuerySet):
    """One agency's return: the board's readers of returns see all; an agency lead only their own."""

    board_path = "cycle__board"

    def visible_to(self, access):
        return super().visible_to(access).filter(permissions.return_reader_q(access))

    def editable_by(self, access):
        """Returns `access` may complete (whatever their status: the services check that)."""
        return super().visible_to(access).filter(permissions.return_writer_q(access))

    def received(self):
        return self.filter(status__in=ReturnStatus.received())

    def outstanding(self):
        return self.filter(status__in=ReturnStatus.editable())


class ReturnChildQuerySet(BoardScopedQuerySet):
    """Answers, evidence, moderation events and action items: seen and kept with their return."""

    board_path = "return_record__cycle__board"
    prefix = "return_record__"

    def visible_to(self, access):
        return super().visible_to(access).filter(permissions.return_reader_q(access, prefix=self.prefix))

    def editable_by(self, access):
        return super().visible_to(access).filter(permissions.return_writer_q(access, prefix=self.prefix))


class EvidenceQuerySet(ReturnChildQuerySet):
    board_path = "answer__return_record__cycle__board"
    prefix = "answer__return_record__"


class ActionItemQuerySet(ReturnChildQuerySet):
    def open(self):
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class OrganisationLinkQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(agency__board=access.board)


class AuditQuerySet(BoardScopedQuerySet):
    """Case-file audits: every member of the board reads them (cases are pseudonymous)."""

    def completed(self):
        return self.filter(status=AuditStatus.COMPLETED)


class AuditChildQuerySet(BoardScopedQuerySet):
    board_path = "audit__board"


class ScrutinyQuerySet(BoardScopedQuerySet):
    """Scrutiny activities and statements: every member of the board reads them."""


class SurveyQuerySet(BoardScopedQuerySet):
    """Practitioner surveys (counts only): every member of the board reads them."""
