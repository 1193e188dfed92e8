import datetime

import factory
from django.utils import timezone

from boards.choices import RAG
from boards.tests.factories import BoardFactory, PersonFactory
from subgroups.choices import HighlightStatus, MemberRole, SubGroupKind
from subgroups.models import HighlightUpdate, SubGroup, SubGroupMeeting, SubGroupMember, WorkPlanItem


class SubGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroup
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    kind = SubGroupKind.STANDING
    start_date = datetime.date(2019, 9, 1)


class SubGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroupMember
        django_get_or_create = ("subgroup", "person")

    subgroup = factory.SubFactory(SubGroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.MEMBER


class SubGroupMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroupMeeting
        django_get_or_create = ("subgroup", "date")

    subgroup = factory.SubFactory(SubGroupFactory)
    date = datetime.date(2025, 6, 11)
    notes = "<p>Agreed the audit programme.</p>"


class WorkPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanItem
        django_get_or_create = ("subgroup", "title")

    subgroup = factory.SubFactory(SubGroupFactory)
    title = factory.Sequence(lambda n: f"Work-plan item {n}")
    due_date = datetime.date(2026, 3, 31)
    rag = RAG.AMBER


class HighlightUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HighlightUpdate
        django_get_or_create = ("subgroup", "financial_year", "quarter")

    subgroup = factory.SubFactory(SubGroupFactory)
    financial_year = 2025
    quarter = 1
    progress = "<p>Audit fieldwork complete.</p>"
    impact = "<p>Faster strategy discussions.</p>"
    risks = ""
    status = HighlightStatus.DRAFT

    class Params:
        submitted = factory.Trait(
            status=HighlightStatus.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
        )
