"""The business manager keeps the board's records in the browser: settings, agencies, people, chair."""

import csv
import datetime
import io

from django.urls import reverse

from boards.choices import AgencySector, Role
from boards.models import Agency, Area, Board, ChairAppointment, Membership, Person
from boards.tests.factories import AgencyFactory, AreaFactory, ChairAppointmentFactory, MembershipFactory, PersonFactory
from lscb.models import AuditEntry


def url(world, name, **kwargs):
    return reverse(f"boards:{name}", kwargs={"board_slug": world.board.slug, **kwargs})


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Board settings -----------------------------------------------------------------------


def test_business_manager_changes_settings_and_the_page_shows_who_changed_what(client_for, world):
    client = client_for("business_manager")
    response = client.post(
        url(world, "board_settings_edit"),
        {
            "name": world.board.name,
            "arrangement": "partnership_wt2018",
            "website": "https://example.org/home",
            "attendance_threshold_percent": "80",
        },
    )
    assert response.status_code == 302
    world.board.refresh_from_db()
    assert world.board.attendance_threshold_percent == 80
    page = client.get(url(world, "board_settings")).content.decode()
    assert "Business Manager" in page  # who
    assert "Attendance threshold percent" in page or "attendance threshold percent" in page.lower()
    assert "75 → 80" in page  # what changed, old → new
    assert AuditEntry.objects.filter(action="boards.board.updated", board=world.board).exists()


def test_attendance_threshold_must_be_a_percentage(client_for, world):
    response = client_for("business_manager").post(
        url(world, "board_settings_edit"),
        {"name": world.board.name, "arrangement": "partnership_wt2023", "attendance_threshold_percent": "101"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Attendance threshold (%) must be between 0 and 100" in page
    world.board.refresh_from_db()
    assert world.board.attendance_threshold_percent == 75


def test_board_name_must_be_unique(client_for, world):
    response = client_for("business_manager").post(
        url(world, "board_settings_edit"),
        {"name": world.other_board.name, "arrangement": "partnership_wt2023", "attendance_threshold_percent": "75"},
    )
    assert "Another board already has this name" in response.content.decode()


def test_areas_are_added_once_per_board_and_removed_after_confirmation(client_for, world):
    client = client_for("business_manager")
    assert client.post(url(world, "area_add"), {"name": "Kingsmere"}).status_code == 302
    response = client.post(url(world, "area_add"), {"name": " kingsmere "})
    assert "The board already covers an area with this name" in response.content.decode()
    area = Area.objects.get(board=world.board, name="Kingsmere")
    confirm = client.get(url(world, "area_remove", area_id=area.pk))
    assert "Remove Kingsmere from the areas the board covers?" in confirm.content.decode()
    assert Area.objects.filter(pk=area.pk).exists()  # GET only asks
    assert client.post(url(world, "area_remove", area_id=area.pk)).status_code == 302
    assert not Area.objects.filter(pk=area.pk).exists()
    assert AuditEntry.objects.filter(action="boards.area.removed", payload__name="Kingsmere").exists()


def test_an_area_a_subgroup_uses_is_not_removed(client_for, world):
    from subgroups.tests.factories import SubGroupFactory

    area = AreaFactory(board=world.board, name="Westbridge")
    SubGroupFactory(board=world.board, name="Westbridge LPG", area=area)
    response = client_for("business_manager").post(url(world, "area_remove", area_id=area.pk), follow=True)
    assert "Westbridge cannot be removed while these records use it" in response.content.decode()
    assert Area.objects.filter(pk=area.pk).exists()


def test_the_same_area_name_may_be_used_by_another_board(client_for, world):
    AreaFactory(board=world.other_board, name="Northfield")
    assert client_for("business_manager").post(url(world, "area_add"), {"name": "Northfield"}).status_code == 302


# --- Chair appointments -------------------------------------------------------------------


def test_chair_appointments_keep_their_history_and_may_not_overlap(client_for, world):
    client = client_for("business_manager")
    first = PersonFactory(full_name="Old Chair")
    MembershipFactory(person=first, board=world.board, role=Role.CHAIR, start_date=datetime.date(2019, 4, 1))
    ChairAppointmentFactory(board=world.board, person=first, start_date=datetime.date(2019, 4, 1))
    new_chair = world.user("chair").person
    data = {"person": new_chair.pk, "start_date": "2024-04-01", "how_appointed": "open_recruitment"}
    response = client.post(url(world, "chair_appointment_add"), data)
    assert response.status_code == 200
    assert "This overlaps Old Chair" in response.content.decode()
    old = ChairAppointment.objects.get(person=first)
    response = client.post(
        url(world, "chair_appointment_edit", appointment_id=old.pk),
        {"person": first.pk, "start_date": "2019-04-01", "end_date": "2024-03-31", "how_appointed": "open_recruitment"},
    )
    assert response.status_code == 302
    assert client.post(url(world, "chair_appointment_add"), data).status_code == 302
    page = client.get(url(world, "board_settings")).content.decode()
    assert page.index("Chair") < page.index("Old Chair")  # newest appointment first
    assert "In post" in page and "31 Mar 2024" in page


def test_chair_appointment_dates_in_order(client_for, world):
    response = client_for("business_manager").post(
        url(world, "chair_appointment_add"),
        {
            "person": world.user("chair").person.pk,
            "start_date": "2024-04-01",
            "end_date": "2023-04-01",
            "how_appointed": "interim",
        },
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_chair_cannot_be_someone_from_another_board(client_for, world):
    outsider = world.user("other_board_member").person
    response = client_for("business_manager").post(
        url(world, "chair_appointment_add"),
        {"person": outsider.pk, "start_date": "2024-04-01", "how_appointed": "interim"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ChairAppointment.objects.exists()


# --- Agencies -----------------------------------------------------------------------------


def test_business_manager_adds_an_agency_and_names_are_unique_within_a_board(client_for, world):
    client = client_for("business_manager")
    data = {"name": "Home Housing", "sector": AgencySector.HOUSING, "is_statutory_partner": "False"}
    response = client.post(url(world, "agency_add"), data)
    agency = Agency.objects.get(board=world.board, name="Home Housing")
    assert response["Location"] == url(world, "agency_detail", agency_id=agency.pk)
    assert agency.is_statutory_partner is False
    response = client.post(url(world, "agency_add"), {**data, "name": "HOME HOUSING"})
    assert "The board already has an agency with this name" in response.content.decode()
    # Another board may have an agency of the same name.
    assert Agency.objects.filter(name="Other Police").exists()
    response = client.post(url(world, "agency_add"), {**data, "name": "Other Police"})
    assert response.status_code == 302


def test_agency_dates_must_be_in_order(client_for, world):
    response = client_for("business_manager").post(
        url(world, "agency_add"),
        {
            "name": "Late Agency",
            "sector": AgencySector.VOLUNTARY,
            "is_statutory_partner": "False",
            "active_from": "2025-04-01",
            "active_to": "2024-04-01",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "“Partner until” must be the same as or after “Partner from”" in page
    assert not Agency.objects.filter(name="Late Agency").exists()


def test_agency_list_filters_and_csv_export(client_for, world):
    AgencyFactory(
        board=world.board,
        name='=HYPERLINK("http://evil")',
        sector=AgencySector.VOLUNTARY,
        active_to=datetime.date(2020, 1, 1),
    )
    client = client_for("member")
    page = client.get(url(world, "agency_list"), {"sector": "police"}).content.decode()
    assert "Home Police" in page and "Home Children" not in page
    page = client.get(url(world, "agency_list"), {"statutory": "no"}).content.decode()
    assert "Home Children" in page and "Home Police" not in page
    page = client.get(url(world, "agency_list"), {"active": "no"}).content.decode()
    assert "HYPERLINK" in page and "Home Police" not in page
    assert "Other Police" not in client.get(url(world, "agency_list")).content.decode()
    rows = _csv(client.get(url(world, "agency_export"), {"active": "yes"}))
    assert rows[0] == ["Agency", "Sector", "Type", "Partner from", "Partner until"]
    assert {r[0] for r in rows[1:]} == {"Home Police", "Home Children's Services"}
    rows = _csv(client.get(url(world, "agency_export")))
    assert '\'=HYPERLINK("http://evil")' in [r[0] for r in rows]


def test_agency_history_shows_who_changed_what(client_for, world):
    client = client_for("business_manager")
    client.post(
        url(world, "agency_edit", agency_id=world.agency.pk),
        {"name": "Home Constabulary", "sector": "police", "is_statutory_partner": "True", "active_to": "2026-03-31"},
    )
    page = client.get(url(world, "agency_detail", agency_id=world.agency.pk)).content.decode()
    assert "Home Police → Home Constabulary" in page
    assert "— → 31 Mar 2026" in page
    assert "Business Manager" in page
    entry = AuditEntry.objects.get(action="boards.agency.updated")
    assert entry.payload["changed"] == ["active_to", "name"]


# --- People and memberships ---------------------------------------------------------------


def test_business_manager_adds_a_new_person_as_a_member_with_a_deputy(client_for, world):
    client = client_for("business_manager")
    deputy = world.user("member").person
    response = client.post(
        url(world, "membership_add"),
        {
            "full_name": "Nadia Rahman",
            "job_title": "Head of Safeguarding",
            "role": Role.AGENCY_AUTHOR,
            "agency": world.agency.pk,
            "start_date": "2025-04-01",
            "end_date": "2028-03-31",
            "deputy": deputy.pk,
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person__full_name="Nadia Rahman")
    assert (membership.board, membership.agency, membership.deputy) == (world.board, world.agency, deputy)
    page = client.get(url(world, "membership_detail", membership_id=membership.pk)).content.decode()
    assert "Head of Safeguarding" in page and deputy.full_name in page
    assert "recorded for the board's records only" in page  # no login


def test_membership_form_validates_person_agency_deputy_and_term(client_for, world):
    client = client_for("business_manager")
    member = world.user("member").person
    response = client.post(
        url(world, "membership_add"),
        {
            "existing_person": member.pk,
            "full_name": "Also Typed",
            "role": Role.AGENCY_AUTHOR,
            "start_date": "2025-04-01",
            "end_date": "2025-03-31",
            "deputy": member.pk,
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Either choose a person already on the board or enter a new name, not both" in page
    assert "Choose the agency this author writes for" in page
    assert "The end date must be the same as or after the start date" in page
    assert "A member cannot be their own deputy" in page
    response = client.post(url(world, "membership_add"), {"role": Role.MEMBER, "start_date": "2025-04-01"})
    assert "Enter the person&#x27;s full name, or choose someone already on the board" in response.content.decode()


def test_people_from_another_board_cannot_be_chosen(client_for, world):
    outsider = world.user("other_board_member").person
    response = client_for("business_manager").post(
        url(world, "membership_add"), {"existing_person": outsider.pk, "role": Role.MEMBER, "start_date": "2025-04-01"}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Membership.objects.filter(person=outsider, board=world.board).exists()
    page = client_for("business_manager").get(url(world, "membership_add")).content.decode()
    assert outsider.full_name not in page


def test_ending_a_membership_keeps_it_on_record_and_removes_access(client_for, world):
    client = client_for("business_manager")
    membership = Membership.objects.get(board=world.board, person__user=world.user("member"))
    page = client.get(url(world, "membership_end", membership_id=membership.pk)).content.decode()
    assert "End Member&#x27;s membership as board member?" in page
    response = client.post(url(world, "membership_end", membership_id=membership.pk), {"end_date": "2020-03-31"})
    assert "The end date must be on or after the start date" in response.content.decode()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    response = client.post(
        url(world, "membership_end", membership_id=membership.pk), {"end_date": yesterday.isoformat()}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == yesterday
    # Their last membership ended: the account is deactivated, so even a fresh session is sent to sign in.
    response = client_for("member").get(url(world, "dashboard"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    world.user("member").refresh_from_db()
    assert not world.user("member").is_active
    assert AuditEntry.objects.filter(action="boards.membership.ended", object_id=str(membership.pk)).exists()


def test_membership_list_filters_and_export(client_for, world):
    client = client_for("chair")
    page = client.get(url(world, "membership_list"), {"role": Role.AGENCY_AUTHOR}).content.decode()
    assert "Agency Author" in page and "Other Agency Author" in page and "Subgroup Chair" not in page
    page = client.get(url(world, "membership_list"), {"agency": world.agency.pk}).content.decode()
    assert "Agency Author" in page and "Other Agency Author" not in page
    assert "Other Board Member" not in client.get(url(world, "membership_list"), {"current": "all"}).content.decode()
    rows = _csv(client.get(url(world, "membership_export"), {"role": Role.CHAIR}))
    assert rows[1][:4] == ["Chair", "", "Independent chair", ""]


def test_person_on_another_board_is_not_renamed_from_this_board(client_for, world):
    shared = PersonFactory(full_name="Shared Person")
    membership = MembershipFactory(person=shared, board=world.board)
    MembershipFactory(person=shared, board=world.other_board)
    client = client_for("business_manager")
    response = client.post(url(world, "person_edit", membership_id=membership.pk), {"full_name": "Hijacked"})
    assert response.status_code == 302
    assert Person.objects.get(pk=shared.pk).full_name == "Shared Person"
    own = MembershipFactory(person=PersonFactory(full_name="Local Person"), board=world.board)
    client.post(url(world, "person_edit", membership_id=own.pk), {"full_name": "Local Person-Smith"})
    assert Person.objects.get(pk=own.person_id).full_name == "Local Person-Smith"


def test_board_settings_show_nothing_of_another_board(client_for, world):
    AreaFactory(board=world.other_board, name="Elsewhere")
    ChairAppointmentFactory(board=world.other_board, person=PersonFactory(full_name="Foreign Chair"))
    page = client_for("member").get(url(world, "board_settings")).content.decode()
    assert "Elsewhere" not in page and "Foreign Chair" not in page
    assert Board.objects.count() == 2


def test_only_the_business_manager_sees_members_email_addresses(client_for, world):
    membership = MembershipFactory(
        board=world.board, person=PersonFactory(full_name="Emailed", email="emailed@example.org")
    )
    detail = url(world, "membership_detail", membership_id=membership.pk)
    assert "emailed@example.org" in client_for("business_manager").get(detail).content.decode()
    assert "emailed@example.org" not in client_for("member").get(detail).content.decode()
    # Nor in the history of a change of address.
    client_for("business_manager").post(
        url(world, "person_edit", membership_id=membership.pk),
        {"full_name": "Emailed", "email": "new@example.org", "job_title": ""},
    )
    assert "new@example.org" in client_for("business_manager").get(detail).content.decode()
    member_page = client_for("member").get(detail).content.decode()
    assert "new@example.org" not in member_page and "emailed@example.org" not in member_page
