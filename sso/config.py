"""This deployment's identity provider (Microsoft Entra ID, or any OpenID Connect provider),
from the environment (lscb/settings.py, .env.example): issuer, client id and secret.

The provider's endpoints and signing keys come from its discovery document
(<issuer>/.well-known/openid-configuration), fetched when someone signs in and kept for an hour,
so a deployment configures three values, not six.
"""

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from sso.errors import SignOnRefused

DISCOVERY_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Provider:
    """The endpoints of the identity provider, as its discovery document names them."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


def enabled() -> bool:
    """True when this deployment is configured for single sign-on (the sign-in page shows the button)."""
    return bool(settings.SSO_ISSUER and settings.SSO_CLIENT_ID and settings.SSO_CLIENT_SECRET)


def discovery_url() -> str:
    return settings.SSO_DISCOVERY_URL or settings.SSO_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def provider() -> Provider:
    """The provider's endpoints; SignOnRefused("provider_unreachable") when they cannot be had."""
    url = discovery_url()
    key = f"sso:discovery:{url}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignOnRefused(SignOnRefused.PROVIDER_UNREACHABLE) from exc
        # The discovery document must be the configured issuer's own (OpenID Connect Discovery §4.3):
        # else tokens "from" another issuer would be checked against the wrong keys.
        if document.get("issuer") != settings.SSO_ISSUER:
            raise SignOnRefused(SignOnRefused.PROVIDER_UNREACHABLE, detail="issuer mismatch")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    try:
        return Provider(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            userinfo_endpoint=document.get("userinfo_endpoint", ""),
            jwks_uri=document["jwks_uri"],
        )
    except KeyError as exc:
        raise SignOnRefused(SignOnRefused.PROVIDER_UNREACHABLE, detail=f"no {exc}") from exc
