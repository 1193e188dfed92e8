"""The budget per financial year: contributions by agency (cash, in-kind), spend by category."""

from django.utils import timezone

from boards import services
from boards.forms.budget import BudgetForm, ContributionForm, SpendForm
from boards.models import Budget, Contribution, Spend
from boards.views.base import RecordFormPage
from lscb.csv_io import csv_response
from lscb.history import Source, change_log
from lscb.pages import BoardPage, ConfirmPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user


class InBudget:
    def trail(self):
        return [("Budget", board_url(self.board, "boards:budget_list"))]


def _budget(view):
    return get_object_for_user(Budget.objects, view.access, pk=view.kwargs["budget_id"])


class BudgetListView(ListPage):
    capability = Capability.VIEW_BOARD
    template_name = "boards/budget_list.html"
    title = "Budget"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budgets = list(Budget.objects.visible_to(self.access).order_by("-financial_year"))
        context["budgets"] = budgets
        contributions = Contribution.objects.filter(budget__in=budgets).values_list("budget_id", "cash", "in_kind")
        spends = Spend.objects.filter(budget__in=budgets).values_list("budget_id", "amount")
        income, spend = {}, {}
        for budget_id, cash, in_kind in contributions:
            income[budget_id] = income.get(budget_id, 0) + cash + in_kind
        for budget_id, amount in spends:
            spend[budget_id] = spend.get(budget_id, 0) + amount
        context["rows"] = [(b, income.get(b.id, 0), spend.get(b.id, 0)) for b in budgets]
        return context


class BudgetDetailView(InBudget, BoardPage, Loads):
    capability = Capability.VIEW_BOARD
    template_name = "boards/budget_detail.html"

    def load(self):
        self.budget = _budget(self)

    def get_title(self):
        return f"Budget {self.budget.label}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget = self.budget
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


class BudgetExportView(BoardPage):
    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        budget = _budget(self)
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


class BudgetAddView(InBudget, RecordFormPage):
    form_class = BudgetForm
    audit_action = "boards.budget.created"
    title = "Add a budget for a financial year"
    success_message = "Budget added"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "today": timezone.localdate()}

    def get_success_url(self):
        if self.object is not None:
            return self.object.get_absolute_url()
        return board_url(self.board, "boards:budget_list")


class BudgetEditView(BudgetAddView):
    audit_action = "boards.budget.updated"
    success_message = "Budget saved"

    def load(self):
        self.object = _budget(self)

    def get_title(self):
        return f"Change the notes of the {self.object.label} budget"


class OnBudget(InBudget):
    """A budget's lines: their pages go back to the budget."""

    def trail(self):
        return [*super().trail(), (str(self.budget), self.budget.get_absolute_url())]

    def get_success_url(self):
        return self.budget.get_absolute_url()

    def cancel_url(self):
        return self.budget.get_absolute_url()


class ContributionAddView(OnBudget, RecordFormPage):
    form_class = ContributionForm
    audit_action = "boards.budget.contribution_added"
    success_message = "Contribution added"

    def load(self):
        self.budget = _budget(self)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "budget": self.budget}

    def get_title(self):
        return f"Add a contribution to the {self.budget.label} budget"


class ContributionEditView(ContributionAddView):
    audit_action = "boards.budget.contribution_updated"
    success_message = "Contribution saved"

    def load(self):
        super().load()
        self.object = get_object_for_user(
            Contribution.objects.filter(budget=self.budget).select_related("agency"),
            self.access,
            pk=self.kwargs["line_id"],
        )

    def get_title(self):
        return f"Change {self.object.agency}'s contribution for {self.budget.label}"


class SpendAddView(ContributionAddView):
    form_class = SpendForm
    audit_action = "boards.budget.spend_added"
    success_message = "Spend added"

    def get_title(self):
        return f"Add spend to the {self.budget.label} budget"


class SpendEditView(SpendAddView):
    audit_action = "boards.budget.spend_updated"
    success_message = "Spend saved"

    def load(self):
        self.budget = _budget(self)
        self.object = get_object_for_user(
            Spend.objects.filter(budget=self.budget), self.access, pk=self.kwargs["line_id"]
        )

    def get_title(self):
        return f"Change spend on {self.object.get_category_display().lower()} for {self.budget.label}"


class BudgetLineRemoveView(OnBudget, ConfirmPage, Loads):
    capability = Capability.MANAGE_BOARD
    model = None
    question = "Remove “{label}” from the {budget} budget?"
    warning = "The change is kept in the budget's history."
    success_message = "Removed from the budget"

    def load(self):
        self.budget = _budget(self)
        self.line = get_object_for_user(
            self.model.objects.filter(budget=self.budget), self.access, pk=self.kwargs["line_id"]
        )

    def target(self):
        return self.line

    def get_title(self):
        return self.question.format(label=self.target_label(), budget=self.budget.label)

    def service(self, access, line):
        services.remove_budget_line(access, line)


class ContributionRemoveView(BudgetLineRemoveView):
    model = Contribution


class SpendRemoveView(BudgetLineRemoveView):
    model = Spend
