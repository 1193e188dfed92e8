"""Two clicks at once: the report row is locked, so one approval (or one sending) wins and the
other is told; never two revisions or two open approvals."""

import threading

import pytest
from django.db import connection

from conftest import PASSWORD
from reports.models import ReportApproval, ReportRevision
from reports.services import approval as services
from reports.tests.factories import report_with_sections
from reports.tests.support_approval import access_for

pytestmark = pytest.mark.django_db(transaction=True)


def _race(action, times=2):
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(("ok", action()))
        except services.ApprovalError as exc:
            outcomes.append(("refused", str(exc)))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(kind for kind, _ in outcomes)


def test_two_approvals_at_once_make_one_revision(world):
    report = report_with_sections(world.board, keys=("foreword",))
    services.send_to_chair(access_for(world, "business_manager"), report)

    def approve():
        # Each click loads the report afresh, as a request would.
        fresh = type(report).objects.get(pk=report.pk)
        return services.approve(access_for(world, "chair"), fresh, password=PASSWORD)

    assert _race(approve) == ["ok", "refused"]
    assert ReportRevision.objects.filter(report=report).count() == 1
    assert ReportApproval.objects.get(report=report).state == ReportApproval.State.APPROVED


def test_two_sendings_to_the_chair_at_once_open_one_approval(world):
    report = report_with_sections(world.board, keys=("foreword",))

    def send():
        fresh = type(report).objects.get(pk=report.pk)
        return services.send_to_chair(access_for(world, "business_manager"), fresh)

    assert _race(send) == ["ok", "refused"]
    assert ReportApproval.objects.filter(report=report).count() == 1
