"""Actions of the business plan: the list with filters and CSV export, one action's page,
adding and editing actions, and progress updates by the owning agency."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards.forms.plan import ActionFilterForm, ActionForm, ActionStatusForm, ProgressUpdateForm
from boards.models import Action, Priority, financial_year_label, financial_year_start
from boards.views.plan import BoardFormView, long_open_before, plan_crumbs
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.permissions import BoardView, Capability, get_editable_object, get_object_for_user


def get_editable_action(access, action_id):
    """The action if this user may change it (business manager; author of the owning agency); else 404."""
    return get_editable_object(Action.objects.select_related("priority__plan__board"), access, pk=action_id)


def actions_crumbs(board):
    return [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Actions", reverse("boards:action_list", kwargs={"board_slug": board.slug})),
    ]


class FilteredActionsMixin:
    def filtered_actions(self):
        self.today = timezone.localdate()
        self.filter_form = ActionFilterForm(self.request.GET or None, board=self.board)
        actions = (
            Action.objects.visible_to(self.access)
            .select_related("priority__plan", "owner_agency", "owner_person")
            .annotate(last_update=Max("progress_updates__date"))
            .order_by("due_date", "priority__number", "id")
        )
        return self.filter_form.apply(actions, self.today)


class ActionListView(FilteredActionsMixin, BoardView, TemplateView):
    """Every action of the board's plans, filterable by agency, RAG and what needs attention."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/action_list.html"
    page_size = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = list(self.filtered_actions()[: self.page_size + 1])
        for action in actions:
            action.can_edit = action.is_editable_by(self.access)
        context.update(
            actions=actions[: self.page_size],
            truncated=len(actions) > self.page_size,
            filter_form=self.filter_form,
            today=self.today,
            long_open_before=long_open_before(self.today),
            query=self.request.GET.urlencode(),
            breadcrumbs=actions_crumbs(self.board)[:1] + [("Actions", None)],
        )
        return context


class ActionExportView(FilteredActionsMixin, BoardView):
    """The filtered list as CSV, for the business manager's spreadsheets."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        actions = self.filtered_actions()
        header = [
            "Plan",
            "Priority",
            "Action",
            "Owning agency",
            "Named person",
            "Work started",
            "Due",
            "RAG",
            "Overdue",
            "Open more than a year",
            "Little or no progress",
            "Cause",
            "Last progress update",
        ]
        rows = (
            [
                a.priority.plan.title,
                f"{a.priority.number}. {a.priority.title}",
                a.title,
                a.owner_agency.name if a.owner_agency else "",
                a.owner_person.full_name if a.owner_person else "",
                a.opened_on,
                a.due_date,
                a.get_rag_display(),
                a.is_overdue(self.today),
                a.is_long_open(self.today),
                a.little_or_no_progress,
                a.little_or_no_progress_cause,
                a.last_update,
            ]
            for a in actions.iterator()
        )
        return csv_response(f"{self.board.slug}-actions-{self.today:%Y-%m-%d}.csv", header, rows)


class ActionDetailView(BoardView, TemplateView):
    """One action: owner, dates, RAG, the progress updates with evidence of impact, its history."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/action_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = get_object_for_user(
            Action.objects.select_related("priority__plan__board", "owner_agency", "owner_person"),
            self.access,
            pk=self.kwargs["action_id"],
        )
        plan = action.priority.plan
        today = timezone.localdate()
        context.update(
            action=action,
            plan=plan,
            today=today,
            overdue=action.is_overdue(today),
            long_open=action.is_long_open(today),
            updates=list(action.progress_updates.all()),
            can_edit=action.is_editable_by(self.access),
            history=change_log(action.history.all()),
            breadcrumbs=plan_crumbs(self.board, plan) + [(action.title, None)],
            financial_year=financial_year_label(financial_year_start(today)),
        )
        return context


class ActionCreateView(BoardFormView):
    """The business manager adds an action under a priority."""

    capability = Capability.MANAGE_BOARD
    form_class = ActionForm
    audit_action = "boards.action"
    page_title = "Add an action"

    def dispatch_prepare(self):
        self.priority = get_object_for_user(
            Priority.objects.select_related("plan"), self.access, pk=self.kwargs["priority_id"]
        )
        self.object = None

    def get_form_kwargs(self):
        return {"board": self.board}

    def prepare(self, obj):
        obj.priority = self.priority

    def get_cancel_url(self):
        return self.priority.plan.get_absolute_url()

    def get_breadcrumbs(self):
        return plan_crumbs(self.board, self.priority.plan)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caption"] = str(self.priority)
        return context


class ActionEditView(BoardFormView):
    """The business manager edits everything; the owning agency's author its RAG and
    little-or-no-progress flag. Anyone else: 404 (the action is not theirs to change)."""

    capability = Capability.EDIT_ACTIONS
    audit_action = "boards.action"
    page_title = "Update the action"

    def dispatch_prepare(self):
        self.object = get_editable_action(self.access, self.kwargs["action_id"])

    def get_form(self, data=None, files=None):
        if self.access.is_business_manager:
            return ActionForm(data=data, instance=self.object, board=self.board)
        return ActionStatusForm(data=data, instance=self.object)

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_breadcrumbs(self):
        return plan_crumbs(self.board, self.object.priority.plan) + [(self.object.title, self.get_cancel_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caption"] = self.object.title
        return context


class ProgressUpdateCreateView(BoardFormView):
    """A progress update on an action, by its owning agency's author or the business manager.

    Giving a RAG with the update changes the action's RAG in the same transaction.
    """

    capability = Capability.EDIT_ACTIONS
    form_class = ProgressUpdateForm
    audit_action = "boards.progress_update"
    page_title = "Add a progress update"
    show_history = False

    def dispatch_prepare(self):
        self.action = get_editable_action(self.access, self.kwargs["action_id"])
        self.object = None

    def get_form_kwargs(self):
        return {"action": self.action}

    def prepare(self, obj):
        obj.action = self.action
        obj.author = self.request.user
        obj.author_name = self.request.user.get_full_name() or self.request.user.get_username()

    def after_save(self, obj, created):
        if obj.rag and obj.rag != self.action.rag:
            self.action.rag = obj.rag
            if self.action.little_or_no_progress and obj.rag == "complete":
                self.action.little_or_no_progress = False
                self.action.little_or_no_progress_cause = ""
            self.action.save()

    def get_success_url(self, obj):
        return self.action.get_absolute_url() + "#progress-updates"

    def get_cancel_url(self):
        return self.action.get_absolute_url()

    def get_breadcrumbs(self):
        return plan_crumbs(self.board, self.action.priority.plan) + [(self.action.title, self.get_cancel_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caption"] = self.action.title
        return context
