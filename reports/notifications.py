"""E-mails about the annual report and its sections. Each e-mail is a subject / text / HTML template triplet under
reports/templates/reports/email/ (STYLE.md); the backend is the console one unless configured."""

from django.urls import reverse

from boards.choices import Role
from boards.models import Membership
from lscb import email
from lscb.email import membership_emails, site_url


def section_url(section) -> str:
    return site_url(
        reverse(
            "reports:section_detail",
            kwargs={"board_slug": section.report.board.slug, "report_id": section.report_id, "section_id": section.pk},
        )
    )


def _active(board, on=None):
    return Membership.objects.active(on).filter(board=board).select_related("person__user")


def author_emails(section, on=None) -> list[str]:
    """Who writes the section: the agency's authors (the chair for the foreword)."""
    from reports.permissions import FOREWORD_KEY  # noqa: PLC0415

    board = section.report.board
    if section.agency_id:
        return membership_emails(_active(board, on).filter(role=Role.AGENCY_AUTHOR, agency_id=section.agency_id))
    if section.key == FOREWORD_KEY:
        return chair_emails(board, on)
    return []


def chair_emails(board, on=None) -> list[str]:
    return membership_emails(_active(board, on).filter(role=Role.CHAIR))


def business_manager_emails(board, on=None) -> list[str]:
    return membership_emails(_active(board, on).filter(role=Role.BUSINESS_MANAGER))


def send(template: str, context: dict, recipients: list[str]) -> bool:
    """Send one e-mail built from reports/email/<template>_{subject.txt,body.txt,body.html}."""
    return email.send(f"reports/email/{template}", context, recipients)


def section_context(section, **extra) -> dict:
    return {
        "section": section,
        "report": section.report,
        "board": section.report.board,
        "url": section_url(section),
        **extra,
    }


def section_submitted(section_id: int):
    """After commit: tell the business manager a section came in."""
    from reports.models import ReportSection  # noqa: PLC0415

    section = ReportSection.objects.select_related("report__board", "agency").get(pk=section_id)
    send("section_submitted", section_context(section), business_manager_emails(section.report.board))


def section_returned(section_id: int, comment: str):
    """After commit: tell the section's authors it came back, and why."""
    from reports.models import ReportSection  # noqa: PLC0415

    section = ReportSection.objects.select_related("report__board", "agency").get(pk=section_id)
    send("section_returned", section_context(section, comment=comment), author_emails(section))


def report_url(report) -> str:
    return site_url(reverse("reports:report_detail", kwargs={"board_slug": report.board.slug, "report_id": report.pk}))


def _report_email(template, report_id, recipients_for):
    from reports.models import AnnualReport  # noqa: PLC0415

    report = AnnualReport.objects.select_related("board").get(pk=report_id)
    context = {"report": report, "board": report.board, "url": report_url(report)}
    send(template, context, recipients_for(report.board))


def report_sent_to_chair(report_id: int):
    """After commit: tell the chair the report is waiting for their approval."""
    _report_email("report_sent_to_chair", report_id, chair_emails)


def report_returned(report_id: int):
    """After commit: tell the business manager the chair returned the report."""
    _report_email("report_returned", report_id, business_manager_emails)


def report_approved(report_id: int):
    """After commit: tell the business manager the chair approved the report."""
    _report_email("report_approved", report_id, business_manager_emails)
