"""Learning's panel on the home dashboard: evaluations the board is missing and escalations past
their timescale, for the business manager (and an agency author, their agency's escalations)."""

from django.utils import timezone

from learning.models import Escalation, EvaluationRequest
from lscb.dashboard import Panel, register


@register
def learning_overdue(access):
    """Evaluation links that closed unanswered and open escalations past their stage's timescale. 4 queries."""
    if not (access.can_manage_board or access.can_notify_learning):
        return None
    late = (
        Escalation.objects.editable_by(access)
        .past_timescale(timezone.localdate())
        .select_related("raising_agency", "receiving_agency")
        .order_by("due_on", "pk")
    )
    overdue = EvaluationRequest.objects.visible_to(access).overdue() if access.can_manage_board else None
    escalations = list(late[:10])
    missed = overdue.count() if overdue is not None else 0
    if not escalations and not missed:
        return None
    return Panel(
        title="Learning: what is overdue",
        template="learning/panels/_overdue.html",
        order=35,
        context={"escalations": escalations, "escalation_total": late.count(), "missed_evaluations": missed},
    )
