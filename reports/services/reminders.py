"""Reminders about report sections, sent by a daily Celery beat task (reports.tasks.send_section_reminders).

Before the due date the authors are reminded (DAYS_BEFORE); after it, on the days in OVERDUE_DAYS
and then weekly, the authors are told it is overdue and the business manager is told too
(escalation). Only sections still being written count (not started, drafting, returned) in
reports still being drafted. Each reminder is recorded in ReminderSent, unique per section,
kind and day: running the task twice in a day sends nothing twice.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from lscb import audit
from reports import notifications
from reports.choices import ReportStatus, SectionStatus
from reports.models import ReminderSent, ReportSection

logger = logging.getLogger(__name__)

DAYS_BEFORE = tuple(getattr(settings, "REPORT_REMINDER_DAYS_BEFORE", (14, 7, 1)))
# Days after the due date on which overdue reminders go; after the last, every 7 days.
OVERDUE_DAYS = tuple(getattr(settings, "REPORT_REMINDER_OVERDUE_DAYS", (1, 7)))


def overdue_reminder_due(days_late: int) -> bool:
    if days_late <= 0:
        return False
    if days_late in OVERDUE_DAYS:
        return True
    return days_late > max(OVERDUE_DAYS) and (days_late - max(OVERDUE_DAYS)) % 7 == 0


def _candidates(today):
    furthest = today + datetime.timedelta(days=max(DAYS_BEFORE))
    return (
        ReportSection.objects.filter(
            report__status=ReportStatus.DRAFTING,
            status__in=SectionStatus.editable(),
            due_date__isnull=False,
            due_date__lte=furthest,
        )
        .select_related("report__board", "agency")
        .order_by("report_id", "position")
    )


def _send_once(section, kind, today, template, context, recipients):
    """Record and send one reminder, unless it was sent already today. True if sent."""
    if not recipients:
        return False
    try:
        with transaction.atomic():
            row, created = ReminderSent.objects.get_or_create(
                section=section, kind=kind, sent_on=today, defaults={"recipients": recipients}
            )
            if not created:
                return False
            # Sent inside the transaction: if sending fails the row goes too, and tomorrow's run retries.
            notifications.send(template, context, recipients)
            audit.record(
                f"reports.section.reminder.{kind}",
                board=section.report.board,
                target=section,
                recipients=recipients,
                sent_on=today.isoformat(),
            )
    except IntegrityError:  # another run recorded it at the same moment
        return False
    return True


def send_section_reminders(today=None) -> dict:
    """Send today's reminders; returns how many of each kind were sent."""
    today = today or timezone.localdate()
    sent = dict.fromkeys(ReminderSent.Kind.values, 0)
    authors_of, managers_of = {}, {}  # one membership lookup per agency and per board, not per section
    for section in _candidates(today):
        days = (section.due_date - today).days
        writer = (section.report.board_id, section.agency_id, "" if section.agency_id else section.key)
        if writer not in authors_of:
            authors_of[writer] = notifications.author_emails(section, today)
        authors = authors_of[writer]
        context = notifications.section_context(section, days=abs(days), authors=authors)
        if days in DAYS_BEFORE:
            if _send_once(section, ReminderSent.Kind.DUE_SOON, today, "section_due_soon", context, authors):
                sent[ReminderSent.Kind.DUE_SOON] += 1
        elif days < 0 and overdue_reminder_due(-days):
            if _send_once(section, ReminderSent.Kind.OVERDUE, today, "section_overdue", context, authors):
                sent[ReminderSent.Kind.OVERDUE] += 1
            board = section.report.board
            if board.pk not in managers_of:
                managers_of[board.pk] = notifications.business_manager_emails(board, today)
            managers = managers_of[board.pk]
            if _send_once(section, ReminderSent.Kind.ESCALATION, today, "section_escalation", context, managers):
                sent[ReminderSent.Kind.ESCALATION] += 1
    logger.info("Section reminders for %s: %s", today, sent)
    return sent
