"""Row history as every record page shows it (lscb.history.change_log)."""

import datetime

import pytest

from boards.models import Agency, AgendaItem, Meeting
from boards.tests.factories import AgencyFactory, AgendaItemFactory, MeetingFactory
from lscb.history import Source, change_log

pytestmark = pytest.mark.django_db


def edit(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()


def test_a_change_lists_each_changed_field_old_to_new_and_a_creation_its_values(world):
    agency = AgencyFactory(board=world.board, name="Home Police")
    edit(agency, name="Home Constabulary", active_to=datetime.date(2026, 3, 31))
    changed, created = change_log(Agency.history.filter(id=agency.id))
    assert (changed.what, changed.subject) == ("Changed", "Agency")
    assert ("Name", "Home Police", "Home Constabulary") in changed.changes
    assert ("Active to", "—", "31 Mar 2026") in changed.changes
    assert created.what == "Created"
    assert ("Name", None, "Home Police") in created.changes
    assert all(change.field != "Board" for change in created.changes), "the board goes without saying"


def test_linked_records_are_named_and_rich_text_shows_its_words_not_its_html(world):
    meeting = MeetingFactory(board=world.board)
    item = AgendaItemFactory(meeting=meeting, title="Budget")
    edit(item, title="Budget 2026/27", decision="<p>Agreed <strong>£5,000</strong>.</p>")
    entries = change_log(Source(AgendaItem.history.filter(meeting_id=meeting.id), lambda r: f"Item {r.number}"))
    assert entries[0].subject == f"Item {item.number}"
    assert ("Decision", "—", "Agreed £5,000.") in entries[0].changes
    assert ("Meeting", None, str(meeting)) in entries[1].changes


def test_hidden_fields_are_left_out():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    (entry,) = change_log(Source(AgendaItem.history.filter(meeting_id=meeting.id), hide={"meeting"}))
    assert "Meeting" not in [change.field for change in entry.changes]


def test_newest_first_across_sources_and_at_most_the_limit(world):
    meeting = MeetingFactory(board=world.board, title="June board")
    for number in range(1, 8):
        AgendaItemFactory(meeting=meeting, number=number)
    edit(meeting, title="June board (moved)")
    entries = change_log(
        Meeting.history.filter(id=meeting.id), AgendaItem.history.filter(meeting_id=meeting.id), limit=5
    )
    assert len(entries) == 5
    assert entries[0].subject == "Meeting" and entries[0].what == "Changed"
    assert [entry.when for entry in entries] == sorted((entry.when for entry in entries), reverse=True)


def test_the_version_before_the_oldest_shown_change_is_read_to_compare_with(world):
    agency = AgencyFactory(board=world.board, name="A")
    for name in ("B", "C", "D"):
        edit(agency, name=name)
    (entry,) = change_log(Agency.history.filter(id=agency.id), limit=1)
    assert entry.changes == [("Name", "C", "D")]


def test_a_change_whose_earlier_version_was_not_read_says_so_rather_than_nothing_changed(world):
    first = AgencyFactory(board=world.board, name="First")
    AgencyFactory(board=world.board, name="Second")
    AgencyFactory(board=world.board, name="Third")
    edit(first, name="First (renamed)")
    entries = change_log(
        Agency.history.filter(board_id=world.board.id, name__in=["First", "First (renamed)", "Second", "Third"]),
        limit=2,
    )
    assert entries[0].what == "Changed" and entries[0].changes is None


def test_a_fixed_number_of_queries_however_long_the_history(world, django_assert_max_num_queries):
    meeting = MeetingFactory(board=world.board)
    for number in range(1, 30):
        item = AgendaItemFactory(meeting=meeting, number=number)
        edit(item, title=f"Item {number} (revised)")
    sources = (Meeting.history.filter(id=meeting.id), AgendaItem.history.filter(meeting_id=meeting.id))
    # One per source, one for the linked meeting's name.
    with django_assert_max_num_queries(3):
        entries = change_log(*sources)
    assert len(entries) == 50
