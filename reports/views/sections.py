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
from django.views.generic import TemplateView

from lscb.forms import whole_number_param
from lscb.permissions import BoardView, Capability, get_object_for_user
from lscb.readability import measure
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.compliance import easy_read_section_keys, reading_age_aim
from reports.diff import diff_counts, diff_paragraphs
from reports.docx_import import pictures_without_description
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
from reports.models import AnnualReport, ReportSection, SectionVersion, StatutoryFramework
from reports.permissions import may_edit_now, may_review, may_write
from reports.services import sections as services

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

    def crumbs(self, *extra):
        board = self.board
        items = [
            ("Dashboard", reverse("boards:dashboard", args=[board.slug])),
            ("Annual reports", _url("report_list", board.slug)),
        ]
        return items + list(extra)


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

    def section_crumbs(self, *extra):
        section = self.get_section()
        items = [(section.report.title, None)]
        if self.access.is_business_manager:
            items = [(section.report.title, _url("progress", self.board.slug, section.report_id))]
        return self.crumbs(*items, (section.title, section_url(section)), *extra)

    def require_writer(self):
        if not may_write(self.access, self.get_section()):
            raise PermissionDenied

    def back_to_section(self):
        return redirect(section_url(self.get_section()))


# --- Reports ---------------------------------------------------------------------------------


class ReportListView(BoardView, TemplateView):
    """The board's annual reports; for authors, the sections they are writing."""

    capability = Capability.VIEW_BOARD
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.access
        reports = AnnualReport.objects.visible_to(access).select_related("framework")
        if not access.can_edit_report_sections:
            # Members see the report once it is approved; drafts are for the people writing them.
            reports = reports.filter(status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED])
        reports = list(reports)
        mine = []
        if access.can_edit_report_sections and not access.is_business_manager:
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
                    if access.is_business_manager
                    or access.is_chair
                    or report.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
                    else None,
                    "progress_url": _url("progress", self.board.slug, report.pk)
                    if access.is_business_manager
                    else None,
                    "manage_url": _url("sections_manage", self.board.slug, report.pk)
                    if access.is_business_manager and report.status == ReportStatus.DRAFTING
                    else None,
                    "sections": [
                        {"section": s, "url": section_url(s), "late": s.is_late(today)}
                        for s in mine
                        if s.report_id == report.pk
                    ],
                }
            )
        context.update(
            rows=rows,
            can_create=access.is_business_manager,
            create_url=_url("report_create", self.board.slug),
            breadcrumbs=[
                ("Dashboard", reverse("boards:dashboard", args=[self.board.slug])),
                ("Annual reports", None),
            ],
        )
        return context


class ReportCreateView(BoardView, ReportMixin, TemplateView):
    """The business manager starts the year's report from the default sections."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/report_create.html"

    def get_form(self):
        framework_code = FRAMEWORK_FOR_ARRANGEMENT.get(self.board.arrangement)
        initial = {"framework": StatutoryFramework.objects.filter(code=framework_code).first()}
        if self.request.method == "POST":
            return ReportCreateForm(self.request.POST, initial=initial)
        form = ReportCreateForm(initial=initial)
        year = int(form.fields["financial_year"].choices[0][0])
        form.initial.update(financial_year=year, sections_due=services.default_sections_due(year))
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["breadcrumbs"] = self.crumbs(("Start a report", None))
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.create_report(
                    self.access,
                    financial_year=data["financial_year"],
                    framework=data["framework"],
                    title=data["title"],
                    sections_due=data["sections_due"],
                    due_date=data["due_date"],
                )
            except services.SectionError as exc:
                form.add_error("financial_year", str(exc))
            else:
                messages.success(request, f"{report.title} created with {report.sections.count()} sections.")
                return redirect(_url("progress", self.board.slug, report.pk))
        return self.render_to_response(self.get_context_data(form=form))


# --- Assembling: add, remove, reorder, rename --------------------------------------------------


class SectionsManageView(BoardView, ReportMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/sections_manage.html"

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
            breadcrumbs=self.crumbs((report.title, _url("progress", self.board.slug, report.pk)), ("Sections", None)),
        )
        return context


def _generated_choices(report):
    taken = set(report.sections.values_list("key", flat=True))
    return [(key, services.GENERATED_TITLES[key]) for key in services.GENERATED_KEYS if key not in taken]


class SectionAddView(BoardView, ReportMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_add.html"

    def get_form(self):
        report = self.get_report()
        data = self.request.POST if self.request.method == "POST" else None
        return SectionAddForm(data, report=report, generated_choices=_generated_choices(report))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.setdefault("form", self.get_form())
        context.update(
            report=report,
            breadcrumbs=self.crumbs(
                (report.title, _url("progress", self.board.slug, report.pk)),
                ("Sections", _url("sections_manage", self.board.slug, report.pk)),
                ("Add a section", None),
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                section = services.add_section(
                    self.access,
                    report,
                    kind=data["kind"],
                    title=data["title"],
                    agency=data["agency"],
                    generated_key=data["generated_key"],
                    due_date=data["due_date"],
                )
            except services.SectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"“{section.title}” added at the end of the report.")
                return redirect(_url("sections_manage", self.board.slug, report.pk))
        return self.render_to_response(self.get_context_data(form=form))


class SectionMoveView(BoardView, SectionMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        form = SectionMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose up or down.")
        else:
            try:
                services.move_section(self.access, section, form.cleaned_data["direction"])
            except services.SectionError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"“{section.title}” moved {form.cleaned_data['direction']}.")
        return redirect(_url("sections_manage", self.board.slug, section.report_id) + f"#section-{section.pk}")


class SectionRemoveView(BoardView, SectionMixin, TemplateView):
    """Asks first: removing a section takes it (and its saved versions) out of the report."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_remove.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.get_section()
        context.update(
            section=section,
            version_count=section.versions.count(),
            cancel_url=_url("sections_manage", self.board.slug, section.report_id),
            breadcrumbs=self.section_crumbs(("Remove", None)),
        )
        return context

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        try:
            services.remove_section(self.access, section)
        except services.SectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{section.title}” removed from the report.")
        return redirect(_url("sections_manage", self.board.slug, section.report_id))


class SectionRenameView(BoardView, SectionMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_rename.html"

    def get_form(self):
        section = self.get_section()
        if self.request.method == "POST":
            return SectionRenameForm(self.request.POST)
        return SectionRenameForm(
            initial={"title": section.title, "due_date": section.due_date, "guidance": section.guidance}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(section=self.get_section(), breadcrumbs=self.section_crumbs(("Change", None)))
        return context

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.rename_section(
                    self.access, section, title=data["title"], due_date=data["due_date"], guidance=data["guidance"]
                )
            except services.SectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"“{section.title}” saved.")
                return redirect(_url("sections_manage", self.board.slug, section.report_id))
        return self.render_to_response(self.get_context_data(form=form))


# --- One section: read, write, upload, versions ------------------------------------------------


def _generated_preview(section):
    """What a generated section will print and where its data comes from (reports/generated.py)."""
    if section.kind != SectionKind.GENERATED:
        return None
    return GeneratedData(section.report).section(section.key)


class SectionDetailView(BoardView, SectionMixin, TemplateView):
    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_detail.html"

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
            breadcrumbs=self.section_crumbs()[:-1] + [(section.title, None)],
        )
        return context


class SectionEditView(BoardView, SectionMixin, TemplateView):
    """Write the section. The form carries the version it started from; a stale save is
    refused with the other person's text shown and this person's text kept in the box."""

    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_edit.html"

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
            section=section,
            # The saved text's measures; the reading age only where the framework asks for easy reading.
            measures=measure(section.html),
            reading_age_aim=reading_age_aim(framework) if section.key in easy_read_section_keys(framework) else None,
            stale=stale,
            stale_message=getattr(self, "stale_message", ""),
            upload_url=section_url(section, "section_upload"),
            cancel_url=section_url(section),
            breadcrumbs=self.section_crumbs(("Edit", None)),
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
    """Upload the agency's Word draft instead of typing: converted, sanitised, then saved like typed text."""

    template_name = "reports/section_upload.html"

    def upload_context(self, form, status=200):
        section = self.get_section()
        context = self.get_context_data(
            form=form,
            section=section,
            edit_url=section_url(section, "section_edit"),
            cancel_url=section_url(section),
            breadcrumbs=self.section_crumbs(("Upload a Word draft", None)),
        )
        return TemplateResponse(self.request, self.template_name, context, status=status)

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
        self.template_name = SectionEditView.template_name  # a conflict is resolved in the text box
        return save_or_show_conflict(
            self,
            form.cleaned_data["html"],
            form.cleaned_data["version"],
            source=SectionVersion.Source.DOCX,
            filename=form.cleaned_data["document"].name,
        )


class SectionVersionsView(BoardView, SectionMixin, TemplateView):
    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_versions.html"

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
            breadcrumbs=self.section_crumbs(("Versions", None)),
        )
        return context


class SectionDiffView(BoardView, SectionMixin, TemplateView):
    """What changed between two saved versions, as a readable word-by-word comparison."""

    capability = Capability.EDIT_REPORT_SECTIONS
    template_name = "reports/section_diff.html"

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
            breadcrumbs=self.section_crumbs(("Versions", section_url(section, "section_versions")), ("Compare", None)),
        )
        return context


# --- The workflow ---------------------------------------------------------------------------


class SectionSubmitView(BoardView, SectionMixin, TemplateView):
    capability = Capability.EDIT_REPORT_SECTIONS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        try:
            services.submit_section(self.access, section)
        except services.SectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{section.title}” sent to the business manager.")
        return self.back_to_section()


class SectionReturnView(BoardView, SectionMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/section_return.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SectionReturnForm())
        context.update(
            section=self.get_section(),
            cancel_url=section_url(self.get_section()),
            breadcrumbs=self.section_crumbs(("Return for changes", None)),
        )
        return context

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        form = SectionReturnForm(request.POST)
        if form.is_valid():
            try:
                services.return_section(self.access, section, comment=form.cleaned_data["comment"])
            except services.SectionError as exc:
                messages.error(request, str(exc))
                return self.back_to_section()
            messages.success(request, f"“{section.title}” returned to its authors with your comments.")
            return self.back_to_section()
        return self.render_to_response(self.get_context_data(form=form))


class SectionAcceptView(BoardView, SectionMixin, TemplateView):
    capability = Capability.REVIEW_REPORT_SECTIONS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        try:
            services.accept_section(self.access, section)
        except services.SectionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{section.title}” accepted for the report.")
        return self.back_to_section()


# --- The business manager's progress board ---------------------------------------------------


class ProgressView(BoardView, ReportMixin, TemplateView):
    """Which sections are in, which are late, who has not started."""

    capability = Capability.REVIEW_REPORT_SECTIONS
    template_name = "reports/progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        today = timezone.localdate()
        sections = list(report.sections.select_related("agency", "updated_by"))
        rows = [{"section": s, "late": s.is_late(today), "url": section_url(s)} for s in sections]
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
            breadcrumbs=self.crumbs((report.title, None)),
        )
        return context
