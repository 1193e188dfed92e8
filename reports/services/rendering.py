"""Render jobs: request one, run one (in the worker), sweep up the ones left behind.

A job makes a file from a report revision (report PDF, HWB summary, Word) or from one saved
version of a section (its draft PDF, for the agency author to see how it prints). Both are
immutable, so a finished file is made once per source × kind.

Request (web): permission → reuse a waiting or finished job for the same source × kind →
create the row → audit → enqueue after commit. If the broker is down, the row stays queued
with no `enqueued_at`; the sweeper sends it later. The request never renders.

Run (worker): claim the row with one UPDATE … WHERE state = queued (a second worker or a
redelivered message updates nothing and stops) → reuse a finished file for the same
source × kind → render → write to a temporary file and rename it into place (a half-written
file from a killed worker is simply replaced) → record the file with its SHA-256 → mark done.
"""

import hashlib
import io
import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from lscb import audit
from lscb.permissions import Capability
from lscb.sandbox import ChildFailed, ResourceLimitExceeded, run_limited
from reports import limits
from reports.permissions import REVISION_READ, may_view
from reports.rendering.choices import RenderKind, RenderState

logger = logging.getLogger(__name__)

# Time limits of one render (the task's soft/hard limits). The Redis visibility timeout
# (CELERY_VISIBILITY_TIMEOUT, 3600 s) stays well above the hard limit.
SOFT_TIME_LIMIT = 240
HARD_TIME_LIMIT = 300
MAX_ATTEMPTS = 3
# A job still "rendering" this long after its claim was left by a worker that died.
STUCK_AFTER = timedelta(seconds=HARD_TIME_LIMIT + 60)
# A queued job not sent yet (broker down) is sent by the sweeper after this grace period;
# one sent but still not picked up is sent again after RESEND_AFTER (the claim makes a
# duplicate message harmless).
UNSENT_GRACE = timedelta(seconds=15)
RESEND_AFTER = timedelta(minutes=10)


class RenderNotAllowed(Exception):
    """This person may not render (or see renders of) this revision or section."""


class NoSavedVersion(Exception):
    """The section has no saved text yet, so there is nothing to preview."""


def may_render(access, revision) -> bool:
    """DESIGN.md "render/download PDF": the business manager and the chair any revision of
    their board's reports; every other member of the board approved revisions only."""
    return access.can(Capability.RENDER_PDF) and REVISION_READ.allows(access, revision)


def may_render_section(access, section) -> bool:
    """DESIGN.md "render/download PDF", "draft of own section": whoever may open the section
    (the business manager, the chair, the agency's authors) may make its draft PDF."""
    return access.can(Capability.RENDER_PDF) and may_view(access, section)


def request_render(access, revision, kind) -> "RenderJob":  # noqa: F821
    """The job that renders `revision` as `kind` for this person: the waiting or finished one
    for the same revision × kind if there is one (renders are idempotent), otherwise a new job,
    sent to the broker after commit. Never renders in the request."""
    # 1. permission
    if not may_render(access, revision):
        raise RenderNotAllowed("You cannot make files of this revision.")
    # 2. status: a kind we make from a revision
    if kind not in RenderKind.for_revisions():
        raise RenderNotAllowed(f"Unknown kind of file: {kind}")
    return _join_or_create(access, RenderKind(kind), {"revision": revision}, revision=revision.pk)


def request_section_pdf(access, section, number=None) -> "RenderJob":  # noqa: F821
    """The job that makes the draft PDF of one saved version of `section` (version `number`,
    or the latest): the waiting or finished one for that version if there is one, otherwise a
    new job sent after commit. Raises NoSavedVersion if the section has no saved text yet."""
    # 1. permission
    if not may_render_section(access, section):
        raise RenderNotAllowed("You cannot make a PDF of this section.")
    # 2. status: a saved version to render
    versions = section.versions.all()
    version = versions.first() if number is None else versions.filter(number=number).first()
    if version is None:
        if number is not None:
            raise RenderNotAllowed(f"This section has no version {number}.")
        raise NoSavedVersion("This section has no saved text yet. Save it first, then preview it as a PDF.")
    return _join_or_create(
        access, RenderKind.SECTION_PDF, {"section_version": version}, section=section.pk, version=version.number
    )


def _join_or_create(access, kind, source, **audit_payload):
    """Steps 3 to 5 of a render request, for one source ({"revision": …} or {"section_version": …})."""
    from reports.models import RenderJob  # noqa: PLC0415

    reusable = Q(state__in=RenderState.active()) | Q(state=RenderState.DONE)
    existing = RenderJob.objects.filter(kind=kind, **source).filter(reusable).first()
    if existing is not None:
        return existing
    # 3. rows, 4. audit
    try:
        with transaction.atomic():
            job = RenderJob.objects.create(board=access.board, kind=kind, requested_by=access.user, **source)
            audit.record(
                "reports.render.requested",
                actor=access.user,
                board=access.board,
                target=job,
                kind=kind.value,
                **audit_payload,
            )
    except IntegrityError:
        # Someone asked for the same source × kind at the same moment (the partial unique
        # constraint on active jobs): share their job.
        return RenderJob.objects.filter(kind=kind, **source).filter(reusable).first()
    # 5. side effect after commit; robust: a broker failure must not undo the committed job
    # (enqueue_render already swallows it; the sweeper sends the job later).
    transaction.on_commit(lambda: enqueue_render(job.pk), robust=True)
    return job


def enqueue_render(job_id) -> bool:
    """Send the job to the broker. False (and the job stays queued for the sweeper) if it is down."""
    from reports.models import RenderJob  # noqa: PLC0415
    from reports.tasks import render_job  # noqa: PLC0415

    task_id = str(uuid.uuid4())
    RenderJob.objects.filter(pk=job_id, state=RenderState.QUEUED).update(
        celery_task_id=task_id, updated_at=timezone.now()
    )
    try:
        render_job.apply_async(args=[job_id], task_id=task_id, retry=False)
    except Exception:  # the broker is down or unreachable: the sweeper will send it later
        logger.warning("render job %s not sent to the broker; it stays queued", job_id, exc_info=True)
        return False
    RenderJob.objects.filter(pk=job_id, state=RenderState.QUEUED).update(enqueued_at=timezone.now())
    return True


def produce(kind, snapshot):
    """(bytes, page count or None) of one kind of file from a snapshot."""
    import pikepdf  # noqa: PLC0415 (in requirements.txt; pypdf is for tests only)

    from reports.rendering.docx import render_docx  # noqa: PLC0415
    from reports.rendering.pdf import render_pdf, render_section_pdf, render_summary_pdf  # noqa: PLC0415

    if kind == RenderKind.REPORT_DOCX:
        return render_docx(snapshot), None
    render = {
        RenderKind.REPORT_PDF: render_pdf,
        RenderKind.SUMMARY_PDF: render_summary_pdf,
        RenderKind.SECTION_PDF: render_section_pdf,
    }[kind]
    data = render(snapshot)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return data, len(pdf.pages)


def source_snapshot(job) -> dict:
    """What the job renders: the revision's frozen snapshot, or one built from the section
    version (immutable, so building it again gives the same text)."""
    if job.section_version_id:
        from reports.snapshot import build_section_snapshot  # noqa: PLC0415

        return build_section_snapshot(job.section_version)
    return job.revision.snapshot


def run_render_job(job_id, worker="") -> str:
    """Claim and work one job. Returns what happened: claimed-by-someone-else, reused, done, failed."""
    from celery.exceptions import SoftTimeLimitExceeded  # noqa: PLC0415

    from reports.models import RenderedFile, RenderJob  # noqa: PLC0415

    token = f"{worker or socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    now = timezone.now()
    claimed = RenderJob.objects.filter(pk=job_id, state=RenderState.QUEUED).update(
        state=RenderState.RENDERING, claimed_at=now, claimed_by=token, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return "not-claimed"
    job = RenderJob.objects.select_related(
        "revision",
        "board",
        "section_version__saved_by",
        "section_version__section__agency",
        "section_version__section__report__board",
        "section_version__section__report__framework",
    ).get(pk=job_id)
    output = RenderedFile.objects.filter(kind=job.kind, **job.source_lookup).first()
    if output is not None:
        _finish(job, token, output, reused=True)
        return "reused"
    try:
        started = time.perf_counter()
        # In a child process with a memory cap (lscb/sandbox.py): one oversized input fails
        # its own job instead of the worker (issue 21, M2: one section took 2.4 GB).
        data, pages = run_limited(
            produce,
            RenderKind(job.kind),
            source_snapshot(job),
            memory_bytes=limits.render_memory_bytes(),
            timeout=SOFT_TIME_LIMIT,
        )
        seconds = time.perf_counter() - started
        output = _store(job, data, pages, seconds)
    except (SoftTimeLimitExceeded, ResourceLimitExceeded) as exc:
        # Failed, not left "rendering": the sweeper does not retry it (the same input would
        # breach the same cap again).
        if getattr(exc, "which", "time") == "memory":
            _fail(
                job,
                token,
                f"The file is too large to render: it needed more than {_mb(limits.render_memory_bytes())} of memory. Shorten the longest sections or reduce their pictures and tables.",
            )
        else:
            _fail(job, token, f"The render took longer than {SOFT_TIME_LIMIT} seconds.")
        return "failed"
    except ChildFailed as exc:
        logger.error("render job %s failed: %s", job_id, exc)
        if exc.class_name == SoftTimeLimitExceeded.__name__:
            _fail(job, token, f"The render took longer than {SOFT_TIME_LIMIT} seconds.")
        else:
            _fail(job, token, f"The render failed: {exc.class_name}: {exc.message[:300]}")
        return "failed"
    except Exception as exc:
        logger.exception("render job %s failed", job_id)
        _fail(job, token, f"The render failed: {exc.__class__.__name__}: {str(exc)[:300]}")
        return "failed"
    _finish(job, token, output, reused=False)
    return "done"


def _mb(size):
    return f"{size // (1024 * 1024):,} MB"


def output_path(job) -> tuple[str, Path]:
    """(storage name, absolute path) of a job's file: one per source × kind, in the private
    storage (settings.PRIVATE_FILES_ROOT, outside the web root)."""
    from lscb.storage import private_storage  # noqa: PLC0415

    if job.section_version_id:
        folder = f"section-version-{job.section_version_id}"
    else:
        folder = f"revision-{job.revision_id}"
    name = f"reports/board-{job.board_id}/{folder}/{job.kind}.{RenderKind(job.kind).extension}"
    return name, Path(private_storage().path(name))


def _store(job, data, pages, seconds):
    from reports.models import RenderedFile  # noqa: PLC0415

    name, path = output_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)  # atomic: readers see the old file or the whole new one
    _remove_stale_parts(path)
    digest = hashlib.sha256(data).hexdigest()
    output, _created = RenderedFile.objects.get_or_create(
        **job.source_lookup,
        kind=job.kind,
        defaults={
            "board_id": job.board_id,
            "file": name,
            "sha256": digest,
            "size_bytes": len(data),
            "page_count": pages,
            "render_seconds": round(seconds, 2),
        },
    )
    return output


def _remove_stale_parts(path):
    """Temporary files left by a worker killed while writing (older than a render can take)."""
    cutoff = time.time() - STUCK_AFTER.total_seconds()
    for part in path.parent.glob(f".{path.name}.*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except FileNotFoundError:
            pass


def _finish(job, token, output, *, reused):
    from reports.models import RenderJob  # noqa: PLC0415

    with transaction.atomic():
        updated = RenderJob.objects.filter(pk=job.pk, state=RenderState.RENDERING, claimed_by=token).update(
            state=RenderState.DONE, output=output, finished_at=timezone.now(), updated_at=timezone.now()
        )
        if updated:
            audit.record(
                "reports.render.done",
                board=job.board,
                target=job,
                kind=job.kind,
                sha256=output.sha256,
                pages=output.page_count,
                reused=reused,
            )


def _fail(job, token, reason):
    from reports.models import RenderJob  # noqa: PLC0415

    with transaction.atomic():
        updated = RenderJob.objects.filter(pk=job.pk, state=RenderState.RENDERING, claimed_by=token).update(
            state=RenderState.FAILED, failure_reason=reason, finished_at=timezone.now(), updated_at=timezone.now()
        )
        if updated:
            audit.record("reports.render.failed", board=job.board, target=job, kind=job.kind, reason=reason)


def sweep_render_jobs(now=None) -> dict:
    """Periodic (celery beat): re-queue and re-send jobs left "rendering" by a worker that died
    (SIGKILL, out of memory, hard time limit), give up after MAX_ATTEMPTS, and send queued jobs
    the broker never got (it was down when they were requested) or never delivered."""
    from reports.models import RenderJob  # noqa: PLC0415

    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0, "sent": 0}
    to_send = []
    stuck = RenderJob.objects.filter(state=RenderState.RENDERING, claimed_at__lt=now - STUCK_AFTER)
    for job in stuck.select_related("board"):
        # Conditional on the same claim: a worker that finishes meanwhile wins.
        mine = RenderJob.objects.filter(pk=job.pk, state=RenderState.RENDERING, claimed_by=job.claimed_by)
        if job.attempts >= MAX_ATTEMPTS:
            reason = f"The worker stopped {job.attempts} times while making this file; giving up."
            with transaction.atomic():
                if mine.update(state=RenderState.FAILED, failure_reason=reason, finished_at=now, updated_at=now):
                    audit.record("reports.render.failed", board=job.board, target=job, kind=job.kind, reason=reason)
                    counts["failed"] += 1
        elif mine.update(state=RenderState.QUEUED, claimed_at=None, claimed_by="", enqueued_at=None, updated_at=now):
            counts["requeued"] += 1
            to_send.append(job.pk)
    unsent = Q(enqueued_at__isnull=True, updated_at__lt=now - UNSENT_GRACE) | Q(enqueued_at__lt=now - RESEND_AFTER)
    to_send += (
        RenderJob.objects.filter(state=RenderState.QUEUED)
        .filter(unsent)
        .exclude(pk__in=to_send)
        .values_list("pk", flat=True)
    )
    for job_id in to_send:
        counts["sent"] += bool(enqueue_render(job_id))
    return counts
