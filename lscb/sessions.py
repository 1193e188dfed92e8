"""Ending a person's sessions (on deactivation, on turning on two-factor sign-in), with the
database session store."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions_for(user, keep=None) -> int:
    """Delete every unexpired session signed in as `user` but the one whose key is `keep`;
    returns how many.

    Decodes each live session: a board's installation has at most a few hundred, and this
    runs only when an account is deactivated or turns on two-factor sign-in.
    """
    doomed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(pk=keep).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            doomed.append(session.pk)
    if doomed:
        Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)
