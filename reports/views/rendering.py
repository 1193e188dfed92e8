"""Files made from a report revision: the list, the "Generate" POST, the job page, the download;
and a section's draft PDF: the "Preview as PDF" POST and its download.

A render is never done in the request: the POST creates (or joins) a render job and
redirects to its page, which refreshes itself (meta refresh, no script) until the job ends.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from lscb.downloads import private_attachment
from lscb.forms import whole_number_param
from lscb.pages import BoardPage
from lscb.permissions import Capability, get_object_for_user
from reports.rendering.choices import RenderKind, RenderState
from reports.services.rendering import (
    NoSavedVersion,
    RenderNotAllowed,
    request_render,
    request_section_pdf,
)
from reports.views.sections import SectionMixin, section_url

REFRESH_SECONDS = 3


def revision_for(access, revision_id):
    """The revision if this person may make or download its files; 404 otherwise (another
    board's revision, or a draft for someone who only sees approved reports), through the
    permission layer so the refusal is audited. `ReportRevision.objects.visible_to` is the
    queryset form of `may_render` (the views already require Capability.RENDER_PDF)."""
    from reports.models import ReportRevision  # noqa: PLC0415

    return get_object_for_user(ReportRevision.objects.select_related("report"), access, pk=revision_id)


def latest_jobs(revision):
    """[{kind, job}] for every kind of file, with the newest job of each kind (one query)."""
    from reports.models import RenderJob  # noqa: PLC0415

    latest = {}
    for job in RenderJob.objects.filter(revision=revision).select_related("output").order_by("created_at", "id"):
        latest[job.kind] = job
    return [{"kind": kind, "job": latest.get(kind.value)} for kind in RenderKind.for_revisions()]


def _revision_trail(board, revision):
    return [(f"Revision {revision.number}", reverse("reports:revision_detail", args=[board.slug, revision.pk]))]


def _kind(value):
    """A kind of file made from a revision (a section's draft PDF has its own URLs)."""
    if value not in RenderKind.for_revisions():
        raise Http404("No such kind of file")
    return RenderKind(value)


class RevisionFilesView(BoardPage):
    """The files of one revision (report PDF, HWB summary PDF, Word) with a Generate button each."""

    capability = Capability.RENDER_PDF
    template_name = "reports/revision_files.html"
    title = "Files"

    def trail(self):
        return _revision_trail(self.board, self.revision)

    def get_context_data(self, **kwargs):
        self.revision = revision_for(self.access, self.kwargs["revision_id"])
        context = super().get_context_data(**kwargs)
        context.update(revision=self.revision, rows=latest_jobs(self.revision))
        return context


def _redirect_to_job(request, board, job):
    job.refresh_from_db(fields=["state"])  # a task run in-process (embedded mode) may be done already
    if job.state == RenderState.DONE:
        messages.success(request, f"{job.get_kind_display()} is ready.")
    else:
        messages.info(request, f"{job.get_kind_display()} is queued. This page updates until it is ready.")
    return redirect("reports:render_job", board_slug=board.slug, job_id=job.pk)


class RenderRequestView(BoardPage):
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
        return _redirect_to_job(request, self.board, job)


class SectionPdfView(SectionMixin, BoardPage):
    """POST "Preview as PDF": create (or join) the render job of the section's draft PDF for
    the version the page showed (the latest if none is given) and go to its page. Never renders."""

    capability = Capability.RENDER_PDF
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        section = self.get_section()  # 404 unless this person may open the section
        number = request.POST.get("version", "")
        try:
            job = request_section_pdf(self.access, section, whole_number_param(number))
        except RenderNotAllowed as exc:
            raise Http404(str(exc)) from exc
        except NoSavedVersion as exc:
            messages.error(request, str(exc))
            return self.back_to_section()
        return _redirect_to_job(request, self.board, job)


def _job_page(board, job):
    """What the job page says about where the job's file comes from, and its links."""
    slug = board.slug
    if job.section_version_id:
        version = job.section_version
        section = version.section
        return {
            "caption": f"{section.report}: {section.title}, version {version.number} (draft)",
            "download_url": reverse(
                "reports:section_pdf_download", args=[slug, section.report_id, section.pk, version.number]
            ),
            "retry_url": section_url(section, "section_pdf"),
            "retry_version": version.number,
            "trail": [
                ("Annual reports", reverse("reports:report_list", args=[slug])),
                (section.title, section_url(section)),
            ],
        }
    revision = job.revision
    crumbs = _revision_trail(board, revision)
    crumbs.append(("Files", reverse("reports:revision_files", args=[slug, revision.pk])))
    return {
        "caption": f"{revision.report}, revision {revision.number}{'' if revision.approved_at else ' (draft)'}",
        "download_url": reverse("reports:render_download", args=[slug, revision.pk, job.kind]),
        "retry_url": reverse("reports:render_request", args=[slug, revision.pk, job.kind]),
        "retry_version": None,
        "trail": crumbs,
    }


class RenderJobView(BoardPage):
    """A render job's state (queued / rendering / done / failed); refreshes itself until it ends."""

    capability = Capability.RENDER_PDF
    template_name = "reports/render_job.html"

    def get_context_data(self, **kwargs):
        from reports.models import RenderJob  # noqa: PLC0415

        job = get_object_for_user(
            RenderJob.objects.select_related("revision__report", "section_version__section__report__board", "output"),
            self.access,
            pk=self.kwargs["job_id"],
        )
        self.job_page = _job_page(self.board, job)
        self.job = job
        context = super().get_context_data(**kwargs)
        context.update(
            job=job,
            refresh_seconds=REFRESH_SECONDS if job.is_active else None,
            download_url=self.job_page["download_url"],
            retry_url=self.job_page["retry_url"],
            retry_version=self.job_page["retry_version"],
        )
        return context

    def get_title(self):
        return self.job.get_kind_display()

    def get_caption(self):
        return self.job_page["caption"]

    def trail(self):
        return self.job_page["trail"]


def _attachment(request, board, output):
    """The rendered file as an attachment (lscb.downloads: never cached, every download audited)."""
    if output.section_version_id:
        source = {"section_version": output.section_version_id}
    else:
        source = {"revision": output.revision_id}
    return private_attachment(
        request,
        board,
        output.file,
        filename=output.download_name,
        content_type=RenderKind(output.kind).content_type,
        action="reports.render.downloaded",
        target=output,
        kind=output.kind,
        sha256=output.sha256,
        **source,
    )


class RenderDownloadView(BoardPage):
    """A revision's finished file as an attachment, through the permission layer."""

    capability = Capability.RENDER_PDF

    def get(self, request, board_slug, revision_id, kind):
        from reports.models import RenderedFile  # noqa: PLC0415

        output = get_object_for_user(
            RenderedFile.objects.select_related("revision", "board"),
            self.access,
            revision_id=revision_id,
            kind=_kind(kind),
        )
        return _attachment(request, self.board, output)


class SectionPdfDownloadView(BoardPage):
    """A section version's draft PDF as an attachment, through the permission layer (404 for
    anyone who may not open the section)."""

    capability = Capability.RENDER_PDF

    def get(self, request, board_slug, report_id, section_id, number):
        from reports.models import RenderedFile  # noqa: PLC0415

        output = get_object_for_user(
            RenderedFile.objects.select_related("board", "section_version__section__report"),
            self.access,
            section_version__section_id=section_id,
            section_version__section__report_id=report_id,
            section_version__number=number,
            kind=RenderKind.SECTION_PDF,
        )
        return _attachment(request, self.board, output)
