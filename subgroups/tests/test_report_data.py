"""The generated "Sub-groups" report section: content, the year's records only, one board only, few queries."""

import datetime
import json

import pytest
from django.template.loader import render_to_string

from boards.choices import RAG
from boards.tests.factories import AgencyFactory, BoardFactory, PersonFactory
from subgroups.choices import SubGroupKind
from subgroups.report_data import GENERATED
from subgroups.tests.factories import HighlightUpdateFactory, SubGroupFactory, WorkPlanItemFactory

pytestmark = pytest.mark.django_db

section = GENERATED["subgroups"]


def build(board, n=1):
    chair = PersonFactory(full_name="Fiona Caldwell")
    agency = AgencyFactory(board=board, name="Vale Community Health NHS Trust")
    for i in range(n):
        sg = SubGroupFactory(
            board=board,
            name=f"Quality Assurance {i}",
            purpose="Checks how well agencies work together.",
            chair_person=chair,
            chair_agency=agency,
        )
        for rag, due in [
            (RAG.RED, datetime.date(2025, 6, 30)),
            (RAG.AMBER, datetime.date(2025, 12, 31)),
            (RAG.COMPLETE, datetime.date(2026, 3, 31)),
            (RAG.GREEN, datetime.date(2026, 4, 1)),  # next year: not counted
        ]:
            WorkPlanItemFactory(subgroup=sg, rag=rag, due_date=due)
        HighlightUpdateFactory(
            subgroup=sg, financial_year=2025, quarter=2, progress="<p>Q2 progress</p>", submitted=True
        )
        HighlightUpdateFactory(
            subgroup=sg,
            financial_year=2025,
            quarter=1,
            progress="<p>Q1 progress</p>",
            risks="<p>Escalate capacity</p>",
            submitted=True,
        )
        HighlightUpdateFactory(subgroup=sg, financial_year=2025, quarter=3, progress="<p>Draft only</p>")
        HighlightUpdateFactory(subgroup=sg, financial_year=2024, quarter=4, progress="<p>Last year</p>", submitted=True)
    return board


def test_contract_shape():
    assert set(section) == {"title", "source", "data", "template"}
    assert section["template"] == "subgroups/report/_subgroups.html"


def test_data_gives_purpose_chair_the_years_submitted_highlights_and_rag_counts():
    board = build(BoardFactory())
    SubGroupFactory(board=board, name="Ended before the year", end_date=datetime.date(2024, 3, 31))
    SubGroupFactory(board=board, name="Starts after the year", start_date=datetime.date(2026, 4, 1))
    data = section["data"](board, 2025)
    json.dumps(data)  # JSON-serialisable
    assert data["financial_year"] == "2025/26"
    [sg] = data["subgroups"]
    assert sg["name"] == "Quality Assurance 0"
    assert sg["purpose"] == "Checks how well agencies work together."
    assert (sg["chair"], sg["chair_agency"]) == ("Fiona Caldwell", "Vale Community Health NHS Trust")
    assert sg["work_plan"] == {"red": 1, "amber": 1, "green": 0, "complete": 1, "total": 3}
    assert [h["quarter"] for h in sg["highlights"]] == [1, 2]  # submitted ones of 2025/26, in order
    assert sg["highlights"][0]["risks"] == "<p>Escalate capacity</p>"
    assert data["totals"]["total"] == 3


def test_only_this_boards_subgroups():
    board = build(BoardFactory())
    other = BoardFactory()
    SubGroupFactory(board=other, name="Other board's group")
    assert [sg["name"] for sg in section["data"](board, 2025)["subgroups"]] == ["Quality Assurance 0"]
    assert section["data"](other, 2025)["subgroups"][0]["name"] == "Other board's group"


def test_query_count_is_the_same_for_one_or_ten_subgroups(django_assert_num_queries):
    small, big = build(BoardFactory()), build(BoardFactory(), n=10)
    with django_assert_num_queries(2):
        section["data"](small, 2025)
    with django_assert_num_queries(2):
        data = section["data"](big, 2025)
    assert len(data["subgroups"]) == 10


def test_template_renders_the_data_without_queries(django_assert_num_queries):
    board = build(BoardFactory())
    SubGroupFactory(
        board=board,
        name="Kingsmere LPG",
        kind=SubGroupKind.LOCAL_PARTNERSHIP,
        area=board.areas.create(name="Kingsmere"),
    )
    data = section["data"](board, 2025)
    with django_assert_num_queries(0):
        html = render_to_string(section["template"], {"data": data})
    assert "<caption" in html and '<th scope="col"' in html and '<th scope="row"' in html
    assert "<h3" in html and "<h2" not in html and "<h1" not in html
    assert "<p>Q1 progress</p>" in html  # sanitised HTML rendered as HTML
    assert "Draft only" not in html and "Last year" not in html
    assert "No highlight update was submitted to the board for 2025/26." in html  # the LPG had none
    assert "<script" not in html and "http" not in html


def test_template_for_a_board_without_subgroups():
    data = section["data"](BoardFactory(), 2025)
    assert "The board had no sub-groups in 2025/26." in render_to_string(section["template"], {"data": data})
