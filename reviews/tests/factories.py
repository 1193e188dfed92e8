import datetime

import factory

from boards.tests.factories import AgencyFactory, BoardFactory
from reviews.choices import ActionStatus, Decision, ProductKind, PublicationOutcome, ReviewStatus, ReviewType
from reviews.models import CaseReview, LearningPoint, LearningProduct, Recommendation, ReviewAction, Theme

S = ReviewStatus
D = datetime.date

# Dates a review carries once it has reached each point of its lifecycle (in order, all in 2026).
AWARE = D(2026, 1, 5)
NOTIFIED = D(2026, 1, 9)
DECIDED = D(2026, 1, 28)
SIGNED_OFF = D(2026, 5, 1)
PUBLISHED = D(2026, 6, 1)
CLOSED = D(2026, 9, 1)

_AFTER_NOTIFY = {
    S.RAPID_REVIEW,
    S.NO_FURTHER_REVIEW,
    S.NATIONAL_REVIEW,
    S.LOCAL_REVIEW_COMMISSIONED,
    S.IN_PROGRESS,
    S.DRAFT,
    S.PARTNER_SIGN_OFF,
    S.PAUSED,
    S.PRE_PUBLICATION,
    S.PUBLISHED,
    S.PUBLISHED_IMPROVEMENTS_ONLY,
    S.NOT_PUBLISHED,
    S.DELAYED,
    S.ACTIONS_MONITORED,
    S.CLOSED,
}
_LOCAL = _AFTER_NOTIFY - {S.RAPID_REVIEW, S.NO_FURTHER_REVIEW, S.NATIONAL_REVIEW}
_SIGNED = {S.PRE_PUBLICATION, S.PUBLISHED, S.PUBLISHED_IMPROVEMENTS_ONLY, S.NOT_PUBLISHED, S.DELAYED}
_SIGNED |= {S.ACTIONS_MONITORED, S.CLOSED}


def dates_for(status):
    """Field values consistent with a rapid review → LCSPR that has reached `status`."""
    values = {"status": status, "became_aware_on": AWARE, "review_type": ReviewType.RAPID_REVIEW}
    if status in _AFTER_NOTIFY or status == S.NOTIFIED:
        values["notified_on"] = NOTIFIED
    if status in {S.NO_FURTHER_REVIEW, S.NATIONAL_REVIEW} | _LOCAL:
        values["decision_on"] = DECIDED
        values["decision"] = {
            S.NO_FURTHER_REVIEW: Decision.NO_FURTHER_REVIEW,
            S.NATIONAL_REVIEW: Decision.NATIONAL_REVIEW,
        }.get(status, Decision.LOCAL_REVIEW)
        values["review_type"] = {
            S.NO_FURTHER_REVIEW: ReviewType.RAPID_REVIEW,
            S.NATIONAL_REVIEW: ReviewType.NATIONAL_REVIEW,
        }.get(status, ReviewType.LCSPR)
    if status in _SIGNED:
        values["signed_off_on"] = SIGNED_OFF
    if status in {S.PUBLISHED, S.PUBLISHED_IMPROVEMENTS_ONLY, S.ACTIONS_MONITORED, S.CLOSED}:
        values["published_on"] = PUBLISHED
        values["publication_outcome"] = (
            PublicationOutcome.IMPROVEMENTS_ONLY
            if status == S.PUBLISHED_IMPROVEMENTS_ONLY
            else PublicationOutcome.PUBLISHED
        )
    if status == S.NOT_PUBLISHED:
        values.update(publication_outcome=PublicationOutcome.NOT_PUBLISHED, not_published_reason="Risk to siblings.")
    if status == S.DELAYED:
        values["delay_reason"] = "Awaiting the criminal trial."
    if status == S.PAUSED:
        values.update(paused_from=S.IN_PROGRESS, pause_reason="Criminal proceedings.")
    if status == S.CLOSED:
        values["closed_on"] = CLOSED
    return values


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class CaseReviewFactory(factory.django.DjangoModelFactory):
    """A review in any status: `CaseReviewFactory(status=S.DRAFT)` fills in the dates it needs."""

    class Meta:
        model = CaseReview
        skip_postgeneration_save = True

    board = factory.SubFactory(BoardFactory)
    pseudonym = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{n // 26 or ''}")
    status = S.IDENTIFIED

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        return {**dates_for(kwargs["status"]), **kwargs}

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies_involved.set(extracted)


class LearningPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningPoint

    review = factory.SubFactory(CaseReviewFactory)
    title = factory.Sequence(lambda n: f"Learning point {n}")
    detail = "Professionals did not share information about the child's missing episodes."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(CaseReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The partnership should audit strategy discussions for the voice of the child."


class ReviewActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAction

    recommendation = factory.SubFactory(RecommendationFactory)
    agency = factory.SubFactory(AgencyFactory, board=factory.SelfAttribute("..recommendation.review.board"))
    description = factory.Sequence(lambda n: f"Action {n}")
    due_date = D(2026, 12, 31)
    status = ActionStatus.NOT_STARTED


class LearningProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningProduct

    review = factory.SubFactory(CaseReviewFactory)
    kind = ProductKind.SEVEN_MINUTE_BRIEFING
    title = factory.Sequence(lambda n: f"7-minute briefing {n}")
    issued_on = D(2026, 7, 1)
    what_changed = "Health visitors now ask about men in the household at every visit."
