import datetime

import factory

from boards.tests.factories import BoardFactory
from subgroups.choices import SubGroupKind
from subgroups.models import SubGroup


class SubGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroup
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Sub-group {n}")
    kind = SubGroupKind.STANDING
    start_date = datetime.date(2019, 9, 1)
