"""The scorecard chart of one indicator: maps an Indicator and its values onto lscb.charts.line_chart."""

from django.utils.safestring import SafeString

from lscb.charts import line_chart
from lscb.formats import number


def indicator_chart(indicator, values, *, chart_id=None) -> SafeString:
    """The scorecard chart of one indicator over `values` (IndicatorValue rows, oldest first)."""
    from boards.choices import Polarity

    points = [(v.period_label, v.value) for v in values]
    direction = "Higher is better" if indicator.polarity == Polarity.HIGHER_IS_BETTER else "Lower is better"
    suffix = "%" if indicator.is_percentage else ""
    if points:
        first, last = points[0], points[-1]
        trend = (
            f"From {number(first[1])}{suffix} in {first[0]} to {number(last[1])}{suffix} in {last[0]}"
            f" over {len(points)} period{'s' if len(points) != 1 else ''}."
        )
    else:
        trend = "No values recorded yet."
    extras = []
    if indicator.target is not None:
        extras.append(f"Target {number(indicator.target)}{suffix}.")
    if indicator.statistical_neighbour_benchmark is not None:
        extras.append(f"Statistical neighbours {number(indicator.statistical_neighbour_benchmark)}{suffix}.")
    if indicator.england_benchmark is not None:
        extras.append(f"England {number(indicator.england_benchmark)}{suffix}.")
    return line_chart(
        chart_id=chart_id or f"chart-indicator-{indicator.pk}",
        title=f"{indicator.name}: values by period",
        description=" ".join([trend, direction + ".", *extras]),
        points=points,
        target=indicator.target,
        benchmarks=[
            ("Statistical neighbours", indicator.statistical_neighbour_benchmark),
            ("England", indicator.england_benchmark),
        ],
        percent=indicator.is_percentage,
    )
