"""Side effects of case review changes, run after commit."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from boards.choices import Role
from boards.models import Membership


@shared_task(acks_late=True)
def email_involved_agencies(review_id, transition):
    """Tell authors of the involved agencies that a review moved on. Pseudonym and status only.

    Safe to run twice (a second identical e-mail is the worst case); a deleted review sends nothing.
    """
    from reviews.models import CaseReview

    review = CaseReview.objects.select_related("board").filter(pk=review_id).first()
    if review is None:
        return 0
    recipients = sorted(
        set(
            Membership.objects.active()
            .filter(board=review.board, role=Role.AGENCY_AUTHOR, agency__in=review.agencies_involved.all())
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    )
    if not recipients:
        return 0
    path = reverse("reviews:detail", kwargs={"board_slug": review.board.slug, "review_id": review.pk})
    send_mail(
        subject=f"Case review {review.pseudonym}: {review.get_status_display().lower()}",
        message=(
            f"The case review {review.pseudonym} for {review.board.name} is now "
            f"“{review.get_status_display().lower()}”.\n\nSign in to see it: {path}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
    return len(recipients)
