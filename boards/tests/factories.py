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
