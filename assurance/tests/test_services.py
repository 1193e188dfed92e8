"""Self-assessment cycles from opening to closing, through the services (the pages call these)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from assurance import services
from assurance.choices import LibraryKind, ReturnStatus
from assurance.forms import ActionItemForm, CycleForm, ModerationForm
from assurance.models import Answer, Evidence, Return, StandardsLibrary
from assurance.tests.factories import library_for, link, make_cycle, police_serving_both_boards
from boards.tests.factories import AgencyFactory
from lscb.permissions import BoardAccess

pytestmark = pytest.mark.django_db


def access(world, persona, board=None):
    return BoardAccess.for_user(world.user(persona), board or world.board)


def open_cycle(world, agencies, title="Section 11 audit 2026", **extra):
    library = library_for(world.board)
    form = CycleForm(
        data={
            "title": title,
            "library": library.pk,
            "round_type": "annual",
            "rating_scale": "met",
            "period_start": "2025-04-01",
            "period_end": "2026-03-31",
            "due_date": "2026-06-30",
            "agencies": [a.pk for a in agencies],
            **extra,
        },
        board=world.board,
    )
    assert form.is_valid(), form.errors
    return services.open_cycle(access(world, "business_manager"), form)


def answer_all(world, return_record, persona="agency_author", rating="met"):
    for answer in return_record.answers.all():
        services.save_answer(
            access(world, persona),
            answer,
            rating=rating,
            not_applicable=False,
            reason="",
            narrative=f"<p>Evidence for {answer.standard.code}.</p>",
            base_version=answer.version,
        )


def test_the_default_standards_load_as_the_boards_next_version(world):
    manager = access(world, "business_manager")
    first = services.load_default_library(manager, LibraryKind.SECTION_11)
    second = services.load_default_library(manager, LibraryKind.SECTION_11)
    schools = services.load_default_library(manager, LibraryKind.SECTION_175)
    assert (first.version, second.version, schools.version) == (1, 2, 1)
    assert first.standards.count() == 8 and schools.standards.count() == 7
    assert not StandardsLibrary.objects.filter(board=world.other_board).exists()


def test_only_the_business_manager_loads_standards(world):
    with pytest.raises(PermissionDenied):
        services.load_default_library(access(world, "agency_author"), LibraryKind.SECTION_11)


def test_opening_a_cycle_invites_each_agency_with_an_answer_per_standard(world):
    cycle = open_cycle(world, [world.agency, world.other_agency])
    assert cycle.returns.count() == 2
    assert Answer.objects.filter(return_record__cycle=cycle).count() == 16
    assert set(cycle.returns.values_list("status", flat=True)) == {ReturnStatus.NOT_STARTED}


def test_a_required_standard_left_unrated_is_named_when_submitting(world):
    cycle = open_cycle(world, [world.agency])
    return_record = cycle.returns.get()
    answers = list(return_record.answers.order_by("standard__number"))
    for answer in answers[:-1]:
        services.save_answer(
            access(world, "agency_author"),
            answer,
            rating="met",
            not_applicable=False,
            reason="",
            narrative="",
            base_version=0,
        )
    with pytest.raises(services.AssuranceError) as refused:
        services.submit_return(access(world, "agency_author"), return_record)
    assert "8. Effective multi-agency working and information sharing" in refused.value.message
    assert "1." not in refused.value.message.split(":")[-1]
    return_record.refresh_from_db()
    assert return_record.status == ReturnStatus.DRAFTING


def test_not_applicable_needs_a_reason_and_counts_as_answered(world):
    cycle = open_cycle(world, [world.agency])
    answer = cycle.returns.get().answers.first()
    lead = access(world, "agency_author")
    with pytest.raises(services.AssuranceError):
        services.save_answer(lead, answer, rating="", not_applicable=True, reason=" ", narrative="", base_version=0)
    services.save_answer(
        lead,
        answer,
        rating="met",
        not_applicable=True,
        reason="We commission no services",
        narrative="",
        base_version=0,
    )
    answer.refresh_from_db()
    assert (answer.rating, answer.not_applicable, answer.is_answered) == ("", True, True)


def test_a_stale_save_changes_nothing_and_gives_the_text_back(world):
    cycle = open_cycle(world, [world.agency])
    answer = cycle.returns.get().answers.first()
    services.save_answer(
        access(world, "business_manager"),
        answer,
        rating="met",
        not_applicable=False,
        reason="",
        narrative="<p>Manager's text</p>",
        base_version=0,
    )
    with pytest.raises(services.StaleAnswer) as stale:
        services.save_answer(
            access(world, "agency_author"),
            answer,
            rating="not_met",
            not_applicable=False,
            reason="",
            narrative="<p>Lead's text</p>",
            base_version=0,
        )
    assert stale.value.refused_narrative == "<p>Lead's text</p>"
    assert stale.value.current.narrative == "<p>Manager's text</p>"
    answer.refresh_from_db()
    assert (answer.rating, answer.version) == ("met", 1)


def test_another_agencys_lead_cannot_complete_the_return(world):
    cycle = open_cycle(world, [world.agency])
    answer = cycle.returns.get().answers.first()
    with pytest.raises(PermissionDenied):
        services.save_answer(
            access(world, "other_agency_author"),
            answer,
            rating="met",
            not_applicable=False,
            reason="",
            narrative="",
            base_version=0,
        )


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (b"%PDF-1.4\n%evidence\n", True),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 20, True),
        (b"<html><script>alert(1)</script></html>", False),
        (b"MZ\x90\x00 an executable", False),
        (b"PK\x03\x04 not really a zip", False),
    ],
)
def test_evidence_is_checked_by_its_content_not_its_name(world, content, accepted):
    cycle = open_cycle(world, [world.agency])
    answer = cycle.returns.get().answers.first()
    upload = SimpleUploadedFile("policy.pdf", content, content_type="application/pdf")
    lead = access(world, "agency_author")
    if accepted:
        evidence = services.upload_evidence(lead, answer, upload)
        assert evidence.file.storage.exists(evidence.file.name)
    else:
        with pytest.raises(services.AssuranceError):
            services.upload_evidence(lead, answer, upload)
        assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(world, monkeypatch):
    monkeypatch.setattr(services, "MAX_EVIDENCE_BYTES", 100)
    cycle = open_cycle(world, [world.agency])
    answer = cycle.returns.get().answers.first()
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 200)
    with pytest.raises(services.AssuranceError, match="smaller than"):
        services.upload_evidence(access(world, "agency_author"), answer, upload)


def test_answers_carry_forward_from_the_last_cycle_and_must_be_confirmed(world):
    first = open_cycle(world, [world.agency], title="Section 11 audit 2025")
    return_record = first.returns.get()
    answer_all(world, return_record)
    services.submit_return(access(world, "agency_author"), return_record)
    second = open_cycle(world, [world.agency, world.other_agency], title="Section 11 audit 2026")
    carried = second.returns.get(agency=world.agency)
    assert carried.answers.filter(carried_forward=True, rating="met").count() == 8
    assert not second.returns.get(agency=world.other_agency).answers.filter(carried_forward=True).exists()
    with pytest.raises(services.AssuranceError, match="Confirm or change"):
        services.submit_return(access(world, "agency_author"), carried)
    assert services.confirm_carried_forward(access(world, "agency_author"), carried) == 8
    services.submit_return(access(world, "agency_author"), carried)
    carried.refresh_from_db()
    assert carried.status == ReturnStatus.SUBMITTED


def test_moderation_actions_and_closing(world):
    cycle = open_cycle(world, [world.agency])
    return_record = cycle.returns.get()
    answer_all(world, return_record)
    services.submit_return(access(world, "agency_author"), return_record)
    manager = access(world, "business_manager")
    answers = list(return_record.answers.select_related("standard"))
    form = ModerationForm(
        data={
            "held_on": "2026-07-15",
            "panel": "QA sub-group",
            "notes": "<p>Challenged on training.</p>",
            **{f"agreed_{a.pk}": "partly_met" if a.standard.number == 5 else "met" for a in answers},
        },
        answers=answers,
        ratings=cycle.ratings(),
    )
    assert form.is_valid(), form.errors
    services.record_moderation(manager, return_record, form, form.agreed())
    return_record.refresh_from_db()
    assert return_record.status == ReturnStatus.MODERATED
    assert return_record.answers.get(standard__number=5).agreed_rating == "partly_met"
    action_form = ActionItemForm(
        data={"description": "Training to 90% of staff", "due_date": "2026-12-31"}, return_record=return_record
    )
    assert action_form.is_valid(), action_form.errors
    action = services.save_action(manager, return_record, action_form)
    services.close_return(manager, return_record)
    return_record.refresh_from_db()
    assert return_record.status == ReturnStatus.CLOSED
    assert action.is_open


def test_reminders_go_to_the_leads_of_agencies_that_have_not_returned(world, django_capture_on_commit_callbacks):
    world.user("agency_author").person.email = "police.lead@example.org"
    world.user("agency_author").person.save()
    world.user("other_agency_author").person.email = "cs.lead@example.org"
    world.user("other_agency_author").person.save()
    cycle = open_cycle(world, [world.agency, world.other_agency])
    done = cycle.returns.get(agency=world.other_agency)
    answer_all(world, done, persona="other_agency_author")
    services.submit_return(access(world, "other_agency_author"), done)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(access(world, "business_manager"), cycle) == 1
    assert [m.to for m in mail.outbox] == [["police.lead@example.org"]]
    assert "due on 30 June 2026" in mail.outbox[0].subject


def test_tell_us_once_shares_the_return_with_the_organisations_other_board(world):
    """The police lead on both boards submits once; the other board gets its own copy to moderate."""
    police_serving_both_boards(world)
    unrelated = AgencyFactory(board=world.other_board, name="Other Health")
    home = open_cycle(world, [world.agency])
    other = make_cycle(world.other_board, [world.foreign_agency, unrelated])
    return_record = home.returns.get()
    answer_all(world, return_record)
    boards = services.submit_return(access(world, "agency_author"), return_record)
    assert boards == [world.other_board]
    copy = other.returns.get(agency=world.foreign_agency)
    assert copy.status == ReturnStatus.SUBMITTED
    assert copy.answers.filter(rating="met").count() == 8
    assert other.returns.get(agency=unrelated).status == ReturnStatus.NOT_STARTED
    # Each board moderates its own copy; the home board's return is not touched by it.
    copy.answers.update(agreed_rating="not_met")
    assert not return_record.answers.filter(agreed_rating="not_met").exists()
    # Neither board's readers see the other's return.
    assert not Return.objects.visible_to(access(world, "business_manager")).filter(pk=copy.pk).exists()
    assert (
        not Return.objects.visible_to(access(world, "other_board_member", world.other_board))
        .filter(pk=return_record.pk)
        .exists()
    )


def test_tell_us_once_needs_the_same_lead_on_both_boards(world):
    """A board that names the same organisation gets nothing unless the organisation's lead there submits."""
    link(world.agency, "Thames Valley Police")
    link(world.foreign_agency, "Thames Valley Police")
    home = open_cycle(world, [world.agency])
    other = make_cycle(world.other_board, [world.foreign_agency])
    return_record = home.returns.get()
    answer_all(world, return_record)
    assert services.submit_return(access(world, "agency_author"), return_record) == []
    assert other.returns.get().status == ReturnStatus.NOT_STARTED
