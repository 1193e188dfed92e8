"""The performance scorecard: indicators, their values by period (typed or uploaded as CSV),
and a server-drawn chart of each."""

from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect

from boards import services
from boards.charts import indicator_chart
from boards.choices import Frequency, Polarity
from boards.forms.performance import IndicatorForm, IndicatorValueForm, IndicatorValuesUploadForm
from boards.models import Agency, Indicator, IndicatorValue
from boards.views.base import SavedFormPage
from lscb.csv_io import csv_response
from lscb.formats import number
from lscb.forms import GovukForm
from lscb.history import change_log
from lscb.pages import BoardPage, FormPage, ListPage, Loads, board_url
from lscb.permissions import Capability, get_object_for_user

CHART_PERIODS = 8  # the chart and report show the latest eight periods


def meets_target(indicator, value):
    """True/False against the target in the indicator's direction; None without a target."""
    if indicator.target is None or value is None:
        return None
    if indicator.polarity == Polarity.HIGHER_IS_BETTER:
        return value >= indicator.target
    return value <= indicator.target


def show_figures(indicator):
    """Target, benchmarks and latest value as shown on pages: "79.2", not "79.20"."""
    suffix = "%" if indicator.is_percentage else ""
    for name in ("target", "statistical_neighbour_benchmark", "england_benchmark", "latest_value"):
        value = getattr(indicator, name, None)
        setattr(indicator, f"{name}_shown", f"{number(value)}{suffix}" if value is not None else "—")


class InScorecard:
    """Pages under the Performance scorecard; `self.indicator` (if set) is in the trail too."""

    indicator = None

    def trail(self):
        trail = [("Performance scorecard", board_url(self.board, "boards:indicator_list"))]
        if self.indicator is not None:
            trail.append((self.indicator.name, self.indicator.get_absolute_url()))
        return trail


def _indicator(view):
    return get_object_for_user(
        Indicator.objects.select_related("owner_agency", "board"), view.access, pk=view.kwargs["indicator_id"]
    )


class IndicatorFilterForm(GovukForm):
    """The scorecard's filter (GET), rendered by the page kit's partial; the values CSV takes the same one."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, empty_label="Any agency")
    frequency = forms.ChoiceField(choices=[("", "Any"), *Frequency.choices], required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board).order_by("name")

    def filter(self, indicators):
        if not self.is_valid():
            return indicators
        if self.cleaned_data.get("agency"):
            indicators = indicators.filter(owner_agency=self.cleaned_data["agency"])
        if self.cleaned_data.get("frequency"):
            indicators = indicators.filter(frequency=self.cleaned_data["frequency"])
        return indicators


class ScorecardFilters:
    capability = Capability.VIEW_BOARD
    filter_form_class = IndicatorFilterForm
    export_url_name = "boards:indicator_export"
    export_label = "Download all values (CSV)"


class IndicatorListView(ScorecardFilters, ListPage):
    """The scorecard: each indicator with its latest value, target and benchmarks."""

    template_name = "boards/performance/indicator_list.html"
    title = "Performance scorecard"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-period_end")
        indicators = list(
            self.filtered(Indicator.objects.visible_to(self.access))
            .select_related("owner_agency")
            .annotate(
                latest_value=Subquery(latest.values("value")[:1]),
                latest_period_end=Subquery(latest.values("period_end")[:1]),
            )
        )
        for indicator in indicators:
            indicator.latest_label = (
                indicator.period_label(indicator.latest_period_end) if indicator.latest_period_end else None
            )
            indicator.on_target = meets_target(indicator, indicator.latest_value)
            show_figures(indicator)
        context["indicators"] = indicators
        return context


class IndicatorExportView(ScorecardFilters, ListPage):
    """Every value of the (filtered) indicators as CSV, in the same columns the upload reads."""

    def get(self, request, *args, **kwargs):
        indicators = self.filtered(Indicator.objects.visible_to(self.access))
        values = (
            IndicatorValue.objects.filter(indicator__in=indicators)
            .select_related("indicator__owner_agency")
            .order_by("indicator__name", "period_end")
        )
        header = ["reference", "indicator", "owning agency", "period_end", "period", "value", "target", "commentary"]
        rows = (
            [
                v.indicator.code,
                v.indicator.name,
                v.indicator.owner_agency.name if v.indicator.owner_agency else "",
                v.period_end,
                v.period_label,
                v.value,
                v.indicator.target,
                v.commentary,
            ]
            for v in values.iterator()
        )
        return csv_response(f"{self.board.slug}-indicator-values.csv", header, rows)


class IndicatorDetailView(InScorecard, BoardPage, Loads):
    """One indicator: definition, target and benchmarks, the chart with its data table, and history."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/indicator_detail.html"

    def load(self):
        self.detail = _indicator(self)

    def get_title(self):
        return self.detail.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.detail
        values = list(indicator.values.order_by("period_end"))
        for value in values:
            value.indicator = indicator  # period labels need the frequency: no query per row
            value.on_target = meets_target(indicator, value.value)
            value.shown = number(value.value)
        recent = values[-CHART_PERIODS:]
        show_figures(indicator)
        context.update(
            indicator=indicator,
            values=values,
            recent=recent,
            chart=indicator_chart(indicator, recent),
            history=change_log(indicator.history.all()),
        )
        return context


class IndicatorCreateView(InScorecard, SavedFormPage):
    form_class = IndicatorForm
    audit_action = "boards.indicator"
    title = "Add an indicator"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def new_fields(self):
        return {"board": self.board}

    def cancel_url(self):
        return board_url(self.board, "boards:indicator_list")


class IndicatorEditView(IndicatorCreateView):
    title = "Edit the indicator"

    def load(self):
        self.object = _indicator(self)

    def cancel_url(self):
        return self.object.get_absolute_url()


class IndicatorValueCreateView(InScorecard, SavedFormPage):
    form_class = IndicatorValueForm
    audit_action = "boards.indicator_value"
    title = "Add a value"

    def load(self):
        self.indicator = _indicator(self)

    def get_caption(self):
        return self.indicator.name

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.indicator}

    def new_fields(self):
        return {"indicator": self.indicator}

    def get_success_url(self):
        return self.indicator.get_absolute_url()

    def cancel_url(self):
        return self.indicator.get_absolute_url()


class IndicatorValueEditView(IndicatorValueCreateView):
    title = "Edit the value"

    def load(self):
        self.object = get_object_for_user(
            IndicatorValue.objects.select_related("indicator__board"), self.access, pk=self.kwargs["value_id"]
        )
        self.indicator = self.object.indicator


class IndicatorValuesUploadView(InScorecard, FormPage):
    """Upload many values at once (boards.services.upload_indicator_values): every row is checked
    first; one bad row and nothing is saved, and the page lists the rows and what is wrong."""

    capability = Capability.MANAGE_BOARD
    template_name = "boards/performance/indicator_upload.html"
    form_class = IndicatorValuesUploadForm
    title = "Upload indicator values"
    crumb = "Upload values"

    def form_valid(self, form):
        created, updated, errors = services.upload_indicator_values(self.access, form.cleaned_data["file"])
        if errors:
            return self.render_to_response(self.get_context_data(form=form, upload_errors=errors))
        messages.success(self.request, f"Uploaded {created + updated} values: {created} new, {updated} replaced.")
        return redirect(board_url(self.board, "boards:indicator_list"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "columns": services.INDICATOR_UPLOAD_COLUMNS_HELP}
