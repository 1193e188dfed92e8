import datetime

import factory
from django.contrib.auth import get_user_model

from boards.choices import RAG, AgencySector, Arrangement, Role
from boards.models import Action, Agency, Area, Board, BusinessPlan, Membership, Person, Priority


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Board {n} Safeguarding Children Partnership")
    slug = factory.Sequence(lambda n: f"board-{n}")
    arrangement = Arrangement.PARTNERSHIP_WT2023


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Borough {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    sector = AgencySector.VOLUNTARY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="en_GB")
    email = factory.LazyAttribute(lambda p: p.full_name.lower().replace(" ", ".") + "@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    board = factory.SubFactory(BoardFactory)
    role = Role.MEMBER
    agency = None
    start_date = datetime.date(2020, 4, 1)


class BusinessPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    board = factory.SubFactory(BoardFactory)
    title = "Business plan 2025–2027"
    start_date = datetime.date(2025, 4, 1)
    end_date = datetime.date(2027, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(BusinessPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n + 1}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_agency = factory.SubFactory(AgencyFactory, board=factory.SelfAttribute("..priority.plan.board"))
    due_date = datetime.date(2026, 9, 30)
    rag = RAG.AMBER


def person_with_login(username, full_name, **user_kwargs):
    """A Person with a User account; password set by UserFactory."""
    first, _, last = full_name.partition(" ")
    user = UserFactory(username=username, first_name=first, last_name=last, **user_kwargs)
    person, _ = Person.objects.get_or_create(user=user, defaults={"full_name": full_name, "email": user.email})
    return person


# --- Plan and performance: progress updates, scorecard, inspections, CDOP/LADO -------------

from decimal import Decimal  # noqa: E402

from boards.choices import Judgement  # noqa: E402
from boards.models import (  # noqa: E402
    CdopYear,
    Indicator,
    IndicatorValue,
    Inspection,
    InspectionRecommendation,
    LadoYear,
    ProgressUpdate,
)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2025, 10, 1)
    author_name = "Pat Example"
    text = factory.Sequence(lambda n: f"Progress note {n}")
    evidence_of_impact = "Audit found the new checklist used in 9 of 10 cases."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    board = factory.SubFactory(BoardFactory)
    code = factory.Sequence(lambda n: f"ind-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Children seen within timescale, as a share of all children due a visit."
    target = Decimal("80")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_end = datetime.date(2025, 6, 30)
    value = Decimal("75")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    board = factory.SubFactory(BoardFactory)
    title = "Inspection of local authority children's services"
    start_date = datetime.date(2025, 6, 2)
    end_date = datetime.date(2025, 6, 13)
    judgement = Judgement.GOOD


class InspectionRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionRecommendation

    inspection = factory.SubFactory(InspectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Improve the quality of plans ({n})")
    due_date = datetime.date(2026, 3, 31)


class CdopYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CdopYear

    board = factory.SubFactory(BoardFactory)
    financial_year = 2025
    deaths_notified = 20
    expected_deaths = 12
    unexpected_deaths = 8
    reviews_completed = 15
    reviews_with_modifiable_factors = 4
    categories = factory.LazyFunction(lambda: {"4": 3, "5": 2, "6": 2, "7": 3, "8": 4, "10": 1})


class LadoYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LadoYear

    board = factory.SubFactory(BoardFactory)
    financial_year = 2025
    consultations = 120
    referrals = 40
    referrals_by_sector = factory.LazyFunction(lambda: {"education": 25, "social_care": 10, "health": 5})
    outcomes = factory.LazyFunction(lambda: {"substantiated": 10, "unsubstantiated": 12, "unfounded": 8})
    timeliness = factory.LazyFunction(lambda: {"1m": 15, "3m": 10, "12m": 5})


# --- Records: meetings and attendance, budget, chair appointments --------------------------

import decimal  # noqa: E402

from boards.choices import AttendanceStatus, ChairAppointmentRoute, MeetingType, SpendCategory  # noqa: E402
from boards.models import AgendaItem, Attendance, Budget, ChairAppointment, Contribution, Meeting, Spend  # noqa: E402


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    meeting_type = MeetingType.BOARD
    title = factory.Sequence(lambda n: f"Partnership board {n}")
    date = datetime.date(2025, 6, 12)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n + 1}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    agency = factory.SubFactory(AgencyFactory, board=factory.SelfAttribute("..meeting.board"))
    status = AttendanceStatus.PRESENT


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ("board", "financial_year")

    board = factory.SubFactory(BoardFactory)
    financial_year = 2025


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    budget = factory.SubFactory(BudgetFactory)
    agency = factory.SubFactory(AgencyFactory, board=factory.SelfAttribute("..budget.board"))
    cash = decimal.Decimal("10000.00")
    in_kind = decimal.Decimal("0.00")


class SpendFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spend

    budget = factory.SubFactory(BudgetFactory)
    category = SpendCategory.BUSINESS_UNIT
    amount = decimal.Decimal("5000.00")


class ChairAppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChairAppointment

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(PersonFactory)
    start_date = datetime.date(2023, 4, 1)
    how_appointed = ChairAppointmentRoute.OPEN_RECRUITMENT
