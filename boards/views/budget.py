"""The budget per financial year: contributions by agency (cash, in-kind), spend by category."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views.generic import ListView

from boards.forms.budget import BudgetForm, ContributionForm, SpendForm
from boards.forms.common import ConfirmForm
from boards.models import Budget, Contribution, Spend
from boards.services_records import remove_budget_line
from boards.views.records_common import ConfirmView, RecordFormView, RecordPage, RecordsMixin, fetch
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.permissions import BoardView, Capability


class BudgetListView(RecordsMixin, BoardView, ListView):
    capability = Capability.VIEW_BOARD
    template_name = "boards/budget_list.html"
    context_object_name = "budgets"

    def get_queryset(self):
        return Budget.objects.visible_to(self.access).order_by("-financial_year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budgets = list(context["budgets"])
        contributions = Contribution.objects.filter(budget__in=budgets).values_list("budget_id", "cash", "in_kind")
        spends = Spend.objects.filter(budget__in=budgets).values_list("budget_id", "amount")
        income, spend = {}, {}
        for budget_id, cash, in_kind in contributions:
            income[budget_id] = income.get(budget_id, 0) + cash + in_kind
        for budget_id, amount in spends:
            spend[budget_id] = spend.get(budget_id, 0) + amount
        context["rows"] = [(b, income.get(b.id, 0), spend.get(b.id, 0)) for b in budgets]
        return context


class BudgetDetailView(RecordPage):
    template_name = "boards/budget_detail.html"
    breadcrumb_parent = ("Budget", "budget_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget = fetch(Budget.objects, self.access, pk=self.kwargs["budget_id"])
        summary = budget.summary()
        agency_names = {row["contribution"].agency_id: row["agency"] for row in summary["contributions"]}
        context.update(
            budget=budget,
            summary=summary,
            history=change_log(
                Source(Budget.history.filter(id=budget.id), lambda r: "Budget"),
                Source(
                    Contribution.history.filter(budget_id=budget.id),
                    lambda r: f"Contribution: {agency_names.get(r.agency_id, 'a former contributor')}",
                    hide={"budget"},
                ),
                Source(
                    Spend.history.filter(budget_id=budget.id),
                    lambda r: f"Spend: {r.get_category_display()}",
                    hide={"budget"},
                ),
            ),
        )
        return context


class BudgetExportView(BoardView):
    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        budget = fetch(Budget.objects, self.access, pk=self.kwargs["budget_id"])
        summary = budget.summary()
        rows = [
            ["Contribution", r["agency"], r["cash"], r["in_kind"], r["total"], r["share_percent"]]
            for r in summary["contributions"]
        ]
        rows.append(
            [
                "Contributions total",
                "",
                summary["total_cash"],
                summary["total_in_kind"],
                summary["total_income"],
                100 if summary["total_income"] else None,
            ]
        )
        rows += [["Spend", r["category"], r["amount"] or 0, "", r["amount"] or 0, ""] for r in summary["spend"]]
        rows.append(["Spend total", "", summary["total_spend"], "", summary["total_spend"], ""])
        header = ["Line", "Agency or category", "Cash (£)", "In-kind (£)", "Total (£)", "Share of contributions (%)"]
        return csv_response(f"{self.board.slug}-budget-{budget.label.replace('/', '-')}.csv", header, rows)


class BudgetAddView(RecordFormView):
    form_class = BudgetForm
    audit_action = "boards.budget.created"
    heading = "Add a budget for a financial year"
    success_message = "Budget added"
    breadcrumb_parent = ("Budget", "budget_list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "today": timezone.localdate()}

    def get_success_url(self):
        if self.object is not None:
            return self.object.get_absolute_url()
        return self.board_url("budget_list")


class BudgetEditView(BudgetAddView):
    audit_action = "boards.budget.updated"
    success_message = "Budget saved"

    def setup_object(self):
        self.object = fetch(Budget.objects, self.access, pk=self.kwargs["budget_id"])

    def get_heading(self):
        return f"Change the notes of the {self.object.label} budget"


class BudgetChildMixin:
    breadcrumb_parent = ("Budget", "budget_list")

    def setup_budget(self):
        self.budget = fetch(Budget.objects, self.access, pk=self.kwargs["budget_id"])

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (str(self.budget), self.budget.get_absolute_url())]

    def get_success_url(self):
        return self.budget.get_absolute_url()


class ContributionAddView(BudgetChildMixin, RecordFormView):
    form_class = ContributionForm
    audit_action = "boards.budget.contribution_added"
    success_message = "Contribution added"

    def setup_object(self):
        self.setup_budget()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget": self.budget}

    def get_heading(self):
        return f"Add a contribution to the {self.budget.label} budget"


class ContributionEditView(ContributionAddView):
    audit_action = "boards.budget.contribution_updated"
    success_message = "Contribution saved"

    def setup_object(self):
        self.setup_budget()
        self.object = fetch(
            Contribution.objects.filter(budget=self.budget).select_related("agency"),
            self.access,
            pk=self.kwargs["line_id"],
        )

    def get_heading(self):
        return f"Change {self.object.agency}'s contribution for {self.budget.label}"


class SpendAddView(ContributionAddView):
    form_class = SpendForm
    audit_action = "boards.budget.spend_added"
    success_message = "Spend added"

    def get_heading(self):
        return f"Add spend to the {self.budget.label} budget"


class SpendEditView(SpendAddView):
    audit_action = "boards.budget.spend_updated"
    success_message = "Spend saved"

    def setup_object(self):
        self.setup_budget()
        self.object = fetch(Spend.objects.filter(budget=self.budget), self.access, pk=self.kwargs["line_id"])

    def get_heading(self):
        return f"Change spend on {self.object.get_category_display().lower()} for {self.budget.label}"


class BudgetLineRemoveView(BudgetChildMixin, ConfirmView):
    form_class = ConfirmForm
    model = None
    kind = ""

    def setup_object(self):
        self.setup_budget()
        self.object = fetch(self.model.objects.filter(budget=self.budget), self.access, pk=self.kwargs["line_id"])

    def get_heading(self):
        return f"Remove “{self.object}” from the {self.budget.label} budget?"

    def form_valid(self, form):
        remove_budget_line(self.access, self.object, self.kind)
        messages.success(self.request, "Removed from the budget")
        return HttpResponseRedirect(self.get_success_url())


class ContributionRemoveView(BudgetLineRemoveView):
    model = Contribution
    kind = "contribution"
    warning = "The change is kept in the budget's history."


class SpendRemoveView(BudgetLineRemoveView):
    model = Spend
    kind = "spend"
    warning = "The change is kept in the budget's history."
