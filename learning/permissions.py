"""Object-level rules for learning records, on top of the one layer in lscb.permissions.

- Every member of a board reads its training offer, the voice of children and families, the
  briefing-use log, training returns and the board's challenge log; nothing crosses boards (404).
- The business manager (the partnership's training coordinator) keeps the training offer,
  attendance and the voice records (Capability.MANAGE_BOARD).
- An agency author logs their own agency's briefing use and training return and notifies the
  escalations their agency raises or receives (Capability.NOTIFY_LEARNING); another agency's
  rows answer 404 on their edit pages.
- Escalations are read by the business manager and the chair (all of them) and by an agency
  author (those their agency raises or receives); they are pseudonymous, but a case's story is
  still the agencies' own business (Capability.VIEW_ESCALATIONS).
- The chair and the business manager log the board's challenges (Capability.LOG_CHALLENGE).
"""

from django.db.models import Q

from lscb.permissions import Capability

NOTHING = Q(pk__in=[])


def manager_q(access):
    return Q() if access.can(Capability.MANAGE_BOARD) else NOTHING


def own_agency_q(access, field):
    """The business manager: every row; an agency author: their agencies' rows."""
    if access.can(Capability.MANAGE_BOARD):
        return Q()
    if access.can(Capability.NOTIFY_LEARNING) and access.author_agency_ids:
        return Q(**{f"{field}__in": access.author_agency_ids})
    return NOTHING


def escalation_reader_q(access):
    if access.can(Capability.MANAGE_BOARD) or access.can(Capability.LOG_CHALLENGE):
        return Q()
    return escalation_keeper_q(access)


def escalation_keeper_q(access):
    if access.can(Capability.MANAGE_BOARD):
        return Q()
    if access.can(Capability.NOTIFY_LEARNING) and access.author_agency_ids:
        ids = access.author_agency_ids
        return Q(raising_agency_id__in=ids) | Q(receiving_agency_id__in=ids)
    return NOTHING


def agency_choices(access, agencies):
    """The agencies `access` may file a row for: all the board's, or an author's own."""
    if access.can(Capability.MANAGE_BOARD):
        return agencies
    return agencies.filter(pk__in=access.author_agency_ids)


def may_keep_agency_row(access, agency_id) -> bool:
    return access.can(Capability.MANAGE_BOARD) or (
        access.can(Capability.NOTIFY_LEARNING) and agency_id in access.author_agency_ids
    )


def may_keep_escalation(access, escalation) -> bool:
    if escalation.board_id != access.board.id:
        return False
    return may_keep_agency_row(access, escalation.raising_agency_id) or may_keep_agency_row(
        access, escalation.receiving_agency_id
    )
