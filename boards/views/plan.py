"""The business plan: plans and their numbered priorities (actions are in views/actions.py)."""

import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from boards.choices import RAG
from boards.forms.plan import BusinessPlanForm, PriorityForm
from boards.models import Action, BusinessPlan, Priority
from boards.querysets import LONG_OPEN_DAYS
from boards.views.base import SavedFormPage
from lscb.history import change_log
from lscb.pages import BoardPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


def long_open_before(today):
    """Actions opened on or before this date and still open are "long-open"."""
    return today - datetime.timedelta(days=LONG_OPEN_DAYS)


class InPlans:
    """Pages under Business plans; `self.plan` (if set) is in the trail too."""

    plan = None

    def trail(self):
        trail = [("Business plans", board_url(self.board, "boards:plan_list"))]
        if self.plan is not None and self.plan.pk:
            trail.append((self.plan.title, self.plan.get_absolute_url()))
        return trail


class PlanListView(BoardPage):
    """The board's business plans, newest first, with how many actions each has open."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/plan_list.html"
    title = "Business plans"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = BusinessPlan.objects.visible_to(self.access).annotate(
            priority_count=Count("priorities", distinct=True),
            open_action_count=Count("priorities__actions", filter=~Q(priorities__actions__rag=RAG.COMPLETE)),
        )
        return context


class PlanDetailView(InPlans, BoardPage, Loads):
    """One plan: its numbered priorities and every action under them, highlighted when late."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/plan_detail.html"

    def load(self):
        self.detail = get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])

    def get_title(self):
        return self.detail.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.detail
        today = timezone.localdate()
        priorities = list(plan.priorities.order_by("number"))
        actions = (
            Action.objects.filter(priority__plan=plan)
            .select_related("priority__plan", "owner_agency", "owner_person")
            .annotate(last_update=models.Max("progress_updates__date"))
            .order_by("due_date", "id")
        )
        by_priority = {p.pk: [] for p in priorities}
        for action in actions:
            action.can_edit = action.is_editable_by(self.access)
            by_priority[action.priority_id].append(action)
        for priority in priorities:
            priority.action_rows = by_priority[priority.pk]
            priority.caption = f"Actions under priority {priority.number}"
        context.update(
            plan=plan,
            priorities=priorities,
            today=today,
            long_open_before=long_open_before(today),
            history=change_log(plan.history.all()),
        )
        return context


class PlanCreateView(InPlans, SavedFormPage):
    form_class = BusinessPlanForm
    audit_action = "boards.business_plan"
    title = "Add a business plan"

    def new_fields(self):
        return {"board": self.board}

    def cancel_url(self):
        return board_url(self.board, "boards:plan_list")


class PlanEditView(PlanCreateView):
    title = "Edit the business plan"

    def load(self):
        self.object = self.plan = get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])

    def cancel_url(self):
        return self.object.get_absolute_url()


class PriorityCreateView(InPlans, SavedFormPage):
    form_class = PriorityForm
    audit_action = "boards.priority"
    title = "Add a priority"

    def load(self):
        self.plan = get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])

    def get_initial(self):
        last = self.plan.priorities.aggregate(n=models.Max("number"))["n"] or 0
        return {"number": last + 1}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def new_fields(self):
        return {"plan": self.plan}

    def get_success_url(self):
        return self.plan.get_absolute_url() + f"#priority-{self.object.number}"

    def cancel_url(self):
        return self.plan.get_absolute_url()


class PriorityEditView(PriorityCreateView):
    title = "Edit the priority"

    def load(self):
        self.object = get_object_for_user(
            Priority.objects.select_related("plan"), self.access, pk=self.kwargs["priority_id"]
        )
        self.plan = self.object.plan

    def get_initial(self):
        return {}
