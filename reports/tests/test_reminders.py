"""E-mail reminders before and after a section's due date, escalating to the business manager;
at most one of each kind per section per day."""

import datetime

import pytest
import time_machine

from reports.choices import ReportStatus, SectionStatus
from reports.models import ReminderSent, ReportSection
from reports.services.reminders import overdue_reminder_due
from reports.tasks import send_section_reminders
from reports.tests.support_drafting import report_with_sections

DUE = datetime.date(2026, 5, 29)  # a Friday


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(7, 30), tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def section(world):
    report, (section,) = report_with_sections(world, foreword=False)
    ReportSection.objects.filter(pk=section.pk).update(due_date=DUE)
    section.refresh_from_db()
    return section


def test_authors_are_reminded_seven_days_before_once_however_often_the_task_runs(section, mailoutbox):
    with at(DUE - datetime.timedelta(days=7)):
        send_section_reminders.delay()
        send_section_reminders.delay()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["agency_author@example.org"]
    assert "is due on 29 May 2026" in message.subject
    assert "7 days from today" in message.body
    assert f"/reports/{section.report_id}/sections/{section.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<strong>29 May 2026</strong>" in html
    assert ReminderSent.objects.filter(section=section, kind=ReminderSent.Kind.DUE_SOON).count() == 1


def test_no_reminder_on_days_not_in_the_schedule(section, mailoutbox):
    with at(DUE - datetime.timedelta(days=5)):
        send_section_reminders.delay()
    assert mailoutbox == []


def test_overdue_sections_remind_the_authors_and_escalate_to_the_business_manager(section, mailoutbox):
    with at(DUE + datetime.timedelta(days=1)):
        send_section_reminders.delay()
        send_section_reminders.delay()  # idempotent per day
    assert sorted(m.to[0] for m in mailoutbox) == ["agency_author@example.org", "business_manager@example.org"]
    escalation = next(m for m in mailoutbox if "business_manager@example.org" in m.to)
    assert "1 day late" in escalation.subject and "agency_author@example.org" in escalation.body
    with at(DUE + datetime.timedelta(days=2)):
        send_section_reminders.delay()
    assert len(mailoutbox) == 2  # nothing on day 2
    with at(DUE + datetime.timedelta(days=7)):
        send_section_reminders.delay()
    assert len(mailoutbox) == 4
    assert ReminderSent.objects.filter(kind=ReminderSent.Kind.ESCALATION).count() == 2


@pytest.mark.parametrize("status", [SectionStatus.SUBMITTED, SectionStatus.ACCEPTED])
def test_sections_sent_in_get_no_reminders(section, mailoutbox, status):
    ReportSection.objects.filter(pk=section.pk).update(status=status)
    with at(DUE + datetime.timedelta(days=1)):
        send_section_reminders.delay()
    assert mailoutbox == []


def test_no_reminders_once_the_report_has_gone_to_the_chair(section, mailoutbox):
    section.report.status = ReportStatus.READY_FOR_CHAIR
    section.report.save()
    with at(DUE - datetime.timedelta(days=7)):
        send_section_reminders.delay()
    assert mailoutbox == []


def test_a_failed_send_is_not_recorded_so_the_next_run_retries(section, mailoutbox, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("lscb.email.EmailMultiAlternatives.send", broken)
    with at(DUE - datetime.timedelta(days=7)), pytest.raises(ConnectionError):
        send_section_reminders.delay()
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    with at(DUE - datetime.timedelta(days=7)):
        send_section_reminders.delay()
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("days_late", "due"), [(0, False), (1, True), (2, False), (7, True), (13, False), (14, True), (21, True)]
)
def test_overdue_schedule(days_late, due):
    assert overdue_reminder_due(days_late) is due


def test_celery_beat_runs_the_reminders_every_day():
    from celery.schedules import crontab

    from lscb.celery import app

    entry = app.conf.beat_schedule["reports-send-section-reminders"]
    assert entry["task"] == "reports.tasks.send_section_reminders"
    assert isinstance(entry["schedule"], crontab) and entry["schedule"].hour == {7}
