"""The scorecard chart of an indicator (boards.charts over lscb.charts): accessible, deterministic."""

from decimal import Decimal
from xml.etree import ElementTree

from boards.charts import indicator_chart
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


def test_chart_without_values_still_renders_and_says_so():
    svg = indicator_chart(_indicator(), [])
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup)
    assert root.find(f"{SVG}desc").text.startswith("No values recorded yet.")
    assert root.find(f"{SVG}polyline") is None


def test_scorecard_chart_scales_its_axis_to_the_trend_and_names_the_benchmark_line():
    indicator = _indicator(target=None, statistical_neighbour_benchmark=Decimal("10.5"), england_benchmark=None)
    svg = str(indicator_chart(indicator, _values(indicator, ["14.2", "13.1", "12.4", "11.8"])))
    ticks = [t for t in ElementTree.fromstring(svg).iter(f"{SVG}text") if t.get("text-anchor") == "end"]  # noqa: S314
    labels = [t.text for t in ticks]
    assert "10%" in labels and "15%" in labels and "100%" not in labels
    assert "Statistical neighbours 10.5%" in labels
