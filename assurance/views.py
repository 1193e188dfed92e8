"""Quality assurance pages: standards libraries, self-assessment cycles, returns, moderation and actions.

Every view goes through lscb.permissions (BoardView + capability) and assurance.permissions
(visible_to / editable_by → 404 for anything not one's own). Views parse the form, call one
service and redirect with a message.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View

from assurance import permissions, services
from assurance.choices import RATING_LABELS, ActionStatus, AuditStatus, Grade, ReturnStatus
from assurance.forms import (
    ActionItemForm,
    ActionProgressForm,
    AnswerForm,
    AuditCaseForm,
    AuditForm,
    CycleForm,
    FindingForm,
    LoadLibraryForm,
    ModerationForm,
    OrganisationLinkForm,
    ScrutinyActivityForm,
    ScrutinyResponseForm,
    ScrutinyStatementForm,
    SurveyForm,
    SurveyResultsForm,
)
from assurance.models import (
    ActionItem,
    Answer,
    Audit,
    Cycle,
    Evidence,
    OrganisationLink,
    Return,
    ScrutinyActivity,
    ScrutinyStatement,
    StandardsLibrary,
    Survey,
)
from boards.models import Agency
from lscb.csv_io import csv_response
from lscb.downloads import private_attachment
from lscb.pages import BoardPage, ConfirmPage, FormPage, board_url
from lscb.permissions import Capability, get_editable_object, get_object_for_user


def _home_url(board):
    return board_url(board, "assurance:home")


class InAssurance:
    """Pages under Quality assurance: the trail starts there."""

    def trail(self):
        return [("Quality assurance", _home_url(self.board))]


# --- Home: libraries and cycles ------------------------------------------------------------


class HomeView(InAssurance, BoardPage):
    """The board's standards libraries and self-assessment cycles, with each cycle's returns received."""

    capability = Capability.VIEW_BOARD
    template_name = "assurance/home.html"
    title = "Quality assurance"

    def trail(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycles = (
            Cycle.objects.visible_to(self.access)
            .select_related("library")
            .annotate(
                expected=Count("returns", distinct=True),
                received=Count("returns", filter=Q(returns__status__in=ReturnStatus.received()), distinct=True),
            )
            .order_by("-period_end", "-id")
        )
        libraries = StandardsLibrary.objects.visible_to(self.access).annotate(standard_count=Count("standards"))
        my_returns = []
        if self.access.author_agency_ids:
            my_returns = list(
                Return.objects.visible_to(self.access)
                .filter(agency_id__in=self.access.author_agency_ids)
                .select_related("cycle", "agency")
                .order_by("-cycle__period_end")
            )
        context.update(
            cycles=list(cycles),
            libraries=list(libraries.order_by("kind", "-version")),
            my_returns=my_returns,
            can_manage=permissions.can_manage(self.access),
        )
        return context


class LibraryLoadView(InAssurance, FormPage):
    capability = Capability.MANAGE_BOARD
    title = "Load the default standards"
    form_class = LoadLibraryForm
    warning = "They are loaded as this board's next version; earlier versions and their cycles stay as they are."

    def run(self, form):
        return services.load_default_library(self.access, form.cleaned_data["kind"])

    def get_success_message(self):
        return f"{self.object} loaded"

    def cancel_url(self):
        return _home_url(self.board)


class LibraryDetailView(InAssurance, BoardPage):
    capability = Capability.VIEW_BOARD
    template_name = "assurance/library_detail.html"

    def get(self, request, *args, **kwargs):
        self.library = get_object_for_user(StandardsLibrary.objects.all(), self.access, pk=kwargs["library_id"])
        return super().get(request, *args, **kwargs)

    def get_title(self):
        return str(self.library)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(library=self.library, standards=list(self.library.standards.all()))
        return context


# --- Organisations: tell us once -------------------------------------------------------------


class OrganisationListView(InAssurance, BoardPage):
    """Which organisation stands behind each agency, so that one return can serve several boards."""

    capability = Capability.MANAGE_BOARD
    template_name = "assurance/organisation_list.html"
    title = "Organisations behind the agencies"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = {
            link.agency_id: link.organisation
            for link in OrganisationLink.objects.visible_to(self.access).select_related("organisation")
        }
        agencies = list(Agency.objects.filter(board=self.board).order_by("name"))
        context.update(rows=[(agency, links.get(agency.pk)) for agency in agencies])
        return context


class OrganisationLinkView(InAssurance, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = OrganisationLinkForm

    def get_agency(self):
        if not hasattr(self, "agency"):
            self.agency = get_object_for_user(Agency.objects.all(), self.access, pk=self.kwargs["agency_id"])
        return self.agency

    def get_title(self):
        return f"Organisation behind {self.get_agency().name}"

    def trail(self):
        return [*super().trail(), ("Organisations", board_url(self.board, "assurance:organisation_list"))]

    def get_initial(self):
        link = OrganisationLink.objects.filter(agency=self.get_agency()).select_related("organisation").first()
        return {"organisation": link.organisation.name if link else ""}

    def run(self, form):
        return services.link_organisation(self.access, self.get_agency(), form.cleaned_data["organisation"])

    def get_success_message(self):
        return f"{self.get_agency().name} updated"

    def get_success_url(self):
        return board_url(self.board, "assurance:organisation_list")

    def cancel_url(self):
        return self.get_success_url()


# --- Cycles ----------------------------------------------------------------------------------


class CycleCreateView(InAssurance, FormPage):
    capability = Capability.MANAGE_BOARD
    title = "Open a self-assessment cycle"
    form_class = CycleForm
    service = staticmethod(services.open_cycle)
    success_message = "{object.title} opened"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": Cycle(board=self.board)}

    def get(self, request, *args, **kwargs):
        if not StandardsLibrary.objects.visible_to(self.access).exists():
            messages.error(request, "Load the standards first: a cycle assesses agencies against them.")
            return redirect(board_url(self.board, "assurance:library_load"))
        return super().get(request, *args, **kwargs)

    def cancel_url(self):
        return _home_url(self.board)


class _LoadCycle(View):
    def dispatch(self, request, *args, **kwargs):
        self.cycle = get_object_for_user(Cycle.objects.select_related("library"), self.access, pk=kwargs["cycle_id"])
        return super().dispatch(request, *args, **kwargs)


class OnCycle(InAssurance):
    def trail(self):
        return [*super().trail(), (self.cycle.title, self.cycle.get_absolute_url())]

    def get_caption(self):
        return self.cycle.title

    def cancel_url(self):
        return self.cycle.get_absolute_url()


def cycle_returns(access, cycle):
    """The cycle's returns this person may read, with answer counts. 1 query."""
    returns = list(
        Return.objects.visible_to(access)
        .filter(cycle=cycle)
        .select_related("agency")
        .annotate(
            answered=Count("answers", filter=~Q(answers__rating="") | Q(answers__not_applicable=True)),
            standard_count=Count("answers"),
            open_actions=Count("action_items", filter=Q(action_items__status=ActionStatus.OPEN), distinct=True),
        )
        .order_by("agency__name")
    )
    for return_record in returns:
        return_record.cycle = cycle
    return returns


class CycleDetailView(InAssurance, BoardPage, _LoadCycle):
    """Who has returned and who has not, at a glance; reminders and exports for the manager."""

    capability = Capability.VIEW_BOARD
    template_name = "assurance/cycle_detail.html"

    def get_title(self):
        return self.cycle.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        returns = cycle_returns(self.access, self.cycle)
        context.update(
            cycle=self.cycle,
            returns=returns,
            outstanding=[r for r in returns if r.status in ReturnStatus.editable()],
            received=[r for r in returns if r.is_received],
            expected=self.cycle.returns.count(),
            can_manage=permissions.can_manage(self.access),
            today=timezone.localdate(),
        )
        return context


class CycleRemindView(OnCycle, ConfirmPage, _LoadCycle):
    capability = Capability.MANAGE_BOARD
    question = "Remind the agencies that have not returned?"
    button = "Yes, send the reminders"
    crumb = "Reminders"

    def target(self):
        return self.cycle

    def get_title(self):
        return self.question

    def consequences(self):
        waiting = self.cycle.returns.outstanding().select_related("agency")
        names = ", ".join(r.agency.name for r in waiting)
        return [f"Each agency lead of these agencies gets an e-mail with the due date and a link: {names}."]

    def refusal(self):
        if not self.cycle.is_open:
            return "This cycle is closed: nobody is reminded."
        if not self.cycle.returns.outstanding().exists():
            return "Every invited agency has returned: there is nobody to remind."
        return ""

    def form_valid(self, form):
        if refusal := self.refusal():
            messages.error(self.request, refusal)
            return redirect(self.cancel_url())
        count = services.send_reminders(self.access, self.cycle)
        messages.success(self.request, f"Reminders sent for {count} return{'s' if count != 1 else ''}")
        return redirect(self.cancel_url())


class CycleExportView(OnCycle, BoardPage, _LoadCycle):
    """Every answer of the returns this person may read, one row per agency and standard (CSV)."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        answers = (
            Answer.objects.visible_to(self.access)
            .filter(return_record__cycle=self.cycle)
            .select_related("return_record__agency", "standard")
            .annotate(evidence_count=Count("evidence"))
            .order_by("return_record__agency__name", "standard__number")
        )
        header = [
            "Agency",
            "Return status",
            "Standard",
            "Title",
            "Rating",
            "Not applicable reason",
            "Agreed rating",
            "Narrative",
            "Evidence files",
        ]
        rows = (
            [
                a.return_record.agency.name,
                a.return_record.get_status_display(),
                a.standard.code,
                a.standard.title,
                a.rating_label,
                a.not_applicable_reason,
                RATING_LABELS.get(a.agreed_rating, ""),
                a.narrative,
                a.evidence_count,
            ]
            for a in answers
        )
        from lscb import audit  # noqa: PLC0415

        audit.record_access(self.access, "assurance.cycle.exported", target=self.cycle, format="csv")
        return csv_response(f"{self.board.slug}-{self.cycle.pk}-self-assessment.csv", header, rows)


class CycleWordView(OnCycle, BoardPage, _LoadCycle):
    """The returns this person may read, as a Word document."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        from django.db.models import Prefetch  # noqa: PLC0415
        from django.http import HttpResponse  # noqa: PLC0415

        from assurance.exports import DOCX_TYPE, cycle_docx  # noqa: PLC0415
        from lscb import audit  # noqa: PLC0415

        returns = list(
            Return.objects.visible_to(self.access)
            .filter(cycle=self.cycle)
            .select_related("agency")
            .prefetch_related(
                Prefetch("answers", queryset=Answer.objects.select_related("standard").order_by("standard__number")),
                "action_items",
            )
            .order_by("agency__name")
        )
        audit.record_access(self.access, "assurance.cycle.exported", target=self.cycle, format="docx")
        response = HttpResponse(cycle_docx(self.cycle, returns), content_type=DOCX_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.board.slug}-{self.cycle.pk}-self-assessment.docx"'
        )
        return response


class CycleCloseView(OnCycle, ConfirmPage, _LoadCycle):
    capability = Capability.MANAGE_BOARD
    question = "Close {label}?"
    button = "Yes, close the cycle"
    crumb = "Close"
    success_message = "{label} closed"
    service = staticmethod(services.close_cycle)
    warning = "Returns not yet submitted can then no longer be completed. Action items go on being updated."

    def target(self):
        return self.cycle

    def refusal(self):
        return "" if self.cycle.is_open else "This cycle is already closed."


# --- Returns ---------------------------------------------------------------------------------


class _LoadReturn(View):
    for_editing = False

    def dispatch(self, request, *args, **kwargs):
        queryset = Return.objects.select_related("cycle__library", "cycle__board", "agency")
        getter = get_editable_object if self.for_editing else get_object_for_user
        self.return_record = getter(queryset, self.access, pk=kwargs["return_id"])
        self.cycle = self.return_record.cycle
        return super().dispatch(request, *args, **kwargs)


class OnReturn(OnCycle):
    def trail(self):
        return [*super().trail(), (self.return_record.agency.name, self.return_record.get_absolute_url())]

    def get_caption(self):
        return f"{self.return_record.agency.name} · {self.cycle.title}"

    def cancel_url(self):
        return self.return_record.get_absolute_url()

    def get_success_url(self):
        return self.return_record.get_absolute_url()


class ReturnDetailView(OnCycle, BoardPage, _LoadReturn):
    capability = Capability.VIEW_BOARD
    template_name = "assurance/return_detail.html"

    def get_title(self):
        return f"{self.return_record.agency.name}: self-assessment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        r = self.return_record
        answers = list(
            r.answers.select_related("standard", "updated_by").prefetch_related("evidence").order_by("standard__number")
        )
        can_write = permissions.can_write_return(self.access, r)
        context.update(
            return_record=r,
            cycle=self.cycle,
            answers=answers,
            carried=[a for a in answers if a.carried_forward],
            can_write=can_write and r.is_editable,
            can_manage=permissions.can_manage(self.access),
            can_update_actions=can_write,
            moderations=list(r.moderations.select_related("recorded_by")),
            actions=list(r.action_items.select_related("standard")),
            problem=services.submission_problem(r, answers) if r.is_editable else "",
            shared_in=r.shared_from_id is not None,
            today=timezone.localdate(),
        )
        return context


class AnswerEditView(OnReturn, FormPage, _LoadReturn):
    """One standard of the return: rating, N/A with reason, narrative, evidence. A stale save keeps the text."""

    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = AnswerForm
    template_name = "assurance/answer_edit.html"

    def get_answer(self):
        if not hasattr(self, "answer"):
            self.answer = get_object_for_user(
                Answer.objects.select_related("standard", "updated_by"),
                self.access,
                pk=self.kwargs["answer_id"],
                return_record=self.return_record,
            )
            self.answer.return_record = self.return_record
        return self.answer

    def get_title(self):
        standard = self.get_answer().standard
        return f"{standard.number}. {standard.title}"

    def get(self, request, *args, **kwargs):
        if not self.return_record.is_editable:
            messages.error(request, "This return can no longer be changed.")
            return redirect(self.return_record.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ratings": self.cycle.ratings()}

    def get_initial(self):
        a = self.get_answer()
        return {
            "rating": a.rating,
            "not_applicable": a.not_applicable,
            "not_applicable_reason": a.not_applicable_reason,
            "narrative": a.narrative,
            "version": a.version,
        }

    def run(self, form):
        return services.complete_answer(self.access, self.get_answer(), form)

    def refused(self, form, error):
        if isinstance(error, services.StaleAnswer):
            # Their version is shown above; the box keeps this person's text, now based on their version.
            data = self.request.POST.copy()
            data["version"] = error.current.version
            data["narrative"] = error.refused_narrative
            self.stale = error.current
            form = self.get_form_class()(data=data, ratings=self.cycle.ratings())
            form.is_valid()
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return super().refused(form, error)

    def get_success_message(self):
        return f"Answer to standard {self.get_answer().standard.number} saved"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answer = self.get_answer()
        context.update(
            answer=answer,
            standard=answer.standard,
            evidence=list(answer.evidence.all()),
            stale=getattr(self, "stale", None),
        )
        return context


class ConfirmCarriedView(OnReturn, ConfirmPage, _LoadReturn):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    question = "Confirm the answers carried forward from the last cycle?"
    button = "Yes, they are still true"
    crumb = "Confirm answers"

    def target(self):
        return self.return_record

    def get_title(self):
        return self.question

    def details(self):
        answers = self.return_record.answers.filter(carried_forward=True).select_related("standard")
        return [(f"{a.standard.number}. {a.standard.title}", a.rating_label) for a in answers]

    def consequences(self):
        return ["Change any that are no longer true from the return's page instead."]

    def refusal(self):
        if not self.return_record.is_editable:
            return "This return can no longer be changed."
        if not self.return_record.answers.filter(carried_forward=True).exists():
            return "No answers are waiting to be confirmed."
        return ""

    def form_valid(self, form):
        if refusal := self.refusal():
            messages.error(self.request, refusal)
            return redirect(self.cancel_url())
        count = services.confirm_carried_forward(self.access, self.return_record)
        messages.success(self.request, f"{count} answer{'s' if count != 1 else ''} confirmed")
        return redirect(self.cancel_url())


class ReturnSubmitView(OnReturn, ConfirmPage, _LoadReturn):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    question = "Submit {label}'s return to the board?"
    button = "Yes, submit the return"
    crumb = "Submit"

    def target(self):
        return self.return_record

    def target_label(self):
        return self.return_record.agency.name

    def consequences(self):
        return [
            "You cannot change it after this. The business manager or the quality assurance sub-group "
            "moderates it and agrees any actions with you.",
            "If your organisation is invited by other boards too, and you are its lead there, the return is "
            "shared with each of them: tell us once.",
        ]

    def refusal(self):
        answers = list(self.return_record.answers.select_related("standard"))
        return services.submission_problem(self.return_record, answers)

    def form_valid(self, form):
        if refusal := self.refusal():
            messages.error(self.request, refusal)
            return redirect(self.cancel_url())
        try:
            boards = services.submit_return(self.access, self.return_record)
        except services.AssuranceError as error:
            messages.error(self.request, error.message)
            return redirect(self.cancel_url())
        shared = f" and shared with {', '.join(b.name for b in boards)}" if boards else ""
        messages.success(self.request, f"Return submitted{shared}")
        return redirect(self.cancel_url())


class EvidenceDownloadView(OnReturn, BoardPage, _LoadReturn):
    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        evidence = get_object_for_user(
            Evidence.objects.select_related("answer__standard"),
            self.access,
            pk=kwargs["evidence_id"],
            answer__return_record=self.return_record,
        )
        types = {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "png": "image/png",
            "jpg": "image/jpeg",
        }
        return private_attachment(
            request,
            self.board,
            evidence.file,
            filename=evidence.original_name,
            content_type=types.get(evidence.extension, "application/octet-stream"),
            action="assurance.evidence.downloaded",
            target=self.return_record,
            file=evidence.original_name,
        )


# --- Moderation, actions, closing ------------------------------------------------------------


class ModerationCreateView(OnReturn, FormPage, _LoadReturn):
    capability = Capability.MANAGE_BOARD
    form_class = ModerationForm
    success_message = "Challenge event recorded"

    def get_title(self):
        return f"Moderate {self.return_record.agency.name}'s return"

    def get(self, request, *args, **kwargs):
        if self.return_record.status not in (ReturnStatus.SUBMITTED, ReturnStatus.MODERATED):
            messages.error(request, "Only a submitted return can be moderated.")
            return redirect(self.return_record.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        answers = list(self.return_record.answers.select_related("standard").order_by("standard__number"))
        return {**super().get_form_kwargs(), "answers": answers, "ratings": self.cycle.ratings()}

    def run(self, form):
        return services.record_moderation(self.access, self.return_record, form, form.agreed())


class ActionCreateView(OnReturn, FormPage, _LoadReturn):
    capability = Capability.MANAGE_BOARD
    form_class = ActionItemForm
    success_message = "Action agreed"

    def get_title(self):
        return f"Agree an action with {self.return_record.agency.name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "return_record": self.return_record}

    def run(self, form):
        return services.save_action(self.access, self.return_record, form)


class ActionProgressView(OnReturn, FormPage, _LoadReturn):
    capability = Capability.EDIT_ACTIONS
    for_editing = True
    form_class = ActionProgressForm
    success_message = "Progress saved"

    def get_action(self):
        if not hasattr(self, "action"):
            self.action = get_object_for_user(
                ActionItem.objects.all(), self.access, pk=self.kwargs["action_id"], return_record=self.return_record
            )
        return self.action

    def get_title(self):
        return f"Progress: {self.get_action().description}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_action()}

    def run(self, form):
        return services.update_action_progress(self.access, self.get_action(), form)


class ReturnCloseView(OnReturn, ConfirmPage, _LoadReturn):
    capability = Capability.MANAGE_BOARD
    question = "Close {label}'s return?"
    button = "Yes, close it"
    crumb = "Close"
    success_message = "{label}'s return closed"
    service = staticmethod(services.close_return)

    def target(self):
        return self.return_record

    def target_label(self):
        return self.return_record.agency.name

    def consequences(self):
        return ["Its action items stay open until the agency marks them done."]

    def refusal(self):
        if self.return_record.status != ReturnStatus.MODERATED:
            return "Only a moderated return can be closed: record the challenge event first."
        return ""


# --- Multi-agency case-file audits -----------------------------------------------------------


def _audits_url(board):
    return board_url(board, "assurance:audit_list")


class InAudits(InAssurance):
    def trail(self):
        return [*super().trail(), ("Case-file audits", _audits_url(self.board))]


class AuditListView(InAudits, BoardPage):
    """The yearly audit programme: each audit's theme, status and sample size."""

    capability = Capability.VIEW_BOARD
    template_name = "assurance/audit_list.html"
    title = "Multi-agency case-file audits"

    def trail(self):
        return InAssurance.trail(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audits = (
            Audit.objects.visible_to(self.access)
            .select_related("reaudit_of")
            .annotate(case_count=Count("cases", distinct=True), finding_count=Count("findings", distinct=True))
            .order_by("-programme_year", "title")
        )
        context.update(audits=list(audits), can_manage=permissions.can_manage(self.access))
        return context


class AuditCreateView(InAudits, FormPage):
    capability = Capability.MANAGE_BOARD
    title = "Plan a case-file audit"
    form_class = AuditForm
    service = staticmethod(services.save_audit)
    success_message = "{object.title} added to the programme"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board, "instance": Audit(board=self.board)}

    def get_initial(self):
        reaudit_of = self.request.GET.get("reaudit_of", "")
        if reaudit_of.isdigit():
            original = Audit.objects.visible_to(self.access).filter(pk=int(reaudit_of)).first()
            if original is not None:
                return {
                    "title": f"Re-audit: {original.title}",
                    "theme": original.theme,
                    "lines_of_enquiry": original.lines_of_enquiry,
                    "reaudit_of": original.pk,
                    "agencies": list(original.agencies.values_list("pk", flat=True)),
                }
        return {}

    def cancel_url(self):
        return _audits_url(self.board)


class _LoadAudit(View):
    def dispatch(self, request, *args, **kwargs):
        self.audit = get_object_for_user(Audit.objects.select_related("reaudit_of"), self.access, pk=kwargs["audit_id"])
        return super().dispatch(request, *args, **kwargs)


class OnAudit(InAudits):
    def trail(self):
        return [*super().trail(), (self.audit.title, self.audit.get_absolute_url())]

    def get_caption(self):
        return self.audit.title

    def cancel_url(self):
        return self.audit.get_absolute_url()

    def get_success_url(self):
        return self.audit.get_absolute_url()


def grade_spread(cases):
    """{grade: count} over the audit's gradings, best first (from cases with gradings prefetched)."""
    counts = dict.fromkeys(Grade.values, 0)
    for case in cases:
        for grading in case.gradings.all():
            counts[grading.grade] += 1
    return [(Grade(grade).label, n) for grade, n in counts.items()]


class AuditDetailView(InAudits, BoardPage, _LoadAudit):
    capability = Capability.VIEW_BOARD
    template_name = "assurance/audit_detail.html"

    def get_title(self):
        return self.audit.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agencies = list(self.audit.agencies.order_by("name"))
        cases = list(self.audit.cases.prefetch_related("gradings"))
        for case in cases:
            by_agency = {g.agency_id: g for g in case.gradings.all()}
            case.row = [by_agency.get(a.pk) for a in agencies]
        before = None
        if self.audit.reaudit_of is not None:
            before_cases = list(self.audit.reaudit_of.cases.prefetch_related("gradings"))
            before = [
                (label, was, now)
                for (label, was), (_, now) in zip(grade_spread(before_cases), grade_spread(cases), strict=True)
            ]
        context.update(
            audit=self.audit,
            agencies=agencies,
            cases=cases,
            spread=grade_spread(cases),
            before_after=before,
            findings=list(self.audit.findings.select_related("owner_agency")),
            reaudits=list(self.audit.reaudits.all()),
            can_manage=permissions.can_manage(self.access),
        )
        return context


class AuditCaseAddView(OnAudit, FormPage, _LoadAudit):
    capability = Capability.MANAGE_BOARD
    form_class = AuditCaseForm
    success_message = "{object.reference} added to the sample"

    def get_title(self):
        return f"Add a case to {self.audit.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.audit.agencies.order_by("name")}

    def run(self, form):
        return services.add_case(self.access, self.audit, form)


class FindingAddView(OnAudit, FormPage, _LoadAudit):
    capability = Capability.MANAGE_BOARD
    form_class = FindingForm
    success_message = "Finding added"

    def get_title(self):
        return f"Add a finding to {self.audit.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "audit": self.audit}

    def run(self, form):
        return services.add_finding(self.access, self.audit, form)


class AuditCompleteView(OnAudit, ConfirmPage, _LoadAudit):
    capability = Capability.MANAGE_BOARD
    question = "Complete {label}?"
    button = "Yes, complete the audit"
    crumb = "Complete"
    success_message = "{label} completed"
    service = staticmethod(services.complete_audit)

    def target(self):
        return self.audit

    def consequences(self):
        return ["Its sample closes and its findings count in the annual report's quality assurance section."]

    def refusal(self):
        if self.audit.status == AuditStatus.COMPLETED:
            return "This audit is already completed."
        if not self.audit.cases.exists() or not self.audit.findings.exists():
            return "Add the sampled cases with their gradings, and the findings, before completing it."
        return ""


# --- Independent scrutiny ----------------------------------------------------------------------


def _scrutiny_url(board):
    return board_url(board, "assurance:scrutiny")


class InScrutiny(InAssurance):
    def trail(self):
        return [*super().trail(), ("Independent scrutiny", _scrutiny_url(self.board))]

    def cancel_url(self):
        return _scrutiny_url(self.board)

    def get_success_url(self):
        return _scrutiny_url(self.board)


class ScrutinyView(InAssurance, BoardPage):
    """The scrutineer's plan by year: activities, findings, recommendations and the partners'
    responses; and the statements attached to report revisions."""

    capability = Capability.VIEW_BOARD
    template_name = "assurance/scrutiny.html"
    title = "Independent scrutiny"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = list(ScrutinyActivity.objects.visible_to(self.access).order_by("-plan_year", "held_on", "id"))
        years = {}
        for activity in activities:
            years.setdefault(activity.plan_year, []).append(activity)
        context.update(
            years=sorted(years.items(), reverse=True),
            statements=list(
                ScrutinyStatement.objects.visible_to(self.access).select_related("revision__report", "signed_by")
            ),
            can_scrutinise=permissions.can_scrutinise(self.access),
            can_manage=permissions.can_manage(self.access),
        )
        return context


class ScrutinyActivityAddView(InScrutiny, FormPage):
    capability = Capability.SCRUTINISE
    title = "Record a scrutiny activity"
    form_class = ScrutinyActivityForm
    service = staticmethod(services.save_scrutiny_activity)
    success_message = "{object.title} recorded"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": ScrutinyActivity(board=self.board)}


class ScrutinyResponseView(InScrutiny, FormPage):
    capability = Capability.MANAGE_BOARD
    form_class = ScrutinyResponseForm
    success_message = "The partners' response is recorded"

    def get_activity(self):
        if not hasattr(self, "activity"):
            self.activity = get_object_for_user(
                ScrutinyActivity.objects.all(), self.access, pk=self.kwargs["activity_id"]
            )
        return self.activity

    def get_title(self):
        return f"Partners' response: {self.get_activity().title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_activity()}

    def run(self, form):
        return services.respond_to_scrutiny(self.access, self.get_activity(), form)


class ScrutinyStatementView(InScrutiny, FormPage):
    capability = Capability.SCRUTINISE
    title = "Attach the scrutineer's statement to the annual report"
    form_class = ScrutinyStatementForm
    service = staticmethod(services.sign_statement)
    success_message = "Statement attached to {object.revision}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}


# --- Practitioner surveys ----------------------------------------------------------------------


class InSurveys(InAssurance):
    def trail(self):
        return [*super().trail(), ("Practitioner surveys", board_url(self.board, "assurance:survey_list"))]


class SurveyListView(InAssurance, BoardPage):
    capability = Capability.VIEW_BOARD
    template_name = "assurance/survey_list.html"
    title = "Practitioner surveys"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            surveys=list(Survey.objects.visible_to(self.access).order_by("-year", "title")),
            can_manage=permissions.can_manage(self.access),
        )
        return context


class SurveyCreateView(InSurveys, FormPage):
    capability = Capability.MANAGE_BOARD
    title = "Add a practitioner survey"
    form_class = SurveyForm
    service = staticmethod(services.save_survey)
    success_message = "{object.title} added"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Survey(board=self.board)}

    def cancel_url(self):
        return board_url(self.board, "assurance:survey_list")


class _LoadSurvey(View):
    def dispatch(self, request, *args, **kwargs):
        self.survey = get_object_for_user(Survey.objects.all(), self.access, pk=kwargs["survey_id"])
        return super().dispatch(request, *args, **kwargs)


class SurveyDetailView(InSurveys, BoardPage, _LoadSurvey):
    """% agreeing per statement, overall and by agency: counts only."""

    capability = Capability.VIEW_BOARD
    template_name = "assurance/survey_detail.html"

    def get_title(self):
        return self.survey.title

    def get_context_data(self, **kwargs):
        from assurance.report_data import survey_rows  # noqa: PLC0415

        context = super().get_context_data(**kwargs)
        context.update(
            survey=self.survey,
            rows=survey_rows(self.survey, list(self.survey.results.select_related("agency"))),
            can_manage=permissions.can_manage(self.access),
        )
        return context


class SurveyResultsView(InSurveys, FormPage, _LoadSurvey):
    capability = Capability.MANAGE_BOARD
    form_class = SurveyResultsForm
    success_message = "Results saved"

    def get_title(self):
        return f"Add an agency's results: {self.survey.title}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.survey}

    def run(self, form):
        return services.record_survey_results(self.access, self.survey, form)

    def cancel_url(self):
        return self.survey.get_absolute_url()
