"""Correcting and removing a review's learning records: the services (with their refusals and
audit entries), the change and remove pages, and their query counts at 1× and 10× data."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from lscb.models import AuditEntry
from lscb.permissions import BoardAccess
from reviews import services
from reviews.choices import ActionStatus, DocumentKind, ReviewStatus
from reviews.forms import LearningPointForm, RecommendationForm, ReviewActionForm
from reviews.models import LearningPoint, LearningProduct, Recommendation, ReviewAction, ReviewDocument
from reviews.services import ReviewError
from reviews.tests.factories import (
    CaseReviewFactory,
    LearningPointFactory,
    LearningProductFactory,
    RecommendationFactory,
    ReviewActionFactory,
    ThemeFactory,
)
from reviews.tests.test_pages import DETAIL_QUERIES

S = ReviewStatus
# The change and remove pages load the board, the person's roles, the review and the one item
# with what the page shows of it; none of that grows with the review's size.
CHANGE_QUERIES = 14
REMOVE_QUERIES = 13


def _access(world, persona="business_manager"):
    return BoardAccess.for_user(world.user(persona), world.board)


def _url(name, world, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


@pytest.fixture
def review(world):
    return CaseReviewFactory(board=world.board, status=S.IN_PROGRESS, agencies=[world.agency], pseudonym="Child P")


@pytest.fixture
def media(settings, tmp_path):
    # Review documents live in the private storage (lscb/storage.py), here a fresh folder per test.
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def _document(review):
    document = ReviewDocument(
        review=review, kind=DocumentKind.FINAL_REPORT, original_name="Final report.pdf", extension="pdf", size=9
    )
    document.file.save("upload.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    document.save()
    return document


# --- Services --------------------------------------------------------------------------------


def test_correcting_a_recommendation_keeps_its_number_history_and_audit(world, review):
    recommendation = RecommendationFactory(review=review, number=1, text="Invite GPs to strategy discusions.")
    form = RecommendationForm({"text": "Invite GPs to strategy discussions."}, instance=recommendation)
    assert form.is_valid(), form.errors
    services.update_recommendation(_access(world), form)
    recommendation.refresh_from_db()
    assert (recommendation.number, recommendation.text) == (1, "Invite GPs to strategy discussions.")
    assert [h.text for h in recommendation.history.order_by("history_id")] == [
        "Invite GPs to strategy discusions.",
        "Invite GPs to strategy discussions.",
    ]
    entry = AuditEntry.objects.get(action="reviews.recommendation.updated")
    assert entry.object_id == str(review.pk) and entry.payload["fields"] == ["text"]


def test_correcting_an_action_changes_its_details_not_the_agencys_progress(world, review):
    action = ReviewActionFactory(
        recommendation=RecommendationFactory(review=review),
        agency=world.agency,
        status=ActionStatus.IN_PROGRESS,
        evidence="Audit started.",
    )
    form = ReviewActionForm(
        {"agency": world.other_agency.pk, "description": "Audit 30 discussions", "due_date": "2027-06-30"},
        instance=action,
        board=world.board,
    )
    assert form.is_valid(), form.errors
    services.update_action_details(_access(world), form)
    action.refresh_from_db()
    assert (action.agency, action.description, str(action.due_date)) == (
        world.other_agency,
        "Audit 30 discussions",
        "2027-06-30",
    )
    assert (action.status, action.evidence) == (ActionStatus.IN_PROGRESS, "Audit started.")
    entry = AuditEntry.objects.get(action="reviews.action.details_updated")
    assert entry.payload["agency"] == world.other_agency.name
    assert sorted(entry.payload["fields"]) == ["agency", "description", "due_date"]


def test_only_the_business_manager_corrects_or_removes(world, review):
    point = LearningPointFactory(review=review, title="As recorded")
    form = LearningPointForm({"title": "Changed"}, instance=LearningPoint.objects.get(), board=world.board)
    assert form.is_valid()
    for persona in ("chair", "agency_author"):
        with pytest.raises(PermissionDenied):
            services.update_learning_point(_access(world, persona), form)
        with pytest.raises(PermissionDenied):
            services.remove_learning_point(_access(world, persona), point)
    assert LearningPoint.objects.get().title == "As recorded"


def test_a_closed_review_is_not_corrected(world):
    review = CaseReviewFactory(board=world.board, status=S.CLOSED)
    point = LearningPointFactory(review=review)
    with pytest.raises(ReviewError, match="closed and archived"):
        services.remove_learning_point(_access(world), point)
    assert LearningPoint.objects.exists()


def test_removing_a_learning_point_keeps_its_history_and_leaves_an_audit_entry(world, review):
    point = LearningPointFactory(review=review, title="GPs were not invited")
    services.remove_learning_point(_access(world), point)
    assert not LearningPoint.objects.exists()
    assert LearningPoint.history.filter(id=point.pk, history_type="-").exists()
    entry = AuditEntry.objects.get(action="reviews.learning_point.removed")
    assert entry.payload["item"] == "GPs were not invited" and entry.object_id == str(review.pk)


def test_a_learning_point_that_is_a_products_only_learning_is_kept(world, review):
    point, other = LearningPointFactory(review=review), LearningPointFactory(review=review)
    only_this = LearningProductFactory(review=review, title="Briefing on strategy discussions")
    only_this.learning_points.set([point])
    with pytest.raises(ReviewError, match="only learning that “Briefing on strategy discussions” carries"):
        services.remove_learning_point(_access(world), point)
    only_this.learning_points.add(other)
    services.remove_learning_point(_access(world), point)
    assert list(only_this.learning_points.all()) == [other]


def test_a_recommendation_with_actions_is_not_removed(world, review):
    recommendation = RecommendationFactory(review=review, number=2)
    action = ReviewActionFactory(recommendation=recommendation, agency=world.agency)
    with pytest.raises(ReviewError, match="Recommendation 2 still has 1 action. Remove its actions first"):
        services.remove_recommendation(_access(world), recommendation)
    assert ReviewAction.objects.filter(pk=action.pk).exists()
    services.remove_action(_access(world), action)
    services.remove_recommendation(_access(world), recommendation)
    assert not Recommendation.objects.exists()
    codes = list(AuditEntry.objects.filter(action__endswith=".removed").values_list("action", flat=True))
    assert sorted(codes) == ["reviews.action.removed", "reviews.recommendation.removed"]


@pytest.mark.parametrize(
    "progress",
    [
        {"status": ActionStatus.IN_PROGRESS},
        {"evidence": "Audit of 10 discussions started."},
        {"status": ActionStatus.NOT_TAKEN_FORWARD, "evidence": "Superseded by the new protocol."},
    ],
)
def test_an_action_with_progress_is_not_removed(world, review, progress):
    action = ReviewActionFactory(recommendation=RecommendationFactory(review=review), agency=world.agency, **progress)
    with pytest.raises(ReviewError, match="Home Police has recorded progress on this action"):
        services.remove_action(_access(world), action)
    assert ReviewAction.objects.filter(pk=action.pk).exists()
    assert not AuditEntry.objects.filter(action="reviews.action.removed").exists()


def test_removing_a_learning_product_keeps_the_learning_it_carries(world, review):
    point = LearningPointFactory(review=review)
    product = LearningProductFactory(review=review, title="Bulletin 4")
    product.learning_points.set([point])
    services.remove_learning_product(_access(world), product)
    assert not LearningProduct.objects.exists() and LearningPoint.objects.filter(pk=point.pk).exists()
    assert AuditEntry.objects.get(action="reviews.learning_product.removed").payload["item"] == "Bulletin 4"


def test_removing_a_document_withdraws_it_and_keeps_the_file(world, review, media):
    document = _document(review)
    stored = Path(document.file.path)
    services.withdraw_document(_access(world), document)
    document.refresh_from_db()
    assert document.is_withdrawn and document.withdrawn_by == world.user("business_manager")
    assert stored.read_bytes() == b"%PDF-1.7\n"  # kept for the retention review
    entry = AuditEntry.objects.get(action="reviews.document.withdrawn")
    assert entry.payload["document"] == "Final report.pdf"
    with pytest.raises(ReviewError, match="already been withdrawn"):
        services.withdraw_document(_access(world), document)
    # Gone for everyone but the business manager, who can still download it.
    assert ReviewDocument.objects.visible_to(_access(world, "agency_author")).count() == 0
    assert ReviewDocument.objects.visible_to(_access(world)).count() == 1


# --- Pages -----------------------------------------------------------------------------------


def test_the_change_page_is_the_add_form_filled_in(world, client_for, review):
    theme = ThemeFactory(board=world.board, name="Neglect")
    point = LearningPointFactory(review=review, title="GPs were not invited", detail="Nobody asked them.")
    point.themes.add(theme)
    response = client_for("business_manager").get(
        _url("learning_point_edit", world, review_id=review.pk, learning_point_id=point.pk)
    )
    assert response.status_code == 200
    page = response.text
    assert 'value="GPs were not invited"' in page and "Nobody asked them." in page
    assert f'value="{theme.pk}"' in page and "checked" in page
    assert "Save changes" in page and "Add learning point" not in page


def test_a_change_with_errors_keeps_what_was_typed(world, client_for, review):
    recommendation = RecommendationFactory(review=review, text="Invite GPs.")
    url = _url("recommendation_edit", world, review_id=review.pk, recommendation_id=recommendation.pk)
    response = client_for("business_manager").post(url, {"text": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text and "govuk-error-summary" in response.text
    assert "<title>Error:" in response.text
    action = ReviewActionFactory(recommendation=recommendation, agency=world.agency, description="Audit")
    url = _url("action_edit", world, review_id=review.pk, action_id=action.pk)
    response = client_for("business_manager").post(
        url, {"agency": world.agency.pk, "description": "Audit all 40 strategy discussions", "due_date": "2027-02-30"}
    )
    assert response.status_code == 200
    assert "Audit all 40 strategy discussions" in response.text  # kept, not replaced by the saved text
    assert "govuk-error-summary" in response.text
    assert Recommendation.objects.get().text == "Invite GPs."
    assert ReviewAction.objects.get().description == "Audit"


def test_a_correction_is_saved_with_a_message_and_back_to_the_review(world, client_for, review):
    recommendation = RecommendationFactory(review=review, text="Invite GPs.")
    client = client_for("business_manager")
    url = _url("recommendation_edit", world, review_id=review.pk, recommendation_id=recommendation.pk)
    response = client.post(url, {"text": "Invite GPs to every strategy discussion."}, follow=True)
    assert response.redirect_chain[-1][0] == review.get_absolute_url()
    assert "Recommendation updated." in response.text
    assert "Invite GPs to every strategy discussion." in response.text


def test_the_confirmation_page_says_what_will_be_lost_and_changes_nothing(world, client_for, review):
    point = LearningPointFactory(review=review, title="GPs were not invited")
    product = LearningProductFactory(review=review, title="Bulletin 4")
    product.learning_points.set([point, LearningPointFactory(review=review)])
    client = client_for("business_manager")
    url = _url("learning_point_remove", world, review_id=review.pk, learning_point_id=point.pk)
    response = client.get(url)
    assert response.status_code == 200
    page = response.text
    assert "Are you sure you want to remove the learning point “GPs were not invited”?" in page
    assert "no longer list it as learning they carry: Bulletin 4" in page
    assert "Yes, remove the learning point" in page
    assert LearningPoint.objects.filter(pk=point.pk).exists()
    assert not AuditEntry.objects.filter(action__startswith="reviews.learning_point").exists()
    response = client.post(url, follow=True)
    assert "The learning point “GPs were not invited” removed." in response.text
    assert not LearningPoint.objects.filter(pk=point.pk).exists()


def test_the_confirmation_page_explains_a_refusal_without_a_button(world, client_for, review):
    recommendation = RecommendationFactory(review=review, number=1)
    ReviewActionFactory(recommendation=recommendation, agency=world.agency)
    client = client_for("business_manager")
    url = _url("recommendation_remove", world, review_id=review.pk, recommendation_id=recommendation.pk)
    page = client.get(url).text
    assert "You cannot remove recommendation 1 yet" in page and "Remove its actions first" in page
    assert "Yes, remove" not in page
    response = client.post(url, follow=True)  # a POST anyway (an old tab): refused, explained
    assert "Remove its actions first" in response.text
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_a_withdrawn_document_leaves_the_review_page_but_not_the_managers_list(world, client_for, review, media):
    document = _document(review)
    client = client_for("business_manager")
    url = _url("document_remove", world, review_id=review.pk, document_id=document.pk)
    page = client.get(url).text
    assert "Are you sure you want to remove the document “Final report.pdf”?" in page
    assert "The file is not destroyed" in page
    client.post(url)
    page = client.get(review.get_absolute_url()).text
    assert "Withdrawn documents" in page and "Final report.pdf" in page
    download = _url("document_download", world, document_id=document.pk)
    assert client_for("agency_author").get(download).status_code == 404
    author_page = client_for("agency_author").get(review.get_absolute_url()).text
    assert "Final report.pdf" not in author_page and "No documents uploaded." in author_page


def test_another_boards_item_is_not_found_even_under_its_own_review_id(world, client_for):
    foreign = RecommendationFactory(review=CaseReviewFactory(board=world.other_board))
    client = client_for("business_manager")
    for name in ("recommendation_edit", "recommendation_remove"):
        url = _url(name, world, review_id=foreign.review_id, recommendation_id=foreign.pk)
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "Hijacked."}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.text != "Hijacked."


def test_review_page_links_name_each_item_for_screen_readers(world, client_for, review):
    LearningPointFactory(review=review, title="GPs were not invited")
    recommendation = RecommendationFactory(review=review, number=1)
    ReviewActionFactory(recommendation=recommendation, agency=world.agency, description="Audit discussions")
    page = client_for("business_manager").get(review.get_absolute_url()).text
    assert 'Change<span class="govuk-visually-hidden"> learning point GPs were not invited</span>' in page
    assert 'Remove<span class="govuk-visually-hidden"> recommendation 1</span>' in page
    assert 'Change<span class="govuk-visually-hidden"> action Audit discussions</span>' in page
    for persona in ("chair", "agency_author"):
        page = client_for(persona).get(review.get_absolute_url()).text
        assert "Change<span" not in page and "Remove<span" not in page


# --- Query counts ----------------------------------------------------------------------------


def _sized_review(world, size):
    """A review with `size` of everything; the item under test is the first of each."""
    review = CaseReviewFactory(board=world.board, status=S.IN_PROGRESS, agencies=[world.agency])
    themes = [ThemeFactory(board=world.board, name=f"Theme {n}") for n in range(size)]
    points = [LearningPointFactory(review=review) for _ in range(size)]
    for point in points:
        point.themes.set(themes)
    for _ in range(size):
        recommendation = RecommendationFactory(review=review)
        ReviewActionFactory(recommendation=recommendation, agency=world.agency)
        ReviewActionFactory(recommendation=recommendation, agency=world.other_agency)
        LearningProductFactory(review=review).learning_points.set(points)
    return review


def _pages(world, review):
    point = review.learning_points.first()
    recommendation = review.recommendations.first()
    action = recommendation.actions.first()
    product = review.learning_products.first()
    ids = {"review_id": review.pk}
    return [
        ("learning_point_edit", {**ids, "learning_point_id": point.pk}, CHANGE_QUERIES),
        ("recommendation_edit", {**ids, "recommendation_id": recommendation.pk}, CHANGE_QUERIES),
        ("action_edit", {**ids, "action_id": action.pk}, CHANGE_QUERIES),
        ("product_edit", {**ids, "product_id": product.pk}, CHANGE_QUERIES),
        ("learning_point_remove", {**ids, "learning_point_id": point.pk}, REMOVE_QUERIES),
        ("recommendation_remove", {**ids, "recommendation_id": recommendation.pk}, REMOVE_QUERIES),
        ("action_remove", {**ids, "action_id": action.pk}, REMOVE_QUERIES),
        ("product_remove", {**ids, "product_id": product.pk}, REMOVE_QUERIES),
    ]


@pytest.mark.parametrize("size", [1, 10])
def test_change_and_remove_pages_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, size, media
):
    review = _sized_review(world, size)
    document = _document(review)
    client = client_for("business_manager")
    pages = _pages(world, review) + [
        ("document_remove", {"review_id": review.pk, "document_id": document.pk}, REMOVE_QUERIES)
    ]
    for name, kwargs, bound in pages:
        with django_assert_max_num_queries(bound):
            response = client.get(_url(name, world, **kwargs))
        assert response.status_code == 200, name


@pytest.mark.parametrize("size", [1, 10])
def test_detail_page_with_the_managers_links_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries, size, media
):
    review = _sized_review(world, size)
    _document(review)
    client = client_for("business_manager")
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    # Each point, recommendation, action and product has Change and Remove; the document Remove.
    assert response.text.count("Change<span") == size * 5
    assert response.text.count("Remove<span") == size * 5 + 1
