"""Object-level rules for sub-groups, on top of the one layer in lscb.permissions.

- Every member of a board reads its sub-groups, members, meetings, work plans and submitted
  highlight updates; nothing crosses boards (404).
- The business manager manages every sub-group (Capability.MANAGE_BOARD).
- A sub-group chair (board role SUBGROUP_CHAIR *and* named as the sub-group's chair) keeps only
  that sub-group's work plan and highlight updates (Capability.EDIT_ACTIONS + `editable_by`);
  another sub-group's edit pages answer 404, as DESIGN.md asks for objects not one's own.
"""

from django.db.models import Q
from django.views import View

from lscb.permissions import BoardView, Capability, get_editable_object, get_object_for_user

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


def can_manage(access) -> bool:
    return access.can(Capability.MANAGE_BOARD)


class _LoadSubGroup(View):
    """Runs after BoardView's checks (it sits behind BoardView in the MRO): loads the sub-group."""

    for_editing = False

    def dispatch(self, request, *args, **kwargs):
        from subgroups.models import SubGroup  # noqa: PLC0415 (models import this module)

        queryset = SubGroup.objects.select_related("board", "chair_person", "chair_agency", "area")
        getter = get_editable_object if self.for_editing else get_object_for_user
        self.subgroup = getter(queryset, self.access, pk=kwargs["subgroup_id"])
        self.can_keep_work_plan = can_keep_work_plan(self.access, self.subgroup)
        return super().dispatch(request, *args, **kwargs)


class SubGroupView(BoardView, _LoadSubGroup):
    """A page about one sub-group (URL kwarg `subgroup_id`).

    `for_editing = True` loads it through `editable_by` (404 for a sub-group not one's own),
    otherwise through `visible_to`. `self.subgroup` is ready in the handlers.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subgroup=self.subgroup, can_keep_work_plan=self.can_keep_work_plan)
        return context
