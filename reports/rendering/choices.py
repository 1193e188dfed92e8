"""Choices for render jobs (kept beside the renderer; the report workflow's live in reports/choices.py)."""

from django.db import models


class RenderKind(models.TextChoices):
    """What a render job produces: from a revision, or from one saved version of a section."""

    REPORT_PDF = "report_pdf", "Annual report (PDF)"  # the whole report, tagged PDF/UA
    SUMMARY_PDF = "summary_pdf", "Executive summary for the HWB (PDF)"  # the short summary
    REPORT_DOCX = "report_docx", "Annual report (Word)"  # the whole report as .docx
    SECTION_PDF = "section_pdf", "Draft section (PDF)"  # one section version, marked DRAFT

    @classmethod
    def for_revisions(cls):
        """The kinds made from a report revision (the files page offers one row each)."""
        return [cls.REPORT_PDF, cls.SUMMARY_PDF, cls.REPORT_DOCX]

    @property
    def extension(self):
        return "docx" if self == RenderKind.REPORT_DOCX else "pdf"

    @property
    def content_type(self):
        if self == RenderKind.REPORT_DOCX:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return "application/pdf"


class RenderState(models.TextChoices):
    """Where a render job is."""

    QUEUED = "queued", "Queued"  # waiting for a worker (or for the broker to come back)
    RENDERING = "rendering", "Rendering"  # a worker has claimed it and is rendering
    DONE = "done", "Done"  # the file is stored and can be downloaded
    FAILED = "failed", "Failed"  # gave up; `failure_reason` says why

    @classmethod
    def active(cls):
        return [cls.QUEUED, cls.RENDERING]
