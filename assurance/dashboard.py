"""Quality assurance on the home dashboard: the agency lead's returns and actions; the manager's cycles."""

from django.db.models import Count, Q

from assurance import permissions
from assurance.choices import CycleStatus, ReturnStatus
from assurance.models import ActionItem, Cycle, Return
from lscb.dashboard import Panel, register


@register
def my_returns(access):
    """The agency lead's returns still to complete and their agency's open actions. 2 queries."""
    if not permissions.is_agency_lead(access):
        return None
    mine = Q(agency_id__in=access.author_agency_ids)
    returns = list(
        Return.objects.visible_to(access)
        .filter(mine, status__in=ReturnStatus.editable(), cycle__status=CycleStatus.OPEN)
        .select_related("cycle", "agency")
        .order_by("cycle__due_date")
    )
    actions = list(
        ActionItem.objects.visible_to(access)
        .filter(return_record__agency_id__in=access.author_agency_ids)
        .open()
        .select_related("return_record__agency")
        .order_by("due_date")[:20]
    )
    if not returns and not actions:
        return None
    return Panel(
        title="Self-assessment returns and actions",
        template="assurance/panels/_my_returns.html",
        order=27,
        context={"returns": returns, "actions": actions},
    )


@register
def open_cycles(access):
    """The business manager's open cycles: returns received of expected. 1 query."""
    if not permissions.can_manage(access):
        return None
    cycles = list(
        Cycle.objects.visible_to(access)
        .filter(status=CycleStatus.OPEN)
        .annotate(
            expected=Count("returns"),
            received=Count("returns", filter=Q(returns__status__in=ReturnStatus.received())),
        )
        .order_by("due_date")
    )
    if not cycles:
        return None
    return Panel(
        title="Self-assessment cycles",
        template="assurance/panels/_open_cycles.html",
        order=28,
        context={"cycles": cycles},
    )
