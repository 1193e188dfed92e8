"""Celery tasks of the reports app. Tasks take ids; the work is in reports/services/."""

import logging

from celery import shared_task
from celery.signals import worker_process_init, worker_ready

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
