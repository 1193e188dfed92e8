"""The broker → worker → database path, through a real worker process and real Redis."""

import time

import pytest
from django.core.management import call_command

from lscb.models import AuditEntry
from lscb.tasks import worker_round_trip

pytestmark = pytest.mark.worker


def test_a_task_sent_through_redis_is_run_by_a_worker_process(celery_worker_process):
    worker_round_trip.delay("round-trip-token")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if AuditEntry.objects.filter(action="system.worker.round_trip", payload__token="round-trip-token").exists():
            break
        time.sleep(0.2)
    else:
        raise AssertionError("worker never ran the task:\n" + "".join(celery_worker_process.worker_log))
    assert any("worker_round_trip" in line and "succeeded" in line for line in celery_worker_process.worker_log)


def test_check_worker_command_reports_the_round_trip(celery_worker_process, capsys):
    call_command("check_worker", timeout=30)
    assert "Worker round trip in" in capsys.readouterr().out
