"""Single sign-on: who an identity provider's verified e-mail address is here, whether its
two-factor sign-in counts, and the board's settings for both.

A person is never created from a sign-in: the identity provider only proves an e-mail address,
and the address must already belong to a Person of a board that accepts that address's domain.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.services import accept_by_single_sign_on
from boards.models import Membership, Person
from lscb import audit, mfa
from lscb.permissions import Capability
from sso.errors import SignOnRefused
from sso.models import BoardSignOnSettings, email_domain

# Authentication methods (RFC 8176) that are a second factor, or a factor strong on its own.
MFA_METHODS = frozenset({"mfa", "otp", "hwk", "swk", "sc", "fido", "face", "fpt", "iris", "retina", "vbm"})


def person_for_verified_email(email):
    """The one Person whose e-mail address the identity provider has verified, with an active
    membership on a board that accepts the address's domain; else SignOnRefused (a DomainError)
    saying which is missing. The Person may have no login yet (an invitation not yet accepted):
    `user_for_verified_email` is for signing in."""
    domain = email_domain(email or "")
    if not domain:
        raise SignOnRefused(SignOnRefused.NO_EMAIL)
    people = list(Person.objects.filter(email__iexact=email.strip()).select_related("user"))
    if not people:
        raise SignOnRefused(SignOnRefused.UNKNOWN_EMAIL)
    active = list(Membership.objects.active().filter(person__in=people).values_list("person_id", "board_id"))
    if not active:
        raise SignOnRefused(SignOnRefused.NO_MEMBERSHIP)
    allowing = BoardSignOnSettings.objects.filter(board_id__in={board_id for _, board_id in active})
    allowed_board_ids = {settings.board_id for settings in allowing if settings.allows(email)}
    members = {person_id for person_id, board_id in active if board_id in allowed_board_ids}
    matching = [person for person in people if person.pk in members]
    if not matching:
        raise SignOnRefused(SignOnRefused.WRONG_DOMAIN, detail=domain)
    if len(matching) > 1:
        raise SignOnRefused(SignOnRefused.AMBIGUOUS)
    return matching[0]


def user_for_verified_email(email):
    """The login of the Person with this verified address (person_for_verified_email), if they
    have one and it is open; else SignOnRefused. Single sign-on signs in this user, never a new one."""
    person = person_for_verified_email(email)
    if person.user is None:
        # Invited but not yet accepted: signing in with the organisation account accepts it.
        user = accept_by_single_sign_on(person)
        if user is None:
            raise SignOnRefused(SignOnRefused.NO_ACCOUNT)
        return user
    if not person.user.is_active:
        raise SignOnRefused(SignOnRefused.INACTIVE)
    return person.user


def is_multi_factor(amr) -> bool:
    """Whether the id_token's `amr` claim says the person used more than a password."""
    if isinstance(amr, str):
        amr = [amr]
    if not isinstance(amr, list | tuple):
        return False
    return bool(MFA_METHODS & {str(method).lower() for method in amr})


def boards_needing_second_factor(user):
    """The boards on which this person must pass two-factor sign-in (lscb/mfa.py's rule): those
    where they are a business manager or chair; all their boards if they set up an app."""
    memberships = Membership.objects.active().for_user(user)
    if not mfa.confirmed_devices(user):
        memberships = memberships.filter(role__in=mfa.MFA_ROLES)
    return set(memberships.values_list("board_id", flat=True))


def identity_provider_mfa_accepted(user, amr) -> bool:
    """True when the organisation's multi-factor sign-in (amr) stands in for our code: it was
    multi-factor, and every board that asks this person for a second factor accepts it."""
    if not is_multi_factor(amr):
        return False
    needing = boards_needing_second_factor(user)
    if not needing:
        return False  # nothing to stand in for; a role given later in the session still asks
    accepting = set(
        BoardSignOnSettings.objects.filter(board_id__in=needing, accept_identity_provider_mfa=True).values_list(
            "board_id", flat=True
        )
    )
    return needing <= accepting


def signed_in(request, user, claims):
    """After Django's login: audit the sign-in, and mark the session two-factor verified when the
    organisation's multi-factor sign-in is accepted instead of our code."""
    amr = claims.get("amr")
    accepted = identity_provider_mfa_accepted(user, amr)
    if accepted:
        mfa.mark_verified_by_identity_provider(request)
        from lscb.lockout import reset_failures  # noqa: PLC0415

        reset_failures(user.get_username())  # every factor is passed: failures are forgotten
    audit.record(
        "sso.signin.succeeded",
        actor=user,
        issuer=str(claims.get("iss", ""))[:200],
        amr=[str(method)[:20] for method in amr][:10] if isinstance(amr, list) else [],
        identity_provider_mfa_accepted=accepted,
    )
    return accepted


def refused(request, refusal, email=""):
    """Audit a refused single sign-on. A refusal an outsider can repeat at will (a forged callback)
    is rate-limited; one after the identity provider's sign-in is recorded every time."""
    payload = {"reason": refusal.reason, "detail": refusal.detail}
    if refusal.reason in {SignOnRefused.STATE, SignOnRefused.INCOMPLETE, SignOnRefused.PROVIDER_ERROR}:
        return audit.record_limited("sso.signin.refused", request, **payload)
    return audit.record("sso.signin.refused", email=(email or "")[:254], **payload)


# --- The board's settings (the business manager's page) ---------------------------------------


def settings_for(board):
    """The board's single sign-on settings (unsaved, accepting nothing, if never set)."""
    return BoardSignOnSettings.objects.filter(board=board).first() or BoardSignOnSettings(board=board)


def save_settings(access, form):
    """Save the board's allowed domains and its choice on the organisation's two-factor sign-in."""
    if not access.can(Capability.MANAGE_BOARD):
        raise PermissionDenied
    with transaction.atomic():
        settings = BoardSignOnSettings.objects.select_for_update().filter(board=access.board).first()
        settings = settings or BoardSignOnSettings(board=access.board)
        before = (settings.domains, settings.accept_identity_provider_mfa)
        settings.allowed_domains = "\n".join(form.cleaned_data["allowed_domains"])
        settings.accept_identity_provider_mfa = form.cleaned_data["accept_identity_provider_mfa"]
        settings.save()
        audit.record(
            "sso.settings.updated",
            actor=access.user,
            board=access.board,
            target=settings,
            domains=settings.domains,
            accept_identity_provider_mfa=settings.accept_identity_provider_mfa,
            before={"domains": before[0], "accept_identity_provider_mfa": before[1]},
        )
    return settings
