"""Demo two-factor devices: the demo manager, chair and Northfield manager must verify a code.

DEMO ONLY. The secrets below are public (they are in this file and in the README), so these
devices protect nothing; they let someone try the demo. load_demo refuses to run in production.
`manage.py demo_totp <username>` prints the current code (only with DJANGO_DEBUG=true).
"""

import calendar
import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

# The demo tells one story: the partnership at the start of December 2026, its 2025/26 report
# being drafted, last year's approved and sent out, a rapid review a fortnight into its clock.
# The loaders write their dates in that story's calendar (story_date, story_year) and those are
# moved forward by the whole years since, so the demo is always as fresh as the story: the report
# year has just ended, the year pages offer the demo's years, the clocks are still running.
STORY_TOLD_ON = datetime.date(2026, 12, 1)


def years_since_story(today=None):
    """Whole years from STORY_TOLD_ON to today (0 before its first anniversary)."""
    today = today or timezone.localdate()
    years = today.year - STORY_TOLD_ON.year
    if (today.month, today.day) < (STORY_TOLD_ON.month, STORY_TOLD_ON.day):
        years -= 1
    return max(years, 0)


def story_year(year):
    """A year of the story (a calendar or financial year's start) in today's calendar."""
    return year + years_since_story()


def story_date(year, month, day):
    """A date of the story in today's calendar; 29 February becomes the 28th in other years."""
    year = story_year(year)
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28
    return datetime.date(year, month, day)


def story_datetime(year, month, day, hour=0, minute=0):
    """A moment of the story (UTC) in today's calendar."""
    return datetime.datetime.combine(story_date(year, month, day), datetime.time(hour, minute), tzinfo=datetime.UTC)


# Base32 secrets, one per demo user who must use two-factor sign-in. DEMO ONLY.
DEMO_TOTP_SECRETS = {
    "manager": "DEMODEMODEMODEMOMANAGER2",
    "chair": "DEMODEMODEMODEMOCHAIRXX2",
    "northfield": "DEMODEMODEMODEMONORTHXX2",
    "operator": "DEMODEMODEMODEMOOPERATR2",  # the site operator (staff): sets up boards
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
