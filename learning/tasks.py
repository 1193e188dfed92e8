"""Background work of learning: the staged evaluation e-mails (celery beat, once a day)."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.choices import EvaluationStage
from lscb import email


@shared_task(acks_late=True)
def send_due_evaluations():
    """Send each attended place its evaluation links as they fall due: the attendee's the day after
    the session, the manager's 6 weeks later. Safe to run twice: one link per place and stage
    (a unique row), so a second run finds nothing to send. Returns how many were sent."""
    today = timezone.localdate()
    sent = 0
    for stage in (EvaluationStage.AFTER_SESSION, EvaluationStage.FOLLOW_UP):
        for attendance in services.due_for_evaluation(stage, today):
            request, token = services.issue_evaluation_request(attendance, stage)
            if request is None:
                continue
            session = attendance.session
            context = {
                "session": session,
                "course": session.course,
                "board": session.course.board,
                "attendee": attendance.name,
                "stage": stage,
                "follow_up": stage == EvaluationStage.FOLLOW_UP,
                "url": email.site_url(reverse("evaluation_form", kwargs={"token": token})),
                "expires_at": request.expires_at,
            }
            email.send("learning/email/evaluation", context, [request.sent_to])
            sent += 1
    return sent
