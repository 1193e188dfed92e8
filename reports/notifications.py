"""Who gets the e-mails about the annual report and its sections, and what they say. Each e-mail is a subject /
text / HTML template triplet under reports/templates/reports/email/ (STYLE.md), sent by lscb.email.send; the
e-mails that follow a change are Celery tasks (reports/tasks.py), queued after commit."""

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


def report_url(report) -> str:
    return site_url(reverse("reports:report_detail", kwargs={"board_slug": report.board.slug, "report_id": report.pk}))
