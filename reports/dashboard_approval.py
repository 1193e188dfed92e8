"""Dashboard panels of the report's approval: the chair's report waiting for approval, and the
business manager's report returned by the chair."""

from lscb.dashboard import Panel, register
from reports.choices import ReportStatus
from reports.models import AnnualReport


@register
def report_awaiting_approval(access):
    """The chair: a report the business manager has sent for approval."""
    if not access.can_approve_reports:
        return None
    reports = list(
        AnnualReport.objects.visible_to(access).filter(status=ReportStatus.READY_FOR_CHAIR).select_related("board")
    )
    if not reports:
        return None
    return Panel(
        title="The annual report is waiting for your approval",
        template="reports/panels/_approval.html",
        order=3,
        context={"reports": reports, "action": "review"},
    )


@register
def report_returned_by_chair(access):
    """The business manager: a report the chair returned with comments (still drafting)."""
    if not access.can_review_report_sections:
        return None
    reports = [
        report
        for report in AnnualReport.objects.visible_to(access)
        .filter(status=ReportStatus.DRAFTING, approvals__isnull=False)
        .select_related("board")
        .prefetch_related("approvals")
        .distinct()
        if report.approvals.all()[0].state == "returned"
    ]
    if not reports:
        return None
    return Panel(
        title="The chair returned the annual report",
        template="reports/panels/_approval.html",
        order=4,
        context={"reports": reports, "action": "detail"},
    )
