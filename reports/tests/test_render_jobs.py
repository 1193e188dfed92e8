"""Render jobs: enqueued after commit, never lost when the broker is down, claimed once,
idempotent per revision × kind, half-written files replaced, downloads checked and audited."""

import datetime
import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lscb.celery import app
from lscb.models import AuditEntry
from lscb.permissions import BoardAccess
from reports.models import RenderedFile, RenderJob
from reports.rendering.choices import RenderKind, RenderState
from reports.rendering.demo import demo_snapshot
from reports.services import rendering as service
from reports.tests.factories import ReportRevisionFactory
from reports.tests.pdfcheck import reader


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def approved_revision(world):
    return ReportRevisionFactory(
        report__board=world.board,
        snapshot=demo_snapshot(0.4),
        approved_at=datetime.datetime(2026, 7, 14, 10, 30, tzinfo=datetime.UTC),
    )


@pytest.fixture
def draft_revision(world):
    return ReportRevisionFactory(report__board=world.board, snapshot=demo_snapshot(0.4, approved=False))


def access_of(world, persona):
    return BoardAccess.for_user(world.user(persona), world.board)


def generate_url(world, revision, kind="report_pdf"):
    return reverse("reports:render_request", args=[world.board.slug, revision.pk, kind])


@pytest.fixture
def broker_down():
    """The broker URL points at a closed port, and tasks really go through it (not eager)."""
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool)
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # discard port: nothing listens
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    yield
    if app._pool is not None:
        app._pool.force_close_all()
    app.conf.broker_url, app.conf.task_always_eager, app._pool = saved
    app.amqp._producer_pool = None


def test_generate_is_a_post_that_enqueues_only_after_commit_and_redirects_to_the_job(
    world, client_for, approved_revision, django_capture_on_commit_callbacks
):
    client = client_for("business_manager")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(generate_url(world, approved_revision))
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:render_job", args=[world.board.slug, job.pk])
    # Nothing rendered inside the request; the task is sent only once the row is committed.
    assert job.state == RenderState.QUEUED
    assert RenderedFile.objects.count() == 0
    assert len(callbacks) == 1
    callbacks[0]()  # commit happens: the (eager) task runs
    job.refresh_from_db()
    assert job.state == RenderState.DONE
    assert job.attempts == 1
    output = job.output
    data = Path(output.file.path).read_bytes()
    assert output.sha256 == hashlib.sha256(data).hexdigest()
    assert output.size_bytes == len(data)
    assert output.page_count == len(reader(data).pages) >= 4
    assert output.render_seconds > 0
    assert Path(output.file.path).is_relative_to(Path(settings.PRIVATE_FILES_ROOT))
    assert AuditEntry.objects.filter(action="reports.render.requested", actor=world.user("business_manager")).exists()
    assert AuditEntry.objects.filter(action="reports.render.done").count() == 1


def test_get_on_generate_is_not_allowed(world, client_for, approved_revision):
    assert client_for("business_manager").get(generate_url(world, approved_revision)).status_code == 405
    assert RenderJob.objects.count() == 0


def test_a_second_request_for_the_same_revision_and_kind_joins_the_first(
    world, approved_revision, django_capture_on_commit_callbacks
):
    access = access_of(world, "chair")
    with django_capture_on_commit_callbacks(execute=False):
        first = service.request_render(access, approved_revision, RenderKind.REPORT_PDF)
        second = service.request_render(access_of(world, "member"), approved_revision, RenderKind.REPORT_PDF)
    assert second.pk == first.pk  # still queued: the same job
    service.run_render_job(first.pk)
    third = service.request_render(access, approved_revision, RenderKind.REPORT_PDF)
    assert third.pk == first.pk and third.state == RenderState.DONE  # finished: reused, not rendered again
    other_kind = service.request_render(access, approved_revision, RenderKind.SUMMARY_PDF)
    assert other_kind.pk != first.pk
    assert RenderJob.objects.count() == 2


def test_database_allows_one_active_job_per_revision_and_kind(world, approved_revision):
    from django.db import IntegrityError, transaction

    RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF)
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF)


def test_broker_down_leaves_the_job_queued_shows_it_and_the_sweeper_sends_it_later(
    world, client_for, approved_revision, broker_down, django_capture_on_commit_callbacks
):
    client = client_for("business_manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(generate_url(world, approved_revision))
    assert response.status_code == 302  # not a 500
    job = RenderJob.objects.get()
    assert job.state == RenderState.QUEUED
    assert job.enqueued_at is None  # the broker never took it
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Queued" in html
    assert '<meta http-equiv="refresh" content="3">' in html
    # While the broker is still down the sweeper tries, fails quietly and keeps the job.
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert service.sweep_render_jobs(now=later)["sent"] == 0
    assert RenderJob.objects.get().state == RenderState.QUEUED
    # The broker is back (here: tasks run in-process): the next sweep sends it and it renders.
    app.conf.task_always_eager = True
    assert service.sweep_render_jobs(now=later)["sent"] == 1
    job.refresh_from_db()
    assert job.state == RenderState.DONE
    assert RenderedFile.objects.count() == 1


def test_a_claimed_job_is_not_run_again_by_a_duplicate_message(world, approved_revision, monkeypatch):
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    assert service.run_render_job(job.pk) == "done"
    calls = []
    monkeypatch.setattr(service, "produce", lambda *args: calls.append(args))
    assert service.run_render_job(job.pk) == "not-claimed"  # redelivered message
    RenderJob.objects.filter(pk=job.pk).update(state=RenderState.RENDERING, claimed_by="other:1:x")
    assert service.run_render_job(job.pk) == "not-claimed"  # another worker holds it
    assert calls == []
    assert RenderedFile.objects.count() == 1


def test_a_new_job_for_a_revision_that_already_has_the_file_reuses_it(world, approved_revision, monkeypatch):
    first = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    service.run_render_job(first.pk)
    # e.g. a job re-queued by the sweeper after its worker stored the file but died before finishing
    second = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    monkeypatch.setattr(service, "produce", lambda *args: pytest.fail("rendered again"))
    assert service.run_render_job(second.pk) == "reused"
    second.refresh_from_db()
    assert second.state == RenderState.DONE and second.output_id == RenderJob.objects.get(pk=first.pk).output_id


def test_a_half_written_file_from_a_killed_worker_is_replaced(world, approved_revision):
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    _name, path = service.output_path(job)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF-1.7 half written")
    stale = path.with_name(f".{path.name}.deadbeef.part")
    stale.write_bytes(b"%PDF-1.7 also half")
    old = (timezone.now() - datetime.timedelta(hours=1)).timestamp()
    import os

    os.utime(stale, (old, old))
    assert service.run_render_job(job.pk) == "done"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 1000
    assert RenderedFile.objects.get().sha256 == hashlib.sha256(data).hexdigest()
    assert not stale.exists()
    assert list(path.parent.glob("*.part")) == []


def test_a_render_that_fails_is_marked_failed_with_a_reason(world, approved_revision, monkeypatch):
    def broken(kind, snapshot):
        raise RuntimeError("no fonts on this machine")

    monkeypatch.setattr(service, "produce", broken)
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF)
    assert service.run_render_job(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == RenderState.FAILED
    assert "no fonts on this machine" in job.failure_reason
    assert AuditEntry.objects.filter(action="reports.render.failed").count() == 1


def test_a_render_over_the_soft_time_limit_fails_cleanly(world, approved_revision, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    def slow(kind, snapshot):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(service, "produce", slow)
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF)
    assert service.run_render_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "longer than 240 seconds" in job.failure_reason


def test_sweeper_requeues_a_job_whose_worker_died_and_gives_up_after_three_attempts(world, approved_revision):
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    long_ago = timezone.now() - service.STUCK_AFTER - datetime.timedelta(seconds=1)
    RenderJob.objects.filter(pk=job.pk).update(
        state=RenderState.RENDERING, claimed_by="dead:1:x", claimed_at=long_ago, attempts=1
    )
    counts = service.sweep_render_jobs()
    assert counts["requeued"] == 1 and counts["sent"] == 1  # eager here: sent and rendered
    job.refresh_from_db()
    assert job.state == RenderState.DONE and job.attempts == 2

    dead = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_DOCX)
    RenderJob.objects.filter(pk=dead.pk).update(
        state=RenderState.RENDERING, claimed_by="dead:2:y", claimed_at=long_ago, attempts=3
    )
    assert service.sweep_render_jobs()["failed"] == 1
    dead.refresh_from_db()
    assert dead.state == RenderState.FAILED and "3 times" in dead.failure_reason


def test_a_recent_rendering_job_is_left_alone_by_the_sweeper(world, approved_revision):
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.SUMMARY_PDF)
    RenderJob.objects.filter(pk=job.pk).update(
        state=RenderState.RENDERING, claimed_by="alive:1:x", claimed_at=timezone.now()
    )
    assert service.sweep_render_jobs() == {"requeued": 0, "failed": 0, "sent": 0}


def test_redis_visibility_timeout_is_well_above_the_hard_time_limit():
    from reports.tasks import render_job

    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout >= 4 * service.HARD_TIME_LIMIT
    assert render_job.acks_late and render_job.reject_on_worker_lost
    assert render_job.soft_time_limit < render_job.time_limit == service.HARD_TIME_LIMIT


@pytest.mark.parametrize(
    ("kind", "content_type", "extension"),
    [
        ("report_pdf", "application/pdf", "pdf"),
        ("summary_pdf", "application/pdf", "pdf"),
        ("report_docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ],
)
def test_every_kind_renders_and_downloads_as_an_audited_attachment(
    world, client_for, approved_revision, kind, content_type, extension
):
    service.run_render_job(RenderJob.objects.create(board=world.board, revision=approved_revision, kind=kind).pk)
    client = client_for("member")
    url = reverse("reports:render_download", args=[world.board.slug, approved_revision.pk, kind])
    for expected in (1, 2):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment;")
        assert f".{extension}" in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == RenderedFile.objects.get(kind=kind).sha256
        assert (
            AuditEntry.objects.filter(action="reports.render.downloaded", actor=world.user("member")).count()
            == expected
        )
    if kind == "summary_pdf":
        assert len(reader(body).pages) <= 3
    if kind == "report_docx":
        import docx

        assert docx.Document(io.BytesIO(body)).core_properties.title == "Annual report 2025/26"


def test_a_missing_file_is_404_and_not_audited_as_downloaded(world, client_for, approved_revision):
    service.run_render_job(
        RenderJob.objects.create(board=world.board, revision=approved_revision, kind="report_pdf").pk
    )
    output = RenderedFile.objects.get()
    Path(output.file.path).unlink()
    url = reverse("reports:render_download", args=[world.board.slug, approved_revision.pk, "report_pdf"])
    assert client_for("member").get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="reports.render.downloaded").exists()


def test_a_download_is_never_cached_nor_sniffed(world, client_for, approved_revision):
    service.run_render_job(
        RenderJob.objects.create(board=world.board, revision=approved_revision, kind="report_pdf").pk
    )
    url = reverse("reports:render_download", args=[world.board.slug, approved_revision.pk, "report_pdf"])
    response = client_for("member").get(url)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_members_cannot_see_or_make_files_of_a_draft_but_the_business_manager_can(
    world, client_for, draft_revision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("business_manager").post(generate_url(world, draft_revision))
    job = RenderJob.objects.get()
    assert job.state == RenderState.DONE
    download = reverse("reports:render_download", args=[world.board.slug, draft_revision.pk, "report_pdf"])
    assert "-draft.pdf" in client_for("chair").get(download)["Content-Disposition"]
    for persona in ("member", "agency_author", "subgroup_chair"):
        client = client_for(persona)
        assert client.get(download).status_code == 404
        assert client.get(response["Location"]).status_code == 404
        assert client.post(generate_url(world, draft_revision, "summary_pdf")).status_code == 404
    assert client_for("other_board_member").get(download).status_code == 404
    assert RenderJob.objects.count() == 1


def test_a_member_refused_a_draft_revisions_files_is_audited_by_the_permission_layer(world, client_for, draft_revision):
    files = reverse("reports:revision_files", args=[world.board.slug, draft_revision.pk])
    assert client_for("member").get(files).status_code == 404
    assert client_for("member").post(generate_url(world, draft_revision)).status_code == 404
    denied = AuditEntry.objects.filter(action="auth.access.denied", actor=world.user("member"))
    assert denied.count() == 2
    assert {entry.payload["model"] for entry in denied} == {"reports.reportrevision"}
    assert client_for("chair").get(files).status_code == 200


def test_unknown_kind_is_404(world, client_for, approved_revision):
    assert client_for("business_manager").post(generate_url(world, approved_revision, "report_exe")).status_code == 404


def test_job_page_refreshes_only_while_the_job_is_active(world, client_for, approved_revision):
    job = RenderJob.objects.create(board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF)
    url = reverse("reports:render_job", args=[world.board.slug, job.pk])
    client = client_for("business_manager")
    assert 'http-equiv="refresh"' in client.get(url).content.decode()
    RenderJob.objects.filter(pk=job.pk).update(state=RenderState.RENDERING)
    assert "A worker is making the file now" in client.get(url).content.decode()
    service.sweep_render_jobs()  # leaves it alone: claimed just now
    RenderJob.objects.filter(pk=job.pk).update(state=RenderState.QUEUED)
    service.run_render_job(job.pk)
    html = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert RenderedFile.objects.get().sha256 in html
    assert "Download Annual report (PDF)" in html


def test_files_page_and_panel_use_few_queries_however_many_jobs(
    world, client_for, approved_revision, django_assert_max_num_queries
):
    url = reverse("reports:revision_files", args=[world.board.slug, approved_revision.pk])
    client = client_for("business_manager")
    client.get(url)
    for _ in range(10):
        RenderJob.objects.create(
            board=world.board, revision=approved_revision, kind=RenderKind.REPORT_PDF, state=RenderState.FAILED
        )
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert "Try again PDF" in html or "Try again" in html
    assert html.count('action="/boards/home-board/reports/revisions/') == 3  # a button per kind
