"""Rendering in a real Celery worker process against Redis, including a worker killed mid-render.

Needs PostgreSQL and REDIS_URL (`make test`); see conftest.celery_worker_process.
"""

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from lscb.permissions import BoardAccess
from reports.models import RenderedFile, RenderJob
from reports.rendering.choices import RenderKind, RenderState
from reports.rendering.demo import demo_snapshot
from reports.services import rendering as service
from reports.tests.factories import ReportRevisionFactory
from reports.tests.pdfcheck import normalise, page_texts

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def private_root(tmp_path, monkeypatch, settings):
    """The same private folder for this process and the worker processes it starts."""
    root = tmp_path / "private"
    settings.PRIVATE_FILES_ROOT = root
    monkeypatch.setenv("LSCB_PRIVATE_FILES_ROOT", str(root))
    return root


def approved_revision(board, scale):
    return ReportRevisionFactory(
        report__board=board, snapshot=demo_snapshot(scale), approved_at=timezone.now() - timedelta(days=1)
    )


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def start_worker(app):
    """A second worker process on the same queue (as conftest.celery_worker_process starts one)."""
    from django.db import connection

    db = connection.settings_dict
    queue = app.conf.task_default_queue
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lscb", "worker", "--pool=solo", "--without-gossip"]
        + ["--without-mingle", "--loglevel=INFO", "-Q", queue, "-n", f"second-{queue}@%h"],
        env={**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines, ready = [], threading.Event()

    def drain():
        for line in process.stdout:
            lines.append(line)
            if " ready." in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    assert ready.wait(timeout=90), "second worker did not start:\n" + "".join(lines)
    return process, lines


def test_generate_renders_in_a_real_worker(private_root, celery_worker_process, world, client_for):
    revision = approved_revision(world.board, 1)
    client = client_for("chair")
    response = client.post(reverse("reports:render_request", args=[world.board.slug, revision.pk, "report_pdf"]))
    assert response.status_code == 302
    job = RenderJob.objects.get()
    # The broker took the message after commit: the job is marked sent, or the worker was
    # quicker and has claimed it already (then it is no longer queued and is not marked).
    assert job.enqueued_at is not None or job.state != RenderState.QUEUED
    wait_for(lambda: RenderJob.objects.get(pk=job.pk).state == RenderState.DONE, 120, "the worker to render")
    job.refresh_from_db()
    data = Path(job.output.file.path).read_bytes()
    assert Path(job.output.file.path).is_relative_to(private_root)
    assert hashlib.sha256(data).hexdigest() == job.output.sha256
    texts = page_texts(data)
    assert job.output.page_count == len(texts)
    assert "Tri-borough Safeguarding Children Partnership" in normalise(texts[0])
    assert job.claimed_by.startswith("test-")  # claimed by the worker process, not this one
    download = client.get(reverse("reports:render_download", args=[world.board.slug, revision.pk, "report_pdf"]))
    assert b"".join(download.streaming_content) == data


def test_worker_killed_mid_render_still_gives_the_report_exactly_once(private_root, celery_worker_process, world):
    app = celery_worker_process
    revision = approved_revision(world.board, 4)  # ~45 pages: long enough to be killed during it
    access = BoardAccess.for_user(world.user("business_manager"), world.board)
    job = service.request_render(access, revision, RenderKind.REPORT_PDF)

    claimed = wait_for(
        lambda: (
            RenderJob.objects.filter(pk=job.pk, state=RenderState.RENDERING)
            .values_list("claimed_by", flat=True)
            .first()
        ),
        120,
        "the worker to claim the job",
    )
    time.sleep(1.0)  # well inside the render
    worker_pid = int(claimed.split(":")[-2])
    os.kill(worker_pid, signal.SIGKILL)
    wait_for(lambda: _gone(worker_pid), 20, "the worker to die")
    time.sleep(0.5)
    job.refresh_from_db()
    assert job.state == RenderState.RENDERING  # left behind by the dead worker
    assert RenderedFile.objects.count() == 0

    process, lines = start_worker(app)
    try:
        # The message is still unacknowledged in Redis (acks_late): it comes back only after the
        # visibility timeout. The sweeper sees the job stuck past STUCK_AFTER and sends it again.
        counts = service.sweep_render_jobs(now=timezone.now() + service.STUCK_AFTER + timedelta(seconds=1))
        assert counts["requeued"] == 1 and counts["sent"] == 1
        wait_for(lambda: RenderJob.objects.get(pk=job.pk).state == RenderState.DONE, 180, "the second worker")
        # A redelivered copy of the original message (as Redis sends after the visibility
        # timeout) finds the job done and does nothing.
        from reports.tasks import render_job

        render_job.apply_async(args=[job.pk])
        wait_for(lambda: any("'not-claimed'" in line for line in lines), 60, "the duplicate to be refused")
    finally:
        process.terminate()
        process.wait(timeout=30)

    job.refresh_from_db()
    assert job.attempts == 2
    assert RenderJob.objects.count() == 1
    assert RenderedFile.objects.count() == 1
    output = RenderedFile.objects.get()
    data = Path(output.file.path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == output.sha256
    texts = page_texts(data)
    assert output.page_count == len(texts) >= 30
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    files = [p for p in private_root.rglob("*") if p.is_file() and not p.name.endswith(".part")]
    assert files == [Path(output.file.path)]


def _gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie (not yet reaped by the fixture's Popen) counts as dead
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True
