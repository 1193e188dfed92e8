"""Permission matrix rows for every case review URL and method.

`agency_author` writes for Home Police, which is involved in the reviews built here;
`other_agency_author` writes for Home Children's Services, which is not (so: 404).
"""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from lscb.storage import private_storage
from lscb.testing import DENIED, HIDDEN, LOGIN, OK, REDIRECT, MatrixRow, everyone_on_board, only, renamed_rows
from reviews import urls as reviews_urls
from reviews.choices import DocumentKind, ReviewStatus
from reviews.models import ReviewDocument
from reviews.tests.factories import (
    CaseReviewFactory,
    LearningPointFactory,
    LearningProductFactory,
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


def _document(w, status=S.RAPID_REVIEW, involved=True, board=None):
    name = "reviews/matrix/matrix-test.pdf"
    if not private_storage().exists(name):
        private_storage().save(name, ContentFile(b"%PDF-1.4\n%matrix\n"))
    document = ReviewDocument.objects.create(
        review=review(w, status=status, involved=involved) if board is None else CaseReviewFactory(board=board(w)),
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


def _item(w, kwarg, make, board=None):
    """URL kwargs for one learning record of a review (of `board`, by default the personas' own)."""
    item = make(review(w) if board is None else CaseReviewFactory(board=board(w)))
    review_id = item.recommendation.review_id if kwarg == "action_id" else item.review_id
    return {"board_slug": w.board.slug, "review_id": review_id, kwarg: item.pk}


def _point(w, board=None):
    return _item(w, "learning_point_id", lambda r: LearningPointFactory(review=r), board)


def _bare_recommendation(w, board=None):
    return _item(w, "recommendation_id", lambda r: RecommendationFactory(review=r), board)


def _recommendation_with_action(w):
    kwargs = _bare_recommendation(w)
    ReviewActionFactory(recommendation_id=kwargs["recommendation_id"], agency=w.agency)
    return kwargs


def _review_action(w, board=None, **attrs):
    return _item(
        w,
        "action_id",
        lambda r: ReviewActionFactory(recommendation=RecommendationFactory(review=r), agency=w.agency, **attrs),
        board,
    )


def _product(w, board=None):
    return _item(w, "product_id", lambda r: LearningProductFactory(review=r), board)


def _document_of_review(w, board=None):
    kwargs = _document(w, board=board)
    return {**kwargs, "review_id": ReviewDocument.objects.get(pk=kwargs["document_id"]).review_id}


def _other_board(w):
    return w.other_board


def _point_of_another_review(w):
    """A learning point addressed through a review of the same board it does not belong to."""
    return {**_point(w), "review_id": review(w).pk}


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
    MatrixRow("reviews:add", kwargs=_board, expect=MANAGER_ONLY),
    MatrixRow("reviews:add", kwargs=_board, method="post", data=_new_review_data, expect=MANAGER_REDIRECT),
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
    MatrixRow("reviews:document_add", kwargs=lambda w: rk(w), expect=MANAGER_ONLY),
    MatrixRow(
        "reviews:document_add",
        kwargs=lambda w: rk(w),
        method="post",
        # Not a PDF: the business manager gets the form back with an error; no file is written.
        data=lambda w: {"kind": "final_report", "upload": SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>")},
        expect=MANAGER_ONLY,
        note="(refused content)",
    ),
    # Actions: the owning agency's author and the business manager update them.
    MatrixRow(
        "reviews:action_progress_edit",
        kwargs=lambda w: _action(w),
        expect=sees(agency_author=OK, chair=DENIED),
        note="own agency's action",
    ),
    MatrixRow(
        "reviews:action_progress_edit",
        kwargs=lambda w: _action(w),
        method="post",
        data=lambda w: {"status": "in_progress", "evidence": "Audit started."},
        expect=sees(business_manager=REDIRECT, agency_author=REDIRECT, chair=DENIED),
        note="own agency's action",
    ),
    MatrixRow(
        "reviews:action_progress_edit",
        kwargs=lambda w: _action(w, owner=lambda w: w.other_agency),
        expect=sees(agency_author=DENIED, chair=DENIED),
        note="another agency's action on a review the author sees",
    ),
    MatrixRow(
        "reviews:action_progress_edit",
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


def _correction_rows(name, item, change_data=None, change_expect=MANAGER_REDIRECT, note=""):
    """Rows for one kind of learning record's change page (when `change_data`) and remove page:
    GET and POST by every persona, and the same pages for another board's record (not found,
    even by the business manager, whose own board it is not)."""
    other_board = lambda w: item(w, board=_other_board)  # noqa: E731
    elsewhere = only(HIDDEN, "business_manager")
    rows = []
    if change_data:
        rows += [
            MatrixRow(f"reviews:{name}_edit", kwargs=item, expect=MANAGER_ONLY),
            MatrixRow(f"reviews:{name}_edit", kwargs=item, method="post", data=change_data, expect=change_expect),
            MatrixRow(f"reviews:{name}_edit", kwargs=other_board, expect=elsewhere, note=note),
        ]
    return rows + [
        MatrixRow(f"reviews:{name}_remove", kwargs=item, expect=MANAGER_ONLY),
        MatrixRow(f"reviews:{name}_remove", kwargs=item, method="post", expect=MANAGER_REDIRECT),
        MatrixRow(f"reviews:{name}_remove", kwargs=other_board, method="post", expect=elsewhere, note=note),
    ]


# Correcting and removing learning records: the business manager only.
ROWS += [
    *_correction_rows(
        "learning_point",
        _point,
        lambda w: {"title": "Strategy discussions left out the GP"},
        note="another board's learning point",
    ),
    MatrixRow(
        "reviews:learning_point_edit",
        kwargs=_point_of_another_review,
        expect=only(HIDDEN, "business_manager"),
        note="another review's learning point",
    ),
    *_correction_rows(
        "recommendation",
        _bare_recommendation,
        lambda w: {"text": "Invite the GP to every strategy discussion."},
        note="another board's recommendation",
    ),
    MatrixRow(
        "reviews:recommendation_remove",
        kwargs=_recommendation_with_action,
        expect=MANAGER_ONLY,
        note="with an action: the page explains, no button",
    ),
    *_correction_rows(
        "action",
        _review_action,
        lambda w: {"agency": w.other_agency.pk, "description": "Audit 30 discussions", "due_date": "2027-06-30"},
        note="another board's action",
    ),
    MatrixRow(
        "reviews:action_remove",
        kwargs=lambda w: _review_action(w, status="in_progress"),
        expect=MANAGER_ONLY,
        note="with progress: the page explains, no button",
    ),
    *_correction_rows(
        "product",
        _product,
        # No learning point ticked: the form comes back with its error; nothing is saved.
        lambda w: {"kind": "bulletin", "title": "Bulletin", "issued_on": "2026-07-01", "what_changed": "x"},
        change_expect=MANAGER_ONLY,
        note="another board's learning product",
    ),
    *_correction_rows("document", _document_of_review, note="another board's document"),
    MatrixRow(
        "reviews:document_remove",
        kwargs=lambda w: {**_document_of_review(w), "review_id": review(w).pk},
        expect=only(HIDDEN, "business_manager"),
        note="another review's document",
    ),
]

# The old names kept for one release (lscb/renames.py).
ROWS += renamed_rows(ROWS, "reviews", reviews_urls.RENAMED)
