"""Case reviews and their documents are record classes the board sets a retention period for."""

import datetime

import time_machine
from django.core.files.base import ContentFile

from lscb import retention
from reviews.choices import DocumentKind
from reviews.models import ReviewDocument
from reviews.tests.factories import CaseReviewFactory


# The document's upload time comes from the clock, so the clock is set to the day the test compares with.
@time_machine.travel(datetime.datetime(2026, 11, 27, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_case_reviews_and_their_documents_are_listed_for_review_after_the_period_not_deleted(world):
    old = CaseReviewFactory(board=world.board, became_aware_on=datetime.date(2015, 5, 1))
    CaseReviewFactory(board=world.board, became_aware_on=datetime.date(2025, 5, 1))
    CaseReviewFactory(board=world.other_board, became_aware_on=datetime.date(2015, 5, 1))
    ReviewDocument.objects.create(
        review=old,
        kind=DocumentKind.FINAL_REPORT,
        file=ContentFile(b"%PDF-1.4\n", name="old.pdf"),
        original_name="old.pdf",
        extension="pdf",
        size=9,
    )
    today = datetime.date(2026, 11, 27)

    reviews_due = retention.get("reviews.case_review").due_for_review(world.board, 7, today=today)
    documents_due = retention.get("reviews.document").due_for_review(
        world.board, 0, today=today + datetime.timedelta(days=1)
    )

    assert list(reviews_due) == [old]
    assert documents_due.count() == 1
    assert retention.get("reviews.document").records(world.other_board).count() == 0
