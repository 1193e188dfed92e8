"""Object-level rules for quality assurance, on top of the one layer in lscb.permissions.

- Every member of a board reads its standards libraries and the list of its cycles.
- Returns are the agency's account of itself to the board: the business manager and the chair
  read every return of their board; an agency lead (agency author) reads and completes only
  their own agency's; everyone else gets 404. Nothing crosses boards: a return shared by an
  organisation with several boards is a separate copy on each board ("tell us once").
- The business manager opens cycles, moderates, agrees actions and closes returns
  (Capability.MANAGE_BOARD). The agency lead updates the progress of their agency's actions.
"""

from django.db.models import Q

from lscb.permissions import Capability

NOTHING = Q(pk__in=[])


def _signed_in(access):
    return access.user is not None and access.user.is_authenticated


def return_reader_q(access, prefix=""):
    """A filter for returns (or, with a prefix, their rows) that `access` may read."""
    if access.is_business_manager or access.is_chair:
        return Q()
    if access.is_agency_author and _signed_in(access):
        return Q(**{f"{prefix}agency_id__in": access.author_agency_ids})
    return NOTHING


def return_writer_q(access, prefix=""):
    """A filter for returns `access` may complete: the manager's board, the lead's own agency."""
    if access.is_business_manager:
        return Q()
    if access.is_agency_author and _signed_in(access):
        return Q(**{f"{prefix}agency_id__in": access.author_agency_ids})
    return NOTHING


def can_read_return(access, return_record) -> bool:
    if return_record.cycle.board_id != access.board.id:
        return False
    return bool(access.is_business_manager or access.is_chair or return_record.agency_id in access.author_agency_ids)


def can_write_return(access, return_record) -> bool:
    """Same rule as return_writer_q, for a return already loaded."""
    if return_record.cycle.board_id != access.board.id:
        return False
    return bool(access.is_business_manager or return_record.agency_id in access.author_agency_ids)


def can_manage(access) -> bool:
    return access.can(Capability.MANAGE_BOARD)


def is_agency_lead(access) -> bool:
    return access.is_agency_author


def can_scrutinise(access) -> bool:
    """The independent scrutineer (and the business manager, who may record for them)."""
    return access.can(Capability.SCRUTINISE)
