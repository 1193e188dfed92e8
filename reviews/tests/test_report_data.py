"""The generated annual report section "case_reviews_learning": data and template."""

import datetime
import json

from django.template.loader import render_to_string

from reviews.choices import ActionStatus, ProductKind, ReviewStatus, ReviewType
from reviews.report_data import GENERATED, case_reviews_learning
from reviews.tests.factories import (
    CaseReviewFactory,
    LearningPointFactory,
    LearningProductFactory,
    RecommendationFactory,
    ReviewActionFactory,
    ThemeFactory,
)

S = ReviewStatus
D = datetime.date
FY = 2025  # 1 April 2025 – 31 March 2026


def _year(world):
    neglect = ThemeFactory(board=world.board, name="Neglect")
    voice = ThemeFactory(board=world.board, name="Voice of the child")
    published = CaseReviewFactory(
        board=world.board,
        pseudonym="Child A",
        status=S.ACTIONS_MONITORED,
        became_aware_on=D(2025, 4, 7),
        notified_on=D(2025, 4, 11),  # due 14 April: on time
        decision_on=D(2025, 5, 9),  # due 15 working days after 11 April (2 May, after Easter and May Day): late
        signed_off_on=D(2025, 10, 1),
        published_on=D(2025, 11, 3),
    )
    unpublished = CaseReviewFactory(
        board=world.board,
        pseudonym="Child Secret",
        status=S.DRAFT,
        became_aware_on=D(2025, 9, 1),
        notified_on=D(2025, 9, 5),
        decision_on=D(2025, 9, 19),
    )
    CaseReviewFactory(board=world.board, pseudonym="Child Later", became_aware_on=D(2026, 4, 6))  # next year
    CaseReviewFactory(board=world.other_board, pseudonym="Child Elsewhere", became_aware_on=D(2025, 6, 2))
    p1 = LearningPointFactory(review=published, title="Neglect as a pattern")
    p1.themes.add(neglect)
    p2 = LearningPointFactory(review=published, title="The child's words")
    p2.themes.add(neglect, voice)
    LearningPointFactory(review=unpublished, title="Unthemed").themes.clear()
    recommendation = RecommendationFactory(review=published)
    ReviewActionFactory(recommendation=recommendation, agency=world.agency, due_date=D(2025, 12, 31))
    ReviewActionFactory(
        recommendation=recommendation,
        agency=world.other_agency,
        status=ActionStatus.COMPLETE,
        completed_on=D(2025, 12, 1),
        evidence="Done.",
    )
    product = LearningProductFactory(
        review=published,
        kind=ProductKind.TRAINING,
        title="Neglect course revised",
        issued_on=D(2026, 2, 1),
        what_changed="Graded care profile taught to all.",
    )
    product.learning_points.set([p1, p2])
    LearningProductFactory(review=unpublished, title="Bulletin on the secret review", issued_on=D(2025, 12, 1))
    LearningProductFactory(review=published, title="Out of year", issued_on=D(2026, 4, 2))
    return published, unpublished


def test_data_counts_the_year_for_this_board_only(world, django_assert_max_num_queries):
    _year(world)
    with django_assert_max_num_queries(7):
        data = case_reviews_learning(world.board, FY)
    json.dumps(data)  # JSON-serialisable
    assert data["financial_year"] == "2025/26"
    assert data["total_reviews"] == 2 and data["new_in_year"] == 2
    assert {row["label"]: row["count"] for row in data["by_type"]} == {ReviewType.LCSPR.label: 2}
    assert data["notifications"] == {"count": 2, "on_time": 2}
    assert data["rapid_reviews"] == {"count": 2, "on_time": 1}
    assert data["commissioned_in_year"] == 2
    assert data["published"] == [
        {
            "pseudonym": "Child A",
            "type": ReviewType.LCSPR.label,
            "published_on": "2025-11-03",
            "outcome": "Published in full",
        }
    ]
    assert data["learning_by_theme"] == [
        {"theme": "Neglect", "count": 2},
        {"theme": "Voice of the child", "count": 1},
        {"theme": "No theme", "count": 1},
    ]
    assert data["recommendations"] == 1
    assert {row["label"]: row["count"] for row in data["actions"]}["Complete"] == 1
    assert data["actions_overdue_at_year_end"] == 1
    assert [p["title"] for p in data["products"]] == ["Bulletin on the secret review", "Neglect course revised"]


def test_unpublished_reviews_are_counted_but_never_named(world):
    _year(world)
    data = case_reviews_learning(world.board, FY)
    text = json.dumps(data)
    assert "Child Secret" not in text
    assert "Child Elsewhere" not in text and "Child Later" not in text
    secret_product = next(p for p in data["products"] if p["title"] == "Bulletin on the secret review")
    assert secret_product["from_review"] == ReviewType.LCSPR.label


def test_the_query_count_does_not_grow_with_data(world, django_assert_max_num_queries):
    for _ in range(10):
        _year_copy = CaseReviewFactory(board=world.board, status=S.PUBLISHED, became_aware_on=D(2025, 5, 5))
        point = LearningPointFactory(review=_year_copy)
        point.themes.add(ThemeFactory(board=world.board, name="Neglect"))
        LearningProductFactory(review=_year_copy, issued_on=D(2025, 12, 1)).learning_points.add(point)
        ReviewActionFactory(recommendation=RecommendationFactory(review=_year_copy), agency=world.agency)
    with django_assert_max_num_queries(7):
        data = case_reviews_learning(world.board, FY)
    assert len(data["products"]) == 10


def test_template_renders_the_data_as_accessible_html(world):
    _year(world)
    spec = GENERATED["case_reviews_learning"]
    assert spec["data"] is case_reviews_learning and spec["title"] and spec["source"]
    html = render_to_string(spec["template"], {"data": case_reviews_learning(world.board, FY)})
    assert "<h3" in html and "<h2" not in html and "<h1" not in html
    assert html.count("<caption") == html.count("<table")
    assert 'role="img" class="lscb-chart"' in html and "<title" in html
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "Neglect course revised" in html and "Graded care profile taught to all." in html
    assert "Child A" in html and "Child Secret" not in html


def test_template_copes_with_an_empty_year(world):
    html = render_to_string(
        GENERATED["case_reviews_learning"]["template"], {"data": case_reviews_learning(world.board, 2010)}
    )
    assert "No learning points were recorded" in html
    assert "No learning products were issued" in html
