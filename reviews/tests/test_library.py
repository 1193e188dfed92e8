"""The learning library: full-text search on PostgreSQL, a working fallback elsewhere."""

import pytest
from django.db import connection
from django.urls import reverse

from lscb.permissions import BoardAccess
from reviews.models import LearningPoint, Recommendation
from reviews.tests.factories import CaseReviewFactory, LearningPointFactory, RecommendationFactory


@pytest.fixture
def library(world):
    seen = CaseReviewFactory(board=world.board, status="published", agencies=[world.agency])
    hidden = CaseReviewFactory(board=world.board, status="draft", is_restricted=True, agencies=[world.agency])
    elsewhere = CaseReviewFactory(board=world.other_board, status="published")
    LearningPointFactory(review=seen, title="Neglect seen episode by episode", detail="Chronologies were missing.")
    LearningPointFactory(review=seen, title="Voice of the child", detail="Children were not seen alone.")
    LearningPointFactory(review=hidden, title="Neglected baby in a restricted draft", detail="")
    LearningPointFactory(review=elsewhere, title="Neglect on another board", detail="")
    RecommendationFactory(review=seen, text="Use the graded care profile wherever neglect is suspected.")
    return seen


def _titles(world, persona, query):
    access = BoardAccess.for_user(world.user(persona), world.board)
    return [p.title for p in LearningPoint.objects.visible_to(access).search(query)]


def test_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"


def test_full_text_search_stems_words_and_respects_visibility(world, library):
    # "neglected" finds "neglect" (English stemming): a plain substring search would not.
    assert _titles(world, "agency_author", "neglected") == ["Neglect seen episode by episode"]
    assert _titles(world, "business_manager", "neglected") == [
        "Neglect seen episode by episode",
        "Neglected baby in a restricted draft",
    ] or set(_titles(world, "business_manager", "neglected")) == {
        "Neglect seen episode by episode",
        "Neglected baby in a restricted draft",
    }
    assert _titles(world, "agency_author", "chronology") == ["Neglect seen episode by episode"]
    assert _titles(world, "agency_author", "") == []


def test_recommendations_are_searched_too(world, library):
    access = BoardAccess.for_user(world.user("member"), world.board)
    assert Recommendation.objects.visible_to(access).search("graded care").count() == 1
    assert Recommendation.objects.visible_to(access).search("exploitation").count() == 0


def test_the_fallback_works_without_postgresql(world, library, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert _titles(world, "agency_author", "neglect") == ["Neglect seen episode by episode"]
    assert _titles(world, "agency_author", "child alone") == ["Voice of the child"]


def test_library_page_lists_matches_with_their_review(world, library, client_for):
    url = reverse("reviews:library", kwargs={"board_slug": world.board.slug})
    page = client_for("agency_author").get(url, {"q": "neglect"}).text
    assert "Neglect seen episode by episode" in page
    assert library.pseudonym in page
    assert "restricted draft" not in page and "another board" not in page
    assert "Use the graded care profile" in page


@pytest.mark.parametrize("copies", [1, 10])
def test_library_page_query_count_does_not_grow_with_data(world, client_for, django_assert_max_num_queries, copies):
    for _ in range(copies):
        review = CaseReviewFactory(board=world.board, status="published", agencies=[world.agency])
        for _ in range(3):
            LearningPointFactory(review=review, title="Neglect and drift", detail="Neglect was not named.")
            RecommendationFactory(review=review, text="Name neglect in every plan.")
    client = client_for("agency_author")
    url = reverse("reviews:library", kwargs={"board_slug": world.board.slug})
    with django_assert_max_num_queries(11):
        response = client.get(url, {"q": "neglect"})
    assert response.text.count("Neglect and drift") == 3 * copies
