"""Load a fictional tri-borough board, and a second board to show isolation.

Deterministic (no random values; the story's dates, moved to today's calendar by lscb.demo) and
idempotent (running it twice changes nothing).
Every name is invented; no real person, agency or child appears.
"""

import datetime
import importlib
import importlib.util
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from boards.choices import RAG, AgencySector, Arrangement, Role
from boards.models import Action, Agency, Area, Board, BusinessPlan, Membership, Person, Priority
from lscb.demo import story_date, story_year
from subgroups.choices import SubGroupKind
from subgroups.models import SubGroup

DEMO_PASSWORD = "demo-pass-2026"

AREAS = ["Kingsmere", "Ashford Vale", "Westbridge"]

# (name, sector, statutory partner?)
AGENCIES = [
    ("Kingsmere Council Children's Services", AgencySector.CHILDRENS_SERVICES, True),
    ("Ashford Vale Council Children's Services", AgencySector.CHILDRENS_SERVICES, True),
    ("Westbridge Council Children's Services", AgencySector.CHILDRENS_SERVICES, True),
    ("Tri-borough Police", AgencySector.POLICE, True),
    ("Tri-borough Integrated Care Board", AgencySector.ICB, True),
    ("Kingsmere Hospitals NHS Trust", AgencySector.NHS_TRUST, False),
    ("Vale Community Health NHS Trust", AgencySector.NHS_TRUST, False),
    ("Tri-borough GP Federation", AgencySector.PRIMARY_CARE, False),
    ("Probation Service (Tri-borough)", AgencySector.PROBATION, False),
    ("Tri-borough Youth Justice Service", AgencySector.YOUTH_JUSTICE, False),
    ("Tri-borough Schools Forum", AgencySector.EDUCATION, False),
    ("Tri-borough Voluntary Action", AgencySector.VOLUNTARY, False),
    ("Cafcass (Tri-borough)", AgencySector.CAFCASS, False),
    ("Tri-borough Housing Partnership", AgencySector.HOUSING, False),
]

# (username, full name, role, agency name or None)
PEOPLE = [
    ("manager", "Priya Shah", Role.BUSINESS_MANAGER, None),
    ("chair", "Margaret Okafor", Role.CHAIR, None),
    ("police", "Daniel Hughes", Role.AGENCY_AUTHOR, "Tri-borough Police"),
    ("childrens", "Helen Marsh", Role.AGENCY_AUTHOR, "Kingsmere Council Children's Services"),
    ("health", "Samuel Adeyemi", Role.AGENCY_AUTHOR, "Tri-borough Integrated Care Board"),
    ("sgchair", "Fiona Caldwell", Role.SUBGROUP_CHAIR, "Vale Community Health NHS Trust"),
    ("member", "Robert Lin", Role.MEMBER, "Tri-borough Schools Forum"),
    ("lay", "Ann Whitfield", Role.LAY_MEMBER, None),
]

# Each app adds its own demo records in `<app>/demo*.py` with a `load(demo: DemoBoard)`
# function, run in this order after the core records below (keeps this command short and
# lets each app own its demo data). Loaders must be idempotent, like this command.
DEMO_LOADERS = (
    "boards.demo",
    "boards.demo_plan",
    "subgroups.demo",
    "reviews.demo",
    "reports.demo",
    "reports.demo_approval",  # last year's report: approved, published, sent out
    "assurance.demo",  # Section 11 cycles, moderation, actions; tell us once with Northfield
    "lscb.demo",  # demo two-factor devices (DEMO ONLY secrets) for the manager and chair
    # learning/: training, evaluation, briefing use, voice of children, escalations.
    "learning.demo",
)


@dataclass
class DemoBoard:
    """What the app loaders build on: the demo board and its core records, by name."""

    board: object
    areas: dict = field(default_factory=dict)
    agencies: dict = field(default_factory=dict)  # agency name → Agency
    people: dict = field(default_factory=dict)  # username → Person
    other_board: object = None  # the Northfield board, for isolation


def run_app_loaders(demo: DemoBoard):
    for dotted in DEMO_LOADERS:
        if importlib.util.find_spec(dotted) is not None:
            importlib.import_module(dotted).load(demo)


SUBGROUPS = [
    ("Quality Assurance and Performance", SubGroupKind.STANDING, None, "sgchair"),
    ("Learning and Development", SubGroupKind.STANDING, None, None),
    ("Case Review Sub-group", SubGroupKind.STANDING, None, None),
    ("Child Exploitation Task and Finish Group", SubGroupKind.TASK_AND_FINISH, None, None),
    ("Kingsmere Local Partnership Group", SubGroupKind.LOCAL_PARTNERSHIP, "Kingsmere", None),
    ("Ashford Vale Local Partnership Group", SubGroupKind.LOCAL_PARTNERSHIP, "Ashford Vale", None),
    ("Westbridge Local Partnership Group", SubGroupKind.LOCAL_PARTNERSHIP, "Westbridge", None),
]


def demo_priorities():
    """Priority number → (title, HWB strategy priority, [(action, owner agency, due, RAG, little/no progress cause)])."""
    return {
        1: (
            "Early help: the right help at the right time",
            "Give every child the best start in life",
            [
                (
                    "Publish a single early help offer for the three boroughs",
                    "Kingsmere Council Children's Services",
                    story_date(2025, 12, 31),
                    RAG.COMPLETE,
                    "",
                ),
                (
                    "Train 200 front-line staff in the revised threshold document",
                    "Tri-borough Integrated Care Board",
                    story_date(2026, 6, 30),
                    RAG.AMBER,
                    "",
                ),
                (
                    "Audit early help assessments in primary care",
                    "Tri-borough GP Federation",
                    story_date(2026, 3, 31),
                    RAG.RED,
                    "GP audit capacity lost after the federation restructure.",
                ),
            ],
        ),
        2: (
            "Neglect: recognise it earlier and respond together",
            "Reduce the impact of poverty and neglect",
            [
                (
                    "Roll out the graded care profile to all health visitors",
                    "Vale Community Health NHS Trust",
                    story_date(2026, 9, 30),
                    RAG.GREEN,
                    "",
                ),
                (
                    "Multi-agency audit of neglect cases open over 12 months",
                    "Kingsmere Council Children's Services",
                    story_date(2026, 1, 31),
                    RAG.AMBER,
                    "",
                ),
            ],
        ),
        3: (
            "Exploitation: protect children outside the home",
            "Keep young people safe",
            [
                (
                    "Agree a shared exploitation screening tool",
                    "Tri-borough Police",
                    story_date(2025, 11, 30),
                    RAG.RED,
                    "Awaiting the regional tool; local work paused.",
                ),
                (
                    "Map missing-from-home return interviews by borough",
                    "Tri-borough Police",
                    story_date(2026, 12, 31),
                    RAG.AMBER,
                    "",
                ),
                (
                    "Contextual safeguarding training for schools",
                    "Tri-borough Schools Forum",
                    story_date(2026, 7, 31),
                    RAG.GREEN,
                    "",
                ),
            ],
        ),
        4: (
            "Voice of the child: hear it and act on it",
            "",
            [
                (
                    "Young people's advisory group reviews the annual report",
                    "Tri-borough Voluntary Action",
                    story_date(2026, 10, 31),
                    RAG.AMBER,
                    "",
                ),
                (
                    "Record the child's words in every strategy discussion note",
                    "Tri-borough Police",
                    story_date(2026, 5, 31),
                    RAG.AMBER,
                    "",
                ),
            ],
        ),
    }


class Command(BaseCommand):
    help = "Load the fictional demo boards (safe to run again)."

    # The app loaders drive the real services, which e-mail people after commit; loading demo
    # data sends nothing (the override wraps the transaction, so it covers on_commit too).
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    @transaction.atomic
    def handle(self, *args, **options):
        from django.conf import settings  # noqa: PLC0415
        from django.core.management.base import CommandError  # noqa: PLC0415

        if settings.PRODUCTION:
            # Demo users have a published password and published two-factor secrets.
            raise CommandError("load_demo must not run in production (LSCB_PRODUCTION=true).")
        board, _ = Board.objects.get_or_create(
            slug="tri-borough",
            defaults={
                "name": "Tri-borough Safeguarding Children Partnership",
                "arrangement": Arrangement.PARTNERSHIP_WT2023,
                "website": "https://example.org/tri-borough-safeguarding",
            },
        )
        areas = {name: Area.objects.get_or_create(board=board, name=name)[0] for name in AREAS}
        agencies = {
            name: Agency.objects.get_or_create(
                board=board,
                name=name,
                defaults={
                    "sector": sector,
                    "is_statutory_partner": statutory,
                    "active_from": datetime.date(2019, 9, 29),
                },
            )[0]
            for name, sector, statutory in AGENCIES
        }
        people = {}
        for username, full_name, role, agency_name in PEOPLE:
            person = _person_with_login(username, full_name)
            people[username] = person
            Membership.objects.get_or_create(
                person=person,
                board=board,
                role=role,
                defaults={"agency": agencies.get(agency_name), "start_date": story_date(2023, 4, 1)},
            )
        for name, kind, area_name, chair in SUBGROUPS:
            SubGroup.objects.get_or_create(
                board=board,
                name=name,
                defaults={
                    "kind": kind,
                    "area": areas.get(area_name),
                    "chair_person": people.get(chair),
                    "chair_agency": agencies["Vale Community Health NHS Trust"] if chair else None,
                    "start_date": datetime.date(2019, 9, 1),
                    "end_date": story_date(2026, 12, 31) if kind == SubGroupKind.TASK_AND_FINISH else None,
                    "terms_of_reference": f"The {name} reports to the partnership's executive each quarter.",
                },
            )
        self._business_plan(board, agencies)
        other = self._second_board()
        self._site_operator()
        run_app_loaders(DemoBoard(board=board, areas=areas, agencies=agencies, people=people, other_board=other))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Sign in with any of these usernames and the password {DEMO_PASSWORD!r}:")
        for username, full_name, role, agency_name in PEOPLE:
            suffix = f" ({agency_name})" if agency_name else ""
            self.stdout.write(f"  {username:<10} {full_name} — {role.label}{suffix}")
        self.stdout.write("  northfield Northfield board's business manager (another board: sees nothing above)")
        self.stdout.write(
            "  operator   Site operator: sets up and suspends boards (/operator/boards/), sees no records"
        )
        self.stdout.write("  scrutineer Joan Akers — Independent scrutineer (quality assurance › independent scrutiny)")
        from lscb.demo import DEMO_TOTP_SECRETS  # noqa: PLC0415

        self.stdout.write("Two-factor sign-in (DEMO-ONLY secrets: add one to an authenticator app, or run")
        self.stdout.write("`DJANGO_DEBUG=true .venv/bin/python manage.py demo_totp <username>` for the current code):")
        for username, secret in DEMO_TOTP_SECRETS.items():
            self.stdout.write(f"  {username:<10} {secret}")

    def _site_operator(self):
        """The site operator (staff, two-factor sign-in), a member of no board."""
        user, created = get_user_model().objects.get_or_create(
            username="operator", defaults={"first_name": "Site operator", "is_staff": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

    def _business_plan(self, board, agencies):
        plan, _ = BusinessPlan.objects.get_or_create(
            board=board,
            title=f"Partnership business plan {story_year(2025)}–{story_year(2027)}",
            defaults={"start_date": story_date(2025, 4, 1), "end_date": story_date(2027, 3, 31)},
        )
        for number, (title, hwb, actions) in demo_priorities().items():
            priority, _ = Priority.objects.get_or_create(
                plan=plan, number=number, defaults={"title": title, "hwb_strategy_priority": hwb}
            )
            for action_title, owner, due, rag, cause in actions:
                Action.objects.get_or_create(
                    priority=priority,
                    title=action_title,
                    defaults={
                        "owner_agency": agencies[owner],
                        "due_date": due,
                        "rag": rag,
                        "little_or_no_progress": bool(cause),
                        "little_or_no_progress_cause": cause,
                    },
                )

    def _second_board(self):
        other, _ = Board.objects.get_or_create(
            slug="northfield",
            defaults={"name": "Northfield Safeguarding Children Board", "arrangement": Arrangement.LSCB_WT2015},
        )
        Area.objects.get_or_create(board=other, name="Northfield")
        Agency.objects.get_or_create(
            board=other,
            name="Northfield Constabulary",
            defaults={"sector": AgencySector.POLICE, "is_statutory_partner": True},
        )
        person = _person_with_login("northfield", "Owen Pritchard")
        Membership.objects.get_or_create(
            person=person, board=other, role=Role.BUSINESS_MANAGER, defaults={"start_date": story_date(2022, 4, 1)}
        )
        return other


def _person_with_login(username, full_name):
    """A demo Person with a login and the published demo password (set once: running the
    command again leaves a changed password alone)."""
    first, _, last = full_name.partition(" ")
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    person, _ = Person.objects.get_or_create(user=user, defaults={"full_name": full_name, "email": user.email})
    return person
