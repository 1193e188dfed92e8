"""Print the current two-factor code of a demo user (DEMO ONLY; refuses unless DEBUG)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo user (only with DJANGO_DEBUG=true)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

        from lscb.demo import DEMO_TOTP_SECRETS  # noqa: PLC0415
        from lscb.testing import totp_code  # noqa: PLC0415

        if not settings.DEBUG or getattr(settings, "PRODUCTION", False):
            raise CommandError("demo_totp only runs with DJANGO_DEBUG=true outside production.")
        if username not in DEMO_TOTP_SECRETS:
            raise CommandError(f"{username!r} is not a demo user with a demo authenticator.")
        device = TOTPDevice.objects.filter(user__username=username, name__contains="DEMO ONLY").first()
        if device is None:
            raise CommandError("No demo authenticator: run `manage.py load_demo` first.")
        self.stdout.write(totp_code(device))
