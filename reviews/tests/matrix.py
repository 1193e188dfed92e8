"""Permission matrix rows for every case review URL and method.

`agency_author` writes for Home Police, which is involved in the reviews built here;
`other_agency_author` writes for Home Children's Services, which is not (so: 404).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lscb.testing import DENIED, HIDDEN, LOGIN, OK, REDIRECT, MatrixRow, everyone_on_board, only
from reviews.choices import DocumentKind, ReviewStatus
from reviews.models import ReviewDocument
from reviews.tests.factories import (
    CaseReviewFactory,
    LearningPointFactory,
    RecommendationFactory,
    ReviewActionFactory,
)

S = ReviewStatus
MANAGER_ONLY = only(OK, "business_manager")
MANAGER_REDIRECT = only(REDIRECT, "business_manager")


def review(w, status=S.RAPID_REVIEW, restricted=True, involved=True, **kwargs):
    return CaseReviewFactory(
        board=w.board, status=status, is_restricted=restricted, agencies=[w.agency] if involved else [], **kwargs
    )


def sees(**overrides):
    """Who sees a review: business manager and chair always; others as overridden; sub-group chair never."""
    expect = everyone_on_board(
        HIDDEN, business_manager=OK, chair=OK, subgroup_chair=DENIED, other_board_member=HIDDEN, anonymous=LOGIN
    )
    expect.update(overrides)
    return expect


def rk(w, **kwargs):
    return {"board_slug": w.board.slug, "review_id": review(w, **kwargs).pk}


def _document(w, status=S.RAPID_REVIEW, involved=True):
    name = "reviews/matrix/matrix-test.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"%PDF-1.4\n%matrix\n"))
    document = ReviewDocument.objects.create(
        review=review(w, status=status, involved=involved),
        kind=DocumentKind.FINAL_REPORT,
        file=name,
        original_name="final report.pdf",
        extension="pdf",
        size=17,
    )
    return {"board_slug": w.board.slug, "document_id": document.pk}


def _action(w, owner=None, status=S.RAPID_REVIEW):
    recommendation = RecommendationFactory(review=review(w, status=status))
    action = ReviewActionFactory(recommendation=recommendation, agency=owner(w) if owner else w.agency)
    return {"board_slug": w.board.slug, "action_id": action.pk}


def _recommendation(w):
    recommendation = RecommendationFactory(review=review(w))
    return {"board_slug": w.board.slug, "review_id": recommendation.review_id, "recommendation_id": recommendation.pk}


def _with_learning_point(w):
    point = LearningPointFactory(review=review(w))
    w.learning_point_id = point.pk
    return {"board_slug": w.board.slug, "review_id": point.review_id}


def _board(w):
    return {"board_slug": w.board.slug}


def _new_review_data(w):
    return {
        "pseudonym": "Child Z",
        "review_type": "rapid_review",
        "framework": "wt2023",
        "harm_type": "serious_harm",
        "became_aware_on": "2026-01-05",
        "agencies_involved": [w.agency.pk],
        "is_restricted": "on",
    }


ROWS = [
    MatrixRow("reviews:list", kwargs=_board, expect=everyone_on_board(OK, subgroup_chair=DENIED)),
    MatrixRow("reviews:library", kwargs=_board, expect=everyone_on_board(OK, subgroup_chair=DENIED)),
    MatrixRow("reviews:create", kwargs=_board, expect=MANAGER_ONLY),
    MatrixRow("reviews:create", kwargs=_board, method="post", data=_new_review_data, expect=MANAGER_REDIRECT),
    # Detail: who sees what.
    MatrixRow(
        "reviews:detail",
        kwargs=lambda w: rk(w),
        expect=sees(agency_author=OK),
        note="rapid review, own agency involved",
    ),
    MatrixRow(
        "reviews:detail",
        kwargs=lambda w: rk(w, status=S.DRAFT),
        expect=sees(),
        note="restricted draft: hidden from the involved agency",
    ),
    MatrixRow(
        "reviews:detail",
        kwargs=lambda w: rk(w, status=S.DRAFT, restricted=False),
        expect=sees(agency_author=OK),
        note="unrestricted draft",
    ),
    MatrixRow(
        "reviews:detail",
        kwargs=lambda w: rk(w, status=S.PUBLISHED, involved=False),
        expect=sees(member=OK),
        note="published, no agency of the personas involved",
    ),
    MatrixRow(
        "reviews:detail",
        kwargs=lambda w: {"board_slug": w.board.slug, "review_id": CaseReviewFactory(board=w.other_board).pk},
        expect=sees(chair=HIDDEN, business_manager=HIDDEN),
        note="another board's review",
    ),
    # Business manager only.
    MatrixRow("reviews:edit", kwargs=lambda w: rk(w), expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:edit",
        kwargs=lambda w: rk(w, status=S.IDENTIFIED),
        method="post",
        data=_new_review_data,
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow(
        "reviews:transition",
        kwargs=lambda w: {**rk(w, status=S.IDENTIFIED), "transition": "notify"},
        expect=MANAGER_ONLY,
    ),
    MatrixRow(
        "reviews:transition",
        kwargs=lambda w: {**rk(w, status=S.IDENTIFIED), "transition": "notify"},
        method="post",
        data=lambda w: {"notified_on": "2026-01-09"},
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow("reviews:learning_point_add", kwargs=lambda w: rk(w), expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:learning_point_add",
        kwargs=lambda w: rk(w),
        method="post",
        data=lambda w: {"title": "Strategy discussions left out health"},
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow("reviews:recommendation_add", kwargs=lambda w: rk(w), expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:recommendation_add",
        kwargs=lambda w: rk(w),
        method="post",
        data=lambda w: {"text": "Include health in every strategy discussion."},
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow("reviews:action_add", kwargs=_recommendation, expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:action_add",
        kwargs=_recommendation,
        method="post",
        data=lambda w: {
            "agency": w.agency.pk,
            "description": "Audit 20 strategy discussions",
            "due_date": "2027-03-31",
        },
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow("reviews:product_add", kwargs=_with_learning_point, expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:product_add",
        kwargs=_with_learning_point,
        method="post",
        data=lambda w: {
            "kind": "seven_minute_briefing",
            "title": "7-minute briefing: strategy discussions",
            "issued_on": "2026-07-01",
            "what_changed": "Health now joins every strategy discussion.",
            "learning_points": [w.learning_point_id],
        },
        expect=MANAGER_REDIRECT,
    ),
    MatrixRow("reviews:document_upload", kwargs=lambda w: rk(w), expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:document_upload",
        kwargs=lambda w: rk(w),
        method="post",
        # Not a PDF: the business manager gets the form back with an error; no file is written.
        data=lambda w: {"kind": "final_report", "upload": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")},
        expect=MANAGER_ONLY,
        note="(refused content)",
    ),
    # Actions: the owning agency's author and the business manager update them.
    MatrixRow(
        "reviews:action_update",
        kwargs=lambda w: _action(w),
        expect=sees(agency_author=OK, chair=DENIED),
        note="own agency's action",
    ),
    MatrixRow(
        "reviews:action_update",
        kwargs=lambda w: _action(w),
        method="post",
        data=lambda w: {"status": "in_progress", "evidence": "Audit started."},
        expect=sees(business_manager=REDIRECT, agency_author=REDIRECT, chair=DENIED),
        note="own agency's action",
    ),
    MatrixRow(
        "reviews:action_update",
        kwargs=lambda w: _action(w, owner=lambda w: w.other_agency),
        expect=sees(agency_author=DENIED, chair=DENIED),
        note="another agency's action on a review the author sees",
    ),
    MatrixRow(
        "reviews:action_update",
        kwargs=lambda w: _action(w, status=S.PUBLISHED),
        expect=sees(agency_author=OK, chair=DENIED, member=DENIED),
        note="published review: members read, cannot update",
    ),
    # Documents: only through the guarded download.
    MatrixRow("reviews:document_download", kwargs=lambda w: _document(w), expect=sees(agency_author=OK)),
    MatrixRow(
        "reviews:document_download",
        kwargs=lambda w: _document(w, status=S.DRAFT),
        expect=sees(),
        note="restricted draft",
    ),
    MatrixRow(
        "reviews:document_download",
        kwargs=lambda w: _document(w, status=S.PUBLISHED, involved=False),
        expect=sees(member=OK),
        note="published",
    ),
]
