"""Celery tasks of the reports app. Tasks take ids; the work is in reports/services/."""

import logging
from smtplib import SMTPException

from celery import shared_task
from celery.signals import worker_process_init, worker_ready

from reports import notifications
from reports.limits import DOCX_CONVERT_TIME_LIMIT
from reports.services.rendering import HARD_TIME_LIMIT, SOFT_TIME_LIMIT

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    # Acknowledge only after the work: a worker that dies mid-render leaves the message to be
    # redelivered (after the broker's visibility timeout, settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    # which is well above HARD_TIME_LIMIT) — and the claim on the row makes redelivery harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
    ignore_result=True,
)
def render_job(self, job_id):
    """Render one RenderJob (claims it first; a duplicate or redelivered message does nothing)."""
    from reports.services.rendering import run_render_job  # noqa: PLC0415

    return run_render_job(job_id, worker=self.request.hostname or "")


@shared_task(ignore_result=True)
def sweep_render_jobs():
    """Periodic (celery beat, lscb/celery.py): re-queue stuck jobs, send jobs the broker missed."""
    from reports.services.rendering import sweep_render_jobs as sweep  # noqa: PLC0415

    return sweep()


@worker_ready.connect
@worker_process_init.connect
def _keep_weasyprint_warm(**kwargs):
    """Import WeasyPrint and load fonts once per worker process, not in the first render."""
    from reports.rendering.pdf import warm_up  # noqa: PLC0415

    try:
        warm_up()
    except Exception:  # a failed warm-up only makes the first render slower
        logger.warning("WeasyPrint warm-up failed", exc_info=True)


@shared_task(acks_late=True, ignore_result=True)
def send_section_reminders():
    """Daily (celery beat, lscb/celery.py): e-mail authors before and after their section's due
    date, escalating to the business manager when overdue. Safe to run twice a day."""
    from reports.services.reminders import send_section_reminders as send  # noqa: PLC0415

    return send()


# --- E-mails after a change (queued by the services with transaction.on_commit) ---------------------
#
# A mail server that is down or refuses must not undo or break the change that was made: the
# request has committed and returned; the task retries with backoff, then gives up (logged by
# Celery). Safe to run twice: the worst case is the same e-mail twice. A row deleted since sends nothing.

EMAIL_TASK = {
    "acks_late": True,
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": True,
    "max_retries": 5,
    "ignore_result": True,
}


def _section(section_id):
    from reports.models import ReportSection  # noqa: PLC0415

    return ReportSection.objects.select_related("report__board", "agency").filter(pk=section_id).first()


def _report_email(template, report_id, recipients_for):
    from reports.models import AnnualReport  # noqa: PLC0415

    report = AnnualReport.objects.select_related("board").filter(pk=report_id).first()
    if report is None:
        return 0
    recipients = recipients_for(report.board)
    context = {"report": report, "board": report.board, "url": notifications.report_url(report)}
    notifications.send(template, context, recipients)
    return len(recipients)


@shared_task(**EMAIL_TASK)
def section_submitted(section_id):
    """Tell the business manager a section came in."""
    section = _section(section_id)
    if section is None:
        return 0
    recipients = notifications.business_manager_emails(section.report.board)
    notifications.send("section_submitted", notifications.section_context(section), recipients)
    return len(recipients)


@shared_task(**EMAIL_TASK)
def section_returned(section_id, comment):
    """Tell the section's authors it came back, and why."""
    section = _section(section_id)
    if section is None:
        return 0
    recipients = notifications.author_emails(section)
    notifications.send("section_returned", notifications.section_context(section, comment=comment), recipients)
    return len(recipients)


@shared_task(**EMAIL_TASK)
def report_sent_to_chair(report_id):
    """Tell the chair the report is waiting for their approval."""
    return _report_email("report_sent_to_chair", report_id, notifications.chair_emails)


@shared_task(**EMAIL_TASK)
def report_returned(report_id):
    """Tell the business manager the chair returned the report."""
    return _report_email("report_returned", report_id, notifications.business_manager_emails)


@shared_task(**EMAIL_TASK)
def report_approved(report_id):
    """Tell the business manager the chair approved the report."""
    return _report_email("report_approved", report_id, notifications.business_manager_emails)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # The conversion has its own time limit in its child process (reports/limits.py); these only
    # catch a worker stuck outside it.
    soft_time_limit=DOCX_CONVERT_TIME_LIMIT + 30,
    time_limit=DOCX_CONVERT_TIME_LIMIT + 60,
    ignore_result=True,
)
def convert_docx_import(self, import_id):
    """Convert one uploaded Word draft (claims it first; a duplicate message does nothing)."""
    from reports.services.imports import run_docx_import  # noqa: PLC0415

    return run_docx_import(import_id)
