"""Side effects of case review changes, run after commit."""

from celery import shared_task
from django.urls import reverse

from boards.choices import Role
from boards.models import Membership
from lscb import email
from lscb.permissions import BoardAccess


@shared_task(acks_late=True)
def email_involved_agencies(review_id, transition):
    """Tell authors of the involved agencies that a review moved on. Pseudonym and status only,
    and only to those who may open it now (a restricted review in draft is hidden from agency
    authors: the e-mail must not announce what its reader cannot see).

    Safe to run twice (a second identical e-mail is the worst case); a deleted review sends nothing.
    """
    from reviews.models import CaseReview

    review = CaseReview.objects.select_related("board").filter(pk=review_id).first()
    if review is None:
        return 0
    authors = (
        Membership.objects.active()
        .filter(board=review.board, role=Role.AGENCY_AUTHOR, agency__in=review.agencies_involved.all())
        .filter(person__user__isnull=False)  # "sign in to see it" needs an account
        .select_related("person__user")
    )
    readers = [
        membership
        for membership in authors
        if CaseReview.objects.visible_to(BoardAccess.for_user(membership.person.user, review.board))
        .filter(pk=review.pk)
        .exists()
    ]
    recipients = email.membership_emails(readers)
    path = reverse("reviews:detail", kwargs={"board_slug": review.board.slug, "review_id": review.pk})
    context = {"review": review, "board": review.board, "url": email.site_url(path)}
    email.send("reviews/email/review_moved", context, recipients)
    return len(recipients)
