"""The business plan: plans and their numbered priorities (actions are in views/actions.py).

Also BoardFormView, the old create/edit base the scorecard, inspections and yearly figures still
use until they are on the page kit (boards.views.base.SavedFormPage is its replacement).
"""

import datetime

from django.contrib import messages
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards import services
from boards.choices import RAG
from boards.forms.plan import BusinessPlanForm, PriorityForm
from boards.models import Action, BusinessPlan, Priority
from boards.querysets import LONG_OPEN_DAYS
from boards.views.base import Loads, SavedFormPage
from lscb.history import change_log
from lscb.pages import BoardPage, board_url
from lscb.permissions import BoardView, Capability, get_object_for_user


def long_open_before(today):
    """Actions opened on or before this date and still open are "long-open"."""
    return today - datetime.timedelta(days=LONG_OPEN_DAYS)


class BoardFormView(BoardView, TemplateView):
    """Create or edit one record of the board through a GOV.UK form.

    Subclasses set `form_class`, `audit_action` ("boards.indicator" → ".created"/".updated"),
    and say which object (if any) they edit and where to go next. boards.services.save_record
    saves and audits it; a form with errors is shown again with the error summary.
    """

    template_name = "boards/plan/form.html"
    form_class = None
    audit_action = ""
    page_title = ""
    show_history = True

    def get_object(self):
        return None

    def get_form_kwargs(self):
        return {}

    def get_form(self, data=None, files=None):
        return self.form_class(data=data, files=files, instance=self.object, **self.get_form_kwargs())

    def prepare(self, obj):
        """Set fields the form does not show (board, parent) on a new object before saving."""

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def get_cancel_url(self):
        return reverse("boards:dashboard", kwargs={"board_slug": self.board.slug})

    def get_breadcrumbs(self):
        return []

    def dispatch_prepare(self):
        self.object = self.get_object()

    def get(self, request, *args, **kwargs):
        self.dispatch_prepare()
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.dispatch_prepare()
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=200)
        created = form.instance.pk is None
        if created:
            self.prepare(form.instance)
        obj = services.save_record(self.access, form, self.audit_action)
        messages.success(request, f"{'Added' if created else 'Saved'}: {obj}")
        return HttpResponseRedirect(self.get_success_url(obj))

    def render_form(self, form, status=200):
        context = self.get_context_data(
            form=form,
            page_title=self.page_title,
            object=self.object,
            cancel_url=self.get_cancel_url(),
            breadcrumbs=self.get_breadcrumbs(),
            history=change_log(self.object.history.all()) if self.object is not None and self.show_history else None,
        )
        return render(self.request, self.template_name, context, status=status)


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
