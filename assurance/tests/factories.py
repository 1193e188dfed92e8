"""Test data for quality assurance: a board's standards, a cycle with its returns and answers."""

import datetime

import factory
from django.utils import timezone

from assurance.choices import LibraryKind, RatingScale, ReturnStatus
from assurance.models import (
    ActionItem,
    Answer,
    Cycle,
    Moderation,
    Organisation,
    OrganisationLink,
    Return,
    StandardsLibrary,
)
from assurance.services import create_default_library
from boards.tests.factories import BoardFactory


def library_for(board, kind=LibraryKind.SECTION_11):
    """The board's latest library of `kind`, made from the shipped defaults if it has none."""
    library = StandardsLibrary.objects.filter(board=board, kind=kind).order_by("-version").first()
    if library is not None:
        return library
    return create_default_library(board, kind)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Section 11 audit {n}")
    library = factory.LazyAttribute(lambda o: library_for(o.board))
    rating_scale = RatingScale.MET
    period_start = datetime.date(2025, 4, 1)
    period_end = datetime.date(2026, 3, 31)
    due_date = datetime.date(2026, 6, 30)
    opened_at = factory.LazyFunction(timezone.now)


def make_return(cycle, agency, *, status=ReturnStatus.NOT_STARTED, rating="", narrative=""):
    """A return of `agency` in `cycle` with one answer per standard (rated `rating` if given)."""
    return_record = Return.objects.create(
        cycle=cycle,
        agency=agency,
        status=status,
        submitted_at=timezone.now() if status in ReturnStatus.received() else None,
    )
    Answer.objects.bulk_create(
        Answer(return_record=return_record, standard=s, rating=rating, narrative=narrative)
        for s in cycle.library.standards.all()
    )
    return return_record


def make_cycle(board, agencies, **kwargs):
    cycle = CycleFactory(board=board, **kwargs)
    for agency in agencies:
        make_return(cycle, agency)
    return cycle


def link(agency, name):
    organisation, _ = Organisation.objects.get_or_create(name=name)
    return OrganisationLink.objects.update_or_create(agency=agency, defaults={"organisation": organisation})[0]


def make_action(return_record, **kwargs):
    return ActionItem.objects.create(
        return_record=return_record,
        description=kwargs.pop("description", "Refresh the safer recruitment training"),
        due_date=kwargs.pop("due_date", datetime.date(2026, 9, 30)),
        **kwargs,
    )


def make_moderation(return_record, **kwargs):
    return Moderation.objects.create(
        return_record=return_record, held_on=datetime.date(2026, 7, 15), panel="QA sub-group", **kwargs
    )


def make_audit(board, agencies, *, title="Neglect audit", status="planned", reaudit_of=None, grades=()):
    """An audit of `agencies`; `grades` is a list of cases, each a list of grades in agency order."""
    from assurance.models import Audit, AuditCase, Grading  # noqa: PLC0415

    audit = Audit.objects.create(
        board=board,
        title=title,
        theme="Neglect",
        programme_year=2025,
        status=status,
        reaudit_of=reaudit_of,
        lines_of_enquiry="Was the child seen alone?\nWas the graded care profile used?",
    )
    audit.agencies.set(agencies)
    for n, row in enumerate(grades, start=1):
        case = AuditCase.objects.create(audit=audit, reference=f"Case {n}")
        Grading.objects.bulk_create(Grading(case=case, agency=a, grade=g) for a, g in zip(agencies, row, strict=True))
    return audit


def police_serving_both_boards(world, organisation="Thames Valley Police"):
    """Home Police (home board) and Other Police (other board) are one organisation, whose lead
    on the home board (the agency_author persona) is its lead on the other board too."""
    import datetime  # noqa: PLC0415

    from boards.choices import Role  # noqa: PLC0415
    from boards.tests.factories import MembershipFactory  # noqa: PLC0415

    MembershipFactory(
        person=world.user("agency_author").person,
        board=world.other_board,
        role=Role.AGENCY_AUTHOR,
        agency=world.foreign_agency,
        start_date=datetime.date(2020, 4, 1),
    )
    link(world.agency, organisation)
    link(world.foreign_agency, organisation)
