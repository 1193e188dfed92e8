"""E-mails about report sections. Each e-mail is a subject / text / HTML template triplet under
reports/templates/reports/email/ (STYLE.md); the backend is the console one unless configured."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from boards.choices import Role
from boards.models import Membership


def site_url(path: str) -> str:
    """An absolute link for e-mails (SITE_URL, if the project sets it, else a local default)."""
    base = getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def section_url(section) -> str:
    return site_url(
        reverse(
            "reports:section_detail",
            kwargs={"board_slug": section.report.board.slug, "report_id": section.report_id, "section_id": section.pk},
        )
    )


def _emails(memberships) -> list[str]:
    found = []
    for membership in memberships:
        email = membership.person.email or (membership.person.user.email if membership.person.user_id else "")
        if email and email not in found:
            found.append(email)
    return found


def _active(board, on=None):
    return Membership.objects.active(on).filter(board=board).select_related("person__user")


def author_emails(section, on=None) -> list[str]:
    """Who writes the section: the agency's authors (the chair for the foreword)."""
    from reports.permissions import FOREWORD_KEY  # noqa: PLC0415

    board = section.report.board
    if section.agency_id:
        return _emails(_active(board, on).filter(role=Role.AGENCY_AUTHOR, agency_id=section.agency_id))
    if section.key == FOREWORD_KEY:
        return _emails(_active(board, on).filter(role=Role.CHAIR))
    return []


def business_manager_emails(board, on=None) -> list[str]:
    return _emails(_active(board, on).filter(role=Role.BUSINESS_MANAGER))


def send(template: str, context: dict, recipients: list[str]) -> bool:
    """Send one e-mail built from reports/email/<template>_{subject.txt,body.txt,body.html}."""
    if not recipients:
        return False
    prefix = f"reports/email/{template}"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    text = render_to_string(f"{prefix}_body.txt", context)
    html = render_to_string(f"{prefix}_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()
    return True


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
