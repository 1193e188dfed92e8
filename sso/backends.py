"""The authentication backend for single sign-on: mozilla-django-oidc's code flow, with this
deployment's provider (sso/config.py) and our own rule for who the person is (sso/services.py).

On top of the library: the id_token's issuer, audience, expiry and issue time are checked (the
library checks only its signature and nonce), a refusal is a SignOnRefused with its reason rather
than a silent None, and the e-mail address counts only when the provider says it is verified.
"""

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sso import config, services
from sso.errors import SignOnRefused

# Signing algorithms accepted on an id_token (Entra ID signs with RS256).
ALGORITHMS = ["RS256"]


def email_verified(claims) -> bool:
    """The provider vouches for the address: `email_verified` true, or Entra ID's optional
    `xms_edov` claim (the domain's owner verified) true."""
    return claims.get("email_verified") is True or claims.get("xms_edov") is True


class SignOnBackend(OIDCAuthenticationBackend):
    """Signs in an existing person by their organisation account; never creates one."""

    def __init__(self, *args, **kwargs):
        # Every sign-in (passwords too) builds each backend: nothing here may reach the network.
        # The provider's endpoints are looked up in authenticate(), only for a single sign-on.
        from django.contrib.auth import get_user_model  # noqa: PLC0415

        self.UserModel = get_user_model()
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or not (request.GET.get("code") and request.GET.get("state")) or "nonce" not in kwargs:
            return None  # a password sign-in, or not this flow
        if not config.enabled():
            raise SignOnRefused(SignOnRefused.NOT_CONFIGURED)
        provider = config.provider()
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.SSO_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.SSO_CLIENT_SECRET
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError as exc:
            # The token endpoint said no: a code used twice, or issued to another client.
            raise SignOnRefused(SignOnRefused.PROVIDER_ERROR, detail=str(exc.response.status_code)) from exc
        except requests.RequestException as exc:
            raise SignOnRefused(SignOnRefused.PROVIDER_UNREACHABLE, detail=exc.__class__.__name__) from exc

    def verify_token(self, token, **kwargs):
        """The id_token's signature, issuer, audience, expiry and nonce, or SignOnRefused."""
        if not token:
            raise SignOnRefused(SignOnRefused.INVALID_TOKEN, detail="no id_token")
        try:
            key = self.retrieve_matching_jwk(token)
            payload = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer,
                leeway=settings.SSO_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise SignOnRefused(SignOnRefused.EXPIRED) from exc
        except (jwt.InvalidTokenError, SuspiciousOperation) as exc:
            raise SignOnRefused(SignOnRefused.INVALID_TOKEN, detail=str(exc)) from exc
        if "nonce" in kwargs and payload.get("nonce") != kwargs["nonce"]:
            raise SignOnRefused(SignOnRefused.NONCE)
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The id_token's claims, with the userinfo endpoint's over them (for the same subject)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SignOnRefused(SignOnRefused.INVALID_TOKEN, detail="userinfo for another subject")
            claims.update({key: value for key, value in userinfo.items() if key not in {"iss", "aud", "amr"}})
        claims["amr"] = payload.get("amr", [])  # how they signed in: only the signed id_token says
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = str(claims.get("email") or "").strip()
        try:
            if not email:
                raise SignOnRefused(SignOnRefused.NO_EMAIL)
            if not email_verified(claims):
                raise SignOnRefused(SignOnRefused.NOT_VERIFIED)
            user = services.user_for_verified_email(email)
        except SignOnRefused as refusal:
            refusal.email = email
            raise
        user.sso_claims = claims  # read by the callback view, after Django's login
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
