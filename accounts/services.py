"""Invitations to sign in: invite, resend, revoke, accept; and the account they create.

Each follows the house order (STYLE.md): the permission layer says the user may manage the board,
the current state is checked (a DomainError says why not), rows change in one transaction, the
audit log is written, and the e-mail is queued after commit (accounts/tasks.py).

`accept_invitation(invitation, user=...)` is the one way an invitation becomes a sign-in: the
password page (set_password_and_accept) calls it after creating or finding the User, and single
sign-on calls it after matching the User by verified e-mail.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts import tasks, throttle
from accounts.choices import InvitationStatus
from accounts.models import EMAIL_CHANGE_HOURS, EmailChange, Invitation
from accounts.tokens import token_hash
from boards.choices import Role
from boards.models import Area, Board, Membership, Person
from lscb import audit
from lscb.errors import DomainError
from lscb.permissions import Capability


class InvitationError(DomainError):
    """An invitation the current state does not allow; the message is for the user."""


def _require_manager(access):
    if not access.can(Capability.MANAGE_BOARD):
        raise PermissionDenied


def _enqueue_send(invitation):
    invitation_id = invitation.pk
    transaction.on_commit(lambda: tasks.send_invitation.delay(invitation_id), robust=True)


def invite_refusal(access, person) -> str:
    """Why `person` cannot be invited to this board now ("" if they can). No side effects."""
    if not Membership.objects.filter(board=access.board, person=person).exists():
        return f"{person} is not on this board"
    if person.user_id and person.user.is_active:
        return f"{person} can already sign in"
    email = (person.email or "").strip()
    if not email:
        return f"Add {person}'s email address to their personal details before inviting them"
    clash = (
        Person.objects.filter(memberships__board=access.board, email__iexact=email)
        .exclude(pk=person.pk)
        .distinct()
        .first()
    )
    if clash is not None:
        return f"{clash} on this board uses the same email address ({email}). Each person needs their own."
    account = get_user_model().objects.filter(username__iexact=email).first()
    if account is not None and getattr(account, "person", None) is not None and account.person.pk != person.pk:
        return f"The email address {email} is already used by another person's account"
    return ""


def _throttled(access):
    return not throttle.allow(f"invite:{access.user.pk}", limit=settings.INVITATIONS_PER_HOUR, window=3600)


def invite(access, person):
    """Send `person` (on this board) a one-time link to set a password; an earlier open
    invitation of theirs to this board is replaced."""
    _require_manager(access)
    refusal = invite_refusal(access, person)
    if refusal:
        raise InvitationError(refusal)
    if _throttled(access):
        raise InvitationError("You have sent too many invitations in the last hour. Try again later.")
    try:
        with transaction.atomic():
            invitation = _new_invitation(access.board, person, access.user)
    except IntegrityError as exc:  # one open invitation per person: a second click at the same moment
        raise InvitationError(f"{person} was invited a moment ago. Check the invitations list.") from exc
    return invitation


def _new_invitation(board, person, actor):
    """An invitation for `person` to `board`, replacing any open one, audited; the e-mail is
    queued on commit. Call inside a transaction."""
    now = timezone.now()
    replaced = list(Invitation.objects.select_for_update().open().filter(board=board, person=person))
    for old in replaced:
        old.revoked_at, old.revoked_by = now, actor
        old.save(update_fields=["revoked_at", "revoked_by"])
    invitation = Invitation.objects.create(
        board=board,
        person=person,
        email=person.email.strip(),
        created_by=actor,
        requested_at=now,
        expires_at=Invitation.expiry_from(now),
    )
    audit.record(
        "accounts.invitation.sent",
        actor=actor,
        board=board,
        target=invitation,
        email=invitation.email,
        replaced=[old.pk for old in replaced],
    )
    _enqueue_send(invitation)
    return invitation


def resend(access, invitation):
    """A new link (the old one stops working), valid for another INVITATION_DAYS days."""
    _require_manager(access)
    if _throttled(access):
        raise InvitationError("You have sent too many invitations in the last hour. Try again later.")
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationError(f"This invitation was {locked.get_status_display().lower()}, so it cannot be resent")
        if not locked.person.email:
            raise InvitationError(f"Add {locked.person}'s email address before resending")
        now = timezone.now()
        locked.email = locked.person.email.strip()
        locked.requested_at, locked.expires_at, locked.sent_at = now, Invitation.expiry_from(now), None
        locked.token_hash = ""  # the old link stops working now, not when the new e-mail goes
        locked.save(update_fields=["email", "requested_at", "expires_at", "sent_at", "token_hash"])
        audit.record(
            "accounts.invitation.resent", actor=access.user, board=access.board, target=locked, email=locked.email
        )
        _enqueue_send(locked)
    return locked


def revoke(access, invitation):
    _require_manager(access)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationError(f"This invitation was {locked.get_status_display().lower()} already")
        # The hash stays, so the withdrawn link says so rather than "does not work".
        locked.revoked_at, locked.revoked_by = timezone.now(), access.user
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit.record("accounts.invitation.revoked", actor=access.user, board=access.board, target=locked)
    return locked


# --- The public side: following the link ---------------------------------------------------

LINK_PROBLEMS = {
    "unknown": "This link does not work. It may have been copied wrongly, or replaced by a newer invitation.",
    InvitationStatus.EXPIRED: "This invitation has expired. Ask your board's business manager to send a new one.",
    InvitationStatus.ACCEPTED: "This invitation has already been used. Sign in with the password you set.",
    InvitationStatus.REVOKED: "This invitation was withdrawn. Ask your board's business manager if you need one.",
}


def find_invitation(token):
    """(invitation, problem): the invitation whose link carries `token`, and "" if it can be
    accepted, else the sentence saying why not (the invitation is None for an unknown link)."""
    if not token or len(token) > 100:
        return None, LINK_PROBLEMS["unknown"]
    invitation = (
        Invitation.objects.select_related("person", "person__user", "board")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        return None, LINK_PROBLEMS["unknown"]
    status = invitation.status
    return invitation, "" if status == InvitationStatus.PENDING else LINK_PROBLEMS[status]


def account_for(invitation):
    """The User the invitation signs in: the Person's own, or a new unsaved one named after the
    Person (username = their e-mail address). Raises InvitationError when the address is taken."""
    person = invitation.person
    if person.user_id:
        return person.user
    User = get_user_model()
    email = invitation.email.strip()
    taken = User.objects.filter(username__iexact=email).first()
    if taken is not None:
        raise InvitationError("An account with this email address already exists. Ask your business manager.")
    return User(username=email.lower(), email=email, first_name=person.full_name)


def set_password_and_accept(invitation, user, password):
    """Create (or update) the invited person's account with `password` and accept the invitation.
    `user` is account_for(invitation); the password was checked by Django's validators."""
    with transaction.atomic():
        # Locked first: the same form sent twice at once makes one account, and the second is told.
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != InvitationStatus.PENDING:
            raise InvitationError(LINK_PROBLEMS[locked.status])
        user.set_password(password)
        user.is_active = True
        user.save()
        accept_invitation(invitation, user=user)
    return user


def accept_by_single_sign_on(person):
    """The invited person signs in with their organisation account instead of choosing a
    password: their usable invitation is accepted for a new account with no password of ours
    (they sign in through the identity provider, or reset a password later). None when the
    person has no usable invitation: single sign-on never makes an account nobody was invited to."""
    invitation = Invitation.objects.usable().filter(person=person).order_by("-created_at").first()
    if invitation is None:
        return None
    user = account_for(invitation)
    with transaction.atomic():
        if user.pk is None:
            user.set_unusable_password()
            user.save()
        accept_invitation(invitation, user=user)
    return user


def accept_invitation(invitation, *, user):
    """The invited Person signs in as `user` from now on: links them, (re)activates the account,
    names it after the Person, and closes the invitation. Refused (InvitationError, nothing
    changed) when the invitation is no longer pending or belongs to someone else's account."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("board").get(pk=invitation.pk)
        status = locked.status
        if status != InvitationStatus.PENDING:
            raise InvitationError(LINK_PROBLEMS[status])
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        if person.user_id and person.user_id != user.pk:
            raise InvitationError("This invitation is for another person's account.")
        other = Person.objects.filter(user=user).exclude(pk=person.pk).first()
        if other is not None:
            raise InvitationError("This account already belongs to another person.")
        person.user = user
        person.save()  # the signal names the account after the Person
        user.is_active = True
        user.first_name, user.last_name = person.full_name[:150], ""
        if person.email:
            user.email = person.email
        user.save(update_fields=["is_active", "first_name", "last_name", "email"])
        now = timezone.now()
        locked.accepted_at, locked.accepted_by = now, user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        audit.record("accounts.invitation.accepted", actor=user, board=locked.board, target=locked)
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
    return locked


# --- The site operator: boards -------------------------------------------------------------


class BoardSetUpError(DomainError):
    """A board the operator cannot create or change as asked; the message is for the operator."""


def _require_operator(user):
    if not (user is not None and user.is_authenticated and user.is_staff):
        raise PermissionDenied


def create_board(operator, *, name, slug, arrangement, areas, first_financial_year, manager_name, manager_email):
    """A new board with its areas and its first business manager, who is invited by e-mail.
    `operator` is the staff user (None only from `manage.py create_board`, run by whoever has
    the server's shell). A manager who already signs in (another board's) just gains the role."""
    if operator is not None:
        _require_operator(operator)
    name, slug, manager_email = name.strip(), slug.strip(), manager_email.strip()
    if Board.objects.filter(name__iexact=name).exists():
        raise BoardSetUpError(f"There is already a board called {name}", field="name")
    if Board.objects.filter(slug=slug).exists():
        raise BoardSetUpError(f"The web address {slug} is already used by another board", field="slug")
    User = get_user_model()
    account = (
        User.objects.filter(is_active=True, person__isnull=False)
        .filter(Q(username__iexact=manager_email) | Q(email__iexact=manager_email))
        .select_related("person")
        .first()
    )
    try:
        return _create_board(
            operator,
            account,
            {"name": name, "slug": slug, "arrangement": arrangement, "first_financial_year": first_financial_year},
            areas=areas,
            manager_name=manager_name,
            manager_email=manager_email,
        )
    except IntegrityError as exc:  # the same board created a moment ago (a second click)
        raise BoardSetUpError(f"A board called {name} or at {slug} was created a moment ago", field="slug") from exc


def _create_board(operator, account, board_fields, *, areas, manager_name, manager_email):
    with transaction.atomic():
        board = Board.objects.create(**board_fields)
        for area in dict.fromkeys(a.strip() for a in areas if a.strip()):
            Area.objects.create(board=board, name=area)
        person = (
            account.person if account else Person.objects.create(full_name=manager_name.strip(), email=manager_email)
        )
        Membership.objects.create(
            person=person, board=board, role=Role.BUSINESS_MANAGER, start_date=timezone.localdate()
        )
        audit.record(
            "accounts.board.created",
            actor=operator,
            board=board,
            target=board,
            manager=manager_email,
            by_command=operator is None,
        )
        invitation = None if account else _new_invitation(board, person, operator)
    return board, invitation


def set_board_suspended(operator, board, *, suspended, reason=""):
    """Suspend the board (no member can use it) or reinstate it. Nothing is deleted."""
    _require_operator(operator)
    with transaction.atomic():
        locked = Board.objects.select_for_update().get(pk=board.pk)
        if suspended == (locked.suspended_at is not None):
            raise BoardSetUpError(f"{locked} is {'already suspended' if suspended else 'not suspended'}")
        locked.suspended_at = timezone.now() if suspended else None
        locked.suspended_reason = reason.strip()[:300] if suspended else ""
        locked.save(update_fields=["suspended_at", "suspended_reason"])
        audit.record(
            "accounts.board.suspended" if suspended else "accounts.board.reinstated",
            actor=operator,
            board=locked,
            target=locked,
            reason=locked.suspended_reason,
        )
    return locked


# --- Changing one's own e-mail address ------------------------------------------------------


class AccountError(DomainError):
    """A change to one's own account the rules refuse; the message is for the user."""


def _email_in_use(email, user):
    User = get_user_model()
    taken = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exclude(pk=user.pk).exists()
    board_ids = Membership.objects.filter(person__user=user).values("board_id")
    shared = Person.objects.filter(memberships__board__in=board_ids, email__iexact=email).exclude(user=user).exists()
    return taken or shared


def request_email_change(user, request, *, new_email, password):
    """Send a confirmation link to `new_email`; the address changes only when it is followed."""
    from lscb import lockout  # noqa: PLC0415

    new_email = new_email.strip()
    refusal = lockout.check_reauthentication(user, request, purpose="email change")
    if refusal is not None:
        raise AccountError(refusal.message, field="password")
    if not user.check_password(password):
        refusal = lockout.record_failure(user, request, purpose="email change")
        raise AccountError(refusal.message if refusal else "The password is not right", field="password")
    if new_email.lower() == (user.email or "").lower():
        raise AccountError("That is your email address already", field="new_email")
    if _email_in_use(new_email, user):
        raise AccountError("Another person's account or record uses that email address", field="new_email")
    if not throttle.allow(f"email-change:{user.pk}", limit=settings.PASSWORD_RESETS_PER_HOUR, window=3600):
        raise AccountError("You have asked too many times in the last hour. Try again later.", field="new_email")
    now = timezone.now()
    with transaction.atomic():
        EmailChange.objects.filter(user=user, confirmed_at__isnull=True, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        change = EmailChange.objects.create(
            user=user, new_email=new_email, expires_at=now + timedelta(hours=EMAIL_CHANGE_HOURS)
        )
        audit.record("auth.email.change_requested", actor=user, target=change, new_email=new_email)
        change_id = change.pk
        transaction.on_commit(lambda: tasks.send_email_change.delay(change_id), robust=True)
    return change


def find_email_change(token):
    """(change, problem) for the confirmation link carrying `token`."""
    if not token or len(token) > 100:
        return None, LINK_PROBLEMS["unknown"]
    change = EmailChange.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if change is None:
        return None, LINK_PROBLEMS["unknown"]
    if change.confirmed_at:
        return change, "This link has already been used: your email address is changed."
    if not change.usable:
        return change, "This link has expired or was replaced by a newer one. Ask for a new one from your account."
    return change, ""


def confirm_email_change(change):
    """The new address is the account's and its Person's from now on."""
    with transaction.atomic():
        locked = EmailChange.objects.select_for_update().select_related("user").get(pk=change.pk)
        if not locked.usable:
            raise AccountError("This link no longer works. Nothing has been changed.")
        if _email_in_use(locked.new_email, locked.user):
            raise AccountError("Another person's account or record now uses that email address.")
        user = locked.user
        old = user.email
        user.email = locked.new_email
        if user.username.lower() == (old or "").lower():  # invited accounts sign in with their address
            user.username = locked.new_email.lower()
        user.save(update_fields=["email", "username"])
        for person in Person.objects.filter(user=user):  # saved, so the Person's history shows it
            person.email = locked.new_email
            person.save(update_fields=["email"])
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        audit.record("auth.email.changed", actor=user, target=locked, old_email=old, new_email=locked.new_email)
    return locked
