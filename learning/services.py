"""Operations that change learning records.

Each follows the one order (STYLE.md): permission → status → transaction.atomic → audit.record →
side effects with transaction.on_commit (the evaluation e-mails, learning.tasks).
"""

import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from boards.models import Agency
from learning import permissions
from learning.choices import AttendanceStatus, EvaluationStage, QuestionKind
from learning.models import (
    AFTER_SESSION_OPEN_DAYS,
    FOLLOW_UP_AFTER_DAYS,
    FOLLOW_UP_CLOSES_DAYS,
    Attendance,
    EvaluationAnswer,
    EvaluationRequest,
    Question,
    Questionnaire,
    hash_token,
)
from lscb import audit
from lscb.csv_io import Column, parse_choice, parse_csv_upload
from lscb.errors import DomainError
from lscb.permissions import Capability


class LearningError(DomainError):
    """An operation the record's current state does not allow; the message is for the user."""


def _require(access, capability):
    if not access.can(capability):
        raise PermissionDenied


def _same_board(access, board_id):
    if board_id != access.board.id:
        raise PermissionDenied


def _save(access, form, action, **payload):
    created = form.instance.pk is None
    try:
        with transaction.atomic():
            obj = form.save()
            audit.record(
                f"{action}.{'created' if created else 'updated'}",
                actor=access.user,
                board=access.board,
                target=obj,
                changed=sorted(form.changed_data) if not created else [],
                **payload,
            )
    except IntegrityError as exc:
        raise LearningError(
            "Someone saved the same record a moment ago, so this was not saved. Check the page and try again."
        ) from exc
    return obj


# --- Training offer (the business manager: the partnership's training coordinator) ------------


def save_course(access, form):
    _require(access, Capability.MANAGE_BOARD)
    form.instance.board = access.board
    return _save(access, form, "learning.course")


def save_session(access, course, form):
    _require(access, Capability.MANAGE_BOARD)
    _same_board(access, course.board_id)
    form.instance.course = course
    return _save(access, form, "learning.session", course=course.title)


def save_trainer_days(access, session, form):
    _require(access, Capability.MANAGE_BOARD)
    _same_board(access, session.course.board_id)
    form.instance.session = session
    return _save(access, form, "learning.trainer_days", session=str(session))


def save_attendance(access, session, form):
    _require(access, Capability.MANAGE_BOARD)
    _same_board(access, session.course.board_id)
    form.instance.session = session
    if form.instance.pk is None and session.attendances.filter(email__iexact=form.cleaned_data["email"]).exists():
        raise LearningError(f"{form.cleaned_data['email']} already has a place on this session", field="email")
    return _save(access, form, "learning.attendance", session=str(session))


ATTENDANCE_COLUMNS = [
    Column("Name"),
    Column("Email"),
    Column("Agency"),
    Column("Status", parse_choice(AttendanceStatus)),
    Column("Manager email", required=False, default=""),
]


def _email(text):
    from django.core.validators import validate_email  # noqa: PLC0415

    try:
        validate_email(text)
    except Exception:  # noqa: BLE001  (ValidationError: any reason is the same reason here)
        return False
    return True


def import_attendance(access, session, uploaded_file):
    """Attendance from a CSV (Name, Email, Agency, Status, Manager email). All or nothing: one bad
    row and nothing is saved, every bad row is listed. A row for an e-mail already on the session
    updates that place. Returns (saved, errors)."""
    _require(access, Capability.MANAGE_BOARD)
    _same_board(access, session.course.board_id)
    rows, errors = parse_csv_upload(uploaded_file, ATTENDANCE_COLUMNS)
    agencies = {a.name.casefold(): a for a in Agency.objects.filter(board=access.board)}
    seen = {}
    for row in rows:
        number = row["_row_number"]
        problems = []
        if len(row["Name"]) > 120:
            problems.append("Name: must be 120 characters or fewer")
        email = row["Email"].lower()
        if not _email(email) or len(email) > 254:
            problems.append(f"Email: “{row['Email']}” is not an e-mail address")
        if row["Manager email"] and not _email(row["Manager email"]):
            problems.append(f"Manager email: “{row['Manager email']}” is not an e-mail address")
        agency = agencies.get(row["Agency"].casefold())
        if agency is None:
            problems.append(f"Agency: “{row['Agency']}” is not one of this board's agencies")
        if email in seen:
            problems.append(f"Email: {email} is already on row {seen[email]}")
        seen.setdefault(email, number)
        if problems:
            errors.append((number, "; ".join(problems)))
        row["agency"], row["email"] = agency, email
    errors.sort(key=lambda e: e[0])
    if errors:
        return 0, errors
    if not rows:
        return 0, [(0, "The file has no rows of attendance")]
    places = session.attendances.exclude(email__in=seen).count() + len(rows)
    if places > session.capacity:
        return 0, [(0, f"The session has {session.capacity} places, and this file would fill {places}")]
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _place, was_created = Attendance.objects.update_or_create(
                session=session,
                email=row["email"],
                defaults={
                    "name": row["Name"],
                    "agency": row["agency"],
                    "status": row["Status"],
                    "manager_email": row["Manager email"] or "",
                },
            )
            created += was_created
            updated += not was_created
        audit.record(
            "learning.attendance.uploaded",
            actor=access.user,
            board=access.board,
            target=session,
            created=created,
            updated=updated,
            filename=getattr(uploaded_file, "name", "")[:200],
        )
    return created + updated, []


# --- Staged evaluation -------------------------------------------------------------------------

DEFAULT_QUESTIONS = {
    EvaluationStage.AFTER_SESSION: (
        "Evaluation after the session",
        [
            ("The session met its learning outcomes.", QuestionKind.SCALE),
            ("I am more confident to act on a safeguarding concern.", QuestionKind.SCALE),
            ("I understand what other agencies do and how to reach them.", QuestionKind.SCALE),
            ("What will you do differently?", QuestionKind.TEXT),
        ],
    ),
    EvaluationStage.FOLLOW_UP: (
        "Evaluation 6 to 8 weeks later, with the manager",
        [
            ("The learning has been put into practice.", QuestionKind.SCALE),
            ("Work with other agencies has improved.", QuestionKind.SCALE),
            ("Children and families have benefited.", QuestionKind.SCALE),
            ("Give one example of a change in practice.", QuestionKind.TEXT),
        ],
    ),
}


def questionnaire_for(board, stage):
    """The board's questions for `stage`; a board that has none yet gets the default set (rows it
    can then change)."""
    questionnaire = Questionnaire.objects.filter(board=board, stage=stage).first()
    if questionnaire is not None:
        return questionnaire
    title, questions = DEFAULT_QUESTIONS[stage]
    with transaction.atomic():
        questionnaire, created = Questionnaire.objects.get_or_create(
            board=board, stage=stage, defaults={"title": title}
        )
        if created:
            Question.objects.bulk_create(
                Question(questionnaire=questionnaire, number=n, text=text, kind=kind)
                for n, (text, kind) in enumerate(questions, start=1)
            )
    return questionnaire


def _at(day: datetime.date, days: int):
    """The start of the day `days` after `day`, in the site's time zone."""
    moment = datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time.min)
    return timezone.make_aware(moment)


def issue_evaluation_request(attendance, stage, now=None):
    """Create the one-time link for `attendance` at `stage`, or None if it exists already (safe to
    run twice). Returns (request, token): the token is in the e-mail only, never stored."""
    now = now or timezone.now()
    held_on = attendance.session.held_on
    if stage == EvaluationStage.AFTER_SESSION:
        sent_to, expires_at = attendance.email, _at(held_on, AFTER_SESSION_OPEN_DAYS + 1)
    else:
        sent_to, expires_at = attendance.manager_email or attendance.email, _at(held_on, FOLLOW_UP_CLOSES_DAYS + 1)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            request = EvaluationRequest.objects.create(
                attendance=attendance,
                stage=stage,
                token_hash=hash_token(token),
                sent_to=sent_to,
                sent_at=now,
                expires_at=expires_at,
            )
    except IntegrityError:
        return None, None
    return request, token


def due_for_evaluation(stage, today):
    """Attended places whose link for `stage` is due today or was missed (still open), and not yet sent."""
    attended = Attendance.objects.filter(status=AttendanceStatus.ATTENDED).exclude(evaluation_requests__stage=stage)
    if stage == EvaluationStage.AFTER_SESSION:
        window = (today - datetime.timedelta(days=AFTER_SESSION_OPEN_DAYS), today - datetime.timedelta(days=1))
    else:
        window = (
            today - datetime.timedelta(days=FOLLOW_UP_CLOSES_DAYS - 1),
            today - datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS),
        )
    return attended.filter(session__held_on__gte=window[0], session__held_on__lte=window[1]).select_related(
        "session__course__board", "agency"
    )


def open_request(token):
    """The open request of a one-time link, or None (unknown, answered or expired: all look alike)."""
    if not token or len(token) > 100:
        return None
    request = (
        EvaluationRequest.objects.select_related("attendance__session__course__board")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if request is None or not request.is_open():
        return None
    return request


def answer_evaluation(request, answers):
    """Record the answers of one open request, once. `answers`: {question: (score, text)}."""
    with transaction.atomic():
        locked = EvaluationRequest.objects.select_for_update().get(pk=request.pk)
        if not locked.is_open():
            raise LearningError("This evaluation has already been answered or has closed.")
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(request=locked, question=question, score=score, text=text)
            for question, (score, text) in answers.items()
        )
        locked.responded_at = timezone.now()
        locked.save(update_fields=["responded_at"])
        session = locked.attendance.session
        audit.record("learning.evaluation.answered", board=session.course.board, target=session, stage=locked.stage)
    return locked


# --- Briefing use and training returns (the business manager, or an agency for itself) ---------


def _require_agency_row(access, form):
    _require(access, Capability.NOTIFY_LEARNING)
    agency = form.cleaned_data.get("agency")
    if agency is None or agency.board_id != access.board.id or not permissions.may_keep_agency_row(access, agency.pk):
        raise PermissionDenied
    form.instance.board = access.board


def save_dissemination(access, form):
    _require_agency_row(access, form)
    if form.instance.pk is None:
        form.instance.logged_by = access.user
    return _save(access, form, "learning.dissemination", product=str(form.cleaned_data["product"]))


def save_training_return(access, form):
    _require_agency_row(access, form)
    return _save(access, form, "learning.training_return", agency=str(form.cleaned_data["agency"]))


# --- Voice of children and families ------------------------------------------------------------


def save_activity(access, form):
    _require(access, Capability.MANAGE_BOARD)
    form.instance.board = access.board
    return _save(access, form, "learning.engagement_activity")


def save_key_message(access, activity, form):
    _require(access, Capability.MANAGE_BOARD)
    _same_board(access, activity.board_id)
    form.instance.activity = activity
    return _save(access, form, "learning.key_message", activity=activity.title)


# --- Escalations and challenge -----------------------------------------------------------------


def save_escalation(access, form):
    """An agency notifies (or updates) an escalation its agency raised or received."""
    _require(access, Capability.NOTIFY_LEARNING)
    escalation = form.instance
    raising, receiving = form.cleaned_data["raising_agency"], form.cleaned_data["receiving_agency"]
    for agency in (raising, receiving):
        if agency.board_id != access.board.id:
            raise PermissionDenied
    if not (
        permissions.may_keep_agency_row(access, raising.pk) or permissions.may_keep_agency_row(access, receiving.pk)
    ):
        raise PermissionDenied
    escalation.board = access.board
    if escalation.pk is None:
        escalation.notified_by = access.user
    return _save(access, form, "learning.escalation", reference=escalation.reference, stage=escalation.stage)


def save_challenge(access, form):
    _require(access, Capability.LOG_CHALLENGE)
    form.instance.board = access.board
    return _save(access, form, "learning.challenge", agency=str(form.cleaned_data["agency"]))
