"""The sub-groups app's panel on the home dashboard: a sub-group chair's work-plan items due."""

from lscb.dashboard import Panel, register
from subgroups.models import SubGroup, WorkPlanItem


@register
def my_work_plan_items(access):
    if not access.is_subgroup_chair:
        return None
    chaired = list(SubGroup.objects.editable_by(access).filter(chair_person__user=access.user))
    items = (
        WorkPlanItem.objects.filter(subgroup__in=chaired).open().select_related("subgroup").order_by("due_date", "id")
    )
    return Panel(
        title="Work-plan items due in the sub-groups you chair",
        template="subgroups/panels/_work_plan_items.html",
        order=25,
        context={"items": items[:20], "total": items.count(), "subgroups": chaired},
    )
