"""Object-level rules for sub-groups, on top of the one layer in lscb.permissions.

- Every member of a board reads its sub-groups, members, meetings, work plans and submitted
  highlight updates; nothing crosses boards (404).
- The business manager manages every sub-group (Capability.MANAGE_BOARD).
- A sub-group chair (board role SUBGROUP_CHAIR *and* named as the sub-group's chair) keeps only
  that sub-group's work plan and highlight updates (Capability.EDIT_ACTIONS + `editable_by`);
  another sub-group's edit pages answer 404, as DESIGN.md asks for objects not one's own.
"""

from django.db.models import Q

from lscb.permissions import Capability

NOTHING = Q(pk__in=[])


def work_plan_editor_q(access, prefix=""):
    """A filter for sub-groups (or, with prefix "subgroup__", their rows) that `access` may keep."""
    if access.is_business_manager:
        return Q()
    if access.is_subgroup_chair and access.user is not None and access.user.is_authenticated:
        return Q(**{f"{prefix}chair_person__user": access.user})
    return NOTHING


def can_keep_work_plan(access, subgroup) -> bool:
    """For templates and services: may `access` edit this sub-group's work plan and highlight updates?"""
    if subgroup.board_id != access.board.id:
        return False
    if access.is_business_manager:
        return True
    return bool(
        access.is_subgroup_chair
        and subgroup.chair_person_id is not None
        and subgroup.chair_person.user_id is not None
        and subgroup.chair_person.user_id == getattr(access.user, "pk", None)
    )


def chairs_a_subgroup(access) -> bool:
    """Holds the board role of a sub-group chair (which sub-groups: work_plan_editor_q)."""
    return access.is_subgroup_chair


def can_manage(access) -> bool:
    return access.can(Capability.MANAGE_BOARD)
