"""Reliability: PostgreSQL restarted under traffic, Redis down, backup and restore.

Each test starts its own PostgreSQL cluster or Redis server on a free port (lscb/reliability.py);
the shared services on 5432 and 6379 are never stopped.
"""

import datetime
import subprocess
import threading
import time

import pytest
import redis
from django.db import IntegrityError, transaction
from django.urls import reverse

from lscb import reliability
from lscb.celery import app
from lscb.tests.test_permission_matrix import ROWS


@pytest.fixture
def private_postgres():
    cluster = reliability.PrivatePostgres().init().start()
    cluster.createdb("lscb")
    yield cluster
    cluster.destroy()


def test_postgres_restart_under_traffic_gives_503_then_recovers_without_restarting_the_app(private_postgres):
    server = reliability.AppServer(
        {"DATABASE_URL": private_postgres.url(), "DATABASE_CONN_MAX_AGE": "60", "REDIS_URL": ""}
    ).start()
    statuses, stop = [], threading.Event()

    def traffic():
        while not stop.is_set():
            statuses.append(server.get("/healthz", timeout=5)[0])
            time.sleep(0.05)

    try:
        assert _wait_for(server, 200), "app did not answer 200 with the database up"
        worker = threading.Thread(target=traffic, daemon=True)
        worker.start()
        time.sleep(0.5)
        private_postgres.stop("fast")
        down_status, down_body = _poll(server, 503)
        assert down_status == 503, down_body
        assert '"database": "error' in down_body
        private_postgres.start()
        assert _wait_for(server, 200, timeout=30), "app did not recover after PostgreSQL came back"
        time.sleep(0.5)
        stop.set()
        worker.join(timeout=10)
        # Same process all along: it recovered by itself.
        assert server.process.poll() is None
        # Under traffic the app answered 200 or 503 — never a 500 or a dropped connection.
        assert set(statuses) <= {200, 503}, sorted(set(statuses))
        assert 503 in statuses and statuses[-1] == 200
    finally:
        stop.set()
        server.stop()


def _poll(server, wanted, timeout=20):
    deadline = time.monotonic() + timeout
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = server.get("/healthz")
        if status == wanted:
            break
        time.sleep(0.2)
    return status, body


def _wait_for(server, wanted, timeout=20):
    return _poll(server, wanted, timeout)[0] == wanted


# --- Redis down ------------------------------------------------------------------------------


@pytest.fixture
def private_redis():
    server = reliability.PrivateRedis().start()
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool)
    app.conf.broker_url = server.url()
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    yield server
    server.stop()
    if app._pool is not None:
        app._pool.force_close_all()
    app.conf.broker_url, app.conf.task_always_eager, app._pool = saved
    app.amqp._producer_pool = None


def _queued(server):
    return redis.Redis(port=server.port).llen("celery")


def test_with_redis_down_pages_work_and_render_jobs_wait_then_are_sent(
    world, client_for, private_redis, django_capture_on_commit_callbacks, settings, tmp_path
):
    from reports.models import RenderJob  # noqa: PLC0415
    from reports.rendering.choices import RenderState  # noqa: PLC0415
    from reports.rendering.demo import demo_snapshot  # noqa: PLC0415
    from reports.services.rendering import sweep_render_jobs  # noqa: PLC0415
    from reports.tests.factories import ReportRevisionFactory  # noqa: PLC0415

    settings.PRIVATE_FILES_ROOT = tmp_path
    revision = ReportRevisionFactory(
        report__board=world.board,
        snapshot=demo_snapshot(0.4),
        approved_at=datetime.datetime(2026, 7, 14, 10, 30, tzinfo=datetime.UTC),
    )
    client = client_for("business_manager")

    def request(kind):
        url = reverse("reports:render_request", args=[world.board.slug, revision.pk, kind])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url)

    # Redis up: the job goes to the broker at once.
    assert request("report_pdf").status_code == 302
    assert _queued(private_redis) == 1
    # Redis down: the request still succeeds, the job waits in the database.
    private_redis.stop()
    assert request("report_docx").status_code == 302
    waiting = RenderJob.objects.get(kind="report_docx")
    assert waiting.state == RenderState.QUEUED and waiting.enqueued_at is None
    health = client.get(reverse("healthz"))
    assert health.status_code == 200 and "unreachable" in health.json()["broker"]
    checked = _every_page_works(world, client)
    assert checked >= 10, checked
    # Redis back: the sweeper sends the waiting job.
    private_redis.process = subprocess.Popen(  # noqa: S603
        ["redis-server", "--bind", "127.0.0.1", "--port", str(private_redis.port), "--save", ""],  # noqa: S607
        stdout=subprocess.DEVNULL,
    )
    reliability.wait_for_port(private_redis.port)
    app._pool = None
    app.amqp._producer_pool = None
    counts = sweep_render_jobs(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1))
    assert counts["sent"] >= 1
    waiting.refresh_from_db()
    assert waiting.enqueued_at is not None
    assert _queued(private_redis) >= 1


def _every_page_works(world, client):
    """GET every matrix page the business manager may see; none may answer 5xx."""
    checked = 0
    for row in ROWS:
        if row.method != "get" or row.expect.get("business_manager") != 200:
            continue
        try:
            with transaction.atomic():
                url = reverse(row.url_name, kwargs=row.kwargs(world))
        except IntegrityError:  # two rows' fixtures clash in one world; the page is covered elsewhere
            continue
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code} with Redis down"
        checked += 1
    return checked


# --- Backup and restore ----------------------------------------------------------------------


def test_backup_and_restore_round_trip_keeps_every_row(private_postgres, tmp_path):
    """`make backup` / `make restore` (scripts/backup.sh, restore.sh) into a fresh database and
    a fresh private-files folder: row counts and a checksum of every table's contents are equal,
    and every private file comes back byte for byte."""
    from lscb import backup  # noqa: PLC0415

    source = private_postgres.url("lscb")
    reliability.migrate(source)
    reliability.load_demo(source)
    files, restored_files = tmp_path / "private", tmp_path / "private-restored"
    (files / "reviews" / "1").mkdir(parents=True)
    (files / "reviews" / "1" / "report.pdf").write_bytes(b"%PDF-1.7 a review's final report")
    dump = tmp_path / "lscb.dump"
    subprocess.run(["scripts/backup.sh", str(dump)], cwd=reliability.BASE_DIR, check=True, env=_env(source, files))  # noqa: S603
    assert dump.stat().st_size > 10_000
    private_postgres.createdb("restored")
    target = private_postgres.url("restored")
    subprocess.run(  # noqa: S603
        ["scripts/restore.sh", str(dump)],
        cwd=reliability.BASE_DIR,
        check=True,
        env=_env(target, restored_files),
        input=b"yes\n",
    )
    assert (restored_files / "reviews" / "1" / "report.pdf").read_bytes() == b"%PDF-1.7 a review's final report"
    before, after = backup.fingerprint(source), backup.fingerprint(target)
    assert sum(rows for rows, _ in before.values()) > 100
    assert before == after


def _env(database_url, private_files_root):
    import os  # noqa: PLC0415

    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "LSCB_PRIVATE_FILES_ROOT": str(private_files_root),
        "LSCB_RESTORE_CONFIRM": "yes",
    }
