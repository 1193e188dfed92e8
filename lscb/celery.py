"""The Celery app. Settings come from Django settings under the CELERY_ prefix."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")

app = Celery("lscb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic tasks (celery beat). Each app adds its own entries, additively.
app.conf.beat_schedule = {
    **(app.conf.beat_schedule or {}),
    # Re-queue render jobs left by a dead worker; send jobs the broker never got (Redis down).
    "reports-sweep-render-jobs": {"task": "reports.tasks.sweep_render_jobs", "schedule": 60.0},
    # Section reminders and escalations, once a day (idempotent per day: ReminderSent).
    "reports-send-section-reminders": {
        "task": "reports.tasks.send_section_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
}
# Records past their retention period are listed for review weekly (never deleted).
app.conf.beat_schedule["lscb-retention-review-list"] = {
    "task": "lscb.tasks.list_records_due_for_review",
    "schedule": 7 * 24 * 60 * 60.0,
}
# Training evaluations: the attendee's link the day after, the manager's at 6 weeks (learning/).
app.conf.beat_schedule["learning-send-due-evaluations"] = {
    "task": "learning.tasks.send_due_evaluations",
    "schedule": crontab(hour=8, minute=0),
}
