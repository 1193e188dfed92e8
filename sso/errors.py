"""Why a single sign-on was refused: one code per reason (audited), one sentence for the person."""

from lscb.errors import DomainError


class SignOnRefused(DomainError):
    """The sign-in through the identity provider is refused; nothing was created or changed.

    `reason` is the code the audit entry records ("sso.signin.refused", reason=...); the message is
    what the person is told on the refusal page."""

    NOT_VERIFIED = "email_not_verified"
    NO_EMAIL = "no_email"
    UNKNOWN_EMAIL = "unknown_email"
    NO_ACCOUNT = "no_account"
    WRONG_DOMAIN = "domain_not_allowed"
    NO_MEMBERSHIP = "no_active_membership"
    AMBIGUOUS = "ambiguous_email"
    STATE = "state_mismatch"
    NONCE = "nonce_mismatch"
    EXPIRED = "token_expired"
    INVALID_TOKEN = "token_invalid"  # noqa: S105  # a reason code, not a secret
    PROVIDER_ERROR = "provider_error"
    PROVIDER_UNREACHABLE = "provider_unreachable"
    NOT_CONFIGURED = "not_configured"
    INCOMPLETE = "incomplete"
    INACTIVE = "inactive"

    MESSAGES = {
        NOT_VERIFIED: "Your organisation's account does not say your e-mail address is verified, so it cannot "
        "be used to sign in here. Ask your IT service to verify it, or sign in with your password.",
        NO_EMAIL: "Your organisation's account did not give us an e-mail address, so we cannot tell who you are "
        "here. Sign in with your password, or ask your board's business manager.",
        UNKNOWN_EMAIL: "No one with this e-mail address has been invited to a board here. Ask your board's "
        "business manager to invite you, using the address your organisation gives you.",
        NO_ACCOUNT: "You have been added to a board, but not yet invited to sign in. Ask your board's business "
        "manager to send you an invitation.",
        WRONG_DOMAIN: "Your board does not accept sign-in with accounts from your organisation's domain. Sign in "
        "with your password, or ask your board's business manager to allow your organisation.",
        NO_MEMBERSHIP: "You are not a member of a board here any more, so you cannot sign in. Ask your board's "
        "business manager if you think you should be.",
        AMBIGUOUS: "More than one person here uses this e-mail address, so we cannot tell which you are. Ask your "
        "board's business manager to correct it.",
        STATE: "This sign-in link is not the one we started, or it has already been used. Start again from the "
        "sign-in page.",
        NONCE: "The sign-in could not be checked: the answer from your organisation does not match the request we "
        "sent. Start again from the sign-in page.",
        EXPIRED: "The sign-in from your organisation has expired. Start again from the sign-in page.",
        INVALID_TOKEN: "The sign-in from your organisation could not be checked. Start again from the sign-in page.",
        PROVIDER_ERROR: "Your organisation's sign-in did not complete. Start again from the sign-in page.",
        PROVIDER_UNREACHABLE: "We could not reach your organisation's sign-in service. Try again in a few minutes, "
        "or sign in with your password.",
        NOT_CONFIGURED: "Sign-in with an organisation account is not set up on this service. Sign in with your "
        "password.",
        INCOMPLETE: "The sign-in did not complete. Start again from the sign-in page.",
        INACTIVE: "Your account here is closed. Ask your board's business manager if you think it should not be.",
    }

    def __init__(self, reason, detail=""):
        super().__init__(self.MESSAGES[reason])
        self.reason = reason
        self.detail = str(detail)[:200]
