"""Demo records for quality assurance: the Section 11 and Section 175/157 standards, last year's
closed Section 11 cycle, this year's cycle part-way through (returns submitted, moderated with
actions, one in progress, one not started), and tell us once: Tri-borough Police also serves the
Northfield board, whose own copy of the police return arrived when the police lead submitted.

Deterministic (the story's dates, moved to today's calendar by lscb.demo) and idempotent: a cycle
is made once by its board and title; running it twice changes nothing.
"""

from assurance.choices import ActionStatus, LibraryKind, ReturnStatus
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
from boards.choices import AgencySector, Role
from boards.models import Agency, Membership
from lscb.demo import story_date as D
from lscb.demo import story_datetime

POLICE = "Tri-borough Police"
CHILDRENS = "Kingsmere Council Children's Services"
ICB = "Tri-borough Integrated Care Board"
SCHOOLS = "Tri-borough Schools Forum"

# agency → ratings by standard number (1-8) in last year's cycle, as agreed at moderation.
LAST_YEAR = {
    POLICE: ["met", "met", "partly_met", "met", "not_met", "met", "partly_met", "met"],
    CHILDRENS: ["met", "met", "met", "partly_met", "partly_met", "met", "met", "met"],
    ICB: ["met", "partly_met", "met", "met", "partly_met", "met", "met", "partly_met"],
}
THIS_YEAR = {
    POLICE: ["met", "met", "met", "met", "partly_met", "met", "met", "met"],
    CHILDRENS: ["met", "met", "met", "met", "met", "met", "partly_met", "met"],
}
NARRATIVE = {
    1: "<p>The Assistant Chief Constable chairs the safeguarding board; safeguarding is on the risk register.</p>",
    5: "<p>Level 3 training reaches 78% of front-line staff; reflective supervision is monthly.</p>",
}


def _library(board, kind):
    return StandardsLibrary.objects.filter(board=board, kind=kind).order_by("-version").first() or (
        create_default_library(board, kind)
    )


def _cycle(board, library, title, year, status="open"):
    cycle, created = Cycle.objects.get_or_create(
        board=board,
        title=title,
        defaults={
            "library": library,
            "period_start": D(year, 4, 1),
            "period_end": D(year + 1, 3, 31),
            "due_date": D(year + 1, 6, 30),
            "status": status,
            "opened_at": story_datetime(year + 1, 4, 10, 9),
            "closed_at": story_datetime(year + 1, 11, 30, 9) if status == "closed" else None,
        },
    )
    return cycle, created


def _return(cycle, agency, ratings, status, person=None, submitted=None, **extra):
    return_record = Return.objects.create(
        cycle=cycle,
        agency=agency,
        status=status,
        submitted_at=submitted,
        submitted_by=person.user if person and submitted else None,
        **extra,
    )
    standards = list(cycle.library.standards.all())
    Answer.objects.bulk_create(
        Answer(
            return_record=return_record,
            standard=s,
            rating=ratings[i] if i < len(ratings) else "",
            agreed_rating=ratings[i] if status in (ReturnStatus.MODERATED, ReturnStatus.CLOSED) else "",
            narrative=NARRATIVE.get(s.number, "") if i < len(ratings) else "",
            version=1 if i < len(ratings) else 0,
            updated_at=submitted,
        )
        for i, s in enumerate(standards)
    )
    return return_record


def load(demo):
    board, agencies, people = demo.board, demo.agencies, demo.people
    section_11 = _library(board, LibraryKind.SECTION_11)
    _library(board, LibraryKind.SECTION_175)
    police_lead = people["police"]

    last, created = _cycle(board, section_11, "Section 11 audit 2024/25", 2024, status="closed")
    if created:
        for name, ratings in LAST_YEAR.items():
            r = _return(last, agencies[name], ratings, ReturnStatus.CLOSED, submitted=story_datetime(2025, 6, 20, 12))
            Moderation.objects.create(
                return_record=r,
                held_on=D(2025, 7, 16),
                panel="Quality Assurance and Performance sub-group",
                notes="<p>Evidence tested against the prompts; training figures challenged.</p>",
            )
            ActionItem.objects.create(
                return_record=r,
                standard=section_11.standards.get(number=5),
                description="Raise level 3 safeguarding training to 85% of front-line staff",
                due_date=D(2026, 3, 31),
                status=ActionStatus.DONE,
                completed_on=D(2026, 3, 20),
                progress="Reached 86% in March.",
            )

    this, created = _cycle(board, section_11, "Section 11 audit 2025/26", 2025)
    if created:
        police = _return(
            this,
            agencies[POLICE],
            THIS_YEAR[POLICE],
            ReturnStatus.MODERATED,
            police_lead,
            submitted=story_datetime(2026, 6, 18, 15),
        )
        police.answers.filter(standard__number=5).update(agreed_rating="not_met")  # challenged down
        Moderation.objects.create(
            return_record=police,
            held_on=D(2026, 7, 15),
            panel="Quality Assurance and Performance sub-group",
            notes="<p>Supervision records did not support “partly met” for standard 5.</p>",
        )
        ActionItem.objects.create(
            return_record=police,
            standard=this.library.standards.get(number=5),
            description="Monthly reflective supervision for every public protection officer",
            due_date=D(2026, 12, 31),
            progress="Policy agreed; roll-out started in October.",
        )
        _return(
            this,
            agencies[CHILDRENS],
            THIS_YEAR[CHILDRENS],
            ReturnStatus.SUBMITTED,
            people["childrens"],
            submitted=story_datetime(2026, 6, 29, 10),
        )
        _return(this, agencies[ICB], ["met", "met", "partly_met"], ReturnStatus.DRAFTING)
        _return(this, agencies[SCHOOLS], [], ReturnStatus.NOT_STARTED)

    _audits(demo)
    _scrutiny(demo)
    if demo.other_board is not None:
        _tell_us_once(demo, police_lead)


# (agency, grades of cases 1-4) in the neglect audit and its re-audit.
AUDIT_AGENCIES = (POLICE, CHILDRENS, ICB)
NEGLECT_GRADES = [
    ["requires_improvement", "good", "inadequate"],
    ["good", "requires_improvement", "requires_improvement"],
    ["inadequate", "good", "requires_improvement"],
    ["requires_improvement", "good", "good"],
]
REAUDIT_GRADES = [
    ["good", "good", "requires_improvement"],
    ["good", "outstanding", "good"],
    ["requires_improvement", "good", "good"],
    ["good", "good", "good"],
]


def _audits(demo):
    """The 2025/26 programme: a neglect audit (completed) and its re-audit six months on."""
    from assurance.models import Audit, AuditCase, Finding, Grading  # noqa: PLC0415

    agencies = [demo.agencies[name] for name in AUDIT_AGENCIES]
    first, created = Audit.objects.get_or_create(
        board=demo.board,
        title="Neglect: children on child protection plans",
        defaults={
            "theme": "Neglect",
            "programme_year": D(2025, 4, 1).year,
            "reason": "Neglect is the commonest category of plan; the Child B review asked for it.",
            "lines_of_enquiry": "Was the child seen and heard?\nWas the graded care profile used?\n"
            "Did agencies share what they knew before the conference?",
            "status": "completed",
            "completed_on": D(2025, 10, 14),
        },
    )
    if not created:
        return
    again = Audit.objects.create(
        board=demo.board,
        title="Neglect re-audit",
        theme="Neglect",
        programme_year=D(2025, 4, 1).year,
        lines_of_enquiry=first.lines_of_enquiry,
        status="completed",
        completed_on=D(2026, 3, 12),
        reaudit_of=first,
    )
    for audit, grades in ((first, NEGLECT_GRADES), (again, REAUDIT_GRADES)):
        audit.agencies.set(agencies)
        for n, row in enumerate(grades, start=1):
            case = AuditCase.objects.create(audit=audit, reference=f"Case {n}")
            Grading.objects.bulk_create(
                Grading(case=case, agency=agency, grade=grade) for agency, grade in zip(agencies, row, strict=True)
            )
    Finding.objects.create(
        audit=first,
        kind="development",
        theme="Tools",
        text="The graded care profile was used in one case of four.",
        recommendation="Use the graded care profile at every neglect strategy discussion",
        owner_agency=demo.agencies[CHILDRENS],
        action_due=D(2026, 1, 31),
        action_status=ActionStatus.DONE,
    )
    Finding.objects.create(
        audit=first,
        kind="strength",
        theme="Voice of the child",
        text="Children were seen alone in every case.",
    )
    Finding.objects.create(
        audit=again,
        kind="strength",
        theme="Tools",
        text="The graded care profile was used in three cases of four.",
    )


def _tell_us_once(demo, police_lead):
    """Tri-borough Police serves Northfield too; its lead there is the same person, so the return
    he submitted on the Tri-borough board was copied into Northfield's own cycle."""

    other = demo.other_board
    force, _ = Agency.objects.get_or_create(
        board=other, name=POLICE, defaults={"sector": AgencySector.POLICE, "is_statutory_partner": True}
    )
    Membership.objects.get_or_create(
        person=police_lead,
        board=other,
        role=Role.AGENCY_AUTHOR,
        agency=force,
        defaults={"start_date": D(2022, 4, 1)},
    )
    organisation, _ = Organisation.objects.get_or_create(name="Tri-borough Police")
    for agency in (demo.agencies[POLICE], force):
        OrganisationLink.objects.get_or_create(agency=agency, defaults={"organisation": organisation})
    library = _library(other, LibraryKind.SECTION_11)
    cycle, created = _cycle(other, library, "Section 11 audit 2025/26", 2025)
    if created:
        original = Return.objects.filter(cycle__board=demo.board, agency=demo.agencies[POLICE]).order_by("-id").first()
        _return(
            cycle,
            force,
            THIS_YEAR[POLICE],
            ReturnStatus.SUBMITTED,
            police_lead,
            submitted=story_datetime(2026, 6, 18, 15),
            shared_from=original,
        )
        constabulary = Agency.objects.filter(board=other, name="Northfield Constabulary").first()
        if constabulary is not None:
            _return(cycle, constabulary, [], ReturnStatus.NOT_STARTED)


def _scrutiny(demo):
    """The independent scrutineer (a demo sign-in), two activities of the 2025/26 plan with the
    partners' response to one, and a statement on last year's approved report."""
    from assurance.models import ScrutinyActivity, ScrutinyStatement  # noqa: PLC0415
    from lscb.management.commands.load_demo import _person_with_login  # noqa: PLC0415
    from reports.models import ReportRevision  # noqa: PLC0415

    person = _person_with_login("scrutineer", "Joan Akers")
    Membership.objects.get_or_create(
        person=person, board=demo.board, role=Role.SCRUTINEER, defaults={"start_date": D(2024, 4, 1)}
    )
    year = D(2025, 4, 1).year
    ScrutinyActivity.objects.get_or_create(
        board=demo.board,
        title="Deep dive: the front door (MASH)",
        defaults={
            "plan_year": year,
            "method": "deep_dive",
            "held_on": D(2025, 11, 4),
            "recorded_by": person.user,
            "findings": "Thresholds were applied consistently; health information arrived late in a third of cases.",
            "recommendation": "Health partners to share information within 24 hours of a MASH enquiry",
            "partners_response": "Agreed. The ICB will report timeliness monthly to the QA sub-group.",
            "response_action": "Monthly MASH health timeliness report",
            "action_due": D(2026, 3, 31),
        },
    )
    ScrutinyActivity.objects.get_or_create(
        board=demo.board,
        title="Children's voice: young people's advisory group",
        defaults={"plan_year": year, "method": "childrens_voice", "recorded_by": person.user},
    )
    revision = ReportRevision.objects.filter(report__board=demo.board).approved().order_by("-approved_at").first()
    if revision is not None:
        ScrutinyStatement.objects.get_or_create(
            revision=revision,
            defaults={
                "board": demo.board,
                "signed_by": person.user,
                "text": "The partnership's arrangements meet its statutory duties; quality assurance is in place "
                "and tested; the learning from reviews is followed through.",
                "signed_at": story_datetime(2025, 9, 20, 12),
            },
        )
