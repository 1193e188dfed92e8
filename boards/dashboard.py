"""The boards app's panels on the home dashboard."""

from django.utils import timezone

from boards.models import Action, Agency, BusinessPlan, Membership, Priority
from lscb.dashboard import Panel, register
from lscb.permissions import Capability


def current_plan(board, today):
    """The business plan in force today: of the plans covering today, the one that started last
    (a new plan that overlaps the end of the old one replaces it)."""
    return (
        BusinessPlan.objects.filter(board=board, start_date__lte=today, end_date__gte=today)
        .order_by("-start_date", "-id")
        .first()
    )


@register
def board_at_a_glance(access):
    today = timezone.localdate()
    plan = current_plan(access.board, today)
    return Panel(
        title="The board at a glance",
        template="boards/panels/_at_a_glance.html",
        order=90,
        context={
            "agency_count": Agency.objects.filter(board=access.board).count(),
            "member_count": Membership.objects.active(today).filter(board=access.board).count(),
            "plan": plan,
            "priorities": Priority.objects.filter(plan=plan).order_by("number") if plan else [],
        },
    )


@register
def overdue_actions(access):
    if not access.can(Capability.OVERSEE_ACTIONS):
        return None
    actions = (
        Action.objects.visible_to(access).overdue().select_related("owner_agency", "priority").order_by("due_date")
    )
    return Panel(
        title="Overdue actions across the board",
        template="boards/panels/_actions.html",
        order=10,
        context={"actions": actions[:20], "total": actions.count(), "empty": "No action is overdue."},
    )


@register
def my_agency_actions(access):
    if not access.author_agency_ids:
        return None
    actions = Action.objects.editable_by(access).open().select_related("owner_agency", "priority").order_by("due_date")
    return Panel(
        title="Open actions your agency owns",
        template="boards/panels/_actions.html",
        order=20,
        context={"actions": actions[:20], "total": actions.count(), "empty": "Your agency owns no open actions."},
    )


@register
def little_or_no_progress(access):
    if not access.can(Capability.FOLLOW_STALLED_ACTIONS):
        return None
    actions = (
        Action.objects.visible_to(access)
        .open()
        .filter(little_or_no_progress=True)
        .select_related("owner_agency", "priority")
    )
    return Panel(
        title="Actions with little or no progress",
        template="boards/panels/_actions.html",
        order=30,
        context={"actions": actions[:20], "total": actions.count(), "empty": "No action is flagged."},
    )


@register
def long_open_actions(access):
    """Actions still open a year after the work started: the business manager sees the board's,
    an agency author their agency's."""
    if access.can(Capability.OVERSEE_ACTIONS):
        actions, title = Action.objects.visible_to(access), "Actions open for more than a year"
    elif access.author_agency_ids:
        actions, title = Action.objects.editable_by(access), "Your agency's actions open for more than a year"
    else:
        return None
    actions = actions.long_open().select_related("owner_agency", "priority").order_by("opened_on", "id")
    return Panel(
        title=title,
        template="boards/panels/_actions.html",
        order=15,
        context={
            "actions": actions[:20],
            "total": actions.count(),
            "empty": "No action has been open for over a year.",
        },
    )
