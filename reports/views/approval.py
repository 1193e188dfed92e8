"""The report overview, the chair's review and approval, revisions, the HWB summary, and the
distribution log. Views stay thin: the permission layer, one form, one service, a redirect.

Who sees what (DESIGN.md): the business manager and the chair read the report while it is being
drafted; every other member of the board sees the assembled report only once approved (its
revisions); outsiders get 404 from the permission layer.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from lscb.permissions import BoardView, Capability, get_object_for_user
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.compliance import Compliance
from reports.forms.approval import (
    ApproveForm,
    ChairCommentForm,
    DistributionForm,
    PublicationForm,
    RecipientForm,
    ReopenForm,
    ReturnForm,
)
from reports.generated import GeneratedData
from reports.models import (
    AnnualReport,
    ChairComment,
    Distribution,
    DistributionRecipient,
    ReportApproval,
    ReportPublication,
    ReportRevision,
)
from reports.permissions import REPORT_READ, may_view
from reports.services import approval as services


class ReportMixin:
    """The report in the URL, through the permission layer (404 for another board's report)."""

    # Members other than the business manager and the chair see a report only once approved.
    drafts_only_for_managers = True

    def get_report(self):
        # Every report of the board: a draft is refused with 403, not hidden, since members know it exists.
        report = get_object_for_user(
            AnnualReport.objects.select_related("board", "framework"),
            self.access,
            scope="on_board",
            pk=self.kwargs["report_id"],
        )
        if self.drafts_only_for_managers and not REPORT_READ.allows(self.access, report):
            raise PermissionDenied
        return report

    def report_breadcrumbs(self, report, *extra):
        crumbs = [
            ("Dashboard", reverse("boards:dashboard", args=[self.board.slug])),
            ("Annual reports", reverse("reports:report_list", args=[self.board.slug])),
            (str(report), reverse("reports:report_detail", args=[self.board.slug, report.pk])),
        ]
        return crumbs + list(extra)

    def report_url(self, name, report):
        return reverse(f"reports:{name}", args=[self.board.slug, report.pk])


def _sections(report):
    return list(report.sections.select_related("agency").order_by("position", "id"))


def _section_rows(access, report, sections, comments_by_section=None):
    board = access.board
    rows = []
    for number, section in enumerate(sections, start=1):
        rows.append(
            {
                "number": number,
                "section": section,
                "url": reverse("reports:section_detail", args=[board.slug, report.pk, section.pk])
                if may_view(access, section)  # links go only to section pages this person may open
                else None,
                "comments": (comments_by_section or {}).get(section.pk, []),
            }
        )
    return rows


def _comments_by_section(approval):
    grouped = {}
    if approval is None:
        return grouped
    for comment in ChairComment.objects.filter(approval=approval).select_related("author"):
        grouped.setdefault(comment.section_id, []).append(comment)
    return grouped


class ReportDetailView(ReportMixin, BoardView, TemplateView):
    """The report overview: its sections with their status, the compliance panel, the chair's
    comments when returned, revisions, and the next action."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/report_detail.html"
    drafts_only_for_managers = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        sections = _sections(report)
        approvals = list(
            report.approvals.select_related("requested_by", "decided_by").order_by("-requested_at", "-id")[:1]
        )
        current = approvals[0] if approvals else None
        returned = current if current and current.state == ReportApproval.State.RETURNED else None
        comments = _comments_by_section(returned)
        revisions = list(ReportRevision.objects.visible_to(self.access).filter(report=report).order_by("-number"))
        manager = self.access.can_read_draft_reports
        context.update(
            report=report,
            rows=_section_rows(self.access, report, sections, comments),
            whole_report_comments=comments.get(None, []),
            returned=returned,
            open_approval=current if current and current.state == ReportApproval.State.OPEN else None,
            compliance=Compliance(report, generated=GeneratedData(report), sections=sections) if manager else None,
            all_accepted=bool(sections) and all(s.status == SectionStatus.ACCEPTED for s in sections),
            revisions=revisions,
            revision=revisions[0] if revisions else None,
            manage_sections_url=self.report_url("sections_manage", report),
            progress_url=self.report_url("progress", report),
            breadcrumbs=self.report_breadcrumbs(report)[:-1],
        )
        return context


class SendToChairView(ReportMixin, BoardView):
    """POST: the business manager sends the report (every section accepted) to the chair."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        report = self.get_report()
        try:
            services.send_to_chair(self.access, report)
        except services.ApprovalError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "The report has been sent to the chair.")
        return redirect(self.report_url("report_detail", report))


class DraftRevisionView(ReportMixin, BoardView):
    """POST: freeze the report as it is now as a draft (unapproved) revision, to render a DRAFT PDF."""

    capability = Capability.RENDER_PDF
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        report = self.get_report()
        if not self.access.can_read_draft_reports:
            raise PermissionDenied
        try:
            revision = services.freeze_draft(self.access, report)
        except services.ApprovalError as exc:
            messages.error(request, str(exc))
            return redirect(self.report_url("report_detail", report))
        messages.success(request, f"Draft revision {revision.number} frozen. Its files are marked DRAFT.")
        return redirect("reports:revision_detail", board_slug=self.board.slug, revision_id=revision.pk)


class ReportReviewView(ReportMixin, BoardView, TemplateView):
    """The whole assembled report as one page (generated sections rendered live), with the chair's
    comment boxes and the return / approve actions."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/report_review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        if not self.access.can_read_draft_reports:
            raise PermissionDenied  # the assembled draft is for the business manager and the chair
        sections = _sections(report)
        generated = GeneratedData(report)
        approval = services.open_approval(report)
        comments = _comments_by_section(approval)
        # The chair's comments from the last time the report was returned, to check they were addressed.
        earlier = services.latest_returned_approval(report)
        earlier_comments = _comments_by_section(earlier)
        rows = _section_rows(self.access, report, sections, comments)
        # A refused comment or return comes back with its message and the text typed, never lost.
        errors = dict(kwargs.get("errors") or {})
        values = dict(kwargs.get("values") or {})
        for row in rows:
            section = row["section"]
            row["field_id"] = f"comment-{section.pk}"
            row["error"] = errors.get(row["field_id"])
            row["value"] = values.get(row["field_id"], "")
            row["earlier_comments"] = earlier_comments.get(section.pk, [])
            if section.kind == SectionKind.GENERATED:
                row["generated"] = generated.section(section.key)
        may_decide = self.access.can_approve_reports and report.status == ReportStatus.READY_FOR_CHAIR
        context.update(
            report=report,
            rows=rows,
            approval=approval,
            whole_report_comments=comments.get(None, []),
            earlier=earlier,
            earlier_whole_report_comments=earlier_comments.get(None, []),
            may_decide=may_decide,
            errors=errors,
            whole_error=errors.get("comment-whole"),
            whole_value=values.get("comment-whole", ""),
            note_error=errors.get("id_note"),
            note_value=values.get("id_note", ""),
            breadcrumbs=self.report_breadcrumbs(report),
        )
        return context

    def render_with_error(self, report, field_id, message, value):
        context = self.get_context_data(report=report, errors={field_id: message}, values={field_id: value})
        return self.render_to_response(context)


class ReportCommentView(ReportReviewView):
    """POST: the chair's comment on one section (or the whole report)."""

    capability = Capability.APPROVE_REPORT
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        report = self.get_report()
        sections = {s.pk: s for s in report.sections.all()}
        form = ChairCommentForm(request.POST, section_choices=[(pk, s.title) for pk, s in sections.items()])
        field_id = f"comment-{request.POST.get('section')}" if request.POST.get("section") else "comment-whole"
        if not form.is_valid():
            if "section" in form.errors:
                raise PermissionDenied  # not a section of this report: a forged form
            return self.render_with_error(report, field_id, "Write your comment", request.POST.get("text", ""))
        section = sections.get(form.cleaned_data["section"])
        try:
            services.add_chair_comment(self.access, report, text=form.cleaned_data["text"], section=section)
        except services.ApprovalError as exc:
            return self.render_with_error(report, field_id, str(exc), form.cleaned_data["text"])
        messages.success(request, f"Comment added{' on ' + section.title if section else ''}.")
        anchor = f"#section-{section.pk}" if section else "#whole-report"
        return redirect(self.report_url("report_review", report) + anchor)


class ReportReturnView(ReportReviewView):
    """POST: the chair returns the report to the business manager with comments."""

    capability = Capability.APPROVE_REPORT
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        report = self.get_report()
        form = ReturnForm(request.POST)
        note = request.POST.get("note", "")
        if not form.is_valid():
            return self.render_with_error(report, "id_note", form.errors["note"][0], note)
        try:
            services.return_to_drafting(self.access, report, note=form.cleaned_data["note"])
        except services.ApprovalError as exc:
            return self.render_with_error(report, "id_note", str(exc), note)
        messages.success(request, "The report has been returned to the business manager with your comments.")
        return redirect(self.report_url("report_detail", report))


class ReportApproveView(ReportMixin, BoardView, TemplateView):
    """The chair approves the report with their password re-entered (GET: the form and the
    compliance panel; POST: approve → the frozen revision)."""

    capability = Capability.APPROVE_REPORT
    template_name = "reports/report_approve.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        context.update(
            report=report,
            form=kwargs.get("form") or ApproveForm(),
            compliance=Compliance(report),
            may_decide=report.status == ReportStatus.READY_FOR_CHAIR,
            breadcrumbs=self.report_breadcrumbs(report, ("Read the report", self.report_url("report_review", report))),
        )
        return context

    def post(self, request, **kwargs):
        report = self.get_report()
        form = ApproveForm(request.POST)
        if form.is_valid():
            try:
                revision = services.approve(self.access, report, password=form.cleaned_data["password"])
            except services.WrongPassword as exc:
                form.add_error("password", str(exc))
            except services.ApprovalError as exc:
                messages.error(request, str(exc))
                return redirect(self.report_url("report_detail", report))
            else:
                messages.success(request, f"You approved the report. Revision {revision.number} is frozen.")
                return redirect("reports:revision_detail", board_slug=self.board.slug, revision_id=revision.pk)
        return self.render_to_response(self.get_context_data(report=report, form=form))


class ReportReopenView(ReportMixin, BoardView, TemplateView):
    """The business manager reopens an approved report for a correction (a new revision will need approval)."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/report_reopen.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        context.update(
            report=report,
            form=kwargs.get("form") or ReopenForm(sections=_sections(report)),
            may_reopen=report.status in ReportStatus.published(),
            breadcrumbs=self.report_breadcrumbs(report),
        )
        return context

    def post(self, request, **kwargs):
        report = self.get_report()
        sections = _sections(report)
        form = ReopenForm(request.POST, sections=sections)
        if form.is_valid():
            section = next((s for s in sections if s.pk == form.cleaned_data["section"]), None)
            try:
                services.reopen_for_correction(self.access, report, section=section, reason=form.cleaned_data["reason"])
            except services.ApprovalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "The report is open for the correction. It needs the chair's approval again.")
                return redirect(self.report_url("report_detail", report))
        return self.render_to_response(self.get_context_data(report=report, form=form))


# --- Revisions --------------------------------------------------------------------------------


class RevisionListView(ReportMixin, BoardView, TemplateView):
    """The frozen revisions of a report (approved ones only for members other than the business
    manager and the chair)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/revision_list.html"
    drafts_only_for_managers = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        revisions = ReportRevision.objects.visible_to(self.access).filter(report=report).select_related("approved_by")
        context.update(
            report=report,
            revisions=list(revisions.order_by("-number")),
            breadcrumbs=self.report_breadcrumbs(report)
            if self.access.can_read_draft_reports
            else self._member_crumbs(),
        )
        return context

    def _member_crumbs(self):
        return [("Dashboard", reverse("boards:dashboard", args=[self.board.slug]))]


class RevisionMixin:
    def get_revision(self):
        return get_object_for_user(
            ReportRevision.objects.select_related("report", "approved_by"), self.access, pk=self.kwargs["revision_id"]
        )

    def revision_breadcrumbs(self, revision, *extra):
        crumbs = [("Dashboard", reverse("boards:dashboard", args=[self.board.slug]))]
        if self.access.can_read_draft_reports:
            crumbs.append(
                (str(revision.report), reverse("reports:report_detail", args=[self.board.slug, revision.report_id]))
            )
        crumbs.append(("Revisions", reverse("reports:revision_list", args=[self.board.slug, revision.report_id])))
        return crumbs + list(extra)


class RevisionDetailView(RevisionMixin, BoardView, TemplateView):
    """A frozen revision, read-only, exactly as it was approved (rendered from its snapshot)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/revision_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.get_revision()
        context.update(
            revision=revision,
            snapshot=revision.snapshot,
            breadcrumbs=self.revision_breadcrumbs(revision),
        )
        return context


class SummaryView(RevisionMixin, BoardView, TemplateView):
    """The executive summary / HWB highlight report of a revision (frozen with it)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revision = self.get_revision()
        context.update(
            revision=revision,
            snapshot=revision.snapshot,
            summary_html=(revision.snapshot.get("executive_summary") or {}).get("html", ""),
            breadcrumbs=self.revision_breadcrumbs(
                revision,
                (
                    f"Revision {revision.number}",
                    reverse("reports:revision_detail", args=[self.board.slug, revision.pk]),
                ),
            ),
        )
        return context


# --- Publication and distribution --------------------------------------------------------------


class DistributionView(ReportMixin, BoardView, TemplateView):
    """To whom the approved report was sent, when and how; lateness against the due date (and the
    7-day rule to the Panel and the What Works Centre / Foundations after publication)."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/distribution.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        publication = ReportPublication.objects.filter(report=report).order_by("-published_on", "-id").first()
        published_on = publication.published_on if publication else None
        recipients = DistributionRecipient.objects.for_report(report)
        sent = {}
        for distribution in Distribution.objects.filter(report=report).select_related("revision").order_by("sent_on"):
            sent.setdefault(distribution.recipient_id, []).append(distribution)
        rows = []
        for recipient in recipients:
            sendings = sent.get(recipient.pk, [])
            for distribution in sendings:
                distribution.recipient = recipient  # already loaded: no query per row
            rows.append(
                {
                    "recipient": recipient,
                    "sendings": [
                        {
                            "distribution": d,
                            "days_late": d.days_late(published_on),
                            "deadline": d.deadline(published_on),
                        }
                        for d in sendings
                    ],
                    "waiting_for_publication": bool(recipient.within_days) and published_on is None,
                }
            )
        context.update(
            report=report,
            rows=rows,
            publication=publication,
            approved=report.status in ReportStatus.published(),
            compliance=Compliance(report),
            breadcrumbs=self.report_breadcrumbs(report),
        )
        return context


class DistributionAddView(ReportMixin, BoardView, TemplateView):
    """Record that the approved report was sent to one recipient."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/distribution_add.html"

    def _form(self, report, data=None):
        recipients = DistributionRecipient.objects.for_report(report)
        return DistributionForm(data, recipients=recipients)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        context.update(
            report=report,
            form=kwargs.get("form") or self._form(report),
            approved=report.status in ReportStatus.published(),
            breadcrumbs=self.report_breadcrumbs(report, ("Distribution", self.report_url("distribution", report))),
        )
        return context

    def post(self, request, **kwargs):
        report = self.get_report()
        form = self._form(report, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_distribution(
                    self.access,
                    report,
                    recipient=data["recipient"],
                    sent_on=data["sent_on"],
                    method=data["method"],
                    presented_on=data["presented_on"],
                    note=data["note"],
                )
            except services.ApprovalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Recorded: sent to {data['recipient'].name}.")
                return redirect(self.report_url("distribution", report))
        return self.render_to_response(self.get_context_data(report=report, form=form))


class RecipientAddView(ReportMixin, BoardView, TemplateView):
    """Add a recipient of the board's own to its distribution list."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/distribution_recipient_add.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        context.update(
            report=report,
            form=kwargs.get("form") or RecipientForm(),
            breadcrumbs=self.report_breadcrumbs(report, ("Distribution", self.report_url("distribution", report))),
        )
        return context

    def post(self, request, **kwargs):
        report = self.get_report()
        form = RecipientForm(request.POST)
        if form.is_valid():
            try:
                recipient = services.add_recipient(self.access, self.board, name=form.cleaned_data["name"])
            except services.ApprovalError as exc:
                form.add_error("name", str(exc))
            else:
                messages.success(request, f"{recipient.name} added to the distribution list.")
                return redirect(self.report_url("distribution", report))
        return self.render_to_response(self.get_context_data(report=report, form=form))


class PublishView(ReportMixin, BoardView, TemplateView):
    """Record the day the approved report was published."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/report_publish.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report") or self.get_report()
        context.update(
            report=report,
            form=kwargs.get("form") or PublicationForm(),
            may_publish=report.status == ReportStatus.APPROVED,
            breadcrumbs=self.report_breadcrumbs(report, ("Distribution", self.report_url("distribution", report))),
        )
        return context

    def post(self, request, **kwargs):
        report = self.get_report()
        form = PublicationForm(request.POST)
        if form.is_valid():
            try:
                services.publish(
                    self.access,
                    report,
                    published_on=form.cleaned_data["published_on"],
                    web_address=form.cleaned_data["web_address"],
                )
            except services.ApprovalError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Publication recorded.")
                return redirect(self.report_url("distribution", report))
        return self.render_to_response(self.get_context_data(report=report, form=form))
