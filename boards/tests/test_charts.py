"""The server-drawn SVG charts: accessible, escaped, deterministic."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from boards.charts import indicator_chart, line_chart, nice_maximum, number
from boards.choices import IndicatorUnit, Polarity
from boards.models import Indicator, IndicatorValue

SVG = "{http://www.w3.org/2000/svg}"


def _indicator(**kwargs):
    defaults = {
        "pk": 7,
        "name": "Repeat plans",
        "polarity": Polarity.LOWER_IS_BETTER,
        "unit": IndicatorUnit.PERCENT,
        "frequency": "quarterly",
        "target": Decimal("20"),
        "statistical_neighbour_benchmark": Decimal("22.1"),
        "england_benchmark": Decimal("23.4"),
    }
    defaults.update(kwargs)
    return Indicator(**defaults)


def _values(indicator, numbers):
    import datetime

    ends = [
        datetime.date(2025, 6, 30),
        datetime.date(2025, 9, 30),
        datetime.date(2025, 12, 31),
        datetime.date(2026, 3, 31),
    ]
    return [
        IndicatorValue(indicator=indicator, period_end=e, value=Decimal(n)) for e, n in zip(ends, numbers, strict=False)
    ]


def test_chart_is_an_accessible_image_with_title_and_description():
    indicator = _indicator()
    svg = indicator_chart(indicator, _values(indicator, ["26", "24.5", "21", "19.5"]))
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup) well-formed XML, as WeasyPrint needs
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-indicator-7-title chart-indicator-7-desc"
    assert root.find(f"{SVG}title").text == "Repeat plans: values by period"
    desc = root.find(f"{SVG}desc").text
    assert "From 26% in Q1 2025/26 to 19.5% in Q4 2025/26 over 4 periods." in desc
    assert "Lower is better." in desc and "Target 20%." in desc and "England 23.4%." in desc
    assert len(root.findall(f"{SVG}circle")) == 4
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in svg and "href" not in svg


def test_same_data_gives_byte_identical_markup():
    indicator = _indicator()
    first = indicator_chart(indicator, _values(indicator, ["26", "24.5", "21", "19.5"]))
    second = indicator_chart(_indicator(), _values(_indicator(), ["26", "24.5", "21", "19.5"]))
    assert first == second


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


def test_chart_without_values_still_renders_and_says_so():
    svg = indicator_chart(_indicator(), [])
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup)
    assert root.find(f"{SVG}desc").text.startswith("No values recorded yet.")
    assert root.find(f"{SVG}polyline") is None


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [("37", "40", "10"), ("137", "150", "50"), ("100", "100", "20"), ("0.5", "0.5", "0.1"), ("0", "1", "0.25")],
)
def test_axis_top_is_a_round_number_at_or_above_the_largest(largest, top, step):
    assert nice_maximum(Decimal(largest)) == (Decimal(top), Decimal(step))


def test_percentages_use_a_0_to_100_axis():
    assert nice_maximum(Decimal("12"), percent=True) == (Decimal(100), Decimal(20))


def test_numbers_show_at_most_two_decimals():
    assert number(Decimal("19.50")) == "19.5"
    assert number(Decimal("20.00")) == "20"
    assert number(Decimal("1.005")) == "1.01"
    assert number(None) == "—"
