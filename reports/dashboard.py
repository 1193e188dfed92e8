"""The reports app's panels on the home dashboard: sections waiting for their authors, and
late sections for the business manager."""

from django.utils import timezone

from lscb.dashboard import Panel, register
from reports.choices import ReportStatus
from reports.models import AnnualReport, ReportSection
from reports.permissions import may_write

PANEL_LIMIT = 20


@register
def my_sections_due(access):
    """Agency authors (and the chair, for the foreword): your section is due."""
    # The business manager reviews the sections (the late panel below is theirs); authors write them.
    if access.can_review_report_sections or not access.can_edit_report_sections:
        return None
    sections = [
        s
        for s in ReportSection.objects.editable_by(access)
        .filter(report__status=ReportStatus.DRAFTING)
        .select_related("report__board", "agency")
        .order_by("due_date", "position")[:PANEL_LIMIT]
        if may_write(access, s)
    ]
    if not sections:
        return None
    return Panel(
        title="Your annual report section is due" if len(sections) == 1 else "Your annual report sections are due",
        template="reports/panels/_sections.html",
        order=5,
        context={"sections": sections, "today": timezone.localdate(), "total": len(sections), "empty": ""},
    )


@register
def late_reports(access):
    """The business manager and the chair: the board's report is past the date it must be published by."""
    if not access.can_read_draft_reports:
        return None
    today = timezone.localdate()
    reports = [
        r
        for r in AnnualReport.objects.filter(board=access.board, due_date__lt=today)
        .exclude(status__in=ReportStatus.published())
        .select_related("board")
        .order_by("due_date")
        if r.days_late(today)
    ]
    if not reports:
        return None
    return Panel(
        title="Annual report late",
        template="reports/panels/_late_reports.html",
        order=4,
        context={"reports": reports, "today": today},
    )


@register
def late_sections(access):
    """The business manager: sections past their due date and not sent in."""
    if not access.can_review_report_sections:
        return None
    late = (
        ReportSection.objects.visible_to(access)
        .filter(report__status=ReportStatus.DRAFTING)
        .late(timezone.localdate())
        .select_related("report__board", "agency")
        .order_by("due_date", "position")
    )
    return Panel(
        title="Late annual report sections",
        template="reports/panels/_sections.html",
        order=8,
        context={
            "sections": late[:PANEL_LIMIT],
            "total": late.count(),
            "today": timezone.localdate(),
            "empty": "No section is late.",
        },
    )
