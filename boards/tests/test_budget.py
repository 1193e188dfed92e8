"""The budget per financial year: contributions (cash, in-kind), spend by category, totals, shares."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse

from boards.choices import SpendCategory
from boards.models import Budget, Contribution, Spend
from boards.tests.factories import BudgetFactory, ContributionFactory, SpendFactory
from lscb.models import AuditEntry


def url(world, name, **kwargs):
    return reverse(f"boards:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def test_summary_gives_totals_and_each_partners_share(world):
    budget = BudgetFactory(board=world.board, financial_year=2025)
    ContributionFactory(budget=budget, agency=world.agency, cash=Decimal("60000"), in_kind=Decimal("15000"))
    ContributionFactory(budget=budget, agency=world.other_agency, cash=Decimal("25000"), in_kind=Decimal("0"))
    SpendFactory(budget=budget, category=SpendCategory.BUSINESS_UNIT, amount=Decimal("70000"))
    SpendFactory(budget=budget, category=SpendCategory.TRAINING, amount=Decimal("12500.50"))
    summary = budget.summary()
    assert summary["total_cash"] == Decimal("85000")
    assert summary["total_in_kind"] == Decimal("15000")
    assert summary["total_income"] == Decimal("100000")
    assert summary["total_spend"] == Decimal("82500.50")
    assert summary["cash_balance"] == Decimal("2499.50")
    shares = {row["agency"]: row["share_percent"] for row in summary["contributions"]}
    assert shares == {"Home Police": Decimal("75.0"), "Home Children's Services": Decimal("25.0")}
    assert [row["category"] for row in summary["spend"]] == [label for _, label in SpendCategory.choices]


def test_the_database_refuses_negative_money(world):
    budget = BudgetFactory(board=world.board)
    with transaction.atomic(), __import__("pytest").raises(IntegrityError):
        Contribution.objects.create(budget=budget, agency=world.agency, cash=Decimal("-1"))
    with transaction.atomic(), __import__("pytest").raises(IntegrityError):
        Spend.objects.create(budget=budget, category=SpendCategory.OTHER, amount=Decimal("-0.01"))


def test_business_manager_sets_up_a_years_budget(client_for, world):
    client = client_for("business_manager")
    response = client.post(url(world, "budget_add"), {"financial_year": "2025", "notes": "Agreed by the executive"})
    budget = Budget.objects.get(board=world.board, financial_year=2025)
    assert response["Location"] == url(world, "budget_detail", budget_id=budget.pk)
    response = client.post(url(world, "budget_add"), {"financial_year": "2025"})
    assert "There is already a budget for 2025/26" in response.content.decode()
    client.post(
        url(world, "contribution_add", budget_id=budget.pk),
        {"agency": world.agency.pk, "cash": "1,000.50", "in_kind": "0"},
    )
    client.post(
        url(world, "spend_add", budget_id=budget.pk),
        {"category": SpendCategory.INDEPENDENT_CHAIR, "amount": "800", "description": "Chair's fees"},
    )
    page = client.get(url(world, "budget_detail", budget_id=budget.pk)).content.decode()
    assert "Budget 2025/26" in page
    assert "£1,000.50" in page and "£800.00" in page and "100.0%" in page
    assert "Contribution: Home Police: created" in page  # history on the page
    assert AuditEntry.objects.filter(action="boards.budget.contribution_added").exists()


def test_money_must_not_be_negative_or_nonsense(client_for, world):
    budget = BudgetFactory(board=world.board)
    client = client_for("business_manager")
    response = client.post(
        url(world, "contribution_add", budget_id=budget.pk), {"agency": world.agency.pk, "cash": "-5", "in_kind": "ten"}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Cash contribution (£) must be £0 or more" in page
    assert "Value of in-kind support (£) must be an amount of money" in page
    response = client.post(url(world, "spend_add", budget_id=budget.pk), {"category": "training", "amount": "1.999"})
    assert "must have no more than 2 decimal places" in response.content.decode()
    assert not Contribution.objects.exists() and not Spend.objects.exists()


def test_one_line_per_agency_and_per_category(client_for, world):
    budget = BudgetFactory(board=world.board)
    ContributionFactory(budget=budget, agency=world.agency)
    SpendFactory(budget=budget, category=SpendCategory.TRAINING)
    client = client_for("business_manager")
    response = client.post(
        url(world, "contribution_add", budget_id=budget.pk), {"agency": world.agency.pk, "cash": "1", "in_kind": "0"}
    )
    assert "Home Police already has a contribution in 2025/26" in response.content.decode()
    response = client.post(url(world, "spend_add", budget_id=budget.pk), {"category": "training", "amount": "1"})
    assert "Training already has a line in 2025/26" in response.content.decode()


def test_another_boards_agency_cannot_contribute(client_for, world):
    budget = BudgetFactory(board=world.board)
    response = client_for("business_manager").post(
        url(world, "contribution_add", budget_id=budget.pk),
        {"agency": world.foreign_agency.pk, "cash": "1", "in_kind": "0"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Contribution.objects.exists()


def test_removing_a_line_asks_first_and_is_kept_in_history(client_for, world):
    budget = BudgetFactory(board=world.board)
    line = SpendFactory(budget=budget, category=SpendCategory.COMMUNICATIONS, amount=Decimal("250"))
    client = client_for("business_manager")
    page = client.get(url(world, "spend_remove", budget_id=budget.pk, line_id=line.pk)).content.decode()
    assert "Remove “Communications: £250.00” from the 2025/26 budget?" in page
    assert Spend.objects.filter(pk=line.pk).exists()
    client.post(url(world, "spend_remove", budget_id=budget.pk, line_id=line.pk))
    assert not Spend.objects.filter(pk=line.pk).exists()
    page = client.get(url(world, "budget_detail", budget_id=budget.pk)).content.decode()
    assert "Spend: Communications: deleted" in page


def test_budget_export_lists_contributions_and_spend(client_for, world):
    budget = BudgetFactory(board=world.board)
    ContributionFactory(budget=budget, agency=world.agency, cash=Decimal("300"), in_kind=Decimal("100"))
    SpendFactory(budget=budget, category=SpendCategory.CASE_REVIEWS, amount=Decimal("150"))
    text = client_for("chair").get(url(world, "budget_export", budget_id=budget.pk)).content.decode("utf-8-sig")
    assert "Contribution,Home Police,300.00,100.00,400.00,100.0" in text
    assert "Spend,Case reviews,150.00,,150.00," in text
    assert "Spend total,,150.00,,150.00," in text


def test_budget_list_shows_each_years_totals(client_for, world):
    for year, cash in ((2024, "100"), (2025, "200")):
        budget = BudgetFactory(board=world.board, financial_year=year)
        ContributionFactory(budget=budget, agency=world.agency, cash=Decimal(cash))
    BudgetFactory(board=world.other_board, financial_year=2023)
    page = client_for("member").get(url(world, "budget_list")).content.decode()
    assert "2024/25" in page and "2025/26" in page and "2023/24" not in page
    assert "£200.00" in page and "£100.00" in page
