"""Files made from a report revision: the list, the "Generate" POST, the job page, the download.

A render is never done in the request: the POST creates (or joins) a render job and
redirects to its page, which refreshes itself (meta refresh, no script) until the job ends.
"""

import contextlib

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from lscb import audit
from lscb.permissions import BoardView, Capability, get_object_for_user
from reports.rendering.choices import RenderKind, RenderState
from reports.services.rendering import RenderNotAllowed, may_render, request_render

REFRESH_SECONDS = 3


def revision_for(access, revision_id):
    """The revision if this person may make or download its files; 404 otherwise (another
    board's revision, or a draft for someone who only sees approved reports)."""
    from reports.models import ReportRevision  # noqa: PLC0415

    revision = (
        ReportRevision.objects.select_related("report").filter(report__board=access.board, pk=revision_id).first()
    )
    if revision is None or not may_render(access, revision):
        raise Http404("No revision matches")
    return revision


def latest_jobs(revision):
    """[{kind, job}] for every kind of file, with the newest job of each kind (one query)."""
    from reports.models import RenderJob  # noqa: PLC0415

    latest = {}
    for job in RenderJob.objects.filter(revision=revision).select_related("output").order_by("created_at", "id"):
        latest[job.kind] = job
    return [{"kind": kind, "job": latest.get(kind.value)} for kind in RenderKind]


def _breadcrumbs(board, revision):
    crumbs = [("Dashboard", reverse("boards:dashboard", args=[board.slug]))]
    # The revision page belongs to the report workflow (reports/views/approval.py).
    with contextlib.suppress(NoReverseMatch):
        crumbs.append(
            (f"Revision {revision.number}", reverse("reports:revision_detail", args=[board.slug, revision.pk]))
        )
    return crumbs


def _kind(value):
    if value not in RenderKind.values:
        raise Http404("No such kind of file")
    return RenderKind(value)


class RevisionFilesView(BoardView, TemplateView):
    """The files of one revision (report PDF, HWB summary PDF, Word) with a Generate button each."""

    capability = Capability.RENDER_PDF
    template_name = "reports/revision_files.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = revision_for(self.access, kwargs["revision_id"])
        context.update(revision=revision, rows=latest_jobs(revision), breadcrumbs=_breadcrumbs(self.board, revision))
        return context


class RenderRequestView(BoardView):
    """POST: create (or join) a render job for a revision and go to its page. Never renders."""

    capability = Capability.RENDER_PDF
    http_method_names = ["post"]

    def post(self, request, board_slug, revision_id, kind):
        kind = _kind(kind)
        revision = revision_for(self.access, revision_id)
        try:
            job = request_render(self.access, revision, kind)
        except RenderNotAllowed as exc:
            raise Http404(str(exc)) from exc
        job.refresh_from_db(fields=["state"])  # a task run in-process (embedded mode) may be done already
        if job.state == RenderState.DONE:
            messages.success(request, f"{job.get_kind_display()} is ready.")
        else:
            messages.info(request, f"{job.get_kind_display()} is queued. This page updates until it is ready.")
        return redirect("reports:render_job", board_slug=self.board.slug, job_id=job.pk)


class RenderJobView(BoardView, TemplateView):
    """A render job's state (queued / rendering / done / failed); refreshes itself until it ends."""

    capability = Capability.RENDER_PDF
    template_name = "reports/render_job.html"

    def get_context_data(self, **kwargs):
        from reports.models import RenderJob  # noqa: PLC0415

        context = super().get_context_data(**kwargs)
        job = get_object_for_user(
            RenderJob.objects.select_related("revision__report", "output"), self.access, pk=kwargs["job_id"]
        )
        crumbs = _breadcrumbs(self.board, job.revision)
        crumbs.append(("Files", reverse("reports:revision_files", args=[self.board.slug, job.revision_id])))
        context.update(
            job=job,
            revision=job.revision,
            refresh_seconds=REFRESH_SECONDS if job.is_active else None,
            breadcrumbs=crumbs,
        )
        return context


class RenderDownloadView(BoardView):
    """The finished file as an attachment, through the permission layer; every download audited."""

    capability = Capability.RENDER_PDF

    def get(self, request, board_slug, revision_id, kind):
        from reports.models import RenderedFile  # noqa: PLC0415

        kind = _kind(kind)
        output = get_object_for_user(
            RenderedFile.objects.select_related("revision", "board"), self.access, revision_id=revision_id, kind=kind
        )
        try:
            handle = output.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The file is missing; generate it again") from exc
        audit.record(
            "reports.render.downloaded",
            actor=request.user,
            board=self.board,
            target=output,
            kind=output.kind,
            revision=output.revision_id,
            sha256=output.sha256,
        )
        response = FileResponse(
            handle, as_attachment=True, filename=output.download_name, content_type=kind.content_type
        )
        response["Cache-Control"] = "private, no-store"
        return response
