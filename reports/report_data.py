"""The report's own generated section: the annex of when each section was sent in.

Like the data apps' GENERATED dicts (reports.generated): data(board, financial_year) returns a
JSON-serialisable dict the template renders without queries. How late each section was is kept
on the section (ReportSection.sent_in_on), so the annex still says so after acceptance; the
snapshot freezes it with the revision.
"""

from django.utils import timezone

from boards.models import financial_year_label
from reports.choices import SectionKind


def section_timeliness(board, financial_year: int) -> dict:
    """Each section with a due date: who wrote it, when it was due and sent in, days late. 2 queries."""
    from reports.models import AnnualReport  # noqa: PLC0415 (the registry imports this module early)

    report = AnnualReport.objects.filter(board=board, financial_year=financial_year).first()
    rows = []
    if report is not None:
        today = timezone.localdate()
        for section in report.sections.select_related("agency").order_by("position", "id"):
            if not section.due_date or section.key == "section_timeliness":
                continue
            rows.append(
                {
                    "title": section.title,
                    "by": section.agency.name if section.kind == SectionKind.AGENCY else "The business unit",
                    "due": section.due_date.isoformat(),
                    "sent_in": section.sent_in_on.isoformat()
                    if section.sent_in_on and not section.is_outstanding
                    else None,
                    "days_late": section.days_late(today),
                    "status": section.get_status_display(),
                }
            )
    return {
        "financial_year": financial_year_label(financial_year),
        "sections": rows,
        "late": sum(1 for row in rows if row["days_late"]),
        "report_due": report.due_date.isoformat() if report and report.due_date else None,
    }


GENERATED = {
    "section_timeliness": {
        "title": "Annex: when each section was sent in",
        "source": "The report's own sections: each one's due date, when it was sent in and how many days late.",
        "data": section_timeliness,
        "template": "reports/report/_section_timeliness.html",
    },
}
