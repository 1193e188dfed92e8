"""Independent scrutiny: the scrutineer records activities and a statement; the partners respond."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from assurance import services
from assurance.forms import ScrutinyActivityForm, ScrutinyStatementForm
from assurance.models import ScrutinyActivity
from boards.choices import Role
from boards.tests.factories import MembershipFactory, person_with_login
from lscb.permissions import BoardAccess
from reports.tests.factories import ReportRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scrutineer(world):
    person = person_with_login("scrutineer", "Joan Akers", password="pw")
    MembershipFactory(person=person, board=world.board, role=Role.SCRUTINEER, start_date=datetime.date(2020, 4, 1))
    return person.user


def test_the_scrutineer_records_a_finding_and_a_statement_on_a_revision(world, scrutineer):
    access = BoardAccess.for_user(scrutineer, world.board)
    form = ScrutinyActivityForm(
        data={
            "plan_year": "2025",
            "title": "Front door deep dive",
            "method": "deep_dive",
            "held_on": "2025-11-04",
            "findings": "Thresholds applied consistently.",
            "recommendation": "Share the audit with schools",
        }
    )
    assert form.is_valid(), form.errors
    activity = services.save_scrutiny_activity(access, form)
    assert activity.recorded_by == scrutineer
    revision = ReportRevisionFactory(report__board=world.board)
    foreign = ReportRevisionFactory(report__board=world.other_board)
    statement_form = ScrutinyStatementForm(data={"revision": revision.pk, "text": "Effective."}, board=world.board)
    assert statement_form.is_valid(), statement_form.errors
    statement = services.sign_statement(access, statement_form)
    assert statement.revision == revision and statement.signed_by == scrutineer
    # Another board's revision is not on offer; the same revision cannot be signed twice.
    assert not ScrutinyStatementForm(data={"revision": foreign.pk, "text": "x"}, board=world.board).is_valid()
    assert not ScrutinyStatementForm(data={"revision": revision.pk, "text": "x"}, board=world.board).is_valid()


def test_only_the_scrutineer_and_the_manager_record_scrutiny(world, scrutineer, client):
    form = ScrutinyActivityForm(data={"plan_year": "2025", "title": "Observation", "method": "observation"})
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.save_scrutiny_activity(BoardAccess.for_user(world.user("chair"), world.board), form)
    client.force_login(scrutineer)
    add = reverse("assurance:scrutiny_add", kwargs={"board_slug": world.board.slug})
    assert client.get(add).status_code == 200
    response = client.post(
        add, {"plan_year": "2025", "title": "Observation of a strategy meeting", "method": "observation"}
    )
    assert response.status_code == 302
    assert ScrutinyActivity.objects.get().board == world.board
    # The partners' response is the business manager's to record.
    activity = ScrutinyActivity.objects.get()
    respond = reverse(
        "assurance:scrutiny_response", kwargs={"board_slug": world.board.slug, "activity_id": activity.pk}
    )
    assert client.get(respond).status_code == 403
