"""manage.py create_board: a new board and its first business manager (invited by e-mail),
for a site operator without the web pages (the same service as /operator/boards/new/)."""

from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.forms import BoardSetUpForm
from boards.choices import Arrangement


class Command(BaseCommand):
    help = "Create a board with its areas and invite its first business manager by e-mail."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--area", action="append", required=True, help="repeat for each area")
        parser.add_argument("--arrangement", choices=Arrangement.values, default=Arrangement.PARTNERSHIP_WT2023)
        parser.add_argument("--first-financial-year", type=int, required=True)
        parser.add_argument("--manager-name", required=True)
        parser.add_argument("--manager-email", required=True)

    def handle(self, *args, **options):
        # The web form's checks, so the command refuses what the page would.
        form = BoardSetUpForm(
            {
                "name": options["name"],
                "slug": options["slug"],
                "arrangement": options["arrangement"],
                "areas": "\n".join(options["area"]),
                "first_financial_year": options["first_financial_year"],
                "manager_name": options["manager_name"],
                "manager_email": options["manager_email"],
            }
        )
        if not form.is_valid():
            problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            raise CommandError(problems)
        try:
            board, invitation = services.create_board(None, **form.cleaned_data)
        except services.BoardSetUpError as error:
            raise CommandError(error.message) from error
        told = f"invitation sent to {invitation.email}" if invitation else "its manager already signs in"
        self.stdout.write(f"Created {board.name} ({board.slug}): {told}")
