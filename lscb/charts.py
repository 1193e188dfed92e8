"""The one chart module: server-drawn, accessible inline SVG, the same on the page and in the PDF.

No JavaScript, no external resources, no randomness: the same data gives byte-identical markup
(the report snapshot and its checksum rely on that). Each chart is an `<svg role="img">` labelled
by its `<title>` and `<desc>`; the page puts a data table beside it, so nobody needs to read
values off the picture.

- line_chart: a series over periods, with target and benchmark lines, each line named by a label
  at its end (not only by its dash pattern); the y axis is scaled to the data, so a 14.2 % → 11.8 %
  trend against a 10.5 % neighbour line fills the plot instead of lying flat on 0–100 %.
- bar_chart: horizontal bars from 0 (a bar's length is its value), with an optional threshold line.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lscb.formats import number

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 40, 16, 72  # plot margins: y labels left, x labels and legend below
INK, GRID, LINE, TARGET, BENCHMARK, ALERT = "#0b0c0c", "#b1b4b6", "#1d70b8", "#00703c", "#6f3a8c", "#d4351c"
FONT = 'font-family="Arial, \'Helvetica Neue\', sans-serif" font-size="12"'
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
LABEL_GAP = 13  # px between two reference-line labels, so close lines keep readable labels


@dataclass(frozen=True)
class Reference:
    """A horizontal reference line: the target or a benchmark."""

    label: str
    value: Decimal
    colour: str
    dash: str


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def nice_step(span: Decimal, *, steps: int = 5) -> Decimal:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that covers `span` in at most `steps` steps."""
    if span <= 0:
        return Decimal(1)
    raw = span / steps
    magnitude = Decimal(10) ** (raw.adjusted())
    for multiplier in STEPS:
        if magnitude * multiplier >= raw:
            return magnitude * multiplier
    return magnitude * 10


def axis_range(values, *, percent: bool = False, from_zero: bool = False) -> tuple[Decimal, Decimal, Decimal]:
    """(bottom, top, step) of a y axis that fits `values` with round ticks.

    The axis starts at 0 when asked (bars) or when the data come near it (within half their
    span); otherwise it starts just below the smallest value. Percentages stay within 0–100."""
    values = [Decimal(v) for v in values]
    if not values:
        return Decimal(0), (Decimal(100) if percent else Decimal(1)), (Decimal(20) if percent else Decimal("0.25"))
    low, high = min(values), max(values)
    if from_zero or (low >= 0 and low <= (high - low) / 2) or high <= 0:
        low = min(low, Decimal(0))
    span = high - low or abs(high) or Decimal(1)
    step = nice_step(span)
    bottom = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    top = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    if top == high and top != 0 and not from_zero:
        top += step  # room above the highest point
    if top == bottom:
        top = bottom + step
    if percent:
        bottom, top = max(bottom, Decimal(0)), min(top, Decimal(100))
    return bottom, top, step


def _svg_open(chart_id, title, description, height):
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="lscb-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="{title_id} {desc_id}" {FONT}>',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def _spread(positions: list[float], gap: float) -> list[float]:
    """Label positions (top to bottom) moved apart so no two are closer than `gap`."""
    out = []
    for position in positions:
        out.append(max(position, out[-1] + gap) if out else position)
    return out


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: list[tuple[str, Decimal]],
    target: Decimal | None = None,
    benchmarks: list[tuple[str, Decimal | None]] = (),
    percent: bool = False,
    colour: str = LINE,
) -> SafeString:
    """A line chart of `points` [(period label, value)] with optional target and benchmark lines.

    `chart_id` must be unique on the page (it prefixes the ids of the title and description).
    """
    suffix = "%" if percent else ""
    references = []
    if target is not None:
        references.append(Reference("Target", Decimal(target), TARGET, "8 4"))
    for (label, value), dash in zip(benchmarks, ("2 3", "6 3 2 3"), strict=False):
        if value is not None:
            references.append(Reference(label, Decimal(value), BENCHMARK, dash))
    values = [Decimal(v) for _, v in points]
    bottom, top, step = axis_range([*values, *(r.value for r in references)], percent=percent)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: Decimal) -> float:
        return TOP + plot_h - float((value - bottom) / (top - bottom)) * plot_h

    def x(index: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * index / (len(points) - 1)

    parts = _svg_open(chart_id, title, description, HEIGHT)
    # Horizontal grid lines with their values on the y axis.
    tick = bottom
    while tick <= top:
        ty = _coordinate(y(tick))
        parts.append(f'<line x1="{LEFT}" y1="{ty}" x2="{WIDTH - RIGHT}" y2="{ty}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{ty}" text-anchor="end" dominant-baseline="middle" fill="{INK}">'
            f"{number(tick)}{suffix}</text>"
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
    # Each reference line is named at its right-hand end, above the line; labels of close lines
    # are moved apart so each stays readable.
    ordered = sorted(references, key=lambda r: -r.value)
    label_ys = _spread([y(r.value) - 4 for r in ordered], LABEL_GAP)
    for reference, label_y in zip(ordered, label_ys, strict=True):
        ry = _coordinate(y(reference.value))
        text = f"{reference.label} {number(reference.value)}{suffix}"
        text_w = 7 * len(text)  # bold 12 px Arial is about 7 px a character: room for a backing
        parts.append(
            f'<line x1="{LEFT}" y1="{ry}" x2="{WIDTH - RIGHT}" y2="{ry}" stroke="{reference.colour}" '
            f'stroke-width="2" stroke-dasharray="{reference.dash}"/>'
            f'<rect x="{WIDTH - RIGHT - 6 - text_w}" y="{_coordinate(label_y - 11)}" width="{text_w + 4}" height="14" '
            f'fill="#ffffff" fill-opacity="0.85"/>'
            f'<text x="{WIDTH - RIGHT - 4}" y="{_coordinate(label_y)}" text-anchor="end" fill="{reference.colour}" '
            f'font-weight="bold">'
            f"{escape(text)}</text>"
        )
    if points:
        coordinates = " ".join(f"{_coordinate(x(i))},{_coordinate(y(v))}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="3"/>')
        for i, v in enumerate(values):
            parts.append(f'<circle cx="{_coordinate(x(i))}" cy="{_coordinate(y(v))}" r="4" fill="{colour}"/>')
    # Legend below the plot: line style and name for each series.
    legend = [("Value", colour, "")] + [(r.label, r.colour, r.dash) for r in references]
    lx, ly = LEFT, HEIGHT - 18
    for label, line_colour, dash in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{line_colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="{lx + 30}" y="{ly}" dominant-baseline="middle" fill="{INK}">{escape(label)}</text>'
        )
        lx += 40 + 7 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)  # nosec: B308, B703


BAR_LABEL_W, BAR_X, BAR_W, BAR_ROW, BAR_H = 280, 290, 290, 24, 16
LABEL_CHARS = 44


def bar_chart(
    rows: list[dict],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    max_value: Decimal | float | None = None,
    threshold: Decimal | float | None = None,
    threshold_label: str = "",
    colour: str = LINE,
) -> SafeString:
    """Horizontal bars, one per row {"label", "value", "text" (shown after the bar), "alert"
    (drawn in red)}; bars start at 0 and the longest is `max_value` (default: the largest value).
    A threshold draws a dashed vertical line, named at its top."""
    values = [Decimal(str(row["value"] or 0)) for row in rows]
    largest = Decimal(str(max_value)) if max_value is not None else max([*values, Decimal(0)])
    if threshold is not None:
        largest = max(largest, Decimal(str(threshold)))
    top = TOP if threshold is None else TOP + 14
    height = top + len(rows) * BAR_ROW + 8

    def width(value: Decimal) -> float:
        return float(value / largest) * BAR_W if largest else 0.0

    parts = _svg_open(chart_id, title, description or title, height)
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = top + index * BAR_ROW
        label = str(row["label"])
        label = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        w = width(value)
        fill = ALERT if row.get("alert") else colour
        parts.append(
            f'<text x="0" y="{y + 13}" fill="{INK}">{escape(label)}</text>'
            f'<rect x="{BAR_X}" y="{y}" height="{BAR_H}" width="{_coordinate(w)}" fill="{fill}"/>'
            f'<text x="{_coordinate(BAR_X + w + 6)}" y="{y + 13}" fill="{INK}">{escape(row.get("text", ""))}</text>'
        )
    if threshold is not None:
        tx = _coordinate(BAR_X + width(Decimal(str(threshold))))
        parts.append(
            f'<line x1="{tx}" x2="{tx}" y1="{top - 4}" y2="{height}" stroke="{INK}" stroke-dasharray="4 3"/>'
            f'<text x="{tx}" y="{TOP}" text-anchor="middle" fill="{INK}">{escape(threshold_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)  # nosec: B308, B703
