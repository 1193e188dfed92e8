"""A Word draft converted outside the request (issue 21, M2), like a render job.

Request (web): permission → status (the section can be written now) → the file's checks
(docx_import.check_docx: bounded, before anything converts it) → store the file privately and
create the row → audit → enqueue after commit. The request never converts.

Run (worker): claim the row with one conditional UPDATE (a duplicate message does nothing) →
convert in a child process with a time and a memory cap (lscb/sandbox.py) → keep the text and
what was dropped, delete the uploaded file → done or failed, with a message for the author. A
cap breached is a failed import ("too large to convert"), never retried.

The text is not saved here: the author sees it in the edit form and saves it there, through
sections.save_section_text (which applies the section caps).
"""

import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lscb import audit
from lscb.sandbox import ChildFailed, ResourceLimitExceeded, run_limited
from reports import limits
from reports.docx_import import DocxError, check_docx, convert_docx
from reports.models import DocxImport
from reports.models.rendering import private_storage
from reports.permissions import may_edit_now, may_write
from reports.rendering.choices import RenderState
from reports.services.sections import SectionError

logger = logging.getLogger(__name__)


def request_docx_import(access, section, upload, *, base_version) -> DocxImport:
    """Check the upload, keep it and queue its conversion. Raises DocxError (the form shows it)."""
    # 1. permission
    if not may_write(access, section):
        raise PermissionDenied
    # 2. status
    if not may_edit_now(access, section):
        raise SectionError(f"This section is {section.get_status_display().lower()}: it cannot be changed now.")
    check_docx(upload)
    # 3. rows, 4. audit
    upload.seek(0)
    name = f"reports/board-{access.board.pk}/docx-imports/{uuid.uuid4().hex}.docx"
    stored = private_storage().save(name, upload)
    with transaction.atomic():
        job = DocxImport.objects.create(
            board=access.board,
            section=section,
            requested_by=access.user,
            filename=(upload.name or "draft.docx")[:255],
            file=stored,
            base_version=base_version,
        )
        audit.record(
            "reports.section.import_requested",
            actor=access.user,
            board=access.board,
            target=section,
            section=section.pk,
            filename=job.filename,
            size=upload.size,
        )
    # 5. side effect after commit (a broker failure must not undo the row: the author can upload again)
    transaction.on_commit(lambda: enqueue_docx_import(job.pk), robust=True)
    return job


def enqueue_docx_import(job_id) -> bool:
    from reports.tasks import convert_docx_import  # noqa: PLC0415

    task_id = str(uuid.uuid4())
    DocxImport.objects.filter(pk=job_id).update(celery_task_id=task_id)
    try:
        convert_docx_import.apply_async(args=[job_id], task_id=task_id, retry=False)
    except Exception:
        logger.warning("docx import %s not sent to the broker", job_id, exc_info=True)
        _finish(job_id, RenderState.active(), failure_reason=BROKER_DOWN)
        return False
    return True


BROKER_DOWN = "The conversion service is unavailable just now. Upload the document again in a few minutes."


def _read(job):
    with private_storage().open(job.file.name, "rb") as handle:
        return handle.read()


def run_docx_import(job_id) -> str:
    """Claim and convert one import. Returns not-claimed, done or failed."""
    now = timezone.now()
    if not DocxImport.objects.filter(pk=job_id, state=RenderState.QUEUED).update(
        state=RenderState.RENDERING, updated_at=now
    ):
        return "not-claimed"
    job = DocxImport.objects.get(pk=job_id)
    try:
        result = run_limited(
            convert_docx,
            _read(job),
            memory_bytes=limits.docx_convert_memory_bytes(),
            timeout=limits.DOCX_CONVERT_TIME_LIMIT,
        )
    except ResourceLimitExceeded as exc:
        reason = (
            f"The document is too large to convert: it {exc}. Split it into smaller documents, "
            "or reduce its pictures, and upload them one at a time."
        )
        return _finish(job_id, [RenderState.RENDERING], failure_reason=reason)
    except ChildFailed as exc:
        if exc.class_name == DocxError.__name__:
            return _finish(job_id, [RenderState.RENDERING], failure_reason=exc.message)
        logger.error("docx import %s failed: %s", job_id, exc)
        reason = "The selected file could not be read. Open it in Word, save it again and retry."
        return _finish(job_id, [RenderState.RENDERING], failure_reason=reason)
    except OSError:
        logger.exception("docx import %s: the uploaded file is gone", job_id)
        return _finish(job_id, [RenderState.RENDERING], failure_reason="The uploaded file was lost. Upload it again.")
    return _finish(job_id, [RenderState.RENDERING], html=result["html"], dropped=result["dropped"])


def _finish(job_id, states, *, html="", dropped=(), failure_reason=""):
    """Done (with the text) or failed (with the reason); the uploaded file is deleted either way."""
    job = DocxImport.objects.filter(pk=job_id).first()
    state = RenderState.FAILED if failure_reason else RenderState.DONE
    with transaction.atomic():
        updated = DocxImport.objects.filter(pk=job_id, state__in=states).update(
            state=state,
            html=html,
            dropped=list(dropped),
            failure_reason=failure_reason,
            file="",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if updated and job is not None:
            audit.record(
                f"reports.section.import_{'failed' if failure_reason else 'converted'}",
                board=job.board,
                target=job.section,
                section=job.section_id,
                filename=job.filename,
                **({"reason": failure_reason} if failure_reason else {"dropped": len(dropped)}),
            )
    if updated and job is not None and job.file:
        private_storage().delete(job.file.name)
    return "failed" if failure_reason else "done"
