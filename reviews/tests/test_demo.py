import io

from django.core.management import call_command

from reviews.choices import ReviewStatus
from reviews.models import CaseReview, LearningPoint, LearningProduct, ReviewAction


def _counts():
    return tuple(m.objects.count() for m in (CaseReview, LearningPoint, ReviewAction, LearningProduct))


def test_demo_reviews_cover_the_lifecycle_and_load_idempotently(db):
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    statuses = set(CaseReview.objects.filter(board__slug="tri-borough").values_list("status", flat=True))
    assert {
        ReviewStatus.RAPID_REVIEW,
        ReviewStatus.DRAFT,
        ReviewStatus.ACTIONS_MONITORED,
        ReviewStatus.CLOSED,
    } <= statuses
    assert LearningProduct.objects.filter(learning_points__isnull=False).exists()
    assert ReviewAction.objects.filter(agency__board__slug="tri-borough").exists()
    assert CaseReview.objects.filter(board__slug="northfield").count() == 1
