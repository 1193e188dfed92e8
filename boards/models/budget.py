"""The board's budget for a financial year: what each agency puts in, and what is spent on what."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.choices import SpendCategory
from boards.models.board import Agency, Board, financial_year_label
from boards.querysets import BudgetLineQuerySet, BudgetQuerySet

__all__ = ["Budget", "Contribution", "Spend"]

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Budget(models.Model):
    """The board's budget for one financial year (financial_year is the start year: 2025 = 2025/26)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="budgets")
    financial_year = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "financial_year"], name="one_budget_per_board_per_year"),
            models.CheckConstraint(
                condition=Q(financial_year__gte=2000, financial_year__lte=2100), name="budget_year_plausible"
            ),
        ]

    def __str__(self):
        return f"Budget {self.label}"

    def get_absolute_url(self):
        return reverse("boards:budget_detail", kwargs={"board_slug": self.board.slug, "budget_id": self.pk})

    @property
    def label(self):
        return financial_year_label(self.financial_year)

    def summary(self) -> dict:
        """Contributions with each partner's share, spend by category, and the totals (2 queries)."""
        contributions = list(self.contributions.select_related("agency").order_by("agency__name"))
        spends = {s.category: s for s in self.spends.all()}
        total_cash = sum((c.cash for c in contributions), Decimal("0"))
        total_in_kind = sum((c.in_kind for c in contributions), Decimal("0"))
        total_income = total_cash + total_in_kind
        rows = []
        for c in contributions:
            share = (c.total * 100 / total_income).quantize(Decimal("0.1")) if total_income else None
            rows.append(
                {
                    "contribution": c,
                    "agency": c.agency.name,
                    "cash": c.cash,
                    "in_kind": c.in_kind,
                    "total": c.total,
                    "share_percent": share,
                }
            )
        spend_rows = [
            {
                "category": label,
                "code": code,
                "spend": spends.get(code),
                "amount": spends[code].amount if code in spends else None,
            }
            for code, label in SpendCategory.choices
        ]
        total_spend = sum((s.amount for s in spends.values()), Decimal("0"))
        return {
            "contributions": rows,
            "spend": spend_rows,
            "total_cash": total_cash,
            "total_in_kind": total_in_kind,
            "total_income": total_income,
            "total_spend": total_spend,
            "cash_balance": total_cash - total_spend,  # in-kind support is not money to spend
        }


class Contribution(models.Model):
    """What one partner agency contributes in a year: cash, and the value of in-kind support."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contributions")
    cash = models.DecimalField(default=Decimal("0"), **MONEY)
    in_kind = models.DecimalField("in-kind value", default=Decimal("0"), **MONEY)
    in_kind_description = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "agency"], name="one_contribution_per_agency_per_year"),
            models.CheckConstraint(condition=Q(cash__gte=0) & Q(in_kind__gte=0), name="contribution_not_negative"),
        ]

    def __str__(self):
        return f"{self.agency}: £{self.total:,.2f}"

    @property
    def total(self) -> Decimal:
        return (self.cash or Decimal("0")) + (self.in_kind or Decimal("0"))


class Spend(models.Model):
    """Money spent in a year under one category (business unit, independent chair, …)."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="spends")
    category = models.CharField(max_length=30, choices=SpendCategory.choices)
    amount = models.DecimalField(**MONEY)
    description = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["budget", "category"]
        verbose_name_plural = "spend"
        constraints = [
            models.UniqueConstraint(fields=["budget", "category"], name="one_spend_line_per_category"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: £{self.amount:,.2f}"
