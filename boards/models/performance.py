"""How the board knows it is making a difference: the performance scorecard, inspections of
local services with their recommendations, and the yearly CDOP and LADO aggregates."""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.choices import (
    CdopCategory,
    Frequency,
    IndicatorUnit,
    Inspectorate,
    Judgement,
    LadoOutcome,
    LadoSector,
    LadoTimeliness,
    Polarity,
    RecommendationStatus,
)
from boards.models.board import Agency, Board, financial_quarter, financial_year_label, financial_year_start
from boards.querysets import (
    IndicatorQuerySet,
    IndicatorValueQuerySet,
    InspectionQuerySet,
    RecommendationQuerySet,
    YearlyAggregateQuerySet,
)

__all__ = [
    "CdopYear",
    "Indicator",
    "IndicatorValue",
    "Inspection",
    "InspectionRecommendation",
    "LadoYear",
]

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Indicator(models.Model):
    """One measure on the board's performance scorecard, with its target and benchmarks."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="indicators")
    # A short reference used in CSV uploads, e.g. "CP-REPEAT".
    code = models.SlugField(
        "Reference", max_length=40, help_text="A short reference used in CSV uploads, e.g. cp-repeat"
    )
    name = models.CharField(max_length=200)
    definition = models.TextField()
    owner_agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY)
    unit = models.CharField(max_length=10, choices=IndicatorUnit.choices, default=IndicatorUnit.NUMBER)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    statistical_neighbour_benchmark = models.DecimalField(
        "Statistical neighbours", max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    england_benchmark = models.DecimalField(
        "England", max_digits=12, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )

    history = HistoricalRecords()
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "code"], name="indicator_code_unique_in_board"),
            models.UniqueConstraint(fields=["board", "name"], name="indicator_name_unique_in_board"),
            models.CheckConstraint(condition=Q(target__isnull=True) | Q(target__gte=0), name="indicator_target_gte_0"),
            models.CheckConstraint(
                condition=~Q(unit=IndicatorUnit.PERCENT) | Q(target__isnull=True) | Q(target__lte=100),
                name="indicator_percent_target_lte_100",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:indicator_detail", kwargs={"board_slug": self.board.slug, "indicator_id": self.pk})

    @property
    def is_percentage(self):
        return self.unit == IndicatorUnit.PERCENT

    def period_label(self, period_end: datetime.date) -> str:
        return period_label(self.frequency, period_end)


def period_label(frequency: str, period_end: datetime.date) -> str:
    """How boards name a reporting period: "Q2 2025/26", "Sep 2025", "2025/26"."""
    year = financial_year_start(period_end)
    if frequency == Frequency.QUARTERLY:
        return f"Q{financial_quarter(period_end)} {financial_year_label(year)}"
    if frequency == Frequency.MONTHLY:
        return period_end.strftime("%b %Y")
    return financial_year_label(year)


class IndicatorValue(models.Model):
    """An indicator's value for one reporting period, with the owner's commentary."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_end = models.DateField(help_text="The last day of the period the value covers")
    value = models.DecimalField(max_digits=12, decimal_places=2, validators=NON_NEGATIVE)
    commentary = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_end"], name="indicator_value_one_per_period"),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_gte_0"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_label}"

    @property
    def period_label(self):
        return period_label(self.indicator.frequency, self.period_end)


class Inspection(models.Model):
    """An inspection of local services (Ofsted ILACS, a JTAI, CQC…) and its overall judgement."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="inspections")
    inspectorate = models.CharField(max_length=20, choices=Inspectorate.choices, default=Inspectorate.OFSTED)
    title = models.CharField(max_length=200, help_text="For example: Inspection of local authority children's services")
    start_date = models.DateField("Inspection started")
    end_date = models.DateField("Inspection ended")
    published_on = models.DateField("Report published", null=True, blank=True)
    judgement = models.CharField(max_length=30, choices=Judgement.choices)
    summary = models.TextField("Summary of findings", blank=True)

    history = HistoricalRecords()
    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="inspection_dates_in_order"),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=F("end_date")),
                name="inspection_published_after_end",
            ),
        ]

    def __str__(self):
        return f"{self.get_inspectorate_display()}: {self.title} ({self.start_date:%B %Y})"

    def get_absolute_url(self):
        return reverse("boards:inspection_detail", kwargs={"board_slug": self.board.slug, "inspection_id": self.pk})


class InspectionRecommendation(models.Model):
    """A recommendation of an inspection: who owns the response, by when, and where it stands."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("Recommendation")
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="inspection_recommendations"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN)
    progress = models.TextField("Progress so far", blank=True)

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="recommendation_number_unique"),
        ]

    def __str__(self):
        return f"Recommendation {self.number}"


def _counts_field(choices):
    """A JSON object of {choice value: non-negative count}; the forms keep every key present."""
    return models.JSONField(default=dict, blank=True, help_text=", ".join(choices.values))


class CdopYear(models.Model):
    """The child death overview panel's figures for one financial year (aggregates only)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cdop_years")
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts, e.g. 2025")
    # Each count is None when the board does not know it (the report says "not known", never 0).
    deaths_notified = models.PositiveIntegerField(null=True, blank=True)
    expected_deaths = models.PositiveIntegerField(null=True, blank=True)
    unexpected_deaths = models.PositiveIntegerField(null=True, blank=True)
    reviews_completed = models.PositiveIntegerField(null=True, blank=True)
    reviews_with_modifiable_factors = models.PositiveIntegerField(null=True, blank=True)
    # Category of death for each completed review: {CdopCategory value: count}.
    categories = _counts_field(CdopCategory)
    commentary = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = YearlyAggregateQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year"]
        verbose_name = "CDOP year"
        constraints = [
            models.UniqueConstraint(fields=["board", "financial_year"], name="cdop_one_row_per_year"),
            models.CheckConstraint(
                condition=Q(expected_deaths__gte=0)
                & Q(unexpected_deaths__gte=0)
                & Q(deaths_notified=F("expected_deaths") + F("unexpected_deaths")),
                name="cdop_expected_plus_unexpected_is_notified",
            ),
            models.CheckConstraint(
                condition=Q(reviews_with_modifiable_factors__lte=F("reviews_completed")),
                name="cdop_modifiable_within_reviews",
            ),
        ]

    def __str__(self):
        return f"CDOP {financial_year_label(self.financial_year)}"

    @property
    def label(self):
        return financial_year_label(self.financial_year)

    def category_rows(self):
        return [(label, self.categories.get(value, 0)) for value, label in CdopCategory.choices]


class LadoYear(models.Model):
    """The LADO's figures for one financial year: referrals by sector, outcomes, timeliness."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="lado_years")
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts, e.g. 2025")
    # Contacts that did not meet the threshold for a LADO referral.
    consultations = models.PositiveIntegerField(default=0)
    referrals = models.PositiveIntegerField()
    referrals_by_sector = _counts_field(LadoSector)
    # Allegations concluded in the year, by outcome and by time taken.
    outcomes = _counts_field(LadoOutcome)
    timeliness = _counts_field(LadoTimeliness)
    commentary = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = YearlyAggregateQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year"]
        verbose_name = "LADO year"
        constraints = [
            models.UniqueConstraint(fields=["board", "financial_year"], name="lado_one_row_per_year"),
        ]

    def __str__(self):
        return f"LADO {financial_year_label(self.financial_year)}"

    @property
    def label(self):
        return financial_year_label(self.financial_year)

    @property
    def concluded(self):
        return sum(self.outcomes.get(value, 0) for value in LadoOutcome.values)

    def sector_rows(self):
        return [(label, self.referrals_by_sector.get(value, 0)) for value, label in LadoSector.choices]

    def outcome_rows(self):
        return [(label, self.outcomes.get(value, 0)) for value, label in LadoOutcome.choices]

    def timeliness_rows(self):
        return [(label, self.timeliness.get(value, 0)) for value, label in LadoTimeliness.choices]
