"""Render jobs and the PDF / .docx files they produce from a report revision or a section version."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from lscb.storage import private_storage
from reports.rendering.choices import RenderKind, RenderState

__all__ = ["RenderJob", "RenderedFile"]


def _visible_q(access):
    """Which jobs and files of the board this person sees (DESIGN.md "render/download PDF"):
    - of a revision: the business manager and the chair every revision's; every other member
      only those of approved revisions;
    - of a section version (a draft preview): whoever may open that section
      (reports.permissions.sections_visible_to: the business manager, the chair, the
      agency's authors); nobody else."""
    from reports.models.report import ReportSection  # noqa: PLC0415
    from reports.permissions import REVISION_READ  # noqa: PLC0415

    of_revision = Q(revision__isnull=False) & REVISION_READ.q(access, prefix="revision__")
    of_section = Q(section_version__section__in=ReportSection.objects.visible_to(access).values("pk"))
    return of_revision | of_section


class RenderJobQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(_visible_q(access), board=access.board)

    def active(self):
        return self.filter(state__in=RenderState.active())


class RenderedFileQuerySet(models.QuerySet):
    def visible_to(self, access):
        return self.filter(_visible_q(access), board=access.board)


# Every job and file is made from exactly one source: a report revision or a section version.
_ONE_SOURCE = Q(revision__isnull=False, section_version__isnull=True) | Q(
    revision__isnull=True, section_version__isnull=False
)


class MadeFromSource:
    """What a job or file is made from: one immutable report revision, or one immutable saved
    version of a section (an agency author's draft preview). Both models carry `revision` and
    `section_version`, exactly one set (a check constraint)."""

    @property
    def source(self):
        return self.revision if self.revision_id else self.section_version

    @property
    def source_lookup(self) -> dict:
        """Filter keywords that find rows made from the same source."""
        if self.section_version_id:
            return {"section_version_id": self.section_version_id}
        return {"revision_id": self.revision_id}


def _section_version_field(related_name):
    # CASCADE: a preview is derived from its version and goes with it (the business manager
    # removing a section while drafting removes its versions; the text stays in the audit log).
    return models.ForeignKey(
        "reports.SectionVersion", null=True, blank=True, on_delete=models.CASCADE, related_name=related_name
    )


class RenderedFile(MadeFromSource, models.Model):
    """One file made from one report revision (the report PDF, the HWB summary PDF or the Word
    copy) or from one saved version of a section (its draft PDF), with its SHA-256 so anyone can
    check that what went to the HWB is what was approved. There is at most one per source × kind:
    revisions and section versions are immutable, so are their files."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "reports.ReportRevision", null=True, blank=True, on_delete=models.PROTECT, related_name="rendered_files"
    )
    section_version = _section_version_field("rendered_files")
    kind = models.CharField(max_length=20, choices=RenderKind.choices)
    file = models.FileField(storage=private_storage, max_length=300)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField(null=True, blank=True)  # None for Word files
    render_seconds = models.DecimalField(max_digits=8, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RenderedFileQuerySet.as_manager()

    class Meta:
        ordering = ["revision", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "kind"], name="one_rendered_file_per_revision_kind"),
            models.UniqueConstraint(
                fields=["section_version", "kind"], name="one_rendered_file_per_section_version_kind"
            ),
            models.CheckConstraint(condition=_ONE_SOURCE, name="rendered_file_has_one_source"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="rendered_file_sha256_hex"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.source}"

    @property
    def download_name(self):
        """A file name that says what it is: board, year, revision or section version, draft or not."""
        kind = RenderKind(self.kind)
        if self.section_version_id:
            version = self.section_version
            section = version.section
            year = section.report.financial_year_label.replace("/", "-")
            return f"{self.board.slug}-{year}-{section.key}-version-{version.number}-draft.{kind.extension}"
        snapshot = self.revision.snapshot or {}
        year = str(snapshot.get("financial_year") or "").replace("/", "-")
        stem = {
            RenderKind.REPORT_PDF: "annual-report",
            RenderKind.SUMMARY_PDF: "annual-report-executive-summary",
            RenderKind.REPORT_DOCX: "annual-report",
        }[kind]
        draft = "" if self.revision.approved_at else "-draft"
        board = self.board.slug
        return f"{board}-{stem}-{year}-revision-{self.revision.number}{draft}.{kind.extension}"


class RenderJob(MadeFromSource, models.Model):
    """A request to make one kind of file from one revision (or one section version), and where
    that work is.

    The row is the source of truth, not the broker: the web request creates it (queued) and
    sends the task after commit; a worker claims it with one conditional UPDATE (so a
    duplicate or redelivered message does nothing); a periodic sweeper sends jobs the broker
    never got and re-queues jobs whose worker died."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "reports.ReportRevision", null=True, blank=True, on_delete=models.PROTECT, related_name="render_jobs"
    )
    section_version = _section_version_field("render_jobs")
    kind = models.CharField(max_length=20, choices=RenderKind.choices)
    state = models.CharField(max_length=20, choices=RenderState.choices, default=RenderState.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The id of the last message sent for it, and when the broker accepted it (None: not yet).
    celery_task_id = models.CharField(max_length=64, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # Which worker process holds it ("host:pid:nonce") and since when.
    claimed_by = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.TextField(blank=True)
    # RESTRICT, not PROTECT: a file a job points at cannot be deleted on its own, but a section
    # version's previews (job and file both cascading from the version) go together.
    output = models.ForeignKey(RenderedFile, null=True, blank=True, on_delete=models.RESTRICT, related_name="jobs")

    objects = RenderJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One job at a time per source × kind: a second "Generate" joins the first.
            models.UniqueConstraint(
                fields=["revision", "kind"],
                condition=Q(state__in=RenderState.active()),
                name="one_active_render_job_per_revision_kind",
            ),
            models.UniqueConstraint(
                fields=["section_version", "kind"],
                condition=Q(state__in=RenderState.active()),
                name="one_active_render_job_per_section_version_kind",
            ),
            models.CheckConstraint(condition=_ONE_SOURCE, name="render_job_has_one_source"),
            models.CheckConstraint(
                condition=~Q(state=RenderState.DONE) | Q(output__isnull=False), name="done_render_job_has_output"
            ),
        ]
        indexes = [models.Index(fields=["state", "updated_at"], name="render_job_state_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.source} ({self.get_state_display()})"

    @property
    def is_active(self):
        return self.state in RenderState.active()
