"""The dashboard's "current priorities" are those of the plan in force today (issue 16)."""

import datetime

import pytest
import time_machine

from boards.dashboard import board_at_a_glance
from boards.tests.factories import BoardFactory, BusinessPlanFactory, PriorityFactory
from lscb.permissions import BoardAccess

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.date(2025, 11, 1), tick=False)
def test_the_dashboard_shows_the_priorities_of_the_plan_in_force_not_the_older_one():
    board = BoardFactory()
    old = BusinessPlanFactory(
        board=board, title="Old", start_date=datetime.date(2023, 4, 1), end_date=datetime.date(2026, 3, 31)
    )
    new = BusinessPlanFactory(
        board=board, title="New", start_date=datetime.date(2025, 10, 1), end_date=datetime.date(2028, 3, 31)
    )
    PriorityFactory(plan=old, number=1, title="Old priority")
    PriorityFactory(plan=new, number=1, title="New priority")
    access = BoardAccess(user=None, board=board, memberships=())
    context = board_at_a_glance(access).context
    assert context["plan"] == new and [p.title for p in context["priorities"]] == ["New priority"]
