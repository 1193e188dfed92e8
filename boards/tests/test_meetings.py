"""Meetings, agenda and decisions, attendance by hand and from CSV, attendance rates per agency."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.choices import AttendanceStatus, MeetingType
from boards.models import AgendaItem, Attendance, Meeting
from boards.tests.factories import AgencyFactory, AttendanceFactory, MeetingFactory
from lscb.models import AuditEntry

P, D, A, X = AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY_SENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def url(world, name, **kwargs):
    return reverse(f"boards:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def _meetings_with(world, agency, statuses, year=2025, meeting_type=MeetingType.BOARD):
    for month, status in enumerate(statuses, start=4):
        meeting = MeetingFactory(board=world.board, date=datetime.date(year, month, 10), meeting_type=meeting_type)
        AttendanceFactory(meeting=meeting, agency=agency, status=status)


def _upload(text, name="attendance.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


# --- Attendance rates ---------------------------------------------------------------------


def test_rate_counts_deputies_as_attended_and_flags_below_the_boards_threshold(world):
    _meetings_with(world, world.agency, [P, D, A, X])  # 2 of 4 = 50%
    _meetings_with(world, world.other_agency, [P, P, P, A])  # 3 of 4 = 75%: not below 75
    rates = {r.agency_name: r for r in Attendance.objects.rates(world.board, 2025)}
    police = rates["Home Police"]
    assert (police.expected, police.present, police.deputy_sent, police.apologies, police.absent) == (4, 1, 1, 1, 1)
    assert police.rate_percent == 50 and police.below_threshold
    childrens = rates["Home Children's Services"]
    assert childrens.rate_percent == 75 and not childrens.below_threshold
    world.board.attendance_threshold_percent = 76
    assert Attendance.objects.rates(world.board, 2025)[0].below_threshold  # 74.99 < 76 whichever is first


def test_rate_just_under_threshold_is_flagged_although_it_rounds_up(world):
    # 2 of 3 = 66.67% → shown as 67%, but below a 67% threshold.
    _meetings_with(world, world.agency, [P, P, A])
    world.board.attendance_threshold_percent = 67
    (row,) = Attendance.objects.rates(world.board, 2025)
    assert row.rate_percent == 67 and row.below_threshold


def test_rate_uses_the_financial_year_and_leaves_out_cancelled_meetings_and_other_boards(world):
    _meetings_with(world, world.agency, [P, P])
    # March 2025 belongs to 2024/25; April 2026 to 2026/27.
    AttendanceFactory(
        meeting=MeetingFactory(board=world.board, date=datetime.date(2025, 3, 31)), agency=world.agency, status=X
    )
    AttendanceFactory(
        meeting=MeetingFactory(board=world.board, date=datetime.date(2026, 4, 1)), agency=world.agency, status=X
    )
    cancelled = MeetingFactory(board=world.board, date=datetime.date(2025, 9, 1), is_cancelled=True)
    AttendanceFactory(meeting=cancelled, agency=world.agency, status=X)
    foreign = MeetingFactory(board=world.other_board, date=datetime.date(2025, 9, 1))
    AttendanceFactory(meeting=foreign, agency=world.foreign_agency, status=X)
    rates = Attendance.objects.rates(world.board, 2025)
    assert [(r.agency_name, r.expected, r.rate_percent) for r in rates] == [("Home Police", 2, 100)]
    assert Attendance.objects.rates(world.board, 2024)[0].rate_percent == 0


def test_rate_by_meeting_type(world):
    _meetings_with(world, world.agency, [P, P])
    _meetings_with(world, world.agency, [X, X], meeting_type=MeetingType.SUBGROUP)
    assert Attendance.objects.rates(world.board, 2025)[0].rate_percent == 50
    assert Attendance.objects.rates(world.board, 2025, meeting_types=[MeetingType.BOARD])[0].rate_percent == 100


def test_attendance_report_page_flags_agencies_and_exports(client_for, world):
    _meetings_with(world, world.agency, [P, A, A, X])
    _meetings_with(world, world.other_agency, [P, P, P, P])
    client = client_for("member")
    page = client.get(url(world, "attendance_report"), {"year": "2025"}).content.decode()
    assert "Attendance by agency, 2025/26" in page
    assert "1 agency below 75%: Home Police" in page
    assert "25%" in page and "100%" in page
    response = client.get(url(world, "attendance_export"), {"year": "2025"})
    text = response.content.decode("utf-8-sig")
    assert "Home Police,4,1,0,2,1,25,Yes" in text
    assert "2025-26" in response["Content-Disposition"]


# --- Meetings, agenda, decisions ----------------------------------------------------------


def test_business_manager_adds_a_meeting_with_agenda_and_decisions(client_for, world):
    client = client_for("business_manager")
    response = client.post(
        url(world, "meeting_add"),
        {
            "meeting_type": MeetingType.EXECUTIVE,
            "title": "Executive – July",
            "date": "2025-07-10",
            "location": "Town hall",
        },
    )
    meeting = Meeting.objects.get(title="Executive – July")
    assert response["Location"] == url(world, "meeting_detail", meeting_id=meeting.pk)
    form = client.get(url(world, "agenda_item_add", meeting_id=meeting.pk)).content.decode()
    assert 'value="1"' in form  # next item number suggested
    client.post(
        url(world, "agenda_item_add", meeting_id=meeting.pk),
        {"number": "1", "title": "Neglect strategy", "decision": "Strategy approved for consultation"},
    )
    response = client.post(url(world, "agenda_item_add", meeting_id=meeting.pk), {"number": "1", "title": "Duplicate"})
    assert "Item 1 is already on this agenda" in response.content.decode()
    page = client.get(url(world, "meeting_detail", meeting_id=meeting.pk)).content.decode()
    assert "Neglect strategy" in page and "Strategy approved for consultation" in page
    assert "Agenda item 1: created" in page  # history
    assert AuditEntry.objects.filter(action="boards.agenda_item.created").count() == 1


def test_meeting_form_needs_a_real_date_and_type(client_for, world):
    response = client_for("business_manager").post(
        url(world, "meeting_add"), {"title": "No date", "date": "2025-02-30"}
    )
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a real date" in page and "Choose the type of meeting" in page


def test_attendance_recorded_by_hand_writes_only_changes(client_for, world):
    meeting = MeetingFactory(board=world.board, date=datetime.date(2025, 6, 12))
    client = client_for("business_manager")
    form = client.get(url(world, "attendance_edit", meeting_id=meeting.pk)).content.decode()
    assert "Home Police" in form and "Other Police" not in form
    data = {
        f"status_{world.agency.pk}": P,
        f"note_{world.agency.pk}": "",
        f"status_{world.other_agency.pk}": D,
        f"note_{world.other_agency.pk}": "Deputy: team manager",
    }
    assert client.post(url(world, "attendance_edit", meeting_id=meeting.pk), data).status_code == 302
    assert dict(meeting.attendances.values_list("agency__name", "status")) == {
        "Home Police": P,
        "Home Children's Services": D,
    }
    data[f"status_{world.agency.pk}"] = A
    data[f"status_{world.other_agency.pk}"] = ""  # not expected after all
    client.post(url(world, "attendance_edit", meeting_id=meeting.pk), data)
    assert dict(meeting.attendances.values_list("agency__name", "status")) == {"Home Police": A}
    police = Attendance.objects.get(meeting=meeting, agency=world.agency)
    assert police.history.count() == 2  # created, then changed once
    page = client.get(url(world, "meeting_detail", meeting_id=meeting.pk)).content.decode()
    assert "Attendance: Home Police: changed" in page and "Present → Apologies" in page


def test_agencies_not_active_on_the_meeting_date_are_not_offered(client_for, world):
    AgencyFactory(board=world.board, name="Former Partner", active_to=datetime.date(2024, 3, 31))
    AgencyFactory(board=world.board, name="Future Partner", active_from=datetime.date(2026, 4, 1))
    meeting = MeetingFactory(board=world.board, date=datetime.date(2025, 6, 12))
    form = client_for("business_manager").get(url(world, "attendance_edit", meeting_id=meeting.pk)).content.decode()
    assert "Former Partner" not in form and "Future Partner" not in form


def test_cancelled_meeting_stays_on_record_and_takes_no_attendance(client_for, world):
    meeting = MeetingFactory(board=world.board)
    client = client_for("business_manager")
    page = client.get(url(world, "meeting_cancel", meeting_id=meeting.pk)).content.decode()
    assert "it no longer counts in attendance rates" in page
    client.post(url(world, "meeting_cancel", meeting_id=meeting.pk), {"reason": "Not quorate"})
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancelled_reason == "Not quorate"
    response = client.get(url(world, "attendance_edit", meeting_id=meeting.pk), follow=True)
    assert "Attendance cannot be recorded for a cancelled meeting" in response.content.decode()
    response = client.post(url(world, "meeting_cancel", meeting_id=meeting.pk), {"reason": "Again"})
    assert "This meeting is already cancelled" in response.content.decode()


def test_meeting_list_filters_by_type_and_year_and_exports(client_for, world):
    MeetingFactory(board=world.board, title="Board June", date=datetime.date(2025, 6, 1))
    MeetingFactory(
        board=world.board, title="Exec March", date=datetime.date(2025, 3, 1), meeting_type=MeetingType.EXECUTIVE
    )
    MeetingFactory(board=world.other_board, title="Foreign board", date=datetime.date(2025, 6, 1))
    client = client_for("agency_author")
    page = client.get(url(world, "meeting_list")).content.decode()
    assert "Board June" in page and "Exec March" in page and "Foreign board" not in page
    page = client.get(url(world, "meeting_list"), {"year": "2024"}).content.decode()
    assert "Exec March" in page and "Board June" not in page
    page = client.get(url(world, "meeting_list"), {"meeting_type": "executive"}).content.decode()
    assert "Exec March" in page and "Board June" not in page
    text = client.get(url(world, "meeting_export"), {"meeting_type": "board"}).content.decode("utf-8-sig")
    assert "Board June" in text and "Exec March" not in text


def test_meeting_list_counts_are_not_multiplied_by_agenda_items(client_for, world):
    meeting = MeetingFactory(board=world.board, title="Counted")
    AttendanceFactory(meeting=meeting, agency=world.agency, status=P)
    AttendanceFactory(meeting=meeting, agency=world.other_agency, status=A)
    for number in (1, 2, 3):
        AgendaItem.objects.create(meeting=meeting, number=number, title=f"Item {number}")
    text = client_for("member").get(url(world, "meeting_export")).content.decode("utf-8-sig")
    assert "Counted,,Held,3,2,1" in text


# --- Attendance CSV upload: all or nothing ------------------------------------------------


def test_good_attendance_file_is_saved(client_for, world):
    meeting = MeetingFactory(board=world.board)
    text = "Agency,Status,Note\nhome police,Present,\nHome Children's Services,deputy_sent,Team manager\n"
    response = client_for("business_manager").post(
        url(world, "attendance_upload", meeting_id=meeting.pk), {"file": _upload(text)}
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("agency__name", "status")) == {
        "Home Police": P,
        "Home Children's Services": D,
    }
    assert AuditEntry.objects.filter(action="boards.attendance.imported", payload__rows=2).exists()


def test_bad_attendance_file_reports_every_bad_row_and_saves_nothing(client_for, world):
    meeting = MeetingFactory(board=world.board)
    AttendanceFactory(meeting=meeting, agency=world.agency, status=P)
    text = (
        "Agency,Status,Note\n"
        "Home Police,Absent,\n"  # row 2 fine on its own
        "Other Police,Present,\n"  # row 3: another board's agency
        "Home Children's Services,Maybe,\n"  # row 4: bad status
        "Home Police,Present,\n"  # row 5: duplicate
        ",Present,\n"  # row 6: blank agency
    )
    response = client_for("business_manager").post(
        url(world, "attendance_upload", meeting_id=meeting.pk), {"file": _upload(text)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file has 4 problems: nothing was saved" in page
    for row, reason in [
        (3, "“Other Police” is not one of this board"),
        (4, "“Maybe” is not one of"),
        (5, "Home Police is already on row 2"),
        (6, "Agency is blank"),
    ]:
        assert f'<td class="govuk-table__cell">{row}</td>' in page
        assert reason in page
    assert dict(meeting.attendances.values_list("agency__name", "status")) == {"Home Police": P}  # unchanged
    assert not AuditEntry.objects.filter(action__startswith="boards.attendance").exists()


def test_attendance_file_must_be_csv_with_the_right_columns(client_for, world):
    meeting = MeetingFactory(board=world.board)
    client = client_for("business_manager")
    response = client.post(url(world, "attendance_upload", meeting_id=meeting.pk), {"file": _upload("x", "a.xlsx")})
    assert "The file must be a CSV file" in response.content.decode()
    response = client.post(
        url(world, "attendance_upload", meeting_id=meeting.pk), {"file": _upload("Agency,Note\nA,\n")}
    )
    assert "Missing column(s): Status" in response.content.decode()
    assert not meeting.attendances.exists()
