"""The performance scorecard: indicators, their values by period (typed or uploaded as CSV),
and a server-drawn chart of each."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from boards.charts import indicator_chart
from boards.choices import Frequency, Polarity
from boards.forms.performance import IndicatorForm, IndicatorValueForm, IndicatorValuesUploadForm, check_value
from boards.models import Agency, Indicator, IndicatorValue
from boards.views.plan import BoardFormView
from lscb import audit
from lscb.csv_io import CellError, Column, csv_response, parse_csv_upload, parse_date, parse_decimal_for
from lscb.formats import number
from lscb.forms import GovukForm
from lscb.history import change_log
from lscb.permissions import BoardView, Capability, get_object_for_user

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


def scorecard_crumbs(board, indicator=None):
    crumbs = [
        ("Dashboard", reverse("boards:dashboard", kwargs={"board_slug": board.slug})),
        ("Performance scorecard", reverse("boards:indicator_list", kwargs={"board_slug": board.slug})),
    ]
    if indicator is not None:
        crumbs.append((indicator.name, indicator.get_absolute_url()))
    return crumbs


class IndicatorFilterForm(GovukForm):
    submit_label = "Filter"

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False, empty_label="Any agency")
    frequency = forms.ChoiceField(choices=[("", "Any"), *Frequency.choices], required=False)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board).order_by("name")
        self.helper.form_method = "get"

    def apply(self, indicators):
        if not self.is_valid():
            return indicators
        if self.cleaned_data.get("agency"):
            indicators = indicators.filter(owner_agency=self.cleaned_data["agency"])
        if self.cleaned_data.get("frequency"):
            indicators = indicators.filter(frequency=self.cleaned_data["frequency"])
        return indicators


class IndicatorListView(BoardView, TemplateView):
    """The scorecard: each indicator with its latest value, target and benchmarks."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/indicator_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-period_end")
        filter_form = IndicatorFilterForm(self.request.GET or None, board=self.board)
        indicators = list(
            filter_form.apply(Indicator.objects.visible_to(self.access))
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
        context.update(
            indicators=indicators,
            filter_form=filter_form,
            query=self.request.GET.urlencode(),
            breadcrumbs=scorecard_crumbs(self.board)[:1] + [("Performance scorecard", None)],
        )
        return context


class IndicatorExportView(BoardView):
    """Every value of the (filtered) indicators as CSV, in the same columns the upload reads."""

    capability = Capability.VIEW_BOARD

    def get(self, request, *args, **kwargs):
        filter_form = IndicatorFilterForm(request.GET or None, board=self.board)
        indicators = filter_form.apply(Indicator.objects.visible_to(self.access))
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


class IndicatorDetailView(BoardView, TemplateView):
    """One indicator: definition, target and benchmarks, the chart with its data table, and history."""

    capability = Capability.VIEW_BOARD
    template_name = "boards/performance/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = get_object_for_user(
            Indicator.objects.select_related("owner_agency", "board"), self.access, pk=self.kwargs["indicator_id"]
        )
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
            breadcrumbs=scorecard_crumbs(self.board) + [(indicator.name, None)],
        )
        return context


class IndicatorCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = IndicatorForm
    audit_action = "boards.indicator"
    page_title = "Add an indicator"

    def get_form_kwargs(self):
        return {"board": self.board}

    def prepare(self, obj):
        obj.board = self.board

    def get_cancel_url(self):
        return reverse("boards:indicator_list", kwargs={"board_slug": self.board.slug})

    def get_breadcrumbs(self):
        return scorecard_crumbs(self.board)


class IndicatorEditView(IndicatorCreateView):
    page_title = "Edit the indicator"

    def get_object(self):
        return get_object_for_user(
            Indicator.objects.select_related("board"), self.access, pk=self.kwargs["indicator_id"]
        )

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class IndicatorValueCreateView(BoardFormView):
    capability = Capability.MANAGE_BOARD
    form_class = IndicatorValueForm
    audit_action = "boards.indicator_value"
    page_title = "Add a value"

    def dispatch_prepare(self):
        self.indicator = get_object_for_user(
            Indicator.objects.select_related("board"), self.access, pk=self.kwargs["indicator_id"]
        )
        self.object = None

    def get_form_kwargs(self):
        return {"indicator": self.indicator}

    def prepare(self, obj):
        obj.indicator = self.indicator

    def get_success_url(self, obj):
        return self.indicator.get_absolute_url()

    def get_cancel_url(self):
        return self.indicator.get_absolute_url()

    def get_breadcrumbs(self):
        return scorecard_crumbs(self.board, self.indicator)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["caption"] = self.indicator.name
        return context


class IndicatorValueEditView(IndicatorValueCreateView):
    page_title = "Edit the value"

    def dispatch_prepare(self):
        self.object = get_object_for_user(
            IndicatorValue.objects.select_related("indicator__board"), self.access, pk=self.kwargs["value_id"]
        )
        self.indicator = self.object.indicator


UPLOAD_COLUMNS_HELP = "reference, period_end, value, commentary"


class IndicatorValuesUploadView(BoardView, TemplateView):
    """Upload many values at once. Every row is checked first; one bad row and nothing is saved.

    A row for a period that already has a value replaces it (the history keeps the old one).
    """

    capability = Capability.MANAGE_BOARD
    template_name = "boards/performance/indicator_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", IndicatorValuesUploadForm())
        context["breadcrumbs"] = scorecard_crumbs(self.board) + [("Upload values", None)]
        context["columns"] = UPLOAD_COLUMNS_HELP
        return context

    def post(self, request, *args, **kwargs):
        form = IndicatorValuesUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.get_context_data(form=form))
        indicators = {i.code.lower(): i for i in Indicator.objects.visible_to(self.access)}

        def parse_reference(text):
            try:
                return indicators[text.strip().lower()]
            except KeyError:
                raise CellError(f"“{text}” is not the reference of one of this board's indicators") from None

        rows, errors = parse_csv_upload(
            form.cleaned_data["file"],
            [
                Column("reference", parse_reference),
                Column("period_end", parse_date),
                Column("value", parse_decimal_for(IndicatorValue._meta.get_field("value"))),
                Column("commentary", required=False, default=""),
            ],
        )
        seen = {}
        for row in rows:
            indicator, period_end = row["reference"], row["period_end"]
            try:
                check_value(indicator, row["value"])
            except forms.ValidationError as exc:
                errors.append((row["_row_number"], f"value: {' '.join(exc.messages)}"))
            key = (indicator.pk, period_end)
            if key in seen:
                errors.append(
                    (row["_row_number"], f"{indicator.code} for {period_end:%d/%m/%Y} is also on row {seen[key]}")
                )
            seen.setdefault(key, row["_row_number"])
        if errors:
            errors.sort(key=lambda e: e[0])
            return render(request, self.template_name, self.get_context_data(form=form, upload_errors=errors))
        created = updated = 0
        with transaction.atomic():
            for row in rows:
                _value, was_created = IndicatorValue.objects.update_or_create(
                    indicator=row["reference"],
                    period_end=row["period_end"],
                    defaults={"value": row["value"], "commentary": row["commentary"] or ""},
                )
                created += was_created
                updated += not was_created
            audit.record(
                "boards.indicator_value.uploaded",
                actor=request.user,
                board=self.board,
                created=created,
                updated=updated,
                filename=form.cleaned_data["file"].name[:200],
            )
        messages.success(request, f"Uploaded {created + updated} values: {created} new, {updated} replaced.")
        return HttpResponseRedirect(reverse("boards:indicator_list", kwargs={"board_slug": self.board.slug}))
