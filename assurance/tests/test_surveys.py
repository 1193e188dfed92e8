"""Practitioner surveys are kept as counts per agency and statement, never individual answers."""

import pytest
from django.urls import reverse

from assurance.models import Survey, SurveyResult
from assurance.report_data import quality_assurance_section

pytestmark = pytest.mark.django_db


def test_results_are_counts_and_the_report_shows_percent_agreeing(world, client_for):
    survey = Survey.objects.create(
        board=world.board, title="Workforce survey", year=2025, questions="I know how to escalate\nI get supervision"
    )
    client = client_for("business_manager")
    results = reverse("assurance:survey_results", kwargs={"board_slug": world.board.slug, "survey_id": survey.pk})
    bad = client.post(
        results,
        {"agency": world.agency.pk, "responses_1": "10", "agreeing_1": "12", "responses_2": "ten", "agreeing_2": "3"},
    )
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "cannot be more than the number who answered" in page and "Enter a whole number" in page
    for agency, counts in ((world.agency, ("40", "30", "40", "10")), (world.other_agency, ("60", "45", "60", "50"))):
        response = client.post(
            results,
            {
                "agency": agency.pk,
                "responses_1": counts[0],
                "agreeing_1": counts[1],
                "responses_2": counts[2],
                "agreeing_2": counts[3],
            },
        )
        assert response.status_code == 302
    assert SurveyResult.objects.count() == 4
    detail = client_for("member").get(survey.get_absolute_url()).content.decode()
    assert "75%" in detail and "60%" in detail
    [data] = quality_assurance_section(world.board, 2025)["surveys"]
    assert [row["percent_agree"] for row in data["rows"]] == [75, 60]
