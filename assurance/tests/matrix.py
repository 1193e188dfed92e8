"""Permission-matrix rows for every quality-assurance URL and method (see lscb/tests/test_permission_matrix.py).

Records used by the rows:
- own: the return of the `agency_author` persona's agency (Home Police) in a cycle of the home board;
- another: the return of Home Children's Services (the `other_agency_author` persona's) — 404 to the police lead;
- foreign: a cycle and return on the other board (everyone on the home board gets 404 through its URL).
Returns are read by the business manager, the chair and the agency's own lead; completed by the
manager and the lead; moderated, actioned and closed by the manager only.
"""

from django.core.files.base import ContentFile

from assurance.choices import ReturnStatus
from assurance.models import Evidence
from assurance.tests.factories import CycleFactory, library_for, make_action, make_audit, make_return
from lscb.storage import private_storage
from lscb.testing import DENIED, HIDDEN, LOGIN, MFA, OK, REDIRECT, MatrixRow, everyone_on_board, only


def board_kwargs(w):
    return {"board_slug": w.board.slug}


def _cycle(w, board=None):
    return CycleFactory(board=board or w.board, title="Section 11 audit 2026")


def cycle_kwargs(foreign=False):
    return lambda w: {**board_kwargs(w), "cycle_id": _cycle(w, w.other_board if foreign else None).pk}


def _return(w, which="own", status=ReturnStatus.NOT_STARTED, rating=""):
    if which == "foreign":
        return make_return(_cycle(w, w.other_board), w.foreign_agency, status=status, rating=rating)
    agency = w.agency if which == "own" else w.other_agency
    return make_return(_cycle(w), agency, status=status, rating=rating)


def return_kwargs(which="own", status=ReturnStatus.NOT_STARTED):
    return lambda w: {**board_kwargs(w), "return_id": _return(w, which, status).pk}


def answer_kwargs(which="own"):
    def kwargs(w):
        r = _return(w, which)
        return {**board_kwargs(w), "return_id": r.pk, "answer_id": r.answers.first().pk}

    return kwargs


def action_kwargs(which="own"):
    def kwargs(w):
        r = _return(w, which, ReturnStatus.MODERATED, rating="met")
        return {**board_kwargs(w), "return_id": r.pk, "action_id": make_action(r).pk}

    return kwargs


def evidence_kwargs(which="own"):
    def kwargs(w):
        name = "assurance/matrix/matrix-evidence.pdf"
        if not private_storage().exists(name):
            private_storage().save(name, ContentFile(b"%PDF-1.4\n%matrix\n"))
        r = _return(w, which, ReturnStatus.SUBMITTED, rating="met")
        evidence = Evidence.objects.create(
            answer=r.answers.first(), file=name, original_name="policy.pdf", extension="pdf", size=17
        )
        return {**board_kwargs(w), "return_id": r.pk, "evidence_id": evidence.pk}

    return kwargs


def library_kwargs(foreign=False):
    return lambda w: {**board_kwargs(w), "library_id": library_for(w.other_board if foreign else w.board).pk}


def managers(status=OK):
    """Business manager only: other members 403 (their role lacks the capability); outsiders 404."""
    return only(status, "business_manager")


def readers(status=OK):
    """A return is read by the manager, the chair and its own agency's lead; other members 404."""
    return everyone_on_board(
        HIDDEN, business_manager=status, chair=status, agency_author=status, anonymous=LOGIN, unverified_manager=MFA
    )


def writers(status=OK):
    """A return is completed by the manager and its own lead. The chair and members lack the
    capability (403); the other agency's lead and the sub-group chair hold it but not this return (404)."""
    return only(status, "business_manager", "agency_author", denied=DENIED) | {
        "other_agency_author": HIDDEN,
        "subgroup_chair": HIDDEN,
    }


def hidden_from_board():
    return everyone_on_board(HIDDEN)


def cycle_post(w):
    return {
        "title": "Section 11 audit 2027",
        "library": library_for(w.board).pk,
        "round_type": "annual",
        "rating_scale": "met",
        "period_start": "2026-04-01",
        "period_end": "2027-03-31",
        "due_date": "2027-06-30",
        "agencies": [w.agency.pk, w.other_agency.pk],
    }


def cycle_create_kwargs(w):
    library_for(w.board)  # with no standards the page sends the manager to load them first
    return board_kwargs(w)


ROWS = [
    MatrixRow("assurance:home", kwargs=board_kwargs, expect=everyone_on_board(OK)),
    # Standards.
    MatrixRow("assurance:library_load", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:library_load",
        kwargs=board_kwargs,
        method="post",
        data=lambda w: {"kind": "section_11"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:library_detail", kwargs=library_kwargs(), expect=everyone_on_board(OK)),
    MatrixRow(
        "assurance:library_detail", kwargs=library_kwargs(foreign=True), expect=hidden_from_board(), note="other board"
    ),
    # Organisations (tell us once).
    MatrixRow("assurance:organisation_list", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:organisation_link",
        kwargs=lambda w: {**board_kwargs(w), "agency_id": w.agency.pk},
        expect=managers(OK),
    ),
    MatrixRow(
        "assurance:organisation_link",
        kwargs=lambda w: {**board_kwargs(w), "agency_id": w.agency.pk},
        method="post",
        data=lambda w: {"organisation": "Thames Valley Police"},
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "assurance:organisation_link",
        kwargs=lambda w: {**board_kwargs(w), "agency_id": w.foreign_agency.pk},
        method="post",
        data=lambda w: {"organisation": "Thames Valley Police"},
        expect=managers(HIDDEN),
        note="other board's agency",
    ),
    # Cycles.
    MatrixRow("assurance:cycle_create", kwargs=cycle_create_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:cycle_create", kwargs=cycle_create_kwargs, method="post", data=cycle_post, expect=managers(REDIRECT)
    ),
    MatrixRow("assurance:cycle_detail", kwargs=cycle_kwargs(), expect=everyone_on_board(OK)),
    MatrixRow(
        "assurance:cycle_detail", kwargs=cycle_kwargs(foreign=True), expect=hidden_from_board(), note="other board"
    ),
    MatrixRow("assurance:cycle_export", kwargs=cycle_kwargs(), expect=everyone_on_board(OK)),
    MatrixRow("assurance:cycle_word", kwargs=cycle_kwargs(), expect=everyone_on_board(OK)),
    MatrixRow(
        "assurance:cycle_word", kwargs=cycle_kwargs(foreign=True), expect=hidden_from_board(), note="other board"
    ),
    MatrixRow(
        "assurance:cycle_export", kwargs=cycle_kwargs(foreign=True), expect=hidden_from_board(), note="other board"
    ),
    MatrixRow("assurance:cycle_remind", kwargs=lambda w: _remind_kwargs(w), expect=managers(OK)),
    MatrixRow("assurance:cycle_remind", kwargs=lambda w: _remind_kwargs(w), method="post", expect=managers(REDIRECT)),
    MatrixRow("assurance:cycle_close", kwargs=cycle_kwargs(), expect=managers(OK)),
    MatrixRow("assurance:cycle_close", kwargs=cycle_kwargs(), method="post", expect=managers(REDIRECT)),
    MatrixRow(
        "assurance:cycle_close",
        kwargs=cycle_kwargs(foreign=True),
        method="post",
        expect=managers(HIDDEN),
        note="other board",
    ),
    # Returns: read.
    MatrixRow("assurance:return_detail", kwargs=return_kwargs(), expect=readers(OK)),
    MatrixRow(
        "assurance:return_detail",
        kwargs=return_kwargs("another"),
        expect=readers(OK) | {"agency_author": HIDDEN, "other_agency_author": OK},
        note="another agency's",
    ),
    MatrixRow(
        "assurance:return_detail", kwargs=return_kwargs("foreign"), expect=hidden_from_board(), note="other board"
    ),
    MatrixRow("assurance:evidence_download", kwargs=evidence_kwargs(), expect=readers(OK)),
    MatrixRow(
        "assurance:evidence_download", kwargs=evidence_kwargs("foreign"), expect=hidden_from_board(), note="other board"
    ),
    # Returns: complete and submit.
    MatrixRow("assurance:answer_edit", kwargs=answer_kwargs(), expect=writers(OK)),
    MatrixRow(
        "assurance:answer_edit",
        kwargs=answer_kwargs(),
        method="post",
        data=lambda w: {"rating": "met", "narrative": "<p>A named lead.</p>", "version": "0"},
        expect=writers(REDIRECT),
    ),
    MatrixRow(
        "assurance:answer_edit",
        kwargs=answer_kwargs("another"),
        expect=writers(OK) | {"agency_author": HIDDEN, "other_agency_author": OK},
        note="another agency's",
    ),
    MatrixRow(
        "assurance:answer_edit",
        kwargs=answer_kwargs("foreign"),
        method="post",
        data=lambda w: {"rating": "met", "version": "0"},
        expect=writers(HIDDEN) | {"chair": DENIED, "member": DENIED},
        note="other board",
    ),
    MatrixRow("assurance:return_confirm_carried", kwargs=return_kwargs(), expect=writers(OK)),
    MatrixRow("assurance:return_confirm_carried", kwargs=return_kwargs(), method="post", expect=writers(REDIRECT)),
    MatrixRow("assurance:return_submit", kwargs=return_kwargs(), expect=writers(OK)),
    MatrixRow("assurance:return_submit", kwargs=return_kwargs(), method="post", expect=writers(REDIRECT)),
    MatrixRow(
        "assurance:return_submit",
        kwargs=return_kwargs("another"),
        method="post",
        expect=writers(REDIRECT) | {"agency_author": HIDDEN, "other_agency_author": REDIRECT},
        note="another agency's",
    ),
    # Moderation, actions, closing: the business manager.
    MatrixRow("assurance:moderation_create", kwargs=return_kwargs(status=ReturnStatus.SUBMITTED), expect=managers(OK)),
    MatrixRow(
        "assurance:moderation_create",
        kwargs=return_kwargs(status=ReturnStatus.SUBMITTED),
        method="post",
        data=lambda w: {"held_on": "2026-07-15", "panel": "QA sub-group", "notes": "<p>Challenged.</p>"},
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "assurance:moderation_create",
        kwargs=return_kwargs("foreign", status=ReturnStatus.SUBMITTED),
        expect=managers(HIDDEN),
        note="other board",
    ),
    MatrixRow("assurance:action_create", kwargs=return_kwargs(status=ReturnStatus.MODERATED), expect=managers(OK)),
    MatrixRow(
        "assurance:action_create",
        kwargs=return_kwargs(status=ReturnStatus.MODERATED),
        method="post",
        data=lambda w: {"description": "Refresh the LADO policy", "due_date": "2026-12-31"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:action_progress", kwargs=action_kwargs(), expect=writers(OK)),
    MatrixRow(
        "assurance:action_progress",
        kwargs=action_kwargs(),
        method="post",
        data=lambda w: {"progress": "Policy drafted.", "status": "open"},
        expect=writers(REDIRECT),
    ),
    MatrixRow(
        "assurance:action_progress",
        kwargs=action_kwargs("foreign"),
        expect=writers(HIDDEN) | {"chair": DENIED, "member": DENIED},
        note="other board",
    ),
    MatrixRow("assurance:return_close", kwargs=return_kwargs(status=ReturnStatus.MODERATED), expect=managers(OK)),
    MatrixRow(
        "assurance:return_close",
        kwargs=return_kwargs(status=ReturnStatus.MODERATED),
        method="post",
        expect=managers(REDIRECT),
    ),
]

ROWS += [
    MatrixRow("assurance:audit_list", kwargs=board_kwargs, expect=everyone_on_board(OK)),
    MatrixRow("assurance:audit_create", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:audit_create",
        kwargs=board_kwargs,
        method="post",
        data=lambda w: {
            "title": "Exploitation audit",
            "theme": "Exploitation",
            "programme_year": "2025",
            "agencies": [w.agency.pk],
        },
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:audit_detail", kwargs=lambda w: _audit_kwargs(w), expect=everyone_on_board(OK)),
    MatrixRow(
        "assurance:audit_detail",
        kwargs=lambda w: _audit_kwargs(w, foreign=True),
        expect=hidden_from_board(),
        note="other board",
    ),
    MatrixRow("assurance:audit_case_add", kwargs=lambda w: _audit_kwargs(w), expect=managers(OK)),
    MatrixRow(
        "assurance:audit_case_add",
        kwargs=lambda w: _audit_kwargs(w),
        method="post",
        data=lambda w: {"reference": "Case 7", f"grade_{w.agency.pk}": "good"},
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "assurance:audit_case_add",
        kwargs=lambda w: _audit_kwargs(w, foreign=True),
        method="post",
        data=lambda w: {"reference": "Case 7"},
        expect=managers(HIDDEN),
        note="other board",
    ),
    MatrixRow("assurance:finding_add", kwargs=lambda w: _audit_kwargs(w), expect=managers(OK)),
    MatrixRow(
        "assurance:finding_add",
        kwargs=lambda w: _audit_kwargs(w),
        method="post",
        data=lambda w: {"kind": "strength", "theme": "Voice of the child", "text": "Children were seen alone."},
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:audit_complete", kwargs=lambda w: _audit_kwargs(w), expect=managers(OK)),
    MatrixRow("assurance:audit_complete", kwargs=lambda w: _audit_kwargs(w), method="post", expect=managers(REDIRECT)),
]

ROWS += [
    MatrixRow("assurance:scrutiny", kwargs=board_kwargs, expect=everyone_on_board(OK)),
    # The scrutineer (no persona holds that role; the business manager may record for them).
    MatrixRow("assurance:scrutiny_add", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:scrutiny_add",
        kwargs=board_kwargs,
        method="post",
        data=lambda w: {
            "plan_year": "2025",
            "title": "Front door deep dive",
            "method": "deep_dive",
            "findings": "Thresholds applied consistently.",
        },
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:scrutiny_response", kwargs=lambda w: _activity_kwargs(w), expect=managers(OK)),
    MatrixRow(
        "assurance:scrutiny_response",
        kwargs=lambda w: _activity_kwargs(w),
        method="post",
        data=lambda w: {"partners_response": "Agreed; a threshold refresher is planned."},
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "assurance:scrutiny_response",
        kwargs=lambda w: _activity_kwargs(w, foreign=True),
        expect=managers(HIDDEN),
        note="other board",
    ),
    MatrixRow("assurance:scrutiny_statement", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:scrutiny_statement",
        kwargs=board_kwargs,
        method="post",
        data=lambda w: {"revision": _revision(w).pk, "text": "The arrangements are effective."},
        expect=managers(REDIRECT),
    ),
]

ROWS += [
    MatrixRow("assurance:survey_list", kwargs=board_kwargs, expect=everyone_on_board(OK)),
    MatrixRow("assurance:survey_create", kwargs=board_kwargs, expect=managers(OK)),
    MatrixRow(
        "assurance:survey_create",
        kwargs=board_kwargs,
        method="post",
        data=lambda w: {"title": "Workforce survey", "year": "2025", "questions": "I know how to escalate"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("assurance:survey_detail", kwargs=lambda w: _survey_kwargs(w), expect=everyone_on_board(OK)),
    MatrixRow(
        "assurance:survey_detail",
        kwargs=lambda w: _survey_kwargs(w, foreign=True),
        expect=hidden_from_board(),
        note="other board",
    ),
    MatrixRow("assurance:survey_results", kwargs=lambda w: _survey_kwargs(w), expect=managers(OK)),
    MatrixRow(
        "assurance:survey_results",
        kwargs=lambda w: _survey_kwargs(w),
        method="post",
        data=lambda w: {"agency": w.agency.pk, "responses_1": "40", "agreeing_1": "31"},
        expect=managers(REDIRECT),
    ),
]


def _survey_kwargs(w, foreign=False):
    from assurance.models import Survey  # noqa: PLC0415

    survey = Survey.objects.create(
        board=w.other_board if foreign else w.board, title="Survey", year=2025, questions="I know how to escalate"
    )
    return {**board_kwargs(w), "survey_id": survey.pk}


def _activity_kwargs(w, foreign=False):
    from assurance.models import ScrutinyActivity  # noqa: PLC0415

    activity = ScrutinyActivity.objects.create(
        board=w.other_board if foreign else w.board, plan_year=2025, title="Deep dive", method="deep_dive"
    )
    return {**board_kwargs(w), "activity_id": activity.pk}


def _revision(w):
    from reports.tests.factories import ReportRevisionFactory  # noqa: PLC0415

    return ReportRevisionFactory(report__board=w.board)


def _audit_kwargs(w, foreign=False):
    if foreign:
        audit = make_audit(w.other_board, [w.foreign_agency], grades=[["good"]])
    else:
        audit = make_audit(w.board, [w.agency, w.other_agency], grades=[["good", "inadequate"]])
    return {**board_kwargs(w), "audit_id": audit.pk}


def _remind_kwargs(w):
    r = _return(w)
    return {**board_kwargs(w), "cycle_id": r.cycle_id}
