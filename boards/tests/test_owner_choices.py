"""Ended agencies leave the owner drop-downs but stay on the records they own (issue 16)."""

import datetime

import pytest
import time_machine

from boards.forms.plan import ActionForm
from boards.tests.factories import ActionFactory, AgencyFactory, BoardFactory, PriorityFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.date(2026, 6, 1), tick=False)
def test_an_ended_agency_is_not_offered_as_owner_but_stays_on_its_old_action():
    board = BoardFactory()
    current = AgencyFactory(board=board, name="Current Police")
    ended = AgencyFactory(board=board, name="Old Primary Care Trust", active_to=datetime.date(2013, 3, 31))
    AgencyFactory(name="Another board's agency")

    new = ActionForm(board=board)
    assert list(new.fields["owner_agency"].queryset) == [current]

    old_action = ActionFactory(priority=PriorityFactory(plan__board=board), owner_agency=ended)
    editing = ActionForm(board=board, instance=old_action)
    assert set(editing.fields["owner_agency"].queryset) == {current, ended}
