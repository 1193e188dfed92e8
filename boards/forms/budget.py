"""The budget for a financial year: contributions by agency and spend by category."""

from django import forms

from boards.choices import SpendCategory
from boards.forms.common import BoardModelForm, money_field
from boards.models import Agency, Budget, Contribution, Spend, financial_year_label, financial_year_start
from boards.models.board import FIRST_FINANCIAL_YEAR


class BudgetForm(BoardModelForm):
    financial_year = forms.TypedChoiceField(
        label="Financial year", coerce=int, error_messages={"required": "Choose the financial year"}
    )

    class Meta:
        model = Budget
        fields = ["financial_year", "notes"]
        labels = {"notes": "Notes (optional)"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        current = financial_year_start(today)
        years = range(FIRST_FINANCIAL_YEAR, current + 3)
        self.fields["financial_year"].choices = [("", "Choose a year")] + [
            (y, financial_year_label(y)) for y in reversed(years)
        ]
        if self.instance.pk:
            del self.fields["financial_year"]  # a budget's year does not change

    def clean_financial_year(self):
        year = self.cleaned_data["financial_year"]
        if Budget.objects.filter(board=self.board, financial_year=year).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"There is already a budget for {financial_year_label(year)}")
        return year


class ContributionForm(BoardModelForm):
    board_field = None
    cash = money_field("Cash contribution (£)")
    in_kind = money_field(
        "Value of in-kind support (£)", help_text="For example, staff time or venues, at cost. Enter 0 if none."
    )

    class Meta:
        model = Contribution
        fields = ["agency", "cash", "in_kind", "in_kind_description"]
        labels = {"in_kind_description": "What the in-kind support is (optional)"}
        error_messages = {"agency": {"required": "Choose the agency"}}

    def __init__(self, *args, budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=self.board)
        self.fields["agency"].empty_label = "Choose an agency"

    def clean_agency(self):
        agency = self.cleaned_data["agency"]
        if Contribution.objects.filter(budget=self.budget, agency=agency).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{agency} already has a contribution in {self.budget.label}; change that one")
        return agency

    def save(self, commit=True):
        self.instance.budget = self.budget
        return super().save(commit=commit)


class SpendForm(BoardModelForm):
    board_field = None
    amount = money_field("Amount spent (£)")

    class Meta:
        model = Spend
        fields = ["category", "amount", "description"]
        labels = {"description": "Details (optional)"}
        error_messages = {"category": {"required": "Choose the category"}}

    def __init__(self, *args, budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category")] + list(SpendCategory.choices)

    def clean_category(self):
        category = self.cleaned_data["category"]
        if Spend.objects.filter(budget=self.budget, category=category).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                f"{SpendCategory(category).label} already has a line in {self.budget.label}; change that one"
            )
        return category

    def save(self, commit=True):
        self.instance.budget = self.budget
        return super().save(commit=commit)
