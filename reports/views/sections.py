"""Drafting the annual report: the list of reports, assembling sections, writing, reviewing,
versions and the business manager's progress board. Views parse a form, call one service
(reports/services/sections.py) and redirect with a message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from lscb.forms import whole_number_param
from lscb.pages import BoardPage, ConfirmPage, FormPage
from lscb.permissions import Capability, get_object_for_user
from lscb.readability import measure
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.compliance import easy_read_section_keys, reading_age_aim
from reports.diff import diff_counts, diff_paragraphs
from reports.docx_import import DocxError, pictures_without_description
from reports.forms.sections import (
    ReportCreateForm,
    SectionAddForm,
    SectionEditForm,
    SectionMoveForm,
    SectionRenameForm,
    SectionReturnForm,
    SectionUploadForm,
)
from reports.generated import GeneratedData
from reports.models import AnnualReport, DocxImport, ReportSection, SectionVersion, StatutoryFramework
from reports.permissions import REPORT_READ, may_edit_now, may_review, may_write
from reports.rendering.choices import RenderState
from reports.services import imports
from reports.services import sections as services

IMPORT_REFRESH_SECONDS = 2
FRAMEWORK_FOR_ARRANGEMENT = {
    "lscb_wt2015": "lscb_wt2015",
    "partnership_wt2018": "wt2018",
    "partnership_wt2023": "wt2023",
}


def _url(name, *args):
    return reverse(f"reports:{name}", args=args)


def section_url(section, name="section_detail"):
    return _url(name, section.report.board.slug, section.report_id, section.pk)


class ReportMixin:
    """The report in the URL, if it is this board's (404 otherwise)."""

    def get_report(self):
        if not hasattr(self, "_report"):
            self._report = get_object_for_user(
                AnnualReport.objects.select_related("framework", "board"), self.access, pk=self.kwargs["report_id"]
            )
        return self._report

    def report_trail(self):
        """Annual reports › the report's progress board (the business manager's pages)."""
        report = self.get_report()
        return [
            ("Annual reports", _url("report_list", self.board.slug)),
            (report.title, _url("progress", self.board.slug, report.pk)),
        ]


class SectionMixin(ReportMixin):
    """The section in the URL, if this person may see it (404 otherwise: another agency's)."""

    def get_section(self):
        if not hasattr(self, "_section"):
            self._section = get_object_for_user(
                ReportSection.objects.select_related("report__board", "report__framework", "agency", "updated_by"),
                self.access,
                pk=self.kwargs["section_id"],
                report_id=self.kwargs["report_id"],
            )
            self._report = self._section.report
        return self._section

    def section_trail(self):
        """Annual reports › the report (its progress board, for the business manager) › the section."""
        section = self.get_section()
        progress = _url("progress", self.board.slug, section.report_id) if may_review(self.access, section) else None
        return [
            ("Annual reports", _url("report_list", self.board.slug)),
            (section.report.title, progress),
            (section.title, section_url(section)),
        ]

    def require_writer(self):
        if not may_write(self.access, self.get_section()):
            raise PermissionDenied

    def back_to_section(self):
        return redirect(section_url(self.get_section()))


# --- Reports ---------------------------------------------------------------------------------


class ReportListView(BoardPage):
    """The board's annual reports; for authors, the sections they are writing."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/report_list.html"
    title = "Annual reports"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.access
        # Members see the report once it is approved; the people writing it see the drafts listed
        # too (authors to reach their sections: the draft's overview stays the drafters').
        listed = AnnualReport.objects.on_board if access.can_edit_report_sections else AnnualReport.objects.visible_to
        reports = list(listed(access).select_related("framework"))
        mine = []
        if access.can_edit_report_sections and not access.can_review_report_sections:
            mine = [
                s
                for s in ReportSection.objects.visible_to(access)
                .filter(report__in=reports)
                .select_related("report__board", "agency")  # section_url reads report.board.slug
                .order_by("report", "position")
                if may_write(access, s)
            ]
        today = timezone.localdate()
        rows = []
        for report in reports:
            rows.append(
                {
                    "report": report,
                    # The overview is the business manager's and the chair's while drafting; everyone's once approved.
                    "detail_url": _url("report_detail", self.board.slug, report.pk)
                    if REPORT_READ.allows(access, report)
                    else None,
                    "progress_url": _url("progress", self.board.slug, report.pk)
                    if access.can_review_report_sections
                    else None,
                    "manage_url": _url("sections_manage", self.board.slug, report.pk)
                    if access.can_review_report_sections and report.status == ReportStatus.DRAFTING
                    else None,
                    "sections": [
                        {"section": s, "url": section_url(s), "late": s.is_late(today)}
                        for s in mine
                        if s.report_id == report.pk
                    ],
                }
            )
        context.update(rows=rows, can_create=access.can_create_report, create_url=_url("report_add", self.board.slug))
        return context


class ReportCreateView(FormPage):
    """The business manager starts the year's report from the default sections."""

    capability = Capability.CREATE_REPORT
    template_name = "reports/report_create.html"
    form_class = ReportCreateForm
    title = "Start a new annual report"
    crumb = "Start a report"

    def trail(self):
        return [("Annual reports", _url("report_list", self.board.slug))]

    def get_form(self, form_class=None):
        framework_code = FRAMEWORK_FOR_ARRANGEMENT.get(self.board.arrangement)
        initial = {"framework": StatutoryFramework.objects.filter(code=framework_code).first()}
        if self.request.method == "POST":
            return ReportCreateForm(self.request.POST, initial=initial)
        form = ReportCreateForm(initial=initial)
        year = int(form.fields["financial_year"].choices[0][0])
        form.initial.update(financial_year=year, sections_due=services.default_sections_due(year))
        return form

    def run(self, form):
        data = form.cleaned_data
        return services.create_report(
            self.access,
            financial_year=data["financial_year"],
            framework=data["framework"],
            title=data["title"],
            sections_due=data["sections_due"],
            due_date=data["due_date"],
        )

    def refused(self, form, error):
        form.add_error("financial_year", error.message)
        return self.form_invalid(form)

    def get_success_message(self):
        return f"{self.object.title} created with {self.object.sections.count()} sections."

    def get_success_url(self):
        return _url("progress", self.board.slug, self.object.pk)


# --- Assembling: add, remove, reorder, rename --------------------------------------------------


class SectionsManageView(ReportMixin, BoardPage):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/sections_manage.html"
    title = "Sections"

    def trail(self):
        return self.report_trail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        sections = list(report.sections.select_related("agency").annotate(version_count=Count("versions")))
        context.update(
            report=report,
            sections=sections,
            editable=report.status == ReportStatus.DRAFTING,
            add_url=_url("section_add", self.board.slug, report.pk),
            progress_url=_url("progress", self.board.slug, report.pk),
        )
        return context


def _generated_choices(report):
    taken = set(report.sections.values_list("key", flat=True))
    return [(key, services.GENERATED_TITLES[key]) for key in services.GENERATED_KEYS if key not in taken]


def _manage_url(section):
    return _url("sections_manage", section.report.board.slug, section.report_id)


class SectionAddView(ReportMixin, FormPage):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_add.html"
    form_class = SectionAddForm
    title = "Add a section"
    success_message = "“{object.title}” added at the end of the report."

    def trail(self):
        report = self.get_report()
        return [*self.report_trail(), ("Sections", _url("sections_manage", self.board.slug, report.pk))]

    def get_form_kwargs(self):
        report = self.get_report()
        return {**super().get_form_kwargs(), "report": report, "generated_choices": _generated_choices(report)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.get_report(), **kwargs)

    def run(self, form):
        data = form.cleaned_data
        return services.add_section(
            self.access,
            self.get_report(),
            kind=data["kind"],
            title=data["title"],
            agency=data["agency"],
            generated_key=data["generated_key"],
            due_date=data["due_date"],
        )

    def refused(self, form, error):
        form.add_error(None, error.message)  # the kind, agency and key decide together
        return self.form_invalid(form)

    def get_success_url(self):
        return _manage_url(self.object)


class SectionPage(SectionMixin, BoardPage):
    """A page about one section: Annual reports › the report › the section › this page."""

    def trail(self):
        return self.section_trail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.get_section(), **kwargs)


class SectionFormPage(SectionMixin, FormPage):
    def trail(self):
        return self.section_trail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.get_section(), **kwargs)

    def service_args(self):
        return (self.get_section(),)


class SectionConfirmPage(SectionMixin, ConfirmPage):
    """The service does it to the section in the URL, or the page says why not."""

    def target(self):
        return self.get_section()

    def target_label(self):
        return self.get_section().title

    def cancel_url(self):
        return section_url(self.get_section())


class SectionButton(SectionConfirmPage):
    """A button on the section's page (POST only, no question asked)."""

    http_method_names = ["post"]


class SectionMoveView(SectionMixin, FormPage):
    capability = Capability.REVIEW_REPORT_SECTIONS
    http_method_names = ["post"]
    form_class = SectionMoveForm

    def back(self):
        section = self.get_section()
        return redirect(_manage_url(section) + f"#section-{section.pk}")

    def form_invalid(self, form):
        messages.error(self.request, "Choose up or down.")
        return self.back()

    def run(self, form):
        return services.move_section(self.access, self.get_section(), form.cleaned_data["direction"])

    def refused(self, form, error):
        messages.error(self.request, error.message)
        return self.back()

    def get_success_message(self):
        return f"“{self.get_section().title}” moved {self.request.POST.get('direction')}."

    def get_success_url(self):
        section = self.get_section()
        return _manage_url(section) + f"#section-{section.pk}"


class SectionRemoveView(SectionConfirmPage):
    """Asks first: removing a section takes it (and its saved versions) out of the report."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    service = staticmethod(services.remove_section)
    question = "Remove “{label}” from the report?"
    button = "Yes, remove the section"
    cancel_label = "No, keep it"
    crumb = "Remove"
    success_message = "“{label}” removed from the report."

    def get_caption(self):
        return self.get_section().report.title

    def trail(self):
        return self.section_trail()

    @property
    def warning(self):
        count = self.get_section().versions.count()
        if not count:
            return "Nothing has been written in this section yet."
        return (
            f"This section has {count} saved version{'s' if count != 1 else ''}. They will no longer be part "
            "of the report; the last text is kept in the audit log."
        )

    def cancel_url(self):
        return _manage_url(self.get_section())


class SectionRenameView(SectionFormPage):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_rename.html"
    form_class = SectionRenameForm
    crumb = "Change"

    def get_title(self):
        return f"Change “{self.get_section().title}”"

    def get_initial(self):
        section = self.get_section()
        return {"title": section.title, "due_date": section.due_date, "guidance": section.guidance}

    def run(self, form):
        data = form.cleaned_data
        return services.rename_section(
            self.access, self.get_section(), title=data["title"], due_date=data["due_date"], guidance=data["guidance"]
        )

    def refused(self, form, error):
        form.add_error(None, error.message)
        return self.form_invalid(form)

    def get_success_message(self):
        return f"“{self.get_section().title}” saved."

    def get_success_url(self):
        return _manage_url(self.get_section())


# --- One section: read, write, upload, versions ------------------------------------------------


def _generated_preview(section):
    """What a generated section will print and where its data comes from (reports/generated.py)."""
    if section.kind != SectionKind.GENERATED:
        return None
    return GeneratedData(section.report).section(section.key)


class SectionDetailView(SectionPage):
    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_detail.html"

    def get_title(self):
        return self.get_section().title

    def trail(self):
        return self.section_trail()[:-1]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.get_section()
        access = self.access
        slug, report_id = self.board.slug, section.report_id
        actions = services.transition_names_available(access, section)
        context.update(
            section=section,
            report=section.report,
            today=timezone.localdate(),
            late=section.is_late(),
            can_edit=may_edit_now(access, section),
            actions=actions,
            comments=list(section.comments.select_related("author")),
            latest_version=section.versions.select_related("saved_by").first(),
            generated=_generated_preview(section),
            urls={
                "edit": section_url(section, "section_edit"),
                "upload": section_url(section, "section_upload"),
                "versions": section_url(section, "section_versions"),
                "pdf": section_url(section, "section_pdf"),
                "submit": section_url(section, "section_submit"),
                "return": section_url(section, "section_return"),
                "accept": section_url(section, "section_accept"),
                "progress": _url("progress", slug, report_id) if may_review(access, section) else None,
            },
        )
        return context


class SectionEditView(SectionPage):
    """Write the section. The form carries the version it started from; a stale save is
    refused with the other person's text shown and this person's text kept in the box.
    (A page of the kit, not a FormPage: a stale save answers 409 with both texts, and the
    upload and Word-import pages share this flow, save_or_show_conflict.)"""

    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_edit.html"
    crumb = "Edit"

    def get_title(self):
        return f"Edit “{self.get_section().title}”"

    def dispatch_checks(self):
        self.require_writer()
        section = self.get_section()
        if not may_edit_now(self.access, section):
            messages.error(
                self.request,
                f"This section is {section.get_status_display().lower()}: it cannot be changed now.",
            )
            return self.back_to_section()
        return None

    def context(self, form, stale=None, status=200):
        section = self.get_section()
        framework = section.report.framework
        context = self.get_context_data(
            form=form,
            # The saved text's measures; the reading age only where the framework asks for easy reading.
            measures=measure(section.html),
            reading_age_aim=reading_age_aim(framework) if section.key in easy_read_section_keys(framework) else None,
            stale=stale,
            stale_message=getattr(self, "stale_message", ""),
            upload_url=section_url(section, "section_upload"),
            cancel_url=section_url(section),
        )
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        section = self.get_section()
        return self.context(SectionEditForm(initial={"html": section.html, "version": section.version}))

    def post(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        form = SectionEditForm(request.POST)
        if not form.is_valid():
            return self.context(form)
        return save_or_show_conflict(self, form.cleaned_data["html"], form.cleaned_data["version"])


def save_or_show_conflict(view, html, base_version, *, source=SectionVersion.Source.TYPED, filename=""):
    """Save, or — if someone saved first — show their text and give this person's back in the form."""
    section = view.get_section()
    try:
        version = services.save_section_text(
            view.access, section, html=html, base_version=base_version, source=source, filename=filename
        )
    except services.SectionTooLarge as exc:
        # Over a cap of reports/limits.py: nothing saved, the person's text stays in the box.
        form = SectionEditForm({"html": exc.refused_html, "version": base_version})
        form.is_valid()
        form.add_error("html", str(exc))
        return view.context(form)
    except services.StaleSection as exc:
        # A fresh form: this person's text in the box, the version they have now seen in the field.
        form = SectionEditForm(initial={"html": exc.refused_html, "version": exc.current.version})
        view._section = exc.current
        view.stale_message = str(exc)
        return view.context(form, stale=exc.current, status=409)
    except services.SectionError as exc:
        messages.error(view.request, str(exc))
        return view.back_to_section()
    what = f"“{filename}” uploaded" if filename else "Saved"
    messages.success(view.request, f"{what}: version {version.number} of “{section.title}”.")
    if missing := pictures_without_description(html):
        messages.warning(
            view.request,
            f"{missing} picture{'s' if missing > 1 else ''} had no description for people who cannot see "
            f"{'them' if missing > 1 else 'it'}. Add alt text in Word and upload again, or edit the text.",
        )
    return view.back_to_section()


class SectionUploadView(SectionEditView):
    """Upload the agency's Word draft instead of typing: checked here, converted by a worker
    (reports/services/imports.py), then shown in the edit form to check and save."""

    template_name = "reports/section_upload.html"
    crumb = "Upload a Word draft"

    def get_title(self):
        return f"Upload a Word draft of “{self.get_section().title}”"

    def upload_context(self, form, status=200):
        section = self.get_section()
        context = self.get_context_data(
            form=form,
            edit_url=section_url(section, "section_edit"),
            cancel_url=section_url(section),
        )
        return TemplateResponse(self.request, SectionUploadView.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        return self.upload_context(SectionUploadForm(initial={"version": self.get_section().version}))

    def post(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        form = SectionUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.upload_context(form)
        section = self.get_section()
        try:
            job = imports.request_docx_import(
                self.access, section, form.cleaned_data["document"], base_version=form.cleaned_data["version"]
            )
        except DocxError as exc:
            form.add_error("document", str(exc))
            return self.upload_context(form)
        except services.SectionError as exc:
            messages.error(request, str(exc))
            return self.back_to_section()
        return redirect(import_url(section, job))


def import_url(section, job):
    return reverse(
        "reports:section_import",
        args=[section.report.board.slug, section.report_id, section.pk, job.pk],
    )


class SectionImportView(SectionUploadView):
    """A Word draft's conversion: a page that refreshes itself while a worker converts it, then
    the edit form with the converted text (and what was not kept) to check and save — or the
    upload form with the reason it could not be converted. The form flow is the edit page's
    (save_or_show_conflict)."""

    template_name = "reports/section_import.html"
    crumb = "Check your Word draft"

    def get_title(self):
        job = self.get_import()
        return f"{'Converting' if job.is_active else 'Check the text from'} “{job.filename}”"

    def get_import(self):
        if not hasattr(self, "_import"):
            self._import = get_object_for_user(
                DocxImport.objects.all(), self.access, pk=self.kwargs["import_id"], section=self.get_section()
            )
        return self._import

    def context(self, form, stale=None, status=200):
        job = self.get_import()
        self.extra_context = {
            "job": job,
            "refresh_seconds": IMPORT_REFRESH_SECONDS if job.is_active else None,
            "upload_url": section_url(self.get_section(), "section_upload"),
        }
        return super().context(form, stale=stale, status=status)

    def get(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        job = self.get_import()
        if job.state == RenderState.FAILED:
            # Back on the upload form, the reason as the file field's error (and in the summary).
            form = SectionUploadForm({"version": job.base_version}, {})
            form.is_valid()
            form.errors["document"] = form.error_class([job.failure_reason])
            return self.upload_context(form)
        return self.context(SectionEditForm(initial={"html": job.html, "version": job.base_version}))

    def post(self, request, *args, **kwargs):
        if response := self.dispatch_checks():
            return response
        job = self.get_import()
        form = SectionEditForm(request.POST)
        if job.state != RenderState.DONE or not form.is_valid():
            return self.context(form)
        return save_or_show_conflict(
            self,
            form.cleaned_data["html"],
            form.cleaned_data["version"],
            source=SectionVersion.Source.DOCX,
            filename=job.filename,
        )


class SectionVersionsView(SectionPage):
    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_versions.html"
    crumb = "Versions"

    def get_title(self):
        return f"Versions of “{self.get_section().title}”"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.get_section()
        versions = list(section.versions.select_related("saved_by").defer("html"))
        diff_url = section_url(section, "section_diff")
        context.update(
            section=section,
            versions=[
                {
                    "version": v,
                    "diff_url": f"{diff_url}?from={v.number - 1}&to={v.number}" if v.number > 1 else None,
                }
                for v in versions
            ],
        )
        return context


class SectionDiffView(SectionPage):
    """What changed between two saved versions, as a readable word-by-word comparison."""

    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_diff.html"
    title = "What changed"
    crumb = "Compare"

    def trail(self):
        return [*self.section_trail(), ("Versions", section_url(self.get_section(), "section_versions"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.get_section()
        to_number = whole_number_param(self.request.GET.get("to"), section.version)
        from_number = whole_number_param(self.request.GET.get("from"), (to_number or 0) - 1)
        if to_number is None or from_number is None:
            raise Http404("No such version")
        versions = {v.number: v for v in section.versions.filter(number__in=[from_number, to_number])}
        new = versions.get(to_number)
        if new is None or (from_number != 0 and from_number not in versions):
            raise Http404("No such version")
        old = versions.get(from_number)
        paragraphs = diff_paragraphs(old.html if old else "", new.html)
        context.update(
            section=section,
            old=old,
            new=new,
            from_number=from_number,
            paragraphs=paragraphs,
            counts=diff_counts(paragraphs),
            versions_url=section_url(section, "section_versions"),
        )
        return context


# --- The workflow ---------------------------------------------------------------------------


class SectionSubmitView(SectionButton):
    capability = Capability.EDIT_REPORT_SECTIONS
    service = staticmethod(services.submit_section)
    success_message = "“{label}” sent to the business manager."


class SectionReturnView(SectionFormPage):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_return.html"
    form_class = SectionReturnForm
    crumb = "Return for changes"

    def get_title(self):
        return f"Return “{self.get_section().title}” for changes"

    def run(self, form):
        return services.return_section(self.access, self.get_section(), comment=form.cleaned_data["comment"])

    def refused(self, form, error):
        messages.error(self.request, error.message)  # the section moved on: back to it
        return self.back_to_section()

    def get_success_message(self):
        return f"“{self.get_section().title}” returned to its authors with your comments."

    def cancel_url(self):
        return section_url(self.get_section())

    def get_success_url(self):
        return section_url(self.get_section())


class SectionAcceptView(SectionButton):
    capability = Capability.REVIEW_REPORT_SECTIONS
    service = staticmethod(services.accept_section)
    success_message = "“{label}” accepted for the report."


# --- The business manager's progress board ---------------------------------------------------


class ProgressView(ReportMixin, BoardPage):
    """Which sections are in, which are late, who has not started."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/progress.html"

    def get_title(self):
        return self.get_report().title

    def trail(self):
        return [("Annual reports", _url("report_list", self.board.slug))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        today = timezone.localdate()
        sections = list(report.sections.select_related("agency", "updated_by"))
        rows = [{"section": s, "late": s.days_late(today), "url": section_url(s)} for s in sections]
        counts = dict.fromkeys(SectionStatus.values, 0)
        for s in sections:
            counts[s.status] += 1
        context.update(
            report=report,
            rows=rows,
            today=today,
            summary=[(SectionStatus(k).label, v, k) for k, v in counts.items()],
            late_count=sum(1 for r in rows if r["late"]),
            total=len(rows),
            all_accepted=bool(rows) and counts[SectionStatus.ACCEPTED] == len(rows),
            manage_url=_url("sections_manage", self.board.slug, report.pk)
            if report.status == ReportStatus.DRAFTING
            else None,
            detail_url=_url("report_detail", self.board.slug, report.pk),
        )
        return context
