"""The business plan: plans and their numbered priorities (actions are in views/actions.py).

Also the create/edit form view every plan/performance page shares (permission → validate →
atomic save → audit → message), showing the record's change history (lscb.history).
"""

import datetime

from django.contrib import messages
from django.db import models, transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards.choices import RAG
from boards.forms.plan import BusinessPlanForm, PriorityForm
from boards.models import Action, BusinessPlan, Priority
from boards.querysets import LONG_OPEN_DAYS
from lscb import audit
from lscb.history import change_log
from lscb.permissions import BoardView, Capability, get_object_for_user


def long_open_before(today):
    """Actions opened on or before this date and still open are "long-open"."""
    return today - datetime.timedelta(days=LONG_OPEN_DAYS)


class BoardFormView(BoardView, TemplateView):
    """Create or edit one record of the board through a GOV.UK form.

    Subclasses set `form_class`, `audit_action` ("boards.indicator" → ".created"/".updated"),
    and say which object (if any) they edit and where to go next. Saving is one transaction
    with its audit entry; a form with errors is shown again with the error summary.
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
        with transaction.atomic():
            obj = form.save(commit=False)
            if created:
                self.prepare(obj)
            obj.save()
            form.save_m2m()
            self.after_save(obj, created)
            audit.record(
                f"{self.audit_action}.{'created' if created else 'updated'}",
                actor=request.user,
                board=self.board,
                target=obj,
                changed=sorted(form.changed_data),
            )
        messages.success(request, f"{'Added' if created else 'Saved'}: {obj}")
        return HttpResponseRedirect(self.get_success_url(obj))

    def after_save(self, obj, created):
        """Further changes in the same transaction (e.g. an action's RAG from a progress update)."""

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


def plan_crumbs(board, plan=None):
    crumbs = [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Business plans", reverse("boards:plan_list", kwargs={"board_slug": board.slug})),
    ]
    if plan is not None:
        crumbs.append((plan.title, plan.get_absolute_url()))
    return crumbs


class PlanListView(BoardView, TemplateView):
    """The board's business plans, newest first, with how many actions each has open."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/plan_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = BusinessPlan.objects.visible_to(self.access).annotate(
            priority_count=Count("priorities", distinct=True),
            open_action_count=Count("priorities__actions", filter=~Q(priorities__actions__rag=RAG.COMPLETE)),
        )
        context["breadcrumbs"] = plan_crumbs(self.board)[:1] + [("Business plans", None)]
        return context


class PlanDetailView(BoardView, TemplateView):
    """One plan: its numbered priorities and every action under them, highlighted when late."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/plan/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])
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
            breadcrumbs=plan_crumbs(self.board)[:2] + [(plan.title, None)],
        )
        return context


class PlanCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = BusinessPlanForm
    audit_action = "boards.business_plan"
    page_title = "Add a business plan"

    def prepare(self, obj):
        obj.board = self.board

    def get_cancel_url(self):
        return reverse("boards:plan_list", kwargs={"board_slug": self.board.slug})

    def get_breadcrumbs(self):
        return plan_crumbs(self.board)


class PlanEditView(PlanCreateView):
    page_title = "Edit the business plan"

    def get_object(self):
        return get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def get_breadcrumbs(self):
        return plan_crumbs(self.board, self.object)


class PriorityCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = PriorityForm
    audit_action = "boards.priority"
    page_title = "Add a priority"

    def dispatch_prepare(self):
        self.plan = get_object_for_user(BusinessPlan.objects, self.access, pk=self.kwargs["plan_id"])
        self.object = None

    def get_form(self, data=None, files=None):
        initial = {}
        if self.object is None:
            last = self.plan.priorities.aggregate(n=models.Max("number"))["n"] or 0
            initial["number"] = last + 1
        return self.form_class(data=data, instance=self.object, plan=self.plan, initial=initial)

    def prepare(self, obj):
        obj.plan = self.plan

    def get_success_url(self, obj):
        return self.plan.get_absolute_url() + f"#priority-{obj.number}"

    def get_cancel_url(self):
        return self.plan.get_absolute_url()

    def get_breadcrumbs(self):
        return plan_crumbs(self.board, self.plan)


class PriorityEditView(PriorityCreateView):
    page_title = "Edit the priority"

    def dispatch_prepare(self):
        self.object = get_object_for_user(
            Priority.objects.select_related("plan"), self.access, pk=self.kwargs["priority_id"]
        )
        self.plan = self.object.plan
