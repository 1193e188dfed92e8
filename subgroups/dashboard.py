"""The sub-groups app's panel on the home dashboard: what a sub-group chair has to do."""

from django.utils import timezone

from boards.models import financial_year_label
from lscb.dashboard import Panel, register
from subgroups.models import HighlightUpdate, SubGroup, WorkPlanItem, quarter_of
from subgroups.permissions import chairs_a_subgroup


@register
def my_work_plan_items(access):
    """Open work-plan items of the sub-groups the person chairs, soonest due first, and which of
    those sub-groups still owe the board this quarter's highlight update. 4 queries."""
    if not chairs_a_subgroup(access):
        return None
    chaired = list(SubGroup.objects.editable_by(access).filter(chair_person__user=access.user))
    items = (
        WorkPlanItem.objects.filter(subgroup__in=chaired).open().select_related("subgroup").order_by("due_date", "id")
    )
    year, quarter = quarter_of(timezone.localdate())
    done = set(
        HighlightUpdate.objects.submitted()
        .filter(subgroup__in=chaired, financial_year=year, quarter=quarter)
        .values_list("subgroup_id", flat=True)
    )
    return Panel(
        title="Work-plan items due in the sub-groups you chair",
        template="subgroups/panels/_work_plan_items.html",
        order=25,
        context={
            "items": items[:20],
            "total": items.count(),
            "subgroups": chaired,
            "owing_highlight": [sg for sg in chaired if sg.pk not in done],
            "quarter_label": f"Q{quarter} {financial_year_label(year)}",
        },
    )
