"""Warnings when a pseudonym or text looks like a child's real name or date of birth."""

import pytest
from django.urls import reverse

from reviews.models import CaseReview, LearningPoint
from reviews.pseudonyms import pseudonym_warnings, text_warnings
from reviews.tests.factories import CaseReviewFactory


@pytest.mark.parametrize("pseudonym", ["Child A", "Children B and C", "Sibling group D", "Baby E (2024)", "Family F"])
def test_usual_pseudonyms_pass(pseudonym):
    assert pseudonym_warnings(pseudonym) == []


@pytest.mark.parametrize(
    ("pseudonym", "words"),
    [("Jayden Smith", "real name"), ("Olivia", "real name"), ("Child 03/04/2015", "date of birth")],
)
def test_names_and_dates_as_pseudonyms_are_flagged(pseudonym, words):
    assert any(words in warning for warning in pseudonym_warnings(pseudonym))


@pytest.mark.parametrize(
    "text",
    [
        "Jayden Smith attended the nursery.",
        "Child A (DOB 03/04/2015) was seen.",
        "Child A was born on 3 April 2015.",
        "<p>Mia Jones told her teacher.</p>",
    ],
)
def test_identifiers_in_text_are_flagged(text):
    assert text_warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Child A was seen by Tri-borough Police on 12/03/2025.",
        "Kingsmere Council Children's Services held a strategy discussion.",
        "The GP Federation did not attend.",
    ],
)
def test_ordinary_review_text_passes(text):
    assert text_warnings(text) == []


def _post(client, world, **overrides):
    data = {
        "pseudonym": "Child A",
        "review_type": "rapid_review",
        "framework": "wt2023",
        "harm_type": "serious_harm",
        "became_aware_on": "2026-01-05",
        "agencies_involved": [world.agency.pk],
        "is_restricted": "on",
        **overrides,
    }
    return client.post(reverse("reviews:add", kwargs={"board_slug": world.board.slug}), data)


def test_a_real_looking_name_is_not_saved_until_confirmed(world, client_for):
    client = client_for("business_manager")
    response = _post(client, world, pseudonym="Jayden Smith")
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "“Jayden Smith” looks like a person&#x27;s real name." in response.text
    assert 'type="checkbox" name="confirm_no_identifiers"' in response.text
    assert not CaseReview.objects.exists()
    response = _post(client, world, pseudonym="Jayden Smith", confirm_no_identifiers="on")
    assert response.status_code == 302
    assert CaseReview.objects.get().pseudonym == "Jayden Smith"


def test_a_date_of_birth_in_the_summary_is_caught(world, client_for):
    response = _post(client_for("business_manager"), world, summary="<p>Child A, DOB 03/04/2015, lived with…</p>")
    assert response.status_code == 200
    assert "looks like a date of birth" in response.text
    assert not CaseReview.objects.exists()


def test_an_ordinary_review_saves_without_a_confirmation_box(world, client_for):
    response = _post(client_for("business_manager"), world)
    assert response.status_code == 302
    review = CaseReview.objects.get()
    assert review.status == "identified" and review.is_restricted
    assert list(review.agencies_involved.all()) == [world.agency]


def test_learning_points_are_checked_too(world, client_for):
    review = CaseReviewFactory(board=world.board)
    url = reverse("reviews:learning_point_add", kwargs={"board_slug": world.board.slug, "review_id": review.pk})
    response = client_for("business_manager").post(url, {"title": "Ruby Taylor was not seen alone"})
    assert response.status_code == 200
    assert not LearningPoint.objects.exists()


def test_summary_html_is_sanitised(world, client_for):
    response = _post(client_for("business_manager"), world, summary='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert response.status_code == 302
    summary = CaseReview.objects.get().summary
    assert "script" not in summary and "onclick" not in summary
