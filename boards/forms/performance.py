"""Forms for the scorecard, inspections and the yearly CDOP and LADO figures."""

from decimal import Decimal

from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms

from boards.choices import CdopCategory, IndicatorUnit, LadoOutcome, LadoSector, LadoTimeliness, RecommendationStatus
from boards.forms.common import check_dates_in_order
from boards.forms.plan import PlanModelForm, style_widgets
from boards.models import (
    Agency,
    CdopYear,
    Indicator,
    IndicatorValue,
    Inspection,
    InspectionRecommendation,
    LadoYear,
)
from lscb.forms import DateInput, GovukForm

HUNDRED = Decimal(100)


class IndicatorForm(PlanModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "owner_agency",
            "polarity",
            "frequency",
            "unit",
            "target",
            "statistical_neighbour_benchmark",
            "england_benchmark",
        ]
        labels = {
            "owner_agency": "Owning agency",
            "statistical_neighbour_benchmark": "Statistical neighbours' average",
            "england_benchmark": "England average",
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "polarity": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "unit": forms.RadioSelect,
        }

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.owner_choices(board, self.instance.owner_agency_id)

    def _unique(self, field, value, message):
        clash = Indicator.objects.filter(board=self.board, **{field: value}).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(message)
        return value

    def clean_code(self):
        return self._unique("code", self.cleaned_data["code"], "Another indicator already uses this reference")

    def clean_name(self):
        return self._unique("name", self.cleaned_data["name"], "Another indicator already has this name")

    def clean(self):
        cleaned = super().clean()
        for name in ("target", "statistical_neighbour_benchmark", "england_benchmark"):
            value = cleaned.get(name)
            if value is None:
                continue
            if value < 0:
                self.add_error(name, "Enter a number that is 0 or more")
            elif cleaned.get("unit") == IndicatorUnit.PERCENT and value > HUNDRED:
                self.add_error(name, "A percentage must be between 0 and 100")
        return cleaned


class IndicatorValueForm(PlanModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["period_end", "value", "commentary"]
        labels = {"period_end": "Last day of the period"}
        help_texts = {"period_end": "For example 30 June 2025 for the first quarter of 2025/26"}
        widgets = {"period_end": DateInput(), "commentary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, indicator, **kwargs):
        self.indicator = indicator
        super().__init__(*args, **kwargs)

    def clean_value(self):
        return check_value(self.indicator, self.cleaned_data["value"])

    def clean_period_end(self):
        period_end = self.cleaned_data["period_end"]
        clash = IndicatorValue.objects.filter(indicator=self.indicator, period_end=period_end)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This indicator already has a value for that period")
        return period_end


def check_value(indicator, value):
    """The rules every indicator value follows, from a form or a CSV upload."""
    if value < 0:
        raise forms.ValidationError("Enter a number that is 0 or more")
    if indicator.is_percentage and value > HUNDRED:
        raise forms.ValidationError("A percentage must be between 0 and 100")
    return value


class IndicatorValuesUploadForm(GovukForm):
    submit_label = "Upload values"

    file = forms.FileField(
        label="CSV file of indicator values",
        help_text="Columns: reference, period_end (2025-06-30 or 30/06/2025), value, commentary (the column must be there; cells may be blank)",
    )


class InspectionForm(PlanModelForm):
    class Meta:
        model = Inspection
        fields = ["inspectorate", "title", "start_date", "end_date", "published_on", "judgement", "summary"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "published_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        cleaned = super().clean()
        check_dates_in_order(self, "start_date", "end_date", "The inspection must end on or after the day it started")
        end, published = cleaned.get("end_date"), cleaned.get("published_on")
        if end and published and published < end:
            self.add_error("published_on", "The report cannot be published before the inspection ended")
        return cleaned


class RecommendationForm(PlanModelForm):
    class Meta:
        model = InspectionRecommendation
        fields = ["number", "text", "owner_agency", "due_date", "status", "progress"]
        labels = {"owner_agency": "Owning agency"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "due_date": DateInput(),
            "status": forms.RadioSelect,
            "progress": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, inspection, **kwargs):
        self.inspection = inspection
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.owner_choices(
            inspection.board, self.instance.owner_agency_id
        )
        self.fields["status"].choices = RecommendationStatus.choices

    def clean_number(self):
        number = self.cleaned_data["number"]
        if number < 1:
            raise forms.ValidationError("The number must be 1 or more")
        clash = InspectionRecommendation.objects.filter(inspection=self.inspection, number=number)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"This inspection already has a recommendation {number}")
        return number

    def clean(self):
        cleaned = super().clean()
        due = cleaned.get("due_date")
        if due and due < self.inspection.start_date:
            self.add_error("due_date", "The due date cannot be before the inspection")
        return cleaned


def _count_field(label):
    return forms.IntegerField(label=label, min_value=0, initial=0, error_messages={"min_value": "Enter 0 or more"})


class InspectionFilterForm(GovukForm):
    """The inspections list's filter (GET); the recommendations CSV takes the same one. An
    inspectorate that is not one filters nothing."""

    inspectorate = forms.ChoiceField(label="Inspectorate", required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectorate"].choices = [("", "Any"), *Inspection._meta.get_field("inspectorate").choices]

    def filter(self, queryset, path="inspectorate"):
        """`path` leads from the queryset's rows to the inspectorate ("inspection__inspectorate")."""
        if self.is_valid() and self.cleaned_data["inspectorate"]:
            return queryset.filter(**{path: self.cleaned_data["inspectorate"]})
        return queryset


class CountsFormMixin:
    """Adds one whole-number field per choice for each JSON counts field in COUNTS."""

    COUNTS: dict = {}  # model field → (TextChoices, field name prefix)
    LEGENDS: dict = {}  # model field → legend of its fieldset

    def _add_count_fields(self):
        plain = list(self.fields)
        fieldsets = []
        for model_field, (choices, prefix) in self.COUNTS.items():
            stored = getattr(self.instance, model_field) or {}
            names = []
            for value, label in choices.choices:
                name = f"{prefix}_{value}"
                self.fields[name] = _count_field(label)
                self.fields[name].initial = stored.get(value, 0)
                names.append(name)
            fieldsets.append(Fieldset(*names, legend=self.LEGENDS[model_field], legend_size=Size.MEDIUM))
        # Each group of counts under its own legend: "False" or "Other" alone would be ambiguous.
        self.helper.layout = Layout(*plain, *fieldsets)
        style_widgets(self)

    def count_fields(self, model_field):
        choices, prefix = self.COUNTS[model_field]
        return [self[f"{prefix}_{value}"] for value in choices.values]

    def counts(self, model_field):
        choices, prefix = self.COUNTS[model_field]
        return {value: self.cleaned_data.get(f"{prefix}_{value}") or 0 for value in choices.values}

    def save(self, commit=True):
        for model_field in self.COUNTS:
            setattr(self.instance, model_field, self.counts(model_field))
        return super().save(commit=commit)


class YearlyFormMixin:
    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].min_value = 2000
        self._add_count_fields()

    def clean_financial_year(self):
        year = self.cleaned_data["financial_year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Enter the year the financial year starts, for example 2025")
        clash = self._meta.model.objects.filter(board=self.board, financial_year=year).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Figures for this financial year already exist: edit them instead")
        return year


class CdopYearForm(YearlyFormMixin, CountsFormMixin, PlanModelForm):
    COUNTS = {"categories": (CdopCategory, "category")}
    LEGENDS = {"categories": "Completed reviews by category of death"}

    class Meta:
        model = CdopYear
        fields = [
            "financial_year",
            "deaths_notified",
            "expected_deaths",
            "unexpected_deaths",
            "reviews_completed",
            "reviews_with_modifiable_factors",
            "commentary",
        ]
        labels = {"reviews_with_modifiable_factors": "Reviews that found modifiable factors"}
        # A figure the panel did not report stays blank and prints as "not known", never as 0.
        help_texts = dict.fromkeys(
            [
                "deaths_notified",
                "expected_deaths",
                "unexpected_deaths",
                "reviews_completed",
                "reviews_with_modifiable_factors",
            ],
            "Leave blank if not known",
        )
        widgets = {"commentary": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        notified = cleaned.get("deaths_notified")
        expected, unexpected = cleaned.get("expected_deaths"), cleaned.get("unexpected_deaths")
        if None not in (notified, expected, unexpected) and expected + unexpected != notified:
            self.add_error(
                "unexpected_deaths",
                f"Expected and unexpected deaths ({expected} + {unexpected}) must add up to deaths notified ({notified})",
            )
        completed, modifiable = cleaned.get("reviews_completed"), cleaned.get("reviews_with_modifiable_factors")
        if None not in (completed, modifiable) and modifiable > completed:
            self.add_error("reviews_with_modifiable_factors", "This cannot be more than the reviews completed")
        if completed is not None and all(f.name in cleaned for f in self.count_fields("categories")):
            total = sum(self.counts("categories").values())
            if total != completed:
                self.add_error(
                    "category_1",
                    f"The categories add up to {total}: they must add up to the reviews completed ({completed})",
                )
        return cleaned


class LadoYearForm(YearlyFormMixin, CountsFormMixin, PlanModelForm):
    COUNTS = {
        "referrals_by_sector": (LadoSector, "sector"),
        "outcomes": (LadoOutcome, "outcome"),
        "timeliness": (LadoTimeliness, "timeliness"),
    }
    LEGENDS = {
        "referrals_by_sector": "Referrals by sector of the adult's work",
        "outcomes": "Outcomes of allegations concluded in the year",
        "timeliness": "Time taken to conclude those allegations",
    }

    class Meta:
        model = LadoYear
        fields = ["financial_year", "consultations", "referrals", "commentary"]
        labels = {"consultations": "Consultations (did not meet the threshold)", "referrals": "Referrals"}
        widgets = {"commentary": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        referrals = cleaned.get("referrals")
        sectors_ok = all(f.name in cleaned for f in self.count_fields("referrals_by_sector"))
        if referrals is not None and sectors_ok:
            total = sum(self.counts("referrals_by_sector").values())
            if total != referrals:
                self.add_error(
                    "sector_education",
                    f"Referrals by sector add up to {total}: they must add up to the referrals ({referrals})",
                )
        outcomes_ok = all(f.name in cleaned for f in self.count_fields("outcomes"))
        timeliness_ok = all(f.name in cleaned for f in self.count_fields("timeliness"))
        if outcomes_ok and timeliness_ok:
            concluded = sum(self.counts("outcomes").values())
            timed = sum(self.counts("timeliness").values())
            if concluded != timed:
                self.add_error(
                    "timeliness_1m",
                    f"Timeliness adds up to {timed}: it must match the allegations concluded ({concluded})",
                )
        return cleaned
