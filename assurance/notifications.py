"""E-mails of quality assurance (built by lscb.email.send from the subject/text/HTML triplets
under assurance/templates/assurance/email/)."""

from django.urls import reverse

from assurance.models import Return
from boards.choices import Role
from boards.models import Membership
from lscb import email
from lscb.email import membership_emails, site_url


def remind_leads(return_ids):
    """One reminder per return still outstanding to its agency's leads. Returns how many e-mails went."""
    sent = 0
    returns = Return.objects.filter(pk__in=return_ids).outstanding().select_related("cycle__board", "agency")
    for return_record in returns:
        board = return_record.cycle.board
        leads = (
            Membership.objects.active()
            .filter(board=board, agency=return_record.agency, role=Role.AGENCY_AUTHOR)
            .select_related("person__user")
        )
        path = reverse("assurance:return_detail", kwargs={"board_slug": board.slug, "return_id": return_record.pk})
        context = {"board": board, "cycle": return_record.cycle, "return": return_record, "url": site_url(path)}
        sent += email.send("assurance/email/return_reminder", context, membership_emails(leads))
    return sent
