"""The report overview, the chair's review and approval, revisions, the HWB summary, and the
distribution log. Views stay thin: the permission layer, one form, one service, a redirect.

Who sees what (DESIGN.md): the business manager and the chair read the report while it is being
drafted; every other member of the board sees the assembled report only once approved (its
revisions); outsiders get 404 from the permission layer.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from lscb.pages import BoardPage, ConfirmPage, FormPage
from lscb.permissions import Capability, get_object_for_user
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


class InReports:
    """Every report page's trail starts at the board's annual reports."""

    def reports_trail(self):
        return [("Annual reports", reverse("reports:report_list", args=[self.board.slug]))]


class ReportMixin(InReports):
    """The report in the URL, through the permission layer (404 for another board's report).
    Trail: Annual reports › the report (its overview, for those who may read it)."""

    # Members other than the business manager and the chair see a report only once approved.
    drafts_only_for_managers = True

    @cached_property
    def report(self):
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

    def get_report(self):
        return self.report

    def trail(self):
        crumbs = self.reports_trail()
        if REPORT_READ.allows(self.access, self.report):
            crumbs.append((str(self.report), self.report_url("report_detail")))
        return crumbs

    def report_url(self, name, report=None):
        return reverse(f"reports:{name}", args=[self.board.slug, (report or self.report).pk])


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


class ReportDetailView(ReportMixin, BoardPage):
    """The report overview: its sections with their status, the compliance panel, the chair's
    comments when returned, revisions, and the next action."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/report_detail.html"

    def get_title(self):
        return str(self.report)

    def trail(self):
        return self.reports_trail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        sections = _sections(report)
        approvals = list(
            report.approvals.select_related("requested_by", "decided_by").order_by("-requested_at", "-id")[:1]
        )
        current = approvals[0] if approvals else None
        returned = current if current and current.state == ReportApproval.State.RETURNED else None
        comments = _comments_by_section(returned)
        revisions = list(ReportRevision.objects.visible_to(self.access).filter(report=report).order_by("-number"))
        drafter = self.access.can_read_draft_reports
        context.update(
            report=report,
            rows=_section_rows(self.access, report, sections, comments),
            whole_report_comments=comments.get(None, []),
            returned=returned,
            open_approval=current if current and current.state == ReportApproval.State.OPEN else None,
            compliance=Compliance(report, generated=GeneratedData(report), sections=sections) if drafter else None,
            all_accepted=bool(sections) and all(s.status == SectionStatus.ACCEPTED for s in sections),
            revisions=revisions,
            revision=revisions[0] if revisions else None,
            manage_sections_url=self.report_url("sections_manage"),
            progress_url=self.report_url("progress"),
        )
        return context


class ReportActionPage(ReportMixin, ConfirmPage):
    """A button on the report's pages (POST only): the service does it, or says why not."""

    http_method_names = ["post"]

    def target(self):
        return self.report

    def cancel_url(self):
        return self.report_url("report_detail")


class SendToChairView(ReportActionPage):
    """POST: the business manager sends the report (every section accepted) to the chair."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    service = staticmethod(services.send_to_chair)
    success_message = "The report has been sent to the chair."


class DraftRevisionView(ReportActionPage):
    """POST: freeze the report as it is now as a draft (unapproved) revision, to render a DRAFT PDF
    (the service refuses anyone but the business manager and the chair)."""

    capability = Capability.RENDER_PDF

    def service(self, access, report):
        self.revision = services.freeze_draft(access, report)

    def get_success_message(self, label):
        return f"Draft revision {self.revision.number} frozen. Its files are marked DRAFT."

    def done_url(self):
        return reverse("reports:revision_detail", args=[self.board.slug, self.revision.pk])


class ReviewContext(ReportMixin):
    """The whole assembled report as one page (generated sections rendered live), with the chair's
    comment boxes and the return / approve actions. A refused comment or return comes back here
    with its message and the text typed, never lost."""

    template_name = "reports/report_review.html"
    crumb = "Read the report"

    def get_title(self):
        return f"Read the report: {self.report}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
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
        )
        return context

    def render_with_error(self, field_id, message, value):
        return self.render_to_response(self.get_context_data(errors={field_id: message}, values={field_id: value}))


class ReportReviewView(ReviewContext, BoardPage):
    capability = Capability.VIEW_BOARD


class ReportCommentView(ReviewContext, FormPage):
    """POST: the chair's comment on one section (or the whole report)."""

    capability = Capability.APPROVE_REPORT
    http_method_names = ["post"]
    form_class = ChairCommentForm

    @cached_property
    def sections(self):
        return {s.pk: s for s in self.report.sections.all()}

    def get_form_kwargs(self):
        choices = [(pk, s.title) for pk, s in self.sections.items()]
        return {**super().get_form_kwargs(), "section_choices": choices}

    def field_id(self):
        section = self.request.POST.get("section")
        return f"comment-{section}" if section else "comment-whole"

    def form_invalid(self, form):
        if "section" in form.errors:
            raise PermissionDenied  # not a section of this report: a forged form
        return self.render_with_error(self.field_id(), "Write your comment", self.request.POST.get("text", ""))

    def run(self, form):
        self.section = self.sections.get(form.cleaned_data["section"])
        services.add_chair_comment(self.access, self.report, text=form.cleaned_data["text"], section=self.section)
        return self.report

    def refused(self, form, error):
        return self.render_with_error(self.field_id(), error.message, form.cleaned_data["text"])

    def get_success_message(self):
        return f"Comment added{' on ' + self.section.title if self.section else ''}."

    def get_success_url(self):
        anchor = f"#section-{self.section.pk}" if self.section else "#whole-report"
        return self.report_url("report_review") + anchor


class ReportReturnView(ReviewContext, FormPage):
    """POST: the chair returns the report to the business manager with comments."""

    capability = Capability.APPROVE_REPORT
    http_method_names = ["post"]
    form_class = ReturnForm
    success_message = "The report has been returned to the business manager with your comments."

    def form_invalid(self, form):
        return self.render_with_error("id_note", form.errors["note"][0], self.request.POST.get("note", ""))

    def run(self, form):
        services.return_to_drafting(self.access, self.report, note=form.cleaned_data["note"])
        return self.report

    def refused(self, form, error):
        return self.render_with_error("id_note", error.message, self.request.POST.get("note", ""))

    def get_success_url(self):
        return self.report_url("report_detail")


class ReportFormPage(ReportMixin, FormPage):
    """A form about the report; the template is the page's own (it shows more than the form)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class ReportApproveView(ReportFormPage):
    """The chair approves the report with their password re-entered (GET: the form and the
    compliance panel; POST: approve → the frozen revision)."""

    capability = Capability.APPROVE_REPORT
    template_name = "reports/report_approve.html"
    form_class = ApproveForm

    def get_title(self):
        return f"Approve {self.report}"

    def trail(self):
        return [*super().trail(), ("Read the report", self.report_url("report_review"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            compliance=Compliance(self.report), may_decide=self.report.status == ReportStatus.READY_FOR_CHAIR
        )
        return context

    def run(self, form):
        return services.approve(self.access, self.report, password=form.cleaned_data["password"])

    def refused(self, form, error):
        if isinstance(error, services.WrongPassword):
            form.add_error("password", error.message)
            return self.form_invalid(form)
        messages.error(self.request, error.message)  # the report moved on: nothing to correct here
        return redirect(self.report_url("report_detail"))

    def get_success_message(self):
        return f"You approved the report. Revision {self.object.number} is frozen."

    def get_success_url(self):
        return reverse("reports:revision_detail", args=[self.board.slug, self.object.pk])


class ReportReopenView(ReportFormPage):
    """The business manager reopens an approved report for a correction (a new revision will need approval)."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/report_reopen.html"
    form_class = ReopenForm
    title = "Reopen the report for a correction"
    success_message = "The report is open for the correction. It needs the chair's approval again."

    @cached_property
    def sections(self):
        return _sections(self.report)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": self.sections}

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_reopen=self.report.status in ReportStatus.published(), **kwargs)

    def run(self, form):
        section = next((s for s in self.sections if s.pk == form.cleaned_data["section"]), None)
        services.reopen_for_correction(self.access, self.report, section=section, reason=form.cleaned_data["reason"])
        return self.report

    def get_success_url(self):
        return self.report_url("report_detail")


# --- Revisions --------------------------------------------------------------------------------


class RevisionListView(ReportMixin, BoardPage):
    """The frozen revisions of a report (approved ones only for members other than the business
    manager and the chair)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/revision_list.html"
    drafts_only_for_managers = False

    def get_title(self):
        return f"Revisions of {self.report}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        revisions = ReportRevision.objects.visible_to(self.access).filter(report=self.report)
        context.update(report=self.report, revisions=list(revisions.select_related("approved_by").order_by("-number")))
        return context


class RevisionMixin(InReports):
    """The revision in the URL (an unapproved one is a 404 for members). Trail: Annual reports ›
    the report (for those who may read it) › Revisions."""

    @cached_property
    def revision(self):
        return get_object_for_user(
            ReportRevision.objects.select_related("report", "approved_by"), self.access, pk=self.kwargs["revision_id"]
        )

    def trail(self):
        report = self.revision.report
        crumbs = self.reports_trail()
        if REPORT_READ.allows(self.access, report):
            crumbs.append((str(report), reverse("reports:report_detail", args=[self.board.slug, report.pk])))
        crumbs.append(("Revisions", reverse("reports:revision_list", args=[self.board.slug, report.pk])))
        return crumbs

    def get_context_data(self, **kwargs):
        return super().get_context_data(revision=self.revision, snapshot=self.revision.snapshot, **kwargs)


class RevisionDetailView(RevisionMixin, BoardPage):
    """A frozen revision, read-only, exactly as it was approved (rendered from its snapshot)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/revision_detail.html"

    def get_title(self):
        return f"Revision {self.revision.number}"


class SummaryView(RevisionMixin, BoardPage):
    """The executive summary / HWB highlight report of a revision (frozen with it)."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/summary.html"
    title = "Executive summary"

    def trail(self):
        revision = self.revision
        url = reverse("reports:revision_detail", args=[self.board.slug, revision.pk])
        return [*super().trail(), (f"Revision {revision.number}", url)]

    def get_context_data(self, **kwargs):
        summary_html = (self.revision.snapshot.get("executive_summary") or {}).get("html", "")
        return super().get_context_data(summary_html=summary_html, **kwargs)


# --- Publication and distribution --------------------------------------------------------------


class DistributionView(ReportMixin, BoardPage):
    """To whom the approved report was sent, when and how; lateness against the due date (and the
    7-day rule to the Panel and the What Works Centre / Foundations after publication)."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/distribution.html"
    title = "Publication and distribution"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
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
        )
        return context


class DistributionFormPage(ReportFormPage):
    """A form of the distribution log: back to it when done."""

    capability = Capability.REVIEW_REPORT_SECTIONS

    def trail(self):
        return [*super().trail(), ("Distribution", self.report_url("distribution"))]

    def get_success_url(self):
        return self.report_url("distribution")


class DistributionAddView(DistributionFormPage):
    """Record that the approved report was sent to one recipient."""

    template_name = "reports/distribution_add.html"
    form_class = DistributionForm
    title = "Record a sending"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "recipients": DistributionRecipient.objects.for_report(self.report)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(approved=self.report.status in ReportStatus.published(), **kwargs)

    def run(self, form):
        data = form.cleaned_data
        self.recipient = data["recipient"]
        return services.record_distribution(
            self.access,
            self.report,
            recipient=data["recipient"],
            sent_on=data["sent_on"],
            method=data["method"],
            presented_on=data["presented_on"],
            note=data["note"],
        )

    def get_success_message(self):
        return f"Recorded: sent to {self.recipient.name}."


class RecipientAddView(DistributionFormPage):
    """Add a recipient of the board's own to its distribution list."""

    template_name = "reports/distribution_recipient_add.html"
    form_class = RecipientForm
    title = "Add a recipient"
    success_message = "{object.name} added to the distribution list."

    def run(self, form):
        return services.add_recipient(self.access, self.board, name=form.cleaned_data["name"])

    def refused(self, form, error):
        form.add_error("name", error.message)
        return self.form_invalid(form)


class PublishView(DistributionFormPage):
    """Record the day the approved report was published."""

    template_name = "reports/report_publish.html"
    form_class = PublicationForm
    title = "Record publication"
    success_message = "Publication recorded."

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_publish=self.report.status == ReportStatus.APPROVED, **kwargs)

    def run(self, form):
        return services.publish(
            self.access,
            self.report,
            published_on=form.cleaned_data["published_on"],
            web_address=form.cleaned_data["web_address"],
        )
