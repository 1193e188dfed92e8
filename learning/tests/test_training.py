"""The training offer, attendance (entered and uploaded) and the staged evaluation."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import services, tasks
from learning.choices import AttendanceStatus, EvaluationStage
from learning.models import Attendance, EvaluationAnswer, EvaluationRequest, hash_token
from learning.tests.factories import AttendanceFactory, CourseFactory, TrainingSessionFactory
from lscb.permissions import BoardAccess

pytestmark = pytest.mark.django_db


def access(world, persona="business_manager"):
    return BoardAccess.for_user(world.user(persona), world.board)


def on(day, hour=9):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=datetime.UTC), tick=False
    )


def csv_file(text):
    return SimpleUploadedFile("register.csv", text.encode(), content_type="text/csv")


HEADER = "Name,Email,Agency,Status,Manager email\n"


def test_an_upload_with_a_bad_row_saves_nothing_and_lists_every_bad_row(world):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board))
    text = (
        HEADER + "Ann Lee,ann@example.org,Home Police,Attended,boss@example.org\n"
        "Bob Roe,not-an-email,Nowhere Agency,Attended,\n"
        "Cat Day,cat@example.org,Home Police,Maybe,\n"
        "Ann Again,ANN@example.org,Home Police,Booked,\n"
    )
    saved, errors = services.import_attendance(access(world), session, csv_file(text))
    assert saved == 0
    rows = [number for number, _ in errors]
    assert rows == [3, 4, 5]
    messages = " ".join(message for _, message in errors)
    assert "not an e-mail address" in messages and "Nowhere Agency" in messages
    assert "“Maybe” is not one of" in messages and "already on row 2" in messages
    assert not Attendance.objects.exists()


def test_a_good_upload_saves_every_place_and_a_second_upload_updates_them(world):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board))
    text = (
        HEADER
        + "Ann Lee,ann@example.org,Home Police,Booked,\nBob Roe,bob@example.org,home children's services,No-show,\n"
    )
    assert services.import_attendance(access(world), session, csv_file(text)) == (2, [])
    again = HEADER + "Ann Lee,ann@example.org,Home Police,Attended,boss@example.org\n"
    assert services.import_attendance(access(world), session, csv_file(again)) == (1, [])
    ann = Attendance.objects.get(email="ann@example.org")
    assert ann.status == AttendanceStatus.ATTENDED and ann.manager_email == "boss@example.org"
    assert Attendance.objects.get(email="bob@example.org").agency == world.other_agency


def test_an_upload_cannot_fill_more_places_than_the_session_has(world):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board), capacity=1)
    text = HEADER + "Ann Lee,ann@example.org,Home Police,Booked,\nBob Roe,bob@example.org,Home Police,Booked,\n"
    saved, errors = services.import_attendance(access(world), session, csv_file(text))
    assert saved == 0 and "1 places" in errors[0][1]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["chair", "agency_author", "member"])
def test_only_the_training_coordinator_uploads_attendance(world, persona):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board))
    with pytest.raises(PermissionDenied):
        services.import_attendance(access(world, persona), session, csv_file(HEADER))


def test_the_upload_page_shows_the_bad_rows_and_saves_nothing(world, client_for):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board))
    url = reverse("learning:attendance_upload", kwargs={"board_slug": world.board.slug, "session_id": session.pk})
    text = HEADER + "Ann Lee,ann@example.org,Home Police,Attended,\nBob,bob@example.org,Mars Police,Attended,\n"
    response = client_for("business_manager").post(url, {"file": csv_file(text)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nothing was saved" in page and "Mars Police" in page
    assert not Attendance.objects.exists()


def _held(world, day, **kwargs):
    session = TrainingSessionFactory(course=CourseFactory(board=world.board, title="Neglect"), held_on=day)
    return AttendanceFactory(session=session, agency=world.agency, **kwargs)


def test_the_daily_task_sends_the_attendee_a_link_the_day_after_and_the_manager_one_at_six_weeks(world, settings):
    settings.SITE_URL = "https://lscb.example"
    place = _held(world, datetime.date(2026, 3, 2), email="ann@example.org", manager_email="boss@example.org")
    AttendanceFactory(session=place.session, agency=world.agency, status=AttendanceStatus.NO_SHOW)
    with on(datetime.date(2026, 3, 2)):
        assert tasks.send_due_evaluations() == 0  # the session is today
    with on(datetime.date(2026, 3, 3)):
        assert tasks.send_due_evaluations() == 1
        assert tasks.send_due_evaluations() == 0  # safe to run twice
    assert mail.outbox[0].to == ["ann@example.org"]
    assert "https://lscb.example/evaluation/" in mail.outbox[0].body
    with on(datetime.date(2026, 4, 12)):  # 41 days: not yet
        assert tasks.send_due_evaluations() == 0
    with on(datetime.date(2026, 4, 13)):  # 42 days: 6 weeks
        assert tasks.send_due_evaluations() == 1
    assert mail.outbox[1].to == ["boss@example.org"]
    assert "Six weeks ago" in mail.outbox[1].body
    assert set(EvaluationRequest.objects.values_list("stage", flat=True)) == set(EvaluationStage.values)


def _link(message):
    return re.search(r"/evaluation/[^/\s]+/", message.body).group(0)


def test_only_the_hash_of_the_token_is_stored(world):
    place = _held(world, datetime.date(2026, 3, 2))
    with on(datetime.date(2026, 3, 3)):
        tasks.send_due_evaluations()
    token = _link(mail.outbox[0]).split("/")[2]
    request = EvaluationRequest.objects.get()
    assert request.token_hash == hash_token(token) and token not in request.token_hash
    assert request.attendance == place


def test_the_one_time_form_needs_no_login_records_the_answers_once_then_closes(world, client):
    _held(world, datetime.date(2026, 3, 2))
    with on(datetime.date(2026, 3, 3)):
        tasks.send_due_evaluations()
        url = _link(mail.outbox[0])
        page = client.get(url)
        assert page.status_code == 200 and "The session met its learning outcomes." in page.content.decode()
        refused = client.post(url, {"q1": "9"})
        assert refused.status_code == 200 and "Choose an answer" in refused.content.decode()
        answered = client.post(url, {"q1": "5", "q2": "4", "q3": "3", "q4": "Ask about fathers."})
        assert "Thank you" in answered.content.decode()
        assert client.get(url).status_code == 404
        assert client.post(url, {"q1": "1", "q2": "1", "q3": "1"}).status_code == 404
    assert EvaluationAnswer.objects.count() == 4
    assert sorted(EvaluationAnswer.objects.exclude(score=None).values_list("score", flat=True)) == [3, 4, 5]


def test_a_link_closes_after_its_date_unanswered_and_counts_as_overdue(world, client):
    _held(world, datetime.date(2026, 3, 2))
    with on(datetime.date(2026, 3, 3)):
        tasks.send_due_evaluations()
    url = _link(mail.outbox[0])
    with on(datetime.date(2026, 3, 16)):  # open for 14 days after the session
        assert client.get(url).status_code == 200
        assert not EvaluationRequest.objects.overdue().exists()
    with on(datetime.date(2026, 3, 17)):
        assert client.get(url).status_code == 404
        assert EvaluationRequest.objects.overdue().count() == 1


def test_a_missed_day_is_caught_up_but_a_closed_window_is_not(world):
    _held(world, datetime.date(2026, 3, 2))
    with on(datetime.date(2026, 3, 30)):  # the after-session window closed; the follow-up is not due
        assert tasks.send_due_evaluations() == 0
    with on(datetime.date(2026, 4, 20)):  # within 6 to 8 weeks: the follow-up goes
        assert tasks.send_due_evaluations() == 1


def test_the_form_is_throttled_per_address(world, client):
    for _ in range(60):
        client.get("/evaluation/nothing-here/")
    assert client.get("/evaluation/nothing-here/").status_code == 429


def test_the_daily_task_is_on_the_beat_schedule():
    from lscb.celery import app

    assert app.conf.beat_schedule["learning-send-due-evaluations"]["task"] == "learning.tasks.send_due_evaluations"
