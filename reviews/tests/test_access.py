"""Who sees which case review, and the audit trail of every view of a restricted review."""

import pytest
from django.urls import reverse

from boards.choices import Role
from boards.tests.factories import MembershipFactory, person_with_login
from lscb.models import AuditEntry
from lscb.permissions import BoardAccess
from reviews.choices import ReviewStatus
from reviews.models import CaseReview, LearningPoint
from reviews.tests.factories import CaseReviewFactory, LearningPointFactory

S = ReviewStatus


@pytest.fixture
def reviews(world):
    own = {"board": world.board, "agencies": [world.agency]}
    return {
        "involved": CaseReviewFactory(pseudonym="Child A", status=S.RAPID_REVIEW, **own),
        "restricted_draft": CaseReviewFactory(pseudonym="Child B", status=S.DRAFT, is_restricted=True, **own),
        "open_draft": CaseReviewFactory(pseudonym="Child C", status=S.DRAFT, is_restricted=False, **own),
        "restricted_sign_off": CaseReviewFactory(pseudonym="Child D", status=S.PARTNER_SIGN_OFF, **own),
        "published_involved": CaseReviewFactory(pseudonym="Child E", status=S.PUBLISHED, **own),
        "published_other": CaseReviewFactory(
            pseudonym="Child F", board=world.board, status=S.PUBLISHED, agencies=[world.other_agency]
        ),
        "not_involved": CaseReviewFactory(
            pseudonym="Child G", board=world.board, status=S.RAPID_REVIEW, agencies=[world.other_agency]
        ),
        "other_board": CaseReviewFactory(pseudonym="Child H", board=world.other_board, status=S.PUBLISHED),
    }


def _visible(world, persona, board=None):
    access = BoardAccess.for_user(world.user(persona), board or world.board)
    return set(CaseReview.objects.visible_to(access).values_list("pseudonym", flat=True))


def test_business_manager_and_chair_see_every_review_of_their_board(world, reviews):
    everything = {"Child A", "Child B", "Child C", "Child D", "Child E", "Child F", "Child G"}
    assert _visible(world, "business_manager") == everything
    assert _visible(world, "chair") == everything


def test_agency_author_sees_reviews_their_agency_is_in_but_never_a_restricted_draft(world, reviews):
    assert _visible(world, "agency_author") == {"Child A", "Child C", "Child E"}
    assert _visible(world, "other_agency_author") == {"Child F", "Child G"}


def test_members_see_published_reviews_only(world, reviews):
    assert _visible(world, "member") == {"Child E", "Child F"}


def test_a_lay_member_reads_like_a_member(world, reviews):
    person = person_with_login("lay", "Lay Person")
    MembershipFactory(person=person, board=world.board, role=Role.LAY_MEMBER)
    assert _visible(world, "member") == set(
        CaseReview.objects.visible_to(BoardAccess.for_user(person.user, world.board)).values_list(
            "pseudonym", flat=True
        )
    )


def test_subgroup_chair_and_other_board_see_none(world, reviews):
    assert _visible(world, "subgroup_chair") == set()
    assert _visible(world, "other_board_member") == set()  # not a member of this board
    assert _visible(world, "other_board_member", world.other_board) == {"Child H"}


def test_learning_follows_the_review(world, reviews):
    LearningPointFactory(review=reviews["restricted_draft"], title="hidden learning")
    LearningPointFactory(review=reviews["involved"], title="shared learning")
    access = BoardAccess.for_user(world.user("agency_author"), world.board)
    assert list(LearningPoint.objects.visible_to(access).values_list("title", flat=True)) == ["shared learning"]


def test_viewing_a_restricted_review_is_audited_every_time(world, reviews, client_for):
    url = reverse("reviews:detail", kwargs={"board_slug": world.board.slug, "review_id": reviews["involved"].pk})
    client = client_for("agency_author")
    client.get(url)
    client.get(url)
    entries = AuditEntry.objects.filter(action="reviews.review.viewed", object_id=str(reviews["involved"].pk))
    assert entries.count() == 2
    assert {e.actor for e in entries} == {world.user("agency_author")}
    assert entries.first().payload["page"] == "detail"


def test_viewing_an_unrestricted_review_is_not_audited(world, reviews, client_for):
    url = reverse("reviews:detail", kwargs={"board_slug": world.board.slug, "review_id": reviews["open_draft"].pk})
    assert client_for("agency_author").get(url).status_code == 200
    assert not AuditEntry.objects.filter(action="reviews.review.viewed").exists()


def test_a_hidden_review_is_not_found_and_not_listed(world, reviews, client_for):
    client = client_for("agency_author")
    url = reverse(
        "reviews:detail", kwargs={"board_slug": world.board.slug, "review_id": reviews["restricted_draft"].pk}
    )
    assert client.get(url).status_code == 404
    listing = client.get(reverse("reviews:list", kwargs={"board_slug": world.board.slug})).text
    assert "Child A" in listing and "Child B" not in listing and "Child G" not in listing


def test_agency_author_updates_own_agency_action_with_evidence(world, client_for):
    from reviews.choices import ActionStatus
    from reviews.tests.factories import RecommendationFactory, ReviewActionFactory

    review = CaseReviewFactory(board=world.board, status=S.ACTIONS_MONITORED, agencies=[world.agency])
    action = ReviewActionFactory(recommendation=RecommendationFactory(review=review), agency=world.agency)
    url = reverse("reviews:action_progress_edit", kwargs={"board_slug": world.board.slug, "action_id": action.pk})
    client = client_for("agency_author")
    response = client.post(url, {"status": "complete", "evidence": ""})
    assert response.status_code == 200
    assert "Enter the date the action was completed" in response.text
    assert "Describe the evidence" in response.text
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    response = client.post(url, {"status": "complete", "evidence": "Audit of 20 cases.", "completed_on": "2026-10-01"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.evidence) == (ActionStatus.COMPLETE, "Audit of 20 cases.")
    assert AuditEntry.objects.filter(action="reviews.action.updated").count() == 1
