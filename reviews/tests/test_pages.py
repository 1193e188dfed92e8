"""Case review pages: the add/edit flow through the forms, and query counts at 1× and 10× data."""

import datetime

import pytest
from django.urls import reverse

from reviews.choices import ReviewStatus
from reviews.models import CaseReview, LearningProduct, Recommendation, ReviewAction
from reviews.tests.factories import (
    CaseReviewFactory,
    LearningPointFactory,
    LearningProductFactory,
    RecommendationFactory,
    ReviewActionFactory,
    ThemeFactory,
)

S = ReviewStatus
LIST_QUERIES = 10
DETAIL_QUERIES = 20


def _url(name, world, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def _full_review(world, status=S.ACTIONS_MONITORED):
    review = CaseReviewFactory(board=world.board, status=status, agencies=[world.agency, world.other_agency])
    theme = ThemeFactory(board=world.board, name="Neglect")
    review.themes.add(theme)
    points = [LearningPointFactory(review=review) for _ in range(3)]
    for point in points:
        point.themes.add(theme)
    for _ in range(2):
        recommendation = RecommendationFactory(review=review)
        ReviewActionFactory(recommendation=recommendation, agency=world.agency)
        ReviewActionFactory(recommendation=recommendation, agency=world.other_agency)
    product = LearningProductFactory(review=review)
    product.learning_points.set(points)
    return review


@pytest.mark.parametrize("copies", [1, 10])
@pytest.mark.parametrize("persona", ["business_manager", "agency_author", "member"])
def test_list_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, copies, persona):
    for _ in range(copies):
        _full_review(world)
    client = client_for(persona)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(_url("list", world))
    assert response.status_code == 200
    assert response.text.count("Actions monitored") == copies


@pytest.mark.parametrize("size", [1, 10])
def test_detail_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, size):
    review = _full_review(world)
    for _ in range(size - 1):
        recommendation = RecommendationFactory(review=review)
        ReviewActionFactory(recommendation=recommendation, agency=world.agency)
        point = LearningPointFactory(review=review)
        LearningProductFactory(review=review).learning_points.add(point)
    client = client_for("agency_author")
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(_url("detail", world, review_id=review.pk))
    assert response.status_code == 200
    assert response.text.count("Update<span") == 2 + (size - 1)  # own agency's actions only


def test_business_manager_records_the_learning_chain(world, client_for):
    client = client_for("business_manager")
    review = CaseReviewFactory(board=world.board, status=S.IN_PROGRESS, agencies=[world.agency])
    theme = ThemeFactory(board=world.board, name="Information sharing")
    response = client.post(
        _url("learning_point_add", world, review_id=review.pk),
        {"title": "GPs were not at strategy discussions", "detail": "", "themes": [theme.pk]},
    )
    assert response.status_code == 302
    point = review.learning_points.get()
    assert list(point.themes.all()) == [theme]
    client.post(_url("recommendation_add", world, review_id=review.pk), {"text": "Invite GPs."})
    client.post(_url("recommendation_add", world, review_id=review.pk), {"text": "Audit attendance."})
    assert list(Recommendation.objects.filter(review=review).values_list("number", flat=True)) == [1, 2]
    recommendation = review.recommendations.get(number=1)
    response = client.post(
        _url("action_add", world, review_id=review.pk, recommendation_id=recommendation.pk),
        {"agency": world.agency.pk, "description": "Add GPs to the invitation list", "due_date": "2027-03-31"},
    )
    assert response.status_code == 302
    assert ReviewAction.objects.get().agency == world.agency
    response = client.post(
        _url("product_add", world, review_id=review.pk),
        {
            "kind": "procedure",
            "title": "Strategy discussion procedure",
            "issued_on": "2026-10-01",
            "what_changed": "GPs invited.",
        },
    )
    assert response.status_code == 200 and "Select the learning this product carries" in response.text
    response = client.post(
        _url("product_add", world, review_id=review.pk),
        {
            "kind": "procedure",
            "title": "Strategy discussion procedure",
            "issued_on": "2026-10-01",
            "what_changed": "GPs invited.",
            "learning_points": [point.pk],
        },
    )
    assert response.status_code == 302
    assert list(LearningProduct.objects.get().learning_points.all()) == [point]
    page = client.get(review.get_absolute_url()).text
    assert "GPs were not at strategy discussions" in page and "Strategy discussion procedure" in page


def test_another_boards_agency_cannot_own_an_action(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.IN_PROGRESS)
    recommendation = RecommendationFactory(review=review)
    response = client_for("business_manager").post(
        _url("action_add", world, review_id=review.pk, recommendation_id=recommendation.pk),
        {"agency": world.foreign_agency.pk, "description": "x", "due_date": "2027-03-31"},
    )
    assert response.status_code == 200
    assert not ReviewAction.objects.exists()


def test_a_recommendation_of_another_review_is_not_found(world, client_for):
    review = CaseReviewFactory(board=world.board)
    other = RecommendationFactory(review=CaseReviewFactory(board=world.board))
    url = _url("action_add", world, review_id=review.pk, recommendation_id=other.pk)
    assert client_for("business_manager").get(url).status_code == 404


def test_editing_cannot_move_t0_after_recorded_dates(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED, pseudonym="Child K")
    CaseReview.objects.filter(pk=review.pk).update(status=S.NOTIFIED, notified_on=datetime.date(2026, 1, 9))
    response = client_for("business_manager").post(
        _url("edit", world, review_id=review.pk),
        {
            "pseudonym": "Child K",
            "review_type": "rapid_review",
            "framework": "wt2023",
            "harm_type": "neglect",
            "became_aware_on": "2026-01-12",
        },
    )
    assert response.status_code == 200
    assert "notification date cannot be before" in response.text
    assert CaseReview.objects.get(pk=review.pk).became_aware_on == datetime.date(2026, 1, 5)


def test_a_closed_review_cannot_be_changed(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.CLOSED)
    response = client_for("business_manager").post(
        _url("recommendation_add", world, review_id=review.pk), {"text": "Too late."}
    )
    assert response.status_code == 200
    assert "closed and archived" in response.text
    assert not Recommendation.objects.exists()


def test_new_themes_are_created_once_per_board(world, client_for):
    ThemeFactory(board=world.board, name="Neglect")
    data = {
        "pseudonym": "Child N",
        "review_type": "rapid_review",
        "framework": "wt2023",
        "harm_type": "neglect",
        "became_aware_on": "2026-01-05",
        "new_themes": "neglect,  Voice of the  child , Voice of the child",
    }
    response = client_for("business_manager").post(_url("add", world), data)
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert sorted(review.themes.values_list("name", flat=True)) == ["Neglect", "Voice of the child"]
    assert world.board.review_themes.count() == 2
