"""The e-mails that follow a change in the report's workflow are Celery tasks (reports/tasks.py),
queued after commit: a mail server that refuses does not break the request, and the send is retried.

The mail server here is a real one on a local port, speaking SMTP to Django's SMTP backend; it
refuses the first messages it is sent (451, "try again later") as a busy server does.
"""

import smtplib
import socketserver
import threading

import pytest
from django.core import mail
from django.urls import reverse

from reports.choices import SectionStatus
from reports.models import ReportSection
from reports.tasks import report_sent_to_chair, section_returned, section_submitted
from reports.tests.factories import AgencySectionFactory, AnnualReportFactory

pytestmark = pytest.mark.django_db(transaction=True)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server = self.server
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 test")
            elif verb in {"MAIL", "RCPT", "RSET", "NOOP"}:
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End with <CR><LF>.<CR><LF>")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                with server.lock:
                    server.attempts += 1
                    refuse = server.attempts <= server.refusals
                    if not refuse:
                        server.messages.append(b"".join(body).decode(errors="replace"))
                self.reply("451 Try again later" if refuse else "250 Queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Not implemented")


class _SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, refusals):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.refusals, self.attempts, self.messages, self.lock = refusals, 0, [], threading.Lock()


@pytest.fixture
def retries_in_process():
    """In-process (eager) tasks normally re-raise at once; let Celery run the task's retry policy
    instead, as a worker would (without the backoff's waits, which eager retries skip)."""
    from lscb.celery import app  # noqa: PLC0415

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port; `server.refusals = n` refuses the first n messages."""
    server = _SMTPServer(refusals=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _with_email(world, persona, address):
    person = world.user(persona).person
    person.email = address
    person.save()


def _drafted_section(world):
    report = AnnualReportFactory(board=world.board)
    return AgencySectionFactory(
        report=report, agency=world.agency, html="<p>What we did.</p>", status=SectionStatus.DRAFTING
    )


def test_the_workflow_e_mails_are_celery_tasks_that_retry_on_mail_server_errors():
    for task in (section_submitted, section_returned, report_sent_to_chair):
        assert task.acks_late
        assert task.max_retries == 5 and task.retry_backoff
        assert set(task.autoretry_for) == {smtplib.SMTPException, OSError}


def test_submitting_queues_the_e_mail_after_commit(world, client_for, mailoutbox):
    _with_email(world, "business_manager", "manager@example.org")
    section = _drafted_section(world)
    url = reverse("reports:section_submit", args=[world.board.slug, section.report_id, section.pk])
    response = client_for("agency_author").post(url)
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "manager@example.org" in message.to and section.title in message.body


def test_a_refusing_mail_server_does_not_break_the_request_and_the_send_is_retried(
    world, client_for, smtp_server, retries_in_process
):
    _with_email(world, "business_manager", "manager@example.org")
    section = _drafted_section(world)
    smtp_server.refusals = 2  # the first two attempts are refused, the third goes through
    url = reverse("reports:section_submit", args=[world.board.slug, section.report_id, section.pk])
    response = client_for("agency_author").post(url)
    assert response.status_code == 302
    assert ReportSection.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
    assert smtp_server.attempts == 3
    (message,) = smtp_server.messages
    assert "To: manager@example.org" in message and section.title in message


def test_a_mail_server_that_never_accepts_is_given_up_on_and_the_change_stands(
    world, client_for, smtp_server, retries_in_process
):
    _with_email(world, "business_manager", "manager@example.org")
    section = _drafted_section(world)
    smtp_server.refusals = 100
    url = reverse("reports:section_submit", args=[world.board.slug, section.report_id, section.pk])
    response = client_for("agency_author").post(url, follow=True)
    assert response.status_code == 200
    assert ReportSection.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
    assert smtp_server.attempts == 6  # the first try and five retries
    assert smtp_server.messages == []
    assert mail.outbox == []


def test_even_when_the_failure_is_re_raised_the_request_does_not_break(world, client_for, smtp_server):
    """Without a worker's retry (eager, propagating), the change still stands: on_commit is robust."""
    _with_email(world, "business_manager", "manager@example.org")
    section = _drafted_section(world)
    smtp_server.refusals = 1
    url = reverse("reports:section_submit", args=[world.board.slug, section.report_id, section.pk])
    assert client_for("agency_author").post(url).status_code == 302
    assert ReportSection.objects.get(pk=section.pk).status == SectionStatus.SUBMITTED
    assert smtp_server.attempts == 1


def test_a_section_deleted_before_the_task_runs_sends_nothing(world, mailoutbox):
    assert section_submitted(987654) == 0
    assert report_sent_to_chair(987654) == 0
    assert mailoutbox == []
