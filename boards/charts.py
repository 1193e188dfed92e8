"""Charts drawn on the server as accessible inline SVG: the same markup on the page and in the PDF.

No JavaScript, no external resources, no randomness: the same data gives byte-identical
markup (the report snapshot and its checksum rely on that). Each chart is an
`<svg role="img">` labelled by its `<title>` and `<desc>`; the page puts a data table
beside it, so nobody needs to read values off the picture.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 40, 16, 72  # plot margins: y labels left, x labels and legend below
INK, GRID, LINE, TARGET, BENCHMARK = "#0b0c0c", "#b1b4b6", "#1d70b8", "#00703c", "#6f3a8c"
FONT = 'font-family="Arial, \'Helvetica Neue\', sans-serif" font-size="12"'


@dataclass(frozen=True)
class Reference:
    """A horizontal reference line: the target or a benchmark."""

    label: str
    value: Decimal
    colour: str
    dash: str


def number(value) -> str:
    """A value as shown on charts and in tables: at most two decimals, no trailing zeros."""
    if value is None:
        return "—"
    quantised = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{quantised:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def nice_maximum(largest: Decimal, *, percent: bool = False) -> tuple[Decimal, Decimal]:
    """The top of the y axis and its step: a round number at or above `largest`, in 4–5 steps."""
    if percent:
        return Decimal(100), Decimal(20)
    if largest <= 0:
        return Decimal(1), Decimal("0.25")
    magnitude = Decimal(10) ** (len(str(int(largest))) - 1) if largest >= 1 else Decimal("0.1")
    for multiplier in (Decimal("0.1"), Decimal("0.2"), Decimal("0.25"), Decimal("0.5"), 1, 2, Decimal("2.5"), 5, 10):
        step = magnitude * multiplier
        if step * 5 >= largest:
            top = step * ((largest / step).to_integral_value(rounding=ROUND_CEILING))
            return top, step
    return magnitude * 50, magnitude * 10  # unreachable for finite input; keeps the types honest


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: list[tuple[str, Decimal]],
    target: Decimal | None = None,
    benchmarks: list[tuple[str, Decimal | None]] = (),
    percent: bool = False,
) -> SafeString:
    """A line chart of `points` [(period label, value)] with optional target and benchmark lines.

    `chart_id` must be unique on the page (it prefixes the ids of the title and description).
    """
    references = []
    if target is not None:
        references.append(Reference("Target", Decimal(target), TARGET, "8 4"))
    for (label, value), dash in zip(benchmarks, ("2 3", "6 3 2 3"), strict=False):
        if value is not None:
            references.append(Reference(label, Decimal(value), BENCHMARK, dash))
    values = [Decimal(v) for _, v in points]
    largest = max([*values, *(r.value for r in references), Decimal(0)])
    top, step = nice_maximum(largest, percent=percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> float:
        return TOP + plot_h - float(value / top) * plot_h

    def x(index: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * index / (len(points) - 1)

    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="lscb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" aria-labelledby="{title_id} {desc_id}" {FONT}>',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # Horizontal grid lines with their values on the y axis.
    tick = Decimal(0)
    while tick <= top:
        ty = _coordinate(y(tick))
        parts.append(f'<line x1="{LEFT}" y1="{ty}" x2="{WIDTH - RIGHT}" y2="{ty}" stroke="{GRID}" stroke-width="1"/>')
        label = number(tick) + ("%" if percent else "")
        parts.append(
            f'<text x="{LEFT - 6}" y="{ty}" text-anchor="end" dominant-baseline="middle" fill="{INK}">{label}</text>'
        )
        tick += step
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="{INK}" stroke-width="1"/>'
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="{INK}" stroke-width="1"/>'
    )
    # Period labels; with many periods only every other label fits.
    every = 1 if len(points) <= 8 else 2
    for index, (label, _value) in enumerate(points):
        if index % every == 0 or index == len(points) - 1:
            parts.append(
                f'<text x="{_coordinate(x(index))}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="{INK}">'
                f"{escape(label)}</text>"
            )
    for reference in references:
        ry = _coordinate(y(reference.value))
        parts.append(
            f'<line x1="{LEFT}" y1="{ry}" x2="{WIDTH - RIGHT}" y2="{ry}" stroke="{reference.colour}" '
            f'stroke-width="2" stroke-dasharray="{reference.dash}"/>'
        )
    if points:
        coordinates = " ".join(f"{_coordinate(x(i))},{_coordinate(y(v))}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{LINE}" stroke-width="3"/>')
        for i, v in enumerate(values):
            parts.append(f'<circle cx="{_coordinate(x(i))}" cy="{_coordinate(y(v))}" r="4" fill="{LINE}"/>')
    # Legend below the plot: line style and name for each series.
    legend = [("Value", LINE, "")] + [(r.label, r.colour, r.dash) for r in references]
    lx, ly = LEFT, HEIGHT - 18
    for label, colour, dash in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="{lx + 30}" y="{ly}" dominant-baseline="middle" fill="{INK}">{escape(label)}</text>'
        )
        lx += 40 + 7 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)  # nosec: B308, B703


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
