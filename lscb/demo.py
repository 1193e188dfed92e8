"""Demo two-factor devices: the demo manager, chair and Northfield manager must verify a code.

DEMO ONLY. The secrets below are public (they are in this file and in the README), so these
devices protect nothing; they let someone try the demo. load_demo refuses to run in production.
`manage.py demo_totp <username>` prints the current code (only with DJANGO_DEBUG=true).
"""

from django.contrib.auth import get_user_model

# Base32 secrets, one per demo user who must use two-factor sign-in. DEMO ONLY.
DEMO_TOTP_SECRETS = {
    "manager": "DEMODEMODEMODEMOMANAGER2",
    "chair": "DEMODEMODEMODEMOCHAIRXX2",
    "northfield": "DEMODEMODEMODEMONORTHXX2",
}


def hex_key(base32_secret: str) -> str:
    import base64  # noqa: PLC0415

    return base64.b32decode(base32_secret).hex()


def load(demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    users = get_user_model().objects.filter(username__in=DEMO_TOTP_SECRETS)
    for user in users:
        TOTPDevice.objects.update_or_create(
            user=user,
            name="Demo authenticator (DEMO ONLY)",
            defaults={"key": hex_key(DEMO_TOTP_SECRETS[user.username]), "confirmed": True},
        )
