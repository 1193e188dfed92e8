"""boards.services called directly: the RAG rule of a progress update, and who may give one."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from boards import services
from boards.choices import RAG
from boards.forms.plan import ProgressUpdateForm
from boards.models import ProgressUpdate
from boards.tests.factories import ActionFactory
from lscb.models import AuditEntry
from lscb.permissions import BoardAccess


def _update(world, persona, action, rag):
    access = BoardAccess.for_user(world.user(persona), world.board)
    data = {"date": "2025-06-12", "text": "Training delivered", "evidence_of_impact": "Audit up", "rag": rag}
    form = ProgressUpdateForm(data=data, action=action)
    assert form.is_valid(), form.errors
    return services.add_progress_update(access, action, form)


@pytest.fixture(autouse=True)
def _summer_2025():
    # The form checks the update's date against today and the action's start.
    with time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def action(world):
    return ActionFactory(
        priority__plan__board=world.board,
        opened_on=datetime.date(2025, 4, 1),
        due_date=datetime.date(2026, 3, 31),
        owner_agency=world.agency,
        rag=RAG.RED,
        little_or_no_progress=True,
        little_or_no_progress_cause="No lead",
    )


def test_a_rag_given_with_an_update_becomes_the_actions_and_complete_clears_little_progress(world, action):
    update = _update(world, "agency_author", action, RAG.AMBER)
    action.refresh_from_db()
    assert action.rag == RAG.AMBER and action.little_or_no_progress  # amber: still little progress
    assert update.author == world.user("agency_author") and update.action == action
    _update(world, "agency_author", action, RAG.COMPLETE)
    action.refresh_from_db()
    assert action.rag == RAG.COMPLETE and not action.little_or_no_progress
    assert action.little_or_no_progress_cause == ""
    assert AuditEntry.objects.filter(action="boards.progress_update.created").count() == 2


def test_an_update_without_a_rag_keeps_the_actions_rag(world, action):
    _update(world, "business_manager", action, "")
    action.refresh_from_db()
    assert action.rag == RAG.RED and action.little_or_no_progress


def test_another_agencys_author_may_not_update_the_action(world, action):
    with pytest.raises(PermissionDenied):
        _update(world, "other_agency_author", action, RAG.GREEN)
    action.refresh_from_db()
    assert action.rag == RAG.RED and not ProgressUpdate.objects.filter(action=action).exists()
