"""Object rules of the board's records, on top of the one layer in lscb.permissions.

Every member of the board reads its plan, scorecard, inspections and yearly figures; the
business manager changes them (Capability.MANAGE_BOARD). The one rule with an object in it:

- ACTION_EDIT: who changes an action. The business manager every action of the board
  (Capability.OVERSEE_ACTIONS); an agency author the actions their agency owns (its RAG, its
  little-or-no-progress flag and its progress updates); nobody else. Two faces that must agree
  (boards/tests/test_actions.py checks them for every persona):
  `q(access)`, a filter for Action querysets, and `allows(access, action)` for a loaded action,
  so a list pays no query per row.
"""

from django.db.models import Q

from lscb.permissions import Capability


class _ActionEdit:
    def q(self, access):
        q = Q(priority__plan__board=access.board)
        if access.can(Capability.OVERSEE_ACTIONS):
            return q
        return q & Q(owner_agency_id__in=access.author_agency_ids)

    def allows(self, access, action):
        """Reads action.priority.plan: load it with select_related("priority__plan") in lists."""
        if action.priority.plan.board_id != access.board.id:
            return False
        return access.can(Capability.OVERSEE_ACTIONS) or action.owner_agency_id in access.author_agency_ids


ACTION_EDIT = _ActionEdit()
