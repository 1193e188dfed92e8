"""Generated report sections from the plan and performance records (CONTRACTS.md)."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from boards.choices import RAG, IndicatorUnit, RecommendationStatus
from boards.report_data_plan import GENERATED
from boards.tests.factories import (
    ActionFactory,
    BusinessPlanFactory,
    CdopYearFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InspectionFactory,
    InspectionRecommendationFactory,
    LadoYearFactory,
    PriorityFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

KEYS = ["priorities_progress", "scorecard", "inspections", "cdop", "lado"]


def _fill(board, agency, scale=1, prefix=""):
    plan = BusinessPlanFactory(board=board, start_date=datetime.date(2025, 4, 1), end_date=datetime.date(2027, 3, 31))
    for n in range(1, 2 * scale + 1):
        priority = PriorityFactory(plan=plan, number=n, title=f"{prefix}Priority {n}")
        for i in range(3):
            action = ActionFactory(
                priority=priority,
                owner_agency=agency,
                title=f"{prefix}Action {n}.{i}",
                rag=[RAG.RED, RAG.AMBER, RAG.COMPLETE][i],
                due_date=datetime.date(2025, 12, 31),
                opened_on=datetime.date(2025, 4, 1),
                little_or_no_progress=i == 0,
                little_or_no_progress_cause=f"{prefix}No staff" if i == 0 else "",
            )
            ProgressUpdateFactory(action=action, date=datetime.date(2025, 10, 1), text=f"{prefix}In year {n}.{i}")
            ProgressUpdateFactory(action=action, date=datetime.date(2026, 5, 1), text=f"{prefix}Next year {n}.{i}")
    for n in range(4 * scale):
        indicator = IndicatorFactory(board=board, name=f"{prefix}Indicator {n}", unit=IndicatorUnit.PERCENT)
        for quarter in range(10):
            IndicatorValueFactory(
                indicator=indicator,
                period_end=datetime.date(2024, 4, 1) + datetime.timedelta(days=91 * quarter + 89),
                value=Decimal(50 + quarter),
            )
    for n in range(scale):
        inspection = InspectionFactory(
            board=board, title=f"{prefix}Inspection {n}", start_date=datetime.date(2025, 6, 2)
        )
        InspectionRecommendationFactory(inspection=inspection, owner_agency=agency, text=f"{prefix}Recommendation {n}")
    old = InspectionFactory(
        board=board,
        title=f"{prefix}Old inspection",
        start_date=datetime.date(2023, 5, 1),
        end_date=datetime.date(2023, 5, 5),
    )
    InspectionRecommendationFactory(inspection=old, text=f"{prefix}Still open")
    InspectionRecommendationFactory(inspection=old, text=f"{prefix}Long done", status=RecommendationStatus.COMPLETE)
    CdopYearFactory(board=board, financial_year=2025)
    LadoYearFactory(board=board, financial_year=2025)


def test_every_key_is_declared_as_the_contract_says():
    assert sorted(GENERATED) == sorted(KEYS)
    for key, entry in GENERATED.items():
        assert entry["template"] == f"boards/report/_{key}.html"
        assert entry["title"] and entry["source"] and callable(entry["data"])


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("scale", [1, 10])
def test_data_uses_few_queries_whatever_the_size(world, key, scale, django_assert_max_num_queries):
    _fill(world.board, world.agency, scale)
    with django_assert_max_num_queries(4):
        data = GENERATED[key]["data"](world.board, 2025)
    json.dumps(data)  # JSON-serialisable, as the snapshot needs


@pytest.mark.parametrize("key", KEYS)
def test_only_that_boards_records_appear(world, key):
    _fill(world.board, world.agency, prefix="Home ")
    _fill(world.other_board, world.foreign_agency, prefix="Other ")
    html = render_to_string(GENERATED[key]["template"], {"data": GENERATED[key]["data"](world.board, 2025)})
    assert "Other " not in json.dumps(GENERATED[key]["data"](world.board, 2025))
    assert "Other " not in html


def test_priorities_progress_covers_the_year_and_little_or_no_progress(world):
    _fill(world.board, world.agency)
    data = GENERATED["priorities_progress"]["data"](world.board, 2025)
    assert data["financial_year"] == "2025/26"
    assert data["totals"]["actions"] == 6 and data["totals"]["red"] == 2 and data["totals"]["complete"] == 2
    updates = [u["text"] for p in data["priorities"] for a in p["actions"] for u in a["updates"]]
    assert "In year 1.0" in updates and not any(u.startswith("Next year") for u in updates)
    assert [item["cause"] for item in data["little_or_no_progress"]] == ["No staff", "No staff"]
    html = render_to_string("boards/report/_priorities_progress.html", {"data": data})
    assert "Areas of little or no progress" in html and "No staff" in html
    assert "<caption" in html and 'scope="col"' in html and "<h2" not in html and "<h1" not in html


def test_scorecard_has_eight_periods_to_year_end_and_a_deterministic_chart(world):
    _fill(world.board, world.agency)
    first = GENERATED["scorecard"]["data"](world.board, 2025)
    indicator = first["indicators"][0]
    assert len(indicator["values"]) == 8
    assert indicator["values"][-1]["period"] == "Q4 2025/26"
    assert indicator["latest"]["period"] == "Q4 2025/26"
    assert indicator["chart_svg"].startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert "<title id=" in indicator["chart_svg"] and "<desc id=" in indicator["chart_svg"]
    assert GENERATED["scorecard"]["data"](world.board, 2025) == first
    html = render_to_string("boards/report/_scorecard.html", {"data": first})
    assert html.count("<svg") == 4 and "values shown in the chart" in html
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert "src=" not in html and "<script" not in html and "<img" not in html


def test_inspections_box_has_this_years_and_still_open_recommendations(world):
    _fill(world.board, world.agency)
    data = GENERATED["inspections"]["data"](world.board, 2025)
    assert [i["title"] for i in data["inspections"]] == ["Inspection 0"]
    texts = {r["text"]: r["from_earlier_year"] for r in data["recommendations"]}
    assert texts == {"Still open": True, "Recommendation 0": False}
    html = render_to_string("boards/report/_inspections.html", {"data": data})
    assert 'class="lscb-report-box' in html and "Inspection recommendations and the response" in html


def test_cdop_and_lado_say_when_nothing_was_recorded(world):
    for key in ("cdop", "lado"):
        data = GENERATED[key]["data"](world.board, 2030)
        assert data == {"financial_year": "2030/31", "recorded": False}
        assert "No " in render_to_string(GENERATED[key]["template"], {"data": data})


def test_cdop_and_lado_figures(world):
    CdopYearFactory(board=world.board, financial_year=2025)
    LadoYearFactory(board=world.board, financial_year=2025)
    cdop = GENERATED["cdop"]["data"](world.board, 2025)
    assert cdop["deaths_notified"] == 20 and cdop["modifiable_percent"] == "26.67"
    assert {row["label"]: row["count"] for row in cdop["categories"]}["Perinatal or neonatal event"] == 4
    lado = GENERATED["lado"]["data"](world.board, 2025)
    assert lado["concluded"] == 30 and lado["within_one_month_percent"] == "50"
    html = render_to_string("boards/report/_lado.html", {"data": lado})
    assert "Referrals by sector, 2025/26" in html and "Substantiated" in html
