"""The learning pages: forms refuse what makes no sense, lists take a fixed number of queries,
the dashboard shows what is overdue, and escalations carry pseudonyms only."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from learning.models import Escalation, KeyMessage
from learning.tests.factories import (
    AttendanceFactory,
    ChallengeFactory,
    CourseFactory,
    DisseminationFactory,
    EngagementActivityFactory,
    EscalationFactory,
    KeyMessageFactory,
    TrainingReturnFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"learning:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def on(day):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False)


ESCALATION = {
    "reference": "Child K",
    "theme": "thresholds",
    "started_on": "2025-06-02",
    "stage": "1",
}


def test_an_agency_author_notifies_an_escalation_their_agency_raised(world, client_for):
    client = client_for("agency_author")
    data = {**ESCALATION, "raising_agency": world.agency.pk, "receiving_agency": world.other_agency.pk}
    response = client.post(url(world, "escalation_add"), data)
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.notified_by == world.user("agency_author")
    assert escalation.due_on == datetime.date(2025, 6, 4)  # 2 working days after Monday 2 June


def test_an_escalation_between_two_other_agencies_is_refused(world, client_for):
    from boards.tests.factories import AgencyFactory

    third = AgencyFactory(board=world.board, name="Home Health")
    data = {**ESCALATION, "raising_agency": world.other_agency.pk, "receiving_agency": third.pk}
    response = client_for("agency_author").post(url(world, "escalation_add"), data)
    assert response.status_code == 200
    assert "Your agency must be the one raising or receiving" in response.content.decode()
    assert not Escalation.objects.exists()


def test_a_name_as_the_reference_must_be_confirmed(world, client_for):
    data = {**ESCALATION, "reference": "Jack Smith", "raising_agency": world.agency.pk}
    data["receiving_agency"] = world.other_agency.pk
    client = client_for("business_manager")
    response = client.post(url(world, "escalation_add"), data)
    assert response.status_code == 200 and "not a real name or date of birth" in response.content.decode()
    assert not Escalation.objects.exists()
    assert client.post(url(world, "escalation_add"), {**data, "confirm_no_identifiers": "on"}).status_code == 302


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"stage": "2"}, "Enter the date stage 2 started"),
        ({"stage_3_on": "2025-06-10"}, "Stage 3 has not been reached"),
        ({"stage": "2", "stage_2_on": "2025-05-01"}, "Stage 2 cannot start before the stage before it"),
        ({"resolved_on": "2025-06-03"}, "Select the outcome"),
        ({"outcome": "agreed"}, "Enter the date it was resolved"),
        ({"resolved_on": "2025-05-03", "outcome": "agreed"}, "cannot be before the last stage started"),
        ({"receiving_agency": "same"}, "must be another agency"),
    ],
)
def test_the_escalation_form_refuses_stages_and_dates_out_of_order(world, client_for, extra, message):
    data = {**ESCALATION, "raising_agency": world.agency.pk, "receiving_agency": world.other_agency.pk, **extra}
    if data["receiving_agency"] == "same":
        data["receiving_agency"] = world.agency.pk
    response = client_for("business_manager").post(url(world, "escalation_add"), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_an_escalation_moves_through_the_stages_to_resolution(world, client_for):
    escalation = EscalationFactory(board=world.board, raising_agency=world.agency, receiving_agency=world.other_agency)
    base = {**ESCALATION, "raising_agency": world.agency.pk, "receiving_agency": world.other_agency.pk}
    client = client_for("other_agency_author")  # the receiving agency updates it
    edit = url(world, "escalation_edit", escalation_id=escalation.pk)
    assert client.post(edit, {**base, "stage": "2", "stage_2_on": "2025-06-05"}).status_code == 302
    escalation.refresh_from_db()
    assert escalation.stage == 2 and escalation.due_on == datetime.date(2025, 6, 12)
    resolved = {**base, "stage": "2", "stage_2_on": "2025-06-05", "resolved_on": "2025-06-11", "outcome": "agreed"}
    assert client.post(edit, resolved).status_code == 302
    escalation.refresh_from_db()
    assert escalation.timescale_met is True


def test_the_dashboard_shows_escalations_past_their_timescale_and_missed_evaluations(world, client_for):
    EscalationFactory(board=world.board, raising_agency=world.agency, receiving_agency=world.other_agency)
    on_time = EscalationFactory(
        board=world.board, raising_agency=world.other_agency, receiving_agency=world.agency, reference="Child M"
    )
    on_time.started_on = datetime.date(2025, 6, 9)
    on_time.save()
    dashboard = reverse("boards:dashboard", kwargs={"board_slug": world.board.slug})
    with on(datetime.date(2025, 6, 10)):
        page = client_for("agency_author").get(dashboard).content.decode()
    assert "Learning: what is overdue" in page and "1 escalation past its timescale" in page
    with on(datetime.date(2025, 6, 10)):
        assert "Learning: what is overdue" not in client_for("member").get(dashboard).content.decode()


def test_a_key_message_done_needs_its_change_and_date(world, client_for):
    activity = EngagementActivityFactory(board=world.board)
    response = client_for("business_manager").post(
        url(world, "message_add", activity_id=activity.pk), {"message": "More youth workers", "status": "done"}
    )
    page = response.content.decode()
    assert "Enter the date the change was made" in page and "Say what the partnership did" in page
    assert not KeyMessage.objects.exists()


def test_an_engagement_activity_is_counted_not_named(world, client_for):
    data = {
        "title": "Youth forum with Jack Smith",
        "held_on": "2025-09-01",
        "method": "youth_forum",
        "audience": "Children in care council",
        "participants": "12",
    }
    response = client_for("business_manager").post(url(world, "activity_add"), data)
    assert response.status_code == 200 and "not a real name or date of birth" in response.content.decode()


def test_the_you_said_we_did_page_lists_changes_and_not_those_not_taken(world, client_for):
    activity = EngagementActivityFactory(board=world.board)
    KeyMessageFactory(activity=activity, message="Shorter meetings", change="Meetings cut to an hour")
    KeyMessageFactory(activity=activity, message="Free buses", change="", status="not_taken", done_on=None)
    page = client_for("member").get(url(world, "you_said_we_did")).content.decode()
    assert "Shorter meetings" in page and "Meetings cut to an hour" in page and "Free buses" not in page


def test_the_register_is_the_coordinators_and_the_board_sees_counts(world, client_for):
    place = AttendanceFactory(session=TrainingSessionFactory(course=CourseFactory(board=world.board)), name="Ann Lee")
    page_url = url(world, "session_detail", session_id=place.session_id)
    assert "Ann Lee" in client_for("business_manager").get(page_url).content.decode()
    member_page = client_for("member").get(page_url).content.decode()
    assert "Ann Lee" not in member_page and "Attendance by agency" in member_page


def _lots(world, n=8):
    for i in range(n):
        course = CourseFactory(board=world.board)
        session = TrainingSessionFactory(course=course)
        AttendanceFactory(session=session, agency=world.agency)
        DisseminationFactory(board=world.board, agency=world.agency)
        TrainingReturnFactory(board=world.board, agency=world.agency, financial_year=2010 + i)
        KeyMessageFactory(activity=EngagementActivityFactory(board=world.board))
        EscalationFactory(
            board=world.board, raising_agency=world.agency, receiving_agency=world.other_agency, reference=f"Child {i}"
        )
        ChallengeFactory(board=world.board, agency=world.agency)
    return session, course


@pytest.mark.parametrize(
    "name",
    [
        "index",
        "course_list",
        "dissemination_list",
        "training_return_list",
        "activity_list",
        "you_said_we_did",
        "escalation_list",
        "challenge_list",
    ],
)
def test_the_lists_take_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries, name):
    _lots(world)
    client = client_for("business_manager")
    with django_assert_max_num_queries(20):
        response = client.get(url(world, name))
    assert response.status_code == 200


def test_the_detail_pages_take_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    session, course = _lots(world)
    for _ in range(10):
        AttendanceFactory(session=session, agency=world.agency)
    client = client_for("business_manager")
    with django_assert_max_num_queries(22):
        assert client.get(url(world, "session_detail", session_id=session.pk)).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(url(world, "course_detail", course_id=course.pk)).status_code == 200
