"""Who may see and act on invitations: the board's business manager (MANAGE_BOARD), through the
one permission layer; the accept pages are public and answer only to the link's token."""

from accounts.models import Invitation
from lscb.permissions import get_object_for_user


def get_invitation(access, invitation_id):
    """One of this board's invitations, or 404."""
    return get_object_for_user(Invitation.objects.select_related("person", "board"), access, pk=invitation_id)
