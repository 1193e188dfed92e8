"""Celery tasks of quality assurance. Tasks take ids."""

from smtplib import SMTPException

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def remind_return_leads(return_ids):
    """E-mail the agency leads of each return still outstanding (one that was submitted meanwhile is skipped)."""
    from assurance.notifications import remind_leads  # noqa: PLC0415

    return remind_leads(return_ids)
