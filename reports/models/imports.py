"""A Word draft being converted for a section, outside the request (issue 21, M2)."""

from django.conf import settings
from django.db import models

from lscb.storage import private_storage
from reports.rendering.choices import RenderState

__all__ = ["DocxImport"]


class DocxImportQuerySet(models.QuerySet):
    def visible_to(self, access):
        """Only the person who uploaded it, on this board: the converted text is theirs until
        they save it."""
        return self.filter(board=access.board, requested_by=access.user)


class DocxImport(models.Model):
    """One uploaded .docx: queued, converted by a worker (in a child process with time and
    memory caps), then shown to its author in the edit form. The uploaded file is deleted once
    converted; the text is saved as a section version only when the author saves it."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey("reports.ReportSection", on_delete=models.CASCADE, related_name="docx_imports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    file = models.FileField(storage=private_storage, max_length=300, blank=True)
    # The section version the upload form was opened at (optimistic locking when saved).
    base_version = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=RenderState.choices, default=RenderState.QUEUED)
    celery_task_id = models.CharField(max_length=64, blank=True)
    html = models.TextField(blank=True)
    # What Word had that the section does not keep, as sentences for the author.
    dropped = models.JSONField(default=list, blank=True)
    failure_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = DocxImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "updated_at"], name="docx_import_state_idx")]

    def __str__(self):
        return f"{self.filename} for {self.section} ({self.get_state_display()})"

    @property
    def is_active(self):
        return self.state in RenderState.active()
