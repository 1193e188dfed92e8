"""Permission-matrix rows for every learning URL and method (see lscb/tests/test_permission_matrix.py).

Records used by the rows:
- own: on the home board, of the `agency_author` persona's agency (Home Police) where an agency
  owns the row; another agency's rows (Home Children's Services) answer 404 on its edit pages;
- foreign: on the other board (everyone on the home board gets 404 through the home board's URL).
The public evaluation form answers every persona alike: 200 with an open link, 404 without one.
"""

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
from lscb.testing import HIDDEN, OK, REDIRECT, MatrixRow, everyone_on_board, only


def board(w):
    return {"board_slug": w.board.slug}


def _kw(name, make):
    return lambda w: {"board_slug": w.board.slug, name: make(w).pk}


def course(w):
    return CourseFactory(board=w.board, title="Home course")


def foreign_course(w):
    return CourseFactory(board=w.other_board, title="Foreign course")


def session(w):
    return TrainingSessionFactory(course=course(w))


def foreign_session(w):
    return TrainingSessionFactory(course=foreign_course(w))


def attendance_kwargs(w):
    place = AttendanceFactory(session=session(w), agency=w.agency)
    return {"board_slug": w.board.slug, "session_id": place.session_id, "attendance_id": place.pk}


def activity(w):
    return EngagementActivityFactory(board=w.board)


def foreign_activity(w):
    return EngagementActivityFactory(board=w.other_board)


def message_kwargs(w):
    message = KeyMessageFactory(activity=activity(w))
    return {"board_slug": w.board.slug, "activity_id": message.activity_id, "message_id": message.pk}


def own_escalation(w):
    return EscalationFactory(board=w.board, raising_agency=w.agency, receiving_agency=w.third_agency)


def other_escalation(w):
    return EscalationFactory(board=w.board, raising_agency=w.other_agency, receiving_agency=w.third_agency)


def foreign_escalation(w):
    from boards.tests.factories import AgencyFactory  # noqa: PLC0415

    return EscalationFactory(
        board=w.other_board,
        raising_agency=w.foreign_agency,
        receiving_agency=AgencyFactory(board=w.other_board, name="Other council"),
    )


def _third_agency(w):
    from boards.tests.factories import AgencyFactory  # noqa: PLC0415

    return AgencyFactory(board=w.board, name="Home Health Trust")


class _World:
    """The matrix's world with the third home agency the escalation rows need."""

    def __init__(self, w):
        self._w = w
        self.third_agency = _third_agency(w)

    def __getattr__(self, name):
        return getattr(self._w, name)


def with_third(make):
    return lambda w: make(_World(w))


def own_dissemination(w):
    return DisseminationFactory(board=w.board, agency=w.agency)


def other_dissemination(w):
    return DisseminationFactory(board=w.board, agency=w.other_agency)


def own_return(w):
    return TrainingReturnFactory(board=w.board, agency=w.agency)


def other_return(w):
    return TrainingReturnFactory(board=w.board, agency=w.other_agency)


def challenge(w):
    return ChallengeFactory(board=w.board, agency=w.agency)


def token_kwargs(w):
    import datetime  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    from learning import services  # noqa: PLC0415

    # Held yesterday, so the link is open whatever day the matrix runs.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    place = AttendanceFactory(session=TrainingSessionFactory(course=course(w), held_on=yesterday), agency=w.agency)
    _request, token = services.issue_evaluation_request(place, "after_session")
    return {"token": token}


def managers(status=OK):
    """The business manager (the training coordinator); other members 403; outsiders 404."""
    return only(status, "business_manager")


def notifiers(status=OK):
    """Those who notify for an agency: the business manager and agency authors."""
    return only(status, "business_manager", "agency_author", "other_agency_author")


def own_agency_keepers(status=OK):
    """The business manager and the row's own agency author; the other agency's author 404."""
    expect = only(status, "business_manager", "agency_author")
    expect["other_agency_author"] = HIDDEN
    return expect


def escalation_readers(status=OK):
    expect = only(status, "business_manager", "chair", "agency_author")
    expect["other_agency_author"] = HIDDEN
    return expect


def challengers(status=OK):
    return only(status, "business_manager", "chair")


def public(status):
    return dict.fromkeys(everyone_on_board(OK), status)


COURSE_POST = {"title": "Working together at level 3", "level": "3", "audience": "Designated leads", "is_active": "on"}
SESSION_POST = {"held_on": "2025-11-12", "mode": "live_online", "capacity": "25"}


def attendance_post(w):
    return {"name": "Sam Patel", "email": "sam.patel@example.org", "agency": w.agency.pk, "status": "booked"}


def dissemination_post(w):
    return {
        "product": DisseminationFactory(board=w.board, agency=w.agency).product_id,
        "agency": w.agency.pk,
        "team": "Response",
        "used_on": "2025-09-10",
        "staff_reached": "30",
        "action_agreed": "Brief every shift.",
    }


def return_post(w):
    return {
        "agency": w.agency.pk,
        "financial_year": "2024",
        "staff_in_scope": "100",
        "trained_level_1": "90",
        "trained_level_2": "20",
        "trained_level_3": "2",
        "compliance_percent": "90",
    }


def activity_post(w):
    return {
        "title": "Care leavers' survey",
        "held_on": "2025-09-01",
        "method": "survey",
        "audience": "Care leavers",
        "participants": "41",
        "cohorts": ["care_leavers"],
    }


MESSAGE_POST = {"message": "Tell us who our personal adviser is.", "status": "planned"}


def escalation_post(w):
    return {
        "reference": "Child Q",
        "raising_agency": w.agency.pk,
        "receiving_agency": w.other_agency.pk,
        "theme": "thresholds",
        "started_on": "2025-06-02",
        "stage": "1",
    }


def challenge_post(w):
    return {
        "raised_on": "2025-07-10",
        "raised_by": "Independent chair",
        "agency": w.agency.pk,
        "challenge": "Explain the fall in referrals.",
        "status": "open",
    }


def evaluation_post(w):
    return {"q1": "5", "q2": "4", "q3": "4", "q4": "Ask about fathers."}


ROWS = [
    MatrixRow("learning:index", kwargs=board, expect=everyone_on_board(OK)),
    # Training offer.
    MatrixRow("learning:course_list", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:course_add", kwargs=board, expect=managers(OK)),
    MatrixRow(
        "learning:course_add", kwargs=board, method="post", data=lambda w: COURSE_POST, expect=managers(REDIRECT)
    ),
    MatrixRow("learning:course_detail", kwargs=_kw("course_id", course), expect=everyone_on_board(OK)),
    MatrixRow(
        "learning:course_detail",
        kwargs=_kw("course_id", foreign_course),
        expect=everyone_on_board(HIDDEN),
        note="other board",
    ),
    MatrixRow("learning:course_edit", kwargs=_kw("course_id", course), expect=managers(OK)),
    MatrixRow(
        "learning:course_edit",
        kwargs=_kw("course_id", course),
        method="post",
        data=lambda w: COURSE_POST,
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:course_edit", kwargs=_kw("course_id", foreign_course), expect=managers(HIDDEN), note="other"),
    MatrixRow("learning:session_add", kwargs=_kw("course_id", course), expect=managers(OK)),
    MatrixRow(
        "learning:session_add",
        kwargs=_kw("course_id", course),
        method="post",
        data=lambda w: SESSION_POST,
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:session_detail", kwargs=_kw("session_id", session), expect=everyone_on_board(OK)),
    MatrixRow(
        "learning:session_detail",
        kwargs=_kw("session_id", foreign_session),
        expect=everyone_on_board(HIDDEN),
        note="other board",
    ),
    MatrixRow("learning:session_edit", kwargs=_kw("session_id", session), expect=managers(OK)),
    MatrixRow(
        "learning:session_edit",
        kwargs=_kw("session_id", session),
        method="post",
        data=lambda w: SESSION_POST,
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:trainer_days_add", kwargs=_kw("session_id", session), expect=managers(OK)),
    MatrixRow(
        "learning:trainer_days_add",
        kwargs=_kw("session_id", session),
        method="post",
        data=lambda w: {"agency": w.agency.pk, "days": "1.5"},
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:attendance_add", kwargs=_kw("session_id", session), expect=managers(OK)),
    MatrixRow(
        "learning:attendance_add",
        kwargs=_kw("session_id", session),
        method="post",
        data=attendance_post,
        expect=managers(REDIRECT),
    ),
    MatrixRow(
        "learning:attendance_add", kwargs=_kw("session_id", foreign_session), expect=managers(HIDDEN), note="other"
    ),
    MatrixRow("learning:attendance_upload", kwargs=_kw("session_id", session), expect=managers(OK)),
    MatrixRow("learning:attendance_edit", kwargs=attendance_kwargs, expect=managers(OK)),
    MatrixRow(
        "learning:attendance_edit",
        kwargs=attendance_kwargs,
        method="post",
        data=lambda w: {**attendance_post(w), "status": "attended"},
        expect=managers(REDIRECT),
    ),
    # The attendee's one-time evaluation form: public, no sign-in.
    MatrixRow("evaluation_form", kwargs=token_kwargs, expect=public(OK)),
    MatrixRow("evaluation_form", kwargs=lambda w: {"token": "not-a-token"}, expect=public(HIDDEN), note="no link"),
    MatrixRow("evaluation_form", kwargs=token_kwargs, method="post", data=evaluation_post, expect=public(OK)),
    # Briefing use and training returns.
    MatrixRow("learning:dissemination_list", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:dissemination_add", kwargs=board, expect=notifiers(OK)),
    MatrixRow(
        "learning:dissemination_add",
        kwargs=board,
        method="post",
        data=dissemination_post,
        # The other agency's author cannot log for Home Police: the form offers only their agency.
        expect={**notifiers(REDIRECT), "other_agency_author": OK},
    ),
    MatrixRow(
        "learning:dissemination_edit", kwargs=_kw("dissemination_id", own_dissemination), expect=own_agency_keepers()
    ),
    MatrixRow(
        "learning:dissemination_edit",
        kwargs=_kw("dissemination_id", other_dissemination),
        expect={**own_agency_keepers(), "agency_author": HIDDEN, "other_agency_author": OK},
        note="other agency",
    ),
    MatrixRow("learning:training_return_list", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:training_return_add", kwargs=board, expect=notifiers(OK)),
    MatrixRow(
        "learning:training_return_add",
        kwargs=board,
        method="post",
        data=return_post,
        expect={**notifiers(REDIRECT), "other_agency_author": OK},
    ),
    MatrixRow("learning:training_return_edit", kwargs=_kw("return_id", own_return), expect=own_agency_keepers()),
    MatrixRow(
        "learning:training_return_edit",
        kwargs=_kw("return_id", other_return),
        expect={**own_agency_keepers(), "agency_author": HIDDEN, "other_agency_author": OK},
        note="other agency",
    ),
    # Voice of children and families.
    MatrixRow("learning:activity_list", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:you_said_we_did", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:activity_add", kwargs=board, expect=managers(OK)),
    MatrixRow("learning:activity_add", kwargs=board, method="post", data=activity_post, expect=managers(REDIRECT)),
    MatrixRow("learning:activity_detail", kwargs=_kw("activity_id", activity), expect=everyone_on_board(OK)),
    MatrixRow(
        "learning:activity_detail",
        kwargs=_kw("activity_id", foreign_activity),
        expect=everyone_on_board(HIDDEN),
        note="other board",
    ),
    MatrixRow("learning:activity_edit", kwargs=_kw("activity_id", activity), expect=managers(OK)),
    MatrixRow(
        "learning:activity_edit",
        kwargs=_kw("activity_id", activity),
        method="post",
        data=activity_post,
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:message_add", kwargs=_kw("activity_id", activity), expect=managers(OK)),
    MatrixRow(
        "learning:message_add",
        kwargs=_kw("activity_id", activity),
        method="post",
        data=lambda w: MESSAGE_POST,
        expect=managers(REDIRECT),
    ),
    MatrixRow("learning:message_edit", kwargs=message_kwargs, expect=managers(OK)),
    MatrixRow(
        "learning:message_edit",
        kwargs=message_kwargs,
        method="post",
        data=lambda w: MESSAGE_POST,
        expect=managers(REDIRECT),
    ),
    # Escalations: their agencies, the chair and the business manager.
    MatrixRow(
        "learning:escalation_list",
        kwargs=board,
        expect=only(OK, "business_manager", "chair", "agency_author", "other_agency_author"),
    ),
    MatrixRow("learning:escalation_add", kwargs=board, expect=notifiers(OK)),
    MatrixRow(
        "learning:escalation_add",
        kwargs=board,
        method="post",
        data=escalation_post,
        # Raised by Home Police with Home Children's Services: both authors' agencies take part.
        expect=notifiers(REDIRECT),
    ),
    MatrixRow(
        "learning:escalation_detail",
        kwargs=with_third(_kw("escalation_id", own_escalation)),
        expect=escalation_readers(),
    ),
    MatrixRow(
        "learning:escalation_detail",
        kwargs=with_third(_kw("escalation_id", other_escalation)),
        expect={**escalation_readers(), "agency_author": HIDDEN, "other_agency_author": OK},
        note="other agency",
    ),
    MatrixRow(
        "learning:escalation_detail",
        kwargs=_kw("escalation_id", foreign_escalation),
        expect={**escalation_readers(HIDDEN)},
        note="other board",
    ),
    MatrixRow(
        "learning:escalation_edit",
        kwargs=with_third(_kw("escalation_id", own_escalation)),
        expect=own_agency_keepers(),
    ),
    MatrixRow(
        "learning:escalation_edit",
        kwargs=with_third(_kw("escalation_id", own_escalation)),
        method="post",
        data=lambda w: {**escalation_post(w), "receiving_agency": w.other_agency.pk, "stage": "1"},
        expect=own_agency_keepers(REDIRECT),
    ),
    MatrixRow(
        "learning:escalation_edit",
        kwargs=with_third(_kw("escalation_id", other_escalation)),
        expect={**own_agency_keepers(), "agency_author": HIDDEN, "other_agency_author": OK},
        note="other agency",
    ),
    # The board's challenge log.
    MatrixRow("learning:challenge_list", kwargs=board, expect=everyone_on_board(OK)),
    MatrixRow("learning:challenge_add", kwargs=board, expect=challengers(OK)),
    MatrixRow("learning:challenge_add", kwargs=board, method="post", data=challenge_post, expect=challengers(REDIRECT)),
    MatrixRow("learning:challenge_edit", kwargs=_kw("challenge_id", challenge), expect=challengers(OK)),
    MatrixRow(
        "learning:challenge_edit",
        kwargs=_kw("challenge_id", challenge),
        method="post",
        data=challenge_post,
        expect=challengers(REDIRECT),
    ),
]
