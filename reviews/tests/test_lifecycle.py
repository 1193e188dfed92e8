"""The case review lifecycle: every status × every transition, required dates, date order."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from lscb.models import AuditEntry
from lscb.permissions import BoardAccess
from reviews import services
from reviews.choices import Decision, ReviewStatus, ReviewType
from reviews.models import CaseReview
from reviews.services import TRANSITIONS, ReviewError
from reviews.tests.factories import CaseReviewFactory

S = ReviewStatus
D = datetime.date
LATER = D(2026, 10, 1)  # after every date the factory records

# Written out by hand from DESIGN.md / issue 4, not derived from services.TRANSITIONS:
# transition → {source status: target status}, for a rapid review that becomes an LCSPR.
EXPECTED = {
    "notify": {S.IDENTIFIED: S.NOTIFIED},
    "start_rapid_review": {S.NOTIFIED: S.RAPID_REVIEW},
    "decide_no_further_review": {S.RAPID_REVIEW: S.NO_FURTHER_REVIEW},
    "refer_to_national_review": {S.RAPID_REVIEW: S.NATIONAL_REVIEW},
    "commission_local_review": {S.RAPID_REVIEW: S.LOCAL_REVIEW_COMMISSIONED},
    "start_review": {S.LOCAL_REVIEW_COMMISSIONED: S.IN_PROGRESS},
    "receive_draft": {S.IN_PROGRESS: S.DRAFT},
    "send_for_sign_off": {S.DRAFT: S.PARTNER_SIGN_OFF},
    "sign_off": {S.PARTNER_SIGN_OFF: S.PRE_PUBLICATION},
    "pause": dict.fromkeys((S.IN_PROGRESS, S.DRAFT, S.PARTNER_SIGN_OFF, S.PRE_PUBLICATION), S.PAUSED),
    "resume": {S.PAUSED: S.IN_PROGRESS},  # the factory's paused review paused while in progress
    "publish": {S.PRE_PUBLICATION: S.PUBLISHED, S.DELAYED: S.PUBLISHED},
    "publish_improvements_only": {
        S.PRE_PUBLICATION: S.PUBLISHED_IMPROVEMENTS_ONLY,
        S.DELAYED: S.PUBLISHED_IMPROVEMENTS_ONLY,
    },
    "decide_not_to_publish": {S.PRE_PUBLICATION: S.NOT_PUBLISHED, S.DELAYED: S.NOT_PUBLISHED},
    "delay_publication": {S.PRE_PUBLICATION: S.DELAYED},
    "monitor_actions": dict.fromkeys(
        (S.PUBLISHED, S.PUBLISHED_IMPROVEMENTS_ONLY, S.NOT_PUBLISHED, S.NATIONAL_REVIEW), S.ACTIONS_MONITORED
    ),
    "close": dict.fromkeys((S.ACTIONS_MONITORED, S.NO_FURTHER_REVIEW, S.NATIONAL_REVIEW), S.CLOSED),
}


def _values(name):
    transition = TRANSITIONS[name]
    values = {field: LATER for field, _what in transition.dates}
    values.update({field: "Criminal trial listed for March." for field, _what in transition.reasons})
    return values


def _snapshot(review):
    review.refresh_from_db()
    return model_to_dict(review, exclude=["agencies_involved", "themes"])


@pytest.fixture
def manager(world):
    return BoardAccess.for_user(world.user("business_manager"), world.board)


def test_the_expected_table_names_every_transition():
    assert set(EXPECTED) == set(TRANSITIONS)


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_status_by_every_transition(status, name, world, manager):
    review = CaseReviewFactory(board=world.board, status=status)
    before = _snapshot(review)
    entries = AuditEntry.objects.count()
    target = EXPECTED[name].get(status)
    if target is None:
        with pytest.raises(ReviewError) as refused:
            getattr(services, name)(manager, review, **_values(name))
        assert "cannot" in refused.value.message or "does not apply" in refused.value.message
        assert _snapshot(review) == before, "a refused transition changed the review"
        assert AuditEntry.objects.count() == entries
    else:
        getattr(services, name)(manager, review, **_values(name))
        review.refresh_from_db()
        assert review.status == target
        assert AuditEntry.objects.filter(action=f"reviews.review.{name}", object_id=str(review.pk)).count() == 1
        for field in TRANSITIONS[name].dates:
            assert getattr(review, field[0]) == LATER


@pytest.mark.parametrize(
    ("name", "status", "date_words"),
    [
        ("notify", S.IDENTIFIED, "the date the notification was sent"),
        ("commission_local_review", S.RAPID_REVIEW, "the date of the decision"),
        ("sign_off", S.PARTNER_SIGN_OFF, "the date partners signed the review off"),
        ("publish", S.PRE_PUBLICATION, "the date of publication"),
        ("close", S.ACTIONS_MONITORED, "the date the review closed"),
    ],
)
def test_a_missing_required_date_names_the_date_and_changes_nothing(name, status, date_words, world, manager):
    review = CaseReviewFactory(board=world.board, status=status)
    before = _snapshot(review)
    with pytest.raises(ReviewError) as refused:
        getattr(services, name)(manager, review)
    assert date_words in refused.value.message
    assert refused.value.field == TRANSITIONS[name].dates[0][0]
    assert _snapshot(review) == before


def test_a_missing_reason_is_asked_for(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.PRE_PUBLICATION)
    with pytest.raises(ReviewError, match="why the review will not be published"):
        services.decide_not_to_publish(manager, review, not_published_reason="  ")
    assert CaseReview.objects.get(pk=review.pk).status == S.PRE_PUBLICATION


def test_a_decision_before_the_notification_is_refused_and_nothing_is_saved(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.RAPID_REVIEW)  # notified 9 January 2026
    before = _snapshot(review)
    with pytest.raises(ReviewError, match="decision date cannot be before the notification date"):
        services.commission_local_review(manager, review, decision_on=D(2026, 1, 8))
    assert _snapshot(review) == before
    assert not AuditEntry.objects.filter(action__startswith="reviews.review.commission").exists()


def test_a_notification_before_the_partnership_became_aware_is_refused(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED)
    with pytest.raises(ReviewError, match="notification date cannot be before"):
        services.notify(manager, review, notified_on=D(2025, 12, 31))


def test_the_database_refuses_dates_out_of_order(world):
    review = CaseReviewFactory(board=world.board, status=S.RAPID_REVIEW)
    review.decision_on = D(2026, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        review.save()


def test_only_the_business_manager_moves_a_review(world):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED, agencies=[world.agency])
    for persona in ("chair", "agency_author", "member"):
        access = BoardAccess.for_user(world.user(persona), world.board)
        with pytest.raises(PermissionDenied):
            services.notify(access, review, notified_on=D(2026, 1, 9))
    assert CaseReview.objects.get(pk=review.pk).status == S.IDENTIFIED


def test_another_boards_manager_cannot_move_a_review(world):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED)
    outsider = BoardAccess.for_user(world.user("other_board_member"), world.other_board)
    with pytest.raises(PermissionDenied):
        services.notify(outsider, review, notified_on=D(2026, 1, 9))


def test_commissioning_turns_a_rapid_review_into_an_lcspr(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.RAPID_REVIEW)
    services.commission_local_review(manager, review, decision_on=D(2026, 1, 20))
    review.refresh_from_db()
    assert review.review_type == ReviewType.LCSPR
    assert review.decision == Decision.LOCAL_REVIEW
    assert review.completion_due == D(2026, 7, 20)


def test_pause_returns_to_where_the_review_was(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.PARTNER_SIGN_OFF)
    services.pause(manager, review, pause_reason="Inquest opened.")
    assert CaseReview.objects.get(pk=review.pk).paused_from == S.PARTNER_SIGN_OFF
    services.resume(manager, review)
    review.refresh_from_db()
    assert (review.status, review.paused_from) == (S.PARTNER_SIGN_OFF, "")


def test_serious_case_review_variant_has_no_rapid_review_or_national_referral(world, manager):
    review = CaseReviewFactory(
        board=world.board, status=S.NOTIFIED, review_type=ReviewType.SERIOUS_CASE_REVIEW, framework="wt2015"
    )
    with pytest.raises(ReviewError, match="does not apply to a serious case review"):
        services.start_rapid_review(manager, review)
    with pytest.raises(ReviewError, match="does not apply"):
        services.refer_to_national_review(manager, review, decision_on=D(2026, 1, 20))
    services.commission_local_review(manager, review, decision_on=D(2026, 1, 20))
    review.refresh_from_db()
    assert review.status == S.LOCAL_REVIEW_COMMISSIONED
    assert review.review_type == ReviewType.SERIOUS_CASE_REVIEW  # an SCR stays an SCR
    assert [c.key for c in review.clocks()] == ["notification", "completion"]


def test_a_learning_review_is_commissioned_without_notification(world, manager):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED, review_type=ReviewType.LEARNING_REVIEW)
    with pytest.raises(ReviewError, match="does not apply"):
        services.notify(manager, review, notified_on=D(2026, 1, 9))
    services.commission_local_review(manager, review, decision_on=D(2026, 1, 20))
    assert CaseReview.objects.get(pk=review.pk).status == S.LOCAL_REVIEW_COMMISSIONED


def test_commissioning_tells_involved_agencies_by_email_after_commit(
    world, manager, mailoutbox, django_capture_on_commit_callbacks
):
    world.user("agency_author").person.email = "author@police.example"
    world.user("agency_author").person.save()
    review = CaseReviewFactory(
        board=world.board, status=S.RAPID_REVIEW, agencies=[world.agency], summary="<p>secret detail</p>"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.commission_local_review(manager, review, decision_on=D(2026, 1, 20))
    assert mailoutbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["author@police.example"]
    assert review.pseudonym in message.subject
    assert "secret detail" not in message.body


def test_transition_page_shows_the_missing_date_in_the_error_summary(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED)
    url = reverse(
        "reviews:transition", kwargs={"board_slug": world.board.slug, "review_id": review.pk, "transition": "notify"}
    )
    response = client_for("business_manager").post(url, {})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter the date the notification was sent" in response.text
    assert CaseReview.objects.get(pk=review.pk).status == S.IDENTIFIED


def test_transition_page_refuses_a_step_out_of_order_with_a_message(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.IDENTIFIED)
    url = reverse(
        "reviews:transition",
        kwargs={"board_slug": world.board.slug, "review_id": review.pk, "transition": "publish"},
    )
    client = client_for("business_manager")
    response = client.post(url, {"published_on": "2026-06-01"}, follow=True)
    assert "You cannot record publication while the review is identified" in response.text
    assert CaseReview.objects.get(pk=review.pk).status == S.IDENTIFIED
    assert client.get(url).status_code == 302


def test_transition_page_with_a_decision_before_notification_shows_the_order_error(world, client_for):
    review = CaseReviewFactory(board=world.board, status=S.RAPID_REVIEW)
    url = reverse(
        "reviews:transition",
        kwargs={"board_slug": world.board.slug, "review_id": review.pk, "transition": "commission_local_review"},
    )
    response = client_for("business_manager").post(url, {"decision_on": "2026-01-07"})
    assert response.status_code == 200
    assert "The decision date cannot be before the notification date." in response.text
    assert CaseReview.objects.get(pk=review.pk).status == S.RAPID_REVIEW


def test_an_unknown_step_is_not_found(world, client_for):
    review = CaseReviewFactory(board=world.board)
    url = reverse(
        "reviews:transition", kwargs={"board_slug": world.board.slug, "review_id": review.pk, "transition": "explode"}
    )
    assert client_for("business_manager").get(url).status_code == 404
