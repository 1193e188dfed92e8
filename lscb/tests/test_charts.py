"""The one chart module (lscb.charts): escaped, deterministic, axes scaled to the data, reference
lines named by a label, bars from zero."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from lscb.charts import axis_range, bar_chart, line_chart
from lscb.formats import number

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg):
    return [t.text for t in ElementTree.fromstring(str(svg)).iter(f"{SVG}text")]  # noqa: S314 (our own markup)


def test_text_is_escaped():
    svg = line_chart(
        chart_id="c1",
        title='<script>alert("x")</script> & more',
        description="a < b",
        points=[("Q1 <b>", Decimal(1))],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "a &lt; b" in svg and "Q1 &lt;b&gt;" in svg
    ElementTree.fromstring(svg)  # noqa: S314 (our own markup)


def test_higher_value_is_drawn_higher_up():
    svg = line_chart(chart_id="c", title="t", description="d", points=[("a", Decimal(10)), ("b", Decimal(40))])
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[0] > ys[1]  # SVG y grows downwards


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        # A 14.2 % → 11.8 % trend against a 10.5 % neighbour line fills the plot, not a 0–100 % axis.
        (["14.2", "11.8", "10.5"], True, ("10", "15", "1")),
        (["37", "12"], False, ("0", "40", "10")),  # near zero: the axis starts at 0
        (["137", "120"], False, ("120", "140", "5")),
        (["96", "99.5"], True, ("96", "100", "1")),  # percentages never pass 100
        ([], False, ("0", "1", "0.25")),
    ],
)
def test_axis_is_scaled_to_the_data_with_round_ticks(values, percent, expected):
    bottom, top, step = axis_range([Decimal(v) for v in values], percent=percent)
    assert (bottom, top, step) == tuple(Decimal(v) for v in expected)
    assert all(bottom <= Decimal(v) <= top for v in values)


def test_target_and_benchmark_lines_are_named_by_a_label_not_only_a_dash_pattern():
    svg = line_chart(
        chart_id="c",
        title="t",
        description="d",
        points=[("Q1", Decimal("14.2")), ("Q2", Decimal("11.8"))],
        target=Decimal("12"),
        benchmarks=[("Statistical neighbours", Decimal("10.5")), ("England", Decimal("12.1"))],
        percent=True,
    )
    texts = _texts(svg)
    assert {"Target 12%", "Statistical neighbours 10.5%", "England 12.1%"} <= set(texts)
    # Close lines (12 and 12.1) keep labels apart, so both stay readable.
    ys = {t.text: float(t.get("y")) for t in ElementTree.fromstring(str(svg)).iter(f"{SVG}text")}  # noqa: S314
    assert abs(ys["Target 12%"] - ys["England 12.1%"]) >= 12


def test_bar_chart_draws_bars_from_zero_with_an_alert_colour_and_a_named_threshold():
    rows = [
        {"label": "Police", "value": 90, "text": "90%"},
        {"label": "Schools <all>", "value": 45, "text": "45%", "alert": True},
    ]
    svg = bar_chart(rows, chart_id="b", title="Attendance", max_value=100, threshold=75, threshold_label="75%")
    root = ElementTree.fromstring(str(svg))  # noqa: S314 (our own markup)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")][1:]  # the first is the background
    assert widths == [261.0, 130.5]
    assert [r.get("fill") for r in root.iter(f"{SVG}rect")][1:] == ["#1d70b8", "#d4351c"]
    assert "Schools <all>" in _texts(svg) and "75%" in _texts(svg)
    assert bar_chart(rows, chart_id="b", title="Attendance", max_value=100) == bar_chart(
        rows, chart_id="b", title="Attendance", max_value=100
    )


def test_bar_chart_of_nothing_is_still_an_image():
    svg = bar_chart([], chart_id="e", title="Nothing")
    assert ElementTree.fromstring(str(svg)).get("role") == "img"  # noqa: S314


def test_numbers_show_at_most_two_decimals():
    assert number(Decimal("19.50")) == "19.5"
    assert number(Decimal("20.00")) == "20"
    assert number(Decimal("1.005")) == "1.01"
    assert number(None) == "—"
