"""Inspections and their recommendations."""

import datetime

import pytest
from django.urls import reverse

from boards.choices import RecommendationStatus
from boards.models import Inspection, InspectionRecommendation
from boards.tests.factories import InspectionFactory, InspectionRecommendationFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "inspectorate": "ofsted",
        "title": "ILACS",
        "start_date": "2025-06-02",
        "end_date": "2025-06-13",
        "published_on": "2025-07-20",
        "judgement": "good",
        "summary": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2025-06-01"}, "must end on or after the day it started"),
        ({"published_on": "2025-06-10"}, "cannot be published before the inspection ended"),
        ({"judgement": "brilliant"}, "Select a valid choice"),
    ],
)
def test_inspection_dates_in_order(world, client_for, overrides, message):
    url = reverse("boards:inspection_add", kwargs={"board_slug": world.board.slug})
    response = client_for("business_manager").post(url, _data(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Inspection.objects.exists()


def test_recommendation_numbers_unique_within_inspection(world, client_for):
    inspection = InspectionFactory(board=world.board)
    InspectionRecommendationFactory(inspection=inspection, number=1)
    url = reverse("boards:recommendation_add", kwargs={"board_slug": world.board.slug, "inspection_id": inspection.pk})
    data = {"number": "1", "text": "Do better", "owner_agency": "", "due_date": "", "status": "open"}
    response = client_for("business_manager").post(url, data)
    assert "already has a recommendation 1" in response.content.decode()
    data["number"] = "2"
    data["owner_agency"] = world.agency.pk
    assert client_for("business_manager").post(url, data).status_code == 302
    assert InspectionRecommendation.objects.get(number=2).owner_agency == world.agency


def test_detail_shows_overdue_recommendations_and_history(world, client_for):
    inspection = InspectionFactory(board=world.board)
    InspectionRecommendationFactory(inspection=inspection, due_date=datetime.date(2025, 9, 1), text="Late one")
    InspectionRecommendationFactory(
        inspection=inspection, due_date=datetime.date(2025, 9, 1), status=RecommendationStatus.COMPLETE, text="Done"
    )
    url = reverse("boards:inspection_detail", kwargs={"board_slug": world.board.slug, "inspection_id": inspection.pk})
    page = client_for("member").get(url).content.decode()
    assert page.count(">Overdue<") == 1
    assert "History of changes" in page


@pytest.mark.parametrize("scale", [1, 10])
def test_inspection_pages_query_count_does_not_grow(world, client_for, django_assert_max_num_queries, scale):
    for _ in range(scale):
        inspection = InspectionFactory(board=world.board)
        for _ in range(4):
            InspectionRecommendationFactory(inspection=inspection, owner_agency=world.agency)
    client = client_for("member")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("boards:inspection_list", kwargs={"board_slug": world.board.slug})).status_code == 200
    url = reverse("boards:inspection_detail", kwargs={"board_slug": world.board.slug, "inspection_id": inspection.pk})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("boards:recommendation_export", kwargs={"board_slug": world.board.slug}))
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1 + 4 * scale


def test_the_inspectorate_filter_narrows_the_list_and_the_csv_and_ignores_what_is_no_inspectorate(world, client_for):
    InspectionFactory(board=world.board, inspectorate="ofsted", title="ILACS visit")
    InspectionFactory(board=world.board, inspectorate="cqc", title="Health visit")
    client = client_for("member")
    url = reverse("boards:inspection_list", kwargs={"board_slug": world.board.slug})
    page = client.get(url, {"inspectorate": "cqc"}).content.decode()
    assert "Health visit" in page and "ILACS visit" not in page
    assert "recommendations.csv?inspectorate=cqc" in page and "Download the recommendations (CSV)" in page
    page = client.get(url, {"inspectorate": "nobody\x00"}).content.decode()
    assert "Health visit" in page and "ILACS visit" in page
