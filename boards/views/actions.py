"""Actions of the business plan: the list with filters and CSV export, one action's page,
adding and editing actions, and progress updates by the owning agency."""

from django.db.models import Max
from django.utils import timezone

from boards import services
from boards.forms.plan import ActionFilterForm, ActionForm, ActionStatusForm, ProgressUpdateForm
from boards.models import Action, Priority, financial_year_label, financial_year_start
from boards.views.base import SavedFormPage
from boards.views.plan import InPlans, long_open_before
from lscb.csv_io import csv_response
from lscb.history import change_log
from lscb.pages import BoardPage, ListPage, Loads
from lscb.permissions import Capability, get_editable_object, get_object_for_user


def get_editable_action(access, action_id):
    """The action if this user may change it (business manager; author of the owning agency); else 404."""
    return get_editable_object(Action.objects.select_related("priority__plan__board"), access, pk=action_id)


class FilteredActionsMixin:
    capability = Capability.VIEW_BOARD
    filter_form_class = ActionFilterForm
    export_url_name = "boards:action_export"

    def filtered_actions(self):
        self.today = timezone.localdate()
        actions = (
            Action.objects.visible_to(self.access)
            .select_related("priority__plan", "owner_agency", "owner_person")
            .annotate(last_update=Max("progress_updates__date"))
            .order_by("due_date", "priority__number", "id")
        )
        return self.get_filter_form().apply(actions, self.today)


class ActionListView(FilteredActionsMixin, ListPage):
    """Every action of the board's plans, filterable by agency, RAG and what needs attention."""

    title = "Actions"
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
            today=self.today,
            long_open_before=long_open_before(self.today),
        )
        return context


class ActionExportView(FilteredActionsMixin, ListPage):
    """The filtered list as CSV, for the business manager's spreadsheets."""

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


class OnAction(InPlans):
    """An action's pages: the trail goes through its plan to it, and they go back to it."""

    def trail(self):
        return [*super().trail(), (self.action.title, self.action.get_absolute_url())]

    def get_caption(self):
        return self.action.title

    def cancel_url(self):
        return self.action.get_absolute_url()


class ActionDetailView(InPlans, BoardPage, Loads):
    """One action: owner, dates, RAG, the progress updates with evidence of impact, its history."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/action_detail.html"

    def load(self):
        self.action = get_object_for_user(
            Action.objects.select_related("priority__plan__board", "owner_agency", "owner_person"),
            self.access,
            pk=self.kwargs["action_id"],
        )
        self.plan = self.action.priority.plan

    def get_title(self):
        return self.action.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.action
        today = timezone.localdate()
        context.update(
            action=action,
            plan=self.plan,
            today=today,
            overdue=action.is_overdue(today),
            long_open=action.is_long_open(today),
            updates=list(action.progress_updates.all()),
            can_edit=action.is_editable_by(self.access),
            history=change_log(action.history.all()),
            financial_year=financial_year_label(financial_year_start(today)),
        )
        return context


class ActionCreateView(InPlans, SavedFormPage):
    """The business manager adds an action under a priority."""

    form_class = ActionForm
    audit_action = "boards.action"
    title = "Add an action"

    def load(self):
        self.priority = get_object_for_user(
            Priority.objects.select_related("plan"), self.access, pk=self.kwargs["priority_id"]
        )
        self.plan = self.priority.plan

    def get_caption(self):
        return str(self.priority)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def new_fields(self):
        return {"priority": self.priority}

    def cancel_url(self):
        return self.plan.get_absolute_url()


class ActionEditView(OnAction, SavedFormPage):
    """The business manager edits everything; the owning agency's author its RAG and
    little-or-no-progress flag. Anyone else: 404 (the action is not theirs to change)."""

    capability = Capability.EDIT_ACTIONS
    title = "Update the action"

    def load(self):
        self.object = self.action = get_editable_action(self.access, self.kwargs["action_id"])
        self.plan = self.action.priority.plan

    def get_form_class(self):
        return ActionForm if self.access.can(Capability.MANAGE_BOARD) else ActionStatusForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.get_form_class() is ActionForm:
            kwargs["board"] = self.board
        return kwargs

    def save(self, form):
        return services.update_action(self.access, form)


class ProgressUpdateCreateView(OnAction, SavedFormPage):
    """A progress update on an action, by its owning agency's author or the business manager.
    Giving a RAG with the update changes the action's RAG (services.add_progress_update)."""

    capability = Capability.EDIT_ACTIONS
    form_class = ProgressUpdateForm
    title = "Add a progress update"
    show_history = False

    def load(self):
        self.action = get_editable_action(self.access, self.kwargs["action_id"])
        self.plan = self.action.priority.plan

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action}

    def save(self, form):
        return services.add_progress_update(self.access, self.action, form)

    def get_success_url(self):
        return self.action.get_absolute_url() + "#progress-updates"
