"""Every change to a case review, as named operations.

Each follows one order (STYLE.md): permission → status check (ReviewError with a message a
business manager can act on) → rows changed inside transaction.atomic → audit entry →
side effects after commit.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from lscb import audit, uploads
from lscb.errors import DomainError
from reviews.choices import Decision, PublicationOutcome, ReviewStatus, ReviewType

S = ReviewStatus


class ReviewError(DomainError):
    """A domain rule refused the operation; `message` says why in plain words."""


@dataclass(frozen=True)
class Transition:
    name: str  # the verb: service name, URL slug, audit code
    label: str  # the button
    target: str | None  # None: back to where the review was before it paused
    sources: frozenset
    dates: tuple = ()  # (field, what the date is) — required
    reasons: tuple = ()  # (field, what the reason is) — required
    hint: str = ""
    secondary: bool = field(default=False)  # shown as a secondary button


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "notify",
            "Record the serious incident notification",
            S.NOTIFIED,
            frozenset({S.IDENTIFIED}),
            dates=(("notified_on", "the date the notification was sent"),),
            hint="Due within 5 working days of the date the partnership became aware.",
        ),
        Transition("start_rapid_review", "Start the rapid review", S.RAPID_REVIEW, frozenset({S.NOTIFIED})),
        Transition(
            "decide_no_further_review",
            "Decide: no further review",
            S.NO_FURTHER_REVIEW,
            frozenset({S.RAPID_REVIEW}),
            dates=(("decision_on", "the date of the decision"),),
            secondary=True,
        ),
        Transition(
            "refer_to_national_review",
            "Decide: national review",
            S.NATIONAL_REVIEW,
            frozenset({S.RAPID_REVIEW}),
            dates=(("decision_on", "the date of the decision"),),
            secondary=True,
        ),
        Transition(
            "commission_local_review",
            "Decide: commission a local review",
            S.LOCAL_REVIEW_COMMISSIONED,
            frozenset({S.RAPID_REVIEW}),
            dates=(("decision_on", "the date of the decision"),),
            hint="Starts the 6-month completion clock.",
        ),
        Transition("start_review", "Start the review", S.IN_PROGRESS, frozenset({S.LOCAL_REVIEW_COMMISSIONED})),
        Transition("receive_draft", "Record the draft report", S.DRAFT, frozenset({S.IN_PROGRESS})),
        Transition("send_for_sign_off", "Send for partner sign-off", S.PARTNER_SIGN_OFF, frozenset({S.DRAFT})),
        Transition(
            "sign_off",
            "Record partner sign-off",
            S.PRE_PUBLICATION,
            frozenset({S.PARTNER_SIGN_OFF}),
            dates=(("signed_off_on", "the date partners signed the review off"),),
        ),
        Transition(
            "pause",
            "Pause for parallel proceedings",
            S.PAUSED,
            frozenset({S.IN_PROGRESS, S.DRAFT, S.PARTNER_SIGN_OFF, S.PRE_PUBLICATION}),
            reasons=(("pause_reason", "the parallel proceedings"),),
            secondary=True,
        ),
        Transition("resume", "Resume the review", None, frozenset({S.PAUSED})),
        Transition(
            "publish",
            "Record publication",
            S.PUBLISHED,
            frozenset({S.PRE_PUBLICATION, S.DELAYED}),
            dates=(("published_on", "the date of publication"),),
        ),
        Transition(
            "publish_improvements_only",
            "Record publication of the improvements only",
            S.PUBLISHED_IMPROVEMENTS_ONLY,
            frozenset({S.PRE_PUBLICATION, S.DELAYED}),
            dates=(("published_on", "the date of publication"),),
            secondary=True,
        ),
        Transition(
            "decide_not_to_publish",
            "Decide not to publish",
            S.NOT_PUBLISHED,
            frozenset({S.PRE_PUBLICATION, S.DELAYED}),
            reasons=(("not_published_reason", "why the review will not be published"),),
            secondary=True,
        ),
        Transition(
            "delay_publication",
            "Delay publication",
            S.DELAYED,
            frozenset({S.PRE_PUBLICATION}),
            reasons=(("delay_reason", "why publication is delayed"),),
            secondary=True,
        ),
        Transition(
            "monitor_actions",
            "Start monitoring actions",
            S.ACTIONS_MONITORED,
            frozenset({S.PUBLISHED, S.PUBLISHED_IMPROVEMENTS_ONLY, S.NOT_PUBLISHED, S.NATIONAL_REVIEW}),
        ),
        Transition(
            "close",
            "Close the review",
            S.CLOSED,
            frozenset({S.ACTIONS_MONITORED, S.NO_FURTHER_REVIEW, S.NATIONAL_REVIEW}),
            dates=(("closed_on", "the date the review closed"),),
            secondary=True,
        ),
    )
}

DECISIONS = {
    "decide_no_further_review": Decision.NO_FURTHER_REVIEW,
    "refer_to_national_review": Decision.NATIONAL_REVIEW,
    "commission_local_review": Decision.LOCAL_REVIEW,
}
PUBLICATIONS = {
    "publish": PublicationOutcome.PUBLISHED,
    "publish_improvements_only": PublicationOutcome.IMPROVEMENTS_ONLY,
    "decide_not_to_publish": PublicationOutcome.NOT_PUBLISHED,
}
# Transitions after which involved agencies are told (by e-mail, pseudonym only) to sign in.
TELL_AGENCIES = frozenset({"commission_local_review", "send_for_sign_off", "publish", "publish_improvements_only"})


def sources_for(transition, review_type):
    """Where a transition may start, for this type of review.

    Serious case reviews (before 2018) had no rapid review and no national panel: the decision
    follows the notification. Learning reviews and audits are not notified: the partnership
    commissions them straight away.
    """
    name = transition.name
    if review_type == ReviewType.SERIOUS_CASE_REVIEW:
        if name in {"start_rapid_review", "refer_to_national_review"}:
            return frozenset()
        if name in {"decide_no_further_review", "commission_local_review"}:
            return frozenset({S.NOTIFIED})
    if review_type in ReviewType.non_statutory():
        if name in {"notify", "start_rapid_review", "refer_to_national_review", "decide_no_further_review"}:
            return frozenset()
        if name == "commission_local_review":
            return frozenset({S.IDENTIFIED})
    return transition.sources


def available_transitions(review):
    """The transitions the review's current status and type allow, in lifecycle order."""
    return [t for t in TRANSITIONS.values() if review.status in sources_for(t, review.review_type)]


def _require_manager(access, review=None):
    if not access.can_manage_case_reviews:
        raise PermissionDenied("Only the business manager records and progresses case reviews.")
    if review is not None and review.board_id != access.board.id:
        raise PermissionDenied("That review belongs to another board.")


def check_allowed(review, transition):
    """Raise ReviewError (saying from which statuses it is allowed) unless `transition` may start now."""
    if review.status in sources_for(transition, review.review_type):
        return
    if not sources_for(transition, review.review_type):
        raise ReviewError(f"“{transition.label}” does not apply to a {review.get_review_type_display().lower()}.")
    allowed = ", ".join(sorted(S(s).label.lower() for s in sources_for(transition, review.review_type)))
    raise ReviewError(
        f"You cannot {transition.label[0].lower()}{transition.label[1:]} while the review is "
        f"{review.get_status_display().lower()}: only from {allowed}."
    )


def perform_transition(access, review, name, **values):
    """Move a review along its lifecycle. `values` carry the transition's required dates/reasons."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ReviewError("There is no such step for a case review.")
    _require_manager(access, review)
    check_allowed(review, transition)
    for field_name, what in transition.dates:
        if not values.get(field_name):
            raise ReviewError(f"Enter {what} ({field_name.replace('_', ' ')}).", field=field_name)
    for field_name, what in transition.reasons:
        if not (values.get(field_name) or "").strip():
            raise ReviewError(f"Enter {what}.", field=field_name)

    from reviews.models import CaseReview

    with transaction.atomic():
        locked = CaseReview.objects.select_for_update().get(pk=review.pk)
        check_allowed(locked, transition)  # someone may have moved it meanwhile
        from_status = locked.status
        for field_name, _what in transition.dates + transition.reasons:
            setattr(locked, field_name, values[field_name])
        if errors := locked.date_order_errors():
            field_name, message = next(iter(errors.items()))
            raise ReviewError(message, field=field_name)
        if name == "pause":
            locked.paused_from = from_status
        if transition.target is None:  # resume
            locked.status, locked.paused_from = locked.paused_from, ""
        else:
            locked.status = transition.target
        if name in DECISIONS:
            locked.decision = DECISIONS[name]
            if locked.review_type == ReviewType.RAPID_REVIEW:
                locked.review_type = {
                    Decision.LOCAL_REVIEW: ReviewType.LCSPR,
                    Decision.NATIONAL_REVIEW: ReviewType.NATIONAL_REVIEW,
                }.get(locked.decision, locked.review_type)
        if name in PUBLICATIONS:
            locked.publication_outcome = PUBLICATIONS[name]
        locked.save()
        audit.record(
            f"reviews.review.{name}",
            actor=access.user,
            board=locked.board,
            target=locked,
            from_status=from_status,
            to_status=locked.status,
            **{f: values[f].isoformat() for f, _w in transition.dates},
        )
        if name in TELL_AGENCIES:
            from reviews.tasks import email_involved_agencies

            review_id = locked.pk
            transaction.on_commit(lambda: email_involved_agencies.delay(review_id, name), robust=True)
    # The caller's instance follows the saved row.
    for attr in ("status", "paused_from", "decision", "publication_outcome", "review_type"):
        setattr(review, attr, getattr(locked, attr))
    for field_name, _what in transition.dates + transition.reasons:
        setattr(review, field_name, getattr(locked, field_name))
    return review


def _named(name):
    def service(access, review, **values):
        return perform_transition(access, review, name, **values)

    service.__name__ = name
    service.__doc__ = f"{TRANSITIONS[name].label} (reviews.review.{name} in the audit log)."
    return service


notify = _named("notify")
start_rapid_review = _named("start_rapid_review")
decide_no_further_review = _named("decide_no_further_review")
refer_to_national_review = _named("refer_to_national_review")
commission_local_review = _named("commission_local_review")
start_review = _named("start_review")
receive_draft = _named("receive_draft")
send_for_sign_off = _named("send_for_sign_off")
sign_off = _named("sign_off")
pause = _named("pause")
resume = _named("resume")
publish = _named("publish")
publish_improvements_only = _named("publish_improvements_only")
decide_not_to_publish = _named("decide_not_to_publish")
delay_publication = _named("delay_publication")
monitor_actions = _named("monitor_actions")
close = _named("close")


# --- Recording the review and its learning ---------------------------------------------------


def _require_open(review):
    if review.status == S.CLOSED:
        raise ReviewError("This review is closed and archived: it can no longer be changed.")


def _add_new_themes(review, names):
    """Themes typed as new: the board's existing theme of that name (any case) or a new one."""
    from reviews.models import Theme

    for name in names or ():
        theme = Theme.objects.filter(board=review.board, name__iexact=name).first()
        if theme is None:
            theme = Theme.objects.create(board=review.board, name=name)
        review.themes.add(theme)


def create_review(access, form):
    """Record a new review from a valid CaseReviewForm; it starts as identified."""
    _require_manager(access)
    with transaction.atomic():
        review = form.save(commit=False)
        review.board = access.board
        review.status = S.IDENTIFIED
        review.created_by = access.user
        review.save()
        form.save_m2m()
        _add_new_themes(review, form.cleaned_data.get("new_themes"))
        audit.record("reviews.review.created", actor=access.user, board=access.board, target=review)
    return review


def update_review(access, form):
    review = form.instance
    _require_manager(access, review)
    _require_open(review)
    with transaction.atomic():
        review = form.save()
        _add_new_themes(review, form.cleaned_data.get("new_themes"))
        audit.record(
            "reviews.review.updated", actor=access.user, board=access.board, target=review, fields=form.changed_data
        )
    return review


def _add_child(access, review, form, code, **attrs):
    _require_manager(access, review)
    _require_open(review)
    with transaction.atomic():
        obj = form.save(commit=False)
        for key, value in {"review": review, **attrs}.items():
            setattr(obj, key, value)
        obj.save()
        form.save_m2m()
        audit.record(code, actor=access.user, board=access.board, target=review, item=str(obj)[:200])
    return obj


def add_learning_point(access, review, form):
    return _add_child(access, review, form, "reviews.learning_point.added")


def add_recommendation(access, review, form):
    from django.db.models import Max

    _require_manager(access, review)
    with transaction.atomic():
        number = (review.recommendations.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        return _add_child(access, review, form, "reviews.recommendation.added", number=number)


def add_learning_product(access, review, form):
    return _add_child(access, review, form, "reviews.learning_product.added")


def add_action(access, recommendation, form):
    review = recommendation.review
    _require_manager(access, review)
    _require_open(review)
    with transaction.atomic():
        action = form.save(commit=False)
        action.recommendation = recommendation
        action.save()
        audit.record(
            "reviews.action.added",
            actor=access.user,
            board=access.board,
            target=review,
            agency=action.agency.name,
            recommendation=recommendation.number,
        )
    return action


def update_action(access, action, *, status, evidence, completed_on=None):
    """An agency author (for their agency's actions) or the business manager records progress."""
    from reviews.choices import ActionStatus
    from reviews.models import ReviewAction

    if not ReviewAction.objects.editable_by(access).filter(pk=action.pk).exists():
        raise PermissionDenied("Only the owning agency or the business manager updates this action.")
    review = action.recommendation.review
    _require_open(review)
    if status == ActionStatus.COMPLETE and not completed_on:
        raise ReviewError("Enter the date the action was completed.", field="completed_on")
    if status == ActionStatus.COMPLETE and not (evidence or "").strip():
        raise ReviewError("Describe the evidence that the action is complete.", field="evidence")
    with transaction.atomic():
        before = action.status
        action.status = status
        action.evidence = evidence
        action.completed_on = completed_on if status == ActionStatus.COMPLETE else None
        action.save()
        audit.record(
            "reviews.action.updated",
            actor=access.user,
            board=access.board,
            target=review,
            action_id=action.pk,
            from_status=before,
            to_status=status,
        )
    return action


# --- Correcting and removing learning records -----------------------------------------------
#
# A business manager corrects a mistyped learning point, recommendation, action or product
# (simple-history keeps every earlier version) and removes one recorded in error. Removal never
# takes an agency's work with it: a recommendation with actions, an action with progress, or
# the only learning a product carries is refused with what to do first.


def _update_child(access, review, form, code, **payload):
    _require_manager(access, review)
    _require_open(review)
    with transaction.atomic():
        obj = form.save()
        audit.record(
            code,
            actor=access.user,
            board=access.board,
            target=review,
            item=str(obj)[:200],
            fields=form.changed_data,
            **payload,
        )
    return obj


def update_learning_point(access, form):
    return _update_child(access, form.instance.review, form, "reviews.learning_point.updated")


def update_recommendation(access, form):
    return _update_child(access, form.instance.review, form, "reviews.recommendation.updated")


def update_learning_product(access, form):
    return _update_child(access, form.instance.review, form, "reviews.learning_product.updated")


def update_action_details(access, form):
    """The business manager corrects what an action is, who owns it and when it is due.
    Its progress (status, evidence) is the owning agency's, through update_action."""
    action = form.instance
    # "reviews.action.updated" is the agency's progress; this is the manager's correction.
    return _update_child(
        access, action.recommendation.review, form, "reviews.action.details_updated", **_action_payload(action)
    )


def _action_payload(action):
    return {"action_id": action.pk, "agency": action.agency.name, "recommendation": action.recommendation.number}


def check_learning_point_removable(point):
    """Refuse while a learning product carries this learning point and nothing else."""
    titles = [product.title for product in point.products_carrying_only_this()]
    if titles:
        raise ReviewError(
            f"“{point.title}” is the only learning that {_quoted(titles)} carries. Change the learning "
            f"product to carry other learning, or remove the product, first."
        )


def check_recommendation_removable(recommendation):
    """Refuse while the recommendation has actions: they are agencies' work, never cascaded away."""
    count = recommendation.actions.count()
    if count:
        raise ReviewError(
            f"Recommendation {recommendation.number} still has {count} action{'s' if count != 1 else ''}. "
            f"Remove its actions first (an action with progress recorded is kept), or change the "
            f"recommendation's text instead."
        )


def check_action_removable(action):
    """Refuse once the owning agency has recorded progress: that is the agency's record of its work."""
    if action.has_progress:
        raise ReviewError(
            f"{action.agency.name} has recorded progress on this action ({action.get_status_display().lower()}). "
            f"The agency's progress is kept: change the action's details instead of removing it."
        )


def check_document_removable(document):
    if document.is_withdrawn:
        raise ReviewError(f"“{document.original_name}” has already been withdrawn.")


def _quoted(titles):
    quoted = [f"“{title}”" for title in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _always_removable(obj):
    """A learning product: nothing else depends on it (the learning it carries stays)."""


REMOVAL_CHECKS = {
    "learningpoint": check_learning_point_removable,
    "recommendation": check_recommendation_removable,
    "reviewaction": check_action_removable,
    "learningproduct": _always_removable,
    "reviewdocument": check_document_removable,
}


def check_removable(review, obj):
    """Raise ReviewError (saying what to do first) unless `obj` of `review` may be removed now.
    The confirmation page shows the same message instead of its button."""
    _require_open(review)
    REMOVAL_CHECKS[obj._meta.model_name](obj)


def _remove_child(access, review, obj, code, **payload):
    """Delete `obj` (simple-history keeps its last version) once its check passes, under a row lock."""
    _require_manager(access, review)
    check_removable(review, obj)
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        check_removable(review, locked)  # someone may have added to it meanwhile
        locked.delete()
        audit.record(code, actor=access.user, board=access.board, target=review, **payload)


def remove_learning_point(access, point):
    _remove_child(access, point.review, point, "reviews.learning_point.removed", item=point.title[:200])


def remove_recommendation(access, recommendation):
    _remove_child(
        access,
        recommendation.review,
        recommendation,
        "reviews.recommendation.removed",
        number=recommendation.number,
        item=recommendation.text[:200],
    )


def remove_learning_product(access, product):
    _remove_child(access, product.review, product, "reviews.learning_product.removed", item=product.title[:200])


def remove_action(access, action):
    _remove_child(
        access,
        action.recommendation.review,
        action,
        "reviews.action.removed",
        item=action.description[:200],
        **_action_payload(action),
    )


def withdraw_document(access, document):
    """Take a document off the review without destroying it.

    Review documents are a retention record class (lscb/retention.py): a person reviews them
    after the board's period, and safeguarding records are archived, not deleted. So the row and
    the stored file stay; the document is marked withdrawn, hidden from everyone but the
    business manager (reviews.permissions.visible_documents), and the audit log says who and when.
    """
    from django.utils import timezone

    from reviews.models import ReviewDocument

    review = document.review
    _require_manager(access, review)
    check_removable(review, document)
    with transaction.atomic():
        locked = ReviewDocument.objects.select_for_update().get(pk=document.pk)
        check_removable(review, locked)
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = access.user
        locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit.record(
            "reviews.document.withdrawn",
            actor=access.user,
            board=access.board,
            target=review,
            document=locked.original_name,
            document_id=locked.pk,
            kind=locked.kind,
        )
    document.withdrawn_at, document.withdrawn_by = locked.withdrawn_at, locked.withdrawn_by
    return document


# --- Documents ---------------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def max_upload_bytes():
    return getattr(settings, "REVIEWS_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)


def sniff_document(upload):
    """'pdf' or 'docx' from the file's content (never its name or the browser's type), else None."""
    kind = uploads.sniff(upload)
    return kind if kind in ("pdf", "docx") else None


def upload_document(access, review, *, kind, upload):
    from reviews.choices import DocumentKind
    from reviews.models import ReviewDocument

    _require_manager(access, review)
    if upload.size > max_upload_bytes():
        raise ReviewError(f"The file must be smaller than {max_upload_bytes() // (1024 * 1024)} MB.", field="upload")
    extension = sniff_document(upload)
    if extension is None:
        raise ReviewError("The file must be a PDF or a Word (.docx) document.", field="upload")
    if kind == DocumentKind.FINAL_REPORT and extension != "pdf":
        raise ReviewError("The final report must be a PDF.", field="upload")
    name = (upload.name or "document").replace("\\", "/").rsplit("/", 1)[-1][:150]
    document = ReviewDocument(
        review=review, kind=kind, original_name=name, extension=extension, size=upload.size, uploaded_by=access.user
    )
    try:
        with transaction.atomic():
            document.file.save(f"upload.{extension}", upload, save=False)
            document.save()
            audit.record(
                "reviews.document.uploaded", actor=access.user, board=access.board, target=review, document=name
            )
    except Exception:
        # Nothing half-saved: a row that did not commit leaves no file behind.
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document
