"""Operations that change quality-assurance records.

Each follows the one order (STYLE.md): permission → status → transaction.atomic → audit.record →
side effects (reminder e-mails) on commit.
"""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assurance import permissions
from assurance.choices import MET_RATINGS, ActionStatus, AuditStatus, CycleStatus, RatingScale, ReturnStatus
from assurance.defaults import DEFAULTS
from assurance.models import (
    Answer,
    Cycle,
    Evidence,
    Organisation,
    OrganisationLink,
    Return,
    Standard,
    StandardsLibrary,
)
from boards.choices import Role
from boards.models import Membership
from lscb import audit, uploads
from lscb.errors import DomainError
from lscb.sanitise import clean_html

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG"


class AssuranceError(DomainError):
    """An operation the record's current state does not allow; the message is for the user."""


class StaleAnswer(AssuranceError):
    """Someone saved the answer after this person opened it. Nothing was overwritten."""

    def __init__(self, current, refused_narrative):
        self.current = current
        self.refused_narrative = refused_narrative
        super().__init__(
            "Someone else saved this answer while you were editing it. Your text has not been saved and "
            "has not been lost: it is still in the box, below their version."
        )


def _require_manager(access, board_id=None):
    if not permissions.can_manage(access):
        raise PermissionDenied
    if board_id is not None and board_id != access.board.id:
        raise PermissionDenied


def _require_writer(access, return_record):
    if not permissions.can_write_return(access, return_record):
        raise PermissionDenied


# --- Organisations (tell us once) -------------------------------------------------------------


def link_organisation(access, agency, organisation_name):
    """Say which organisation stands behind one of the board's agencies ("" removes the link)."""
    _require_manager(access, agency.board_id)
    name = " ".join(organisation_name.split())
    with transaction.atomic():
        if not name:
            OrganisationLink.objects.filter(agency=agency).delete()
            audit.record("assurance.organisation.unlinked", actor=access.user, board=access.board, target=agency)
            return None
        organisation = Organisation.objects.filter(name__iexact=name).first() or Organisation.objects.create(name=name)
        link, _ = OrganisationLink.objects.update_or_create(agency=agency, defaults={"organisation": organisation})
        audit.record(
            "assurance.organisation.linked",
            actor=access.user,
            board=access.board,
            target=agency,
            organisation=organisation.name,
        )
    return link


# --- Standards libraries ---------------------------------------------------------------------


def create_default_library(board, kind):
    """The shipped standards as the board's next version of `kind` (no permission check: for
    load_default_library, the demo data and tests)."""
    default = DEFAULTS[kind]
    latest = StandardsLibrary.objects.filter(board=board, kind=kind).order_by("-version").first()
    library = StandardsLibrary.objects.create(
        board=board, kind=kind, version=(latest.version + 1) if latest else 1, title=default["title"]
    )
    Standard.objects.bulk_create(
        Standard(library=library, code=code, number=n, title=title, guidance=guidance, evidence_prompts=prompts)
        for n, (code, title, guidance, prompts) in enumerate(default["standards"], start=1)
    )
    return library


def load_default_library(access, kind):
    """The shipped standards (assurance/defaults.py) as the board's next version of `kind`."""
    _require_manager(access)
    with transaction.atomic():
        library = create_default_library(access.board, kind)
        audit.record(
            "assurance.library.created", actor=access.user, board=access.board, target=library, version=library.version
        )
    return library


# --- Cycles ----------------------------------------------------------------------------------


def _previous_answers(board, library, agency_ids, before):
    """{agency_id: {standard code: Answer}} from each agency's latest received return of the same
    kind of library before this cycle: what is carried forward. 1 query."""
    answers = (
        Answer.objects.filter(
            return_record__cycle__board=board,
            return_record__cycle__library__kind=library.kind,
            return_record__cycle__opened_at__lt=before,
            return_record__agency_id__in=agency_ids,
            return_record__status__in=ReturnStatus.received(),
        )
        .select_related("standard", "return_record__cycle")
        .order_by("return_record__cycle__opened_at", "return_record__cycle_id")
    )
    found = {}
    for answer in answers:  # later cycles overwrite earlier ones
        found.setdefault(answer.return_record.agency_id, {})[answer.standard.code] = answer
    return found


def open_cycle(access, form):
    """Open a cycle and invite the chosen agencies: one return each, with an answer per standard,
    carried forward from the agency's last return where the standard (by code) was answered."""
    _require_manager(access)
    cycle = form.save(commit=False)
    if cycle.library.board_id != access.board.id:
        raise PermissionDenied
    agencies = list(form.cleaned_data["agencies"])
    if any(agency.board_id != access.board.id for agency in agencies):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        cycle.board = access.board
        cycle.opened_by = access.user
        cycle.opened_at = now
        cycle.save()
        standards = list(cycle.library.standards.all())
        previous = _previous_answers(access.board, cycle.library, [a.pk for a in agencies], now)
        returns = Return.objects.bulk_create(Return(cycle=cycle, agency=agency) for agency in agencies)
        answers = []
        for return_record in returns:
            earlier = previous.get(return_record.agency_id, {})
            for standard in standards:
                answers.append(_carried(return_record, standard, earlier.get(standard.code), cycle.rating_scale))
        Answer.objects.bulk_create(answers)
        audit.record(
            "assurance.cycle.opened",
            actor=access.user,
            board=access.board,
            target=cycle,
            agencies=[a.name for a in agencies],
        )
    return cycle


def _carried(return_record, standard, earlier, scale):
    if earlier is None or not (earlier.narrative or earlier.rating or earlier.not_applicable):
        return Answer(return_record=return_record, standard=standard)
    valid = {value for value, _ in RatingScale(scale).ratings()}
    # The agreed rating, if moderation changed it, is where the agency starts from.
    rating = earlier.agreed_rating or earlier.rating
    return Answer(
        return_record=return_record,
        standard=standard,
        rating=rating if rating in valid else "",
        not_applicable=earlier.not_applicable,
        not_applicable_reason=earlier.not_applicable_reason,
        narrative=earlier.narrative,
        carried_forward=True,
    )


def close_cycle(access, cycle):
    _require_manager(access, cycle.board_id)
    if not cycle.is_open:
        raise AssuranceError("This cycle is already closed.")
    with transaction.atomic():
        Cycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.CLOSED, closed_at=timezone.now())
        audit.record("assurance.cycle.closed", actor=access.user, board=access.board, target=cycle)


def send_reminders(access, cycle):
    """E-mail the leads of every agency that has not returned (after commit). Returns how many returns."""
    _require_manager(access, cycle.board_id)
    if not cycle.is_open:
        raise AssuranceError("This cycle is closed: nobody is reminded.")
    outstanding = list(cycle.returns.outstanding().values_list("pk", flat=True))
    if not outstanding:
        raise AssuranceError("Every invited agency has returned: there is nobody to remind.")
    from assurance import tasks  # noqa: PLC0415

    with transaction.atomic():
        Cycle.objects.filter(pk=cycle.pk).update(last_reminded_at=timezone.now())
        audit.record(
            "assurance.cycle.reminded", actor=access.user, board=access.board, target=cycle, returns=outstanding
        )
        transaction.on_commit(lambda: tasks.remind_return_leads.delay(outstanding), robust=True)
    return len(outstanding)


# --- Completing a return ---------------------------------------------------------------------


def save_answer(access, answer, *, rating, not_applicable, reason, narrative, base_version):
    """Save one answer unless someone saved it since `base_version` (then StaleAnswer, nothing written)."""
    return_record = answer.return_record
    _require_writer(access, return_record)
    if not return_record.is_editable:
        raise AssuranceError(
            f"This return is {return_record.get_status_display().lower()}: it can no longer be changed."
        )
    narrative = clean_html(narrative or "")
    valid = {value for value, _ in return_record.cycle.ratings()}
    if rating and rating not in valid:
        raise AssuranceError("Select one of the ratings shown", field="rating")
    if not_applicable and not reason.strip():
        raise AssuranceError("Say why this standard does not apply to your agency", field="not_applicable_reason")
    if not_applicable:
        rating = ""
    with transaction.atomic():
        # The conditional UPDATE is the lock: of two saves from the same version, exactly one matches.
        updated = Answer.objects.filter(pk=answer.pk, version=base_version).update(
            rating=rating,
            not_applicable=not_applicable,
            not_applicable_reason=reason.strip() if not_applicable else "",
            narrative=narrative,
            carried_forward=False,
            version=F("version") + 1,
            updated_at=timezone.now(),
            updated_by=access.user,
        )
        if not updated:
            raise StaleAnswer(Answer.objects.select_related("updated_by").get(pk=answer.pk), narrative)
        Return.objects.filter(pk=return_record.pk, status=ReturnStatus.NOT_STARTED).update(status=ReturnStatus.DRAFTING)
        answer.refresh_from_db()
        Answer.history.bulk_history_create([answer], update=True, default_user=access.user)
        audit.record(
            "assurance.answer.saved",
            actor=access.user,
            board=access.board,
            target=return_record,
            standard=answer.standard.code,
            version=answer.version,
        )
    return answer


def complete_answer(access, answer, form):
    """The answer page: the answer, and the evidence file if one came (checked before anything is saved)."""
    data = form.cleaned_data
    if data.get("upload"):
        check_evidence(data["upload"])
    save_answer(
        access,
        answer,
        rating=data.get("rating") or "",
        not_applicable=bool(data.get("not_applicable")),
        reason=data.get("not_applicable_reason") or "",
        narrative=data.get("narrative") or "",
        base_version=data["version"],
    )
    if data.get("upload"):
        upload_evidence(access, answer, data["upload"])
    return answer


def confirm_carried_forward(access, return_record):
    """The lead confirms every answer carried forward from the last cycle as still true."""
    _require_writer(access, return_record)
    if not return_record.is_editable:
        raise AssuranceError("This return can no longer be changed.")
    with transaction.atomic():
        confirmed = return_record.answers.filter(carried_forward=True).update(
            carried_forward=False, version=F("version") + 1, updated_at=timezone.now(), updated_by=access.user
        )
        if confirmed:
            Return.objects.filter(pk=return_record.pk, status=ReturnStatus.NOT_STARTED).update(
                status=ReturnStatus.DRAFTING
            )
        audit.record(
            "assurance.return.carried_forward_confirmed",
            actor=access.user,
            board=access.board,
            target=return_record,
            answers=confirmed,
        )
    return confirmed


def sniff_evidence(upload):
    """'pdf', 'docx', 'xlsx', 'png' or 'jpg' from the file's content (never its name), else None."""
    return uploads.sniff(upload)


def check_evidence(upload):
    """The file's kind by its content, or AssuranceError (too large, or not a kind we keep)."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise AssuranceError(f"The file must be smaller than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB.", field="upload")
    extension = sniff_evidence(upload)
    if extension is None:
        raise AssuranceError(f"The file must be a {EVIDENCE_KINDS} file.", field="upload")
    return extension


def upload_evidence(access, answer, upload):
    return_record = answer.return_record
    _require_writer(access, return_record)
    if not return_record.is_editable:
        raise AssuranceError("This return can no longer be changed: no more evidence can be added.", field="upload")
    extension = check_evidence(upload)
    name = (upload.name or "evidence").replace("\\", "/").rsplit("/", 1)[-1][:150]
    evidence = Evidence(
        answer=answer, original_name=name, extension=extension, size=upload.size, uploaded_by=access.user
    )
    try:
        with transaction.atomic():
            evidence.file.save(f"evidence.{extension}", upload, save=False)
            evidence.save()
            audit.record(
                "assurance.evidence.uploaded",
                actor=access.user,
                board=access.board,
                target=return_record,
                standard=answer.standard.code,
                file=name,
            )
    except Exception:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def missing_standards(return_record, answers=None):
    """Required standards of the return with no rating (nor "not applicable" with a reason)."""
    answers = answers if answers is not None else return_record.answers.select_related("standard")
    return [a.standard for a in answers if a.standard.required and not a.is_answered]


def submission_problem(return_record, answers):
    """Why the return cannot be submitted yet, naming the standards ("" if it can)."""
    if not return_record.is_editable:
        return f"This return is {return_record.get_status_display().lower()}: it cannot be submitted again."
    missing = missing_standards(return_record, answers)
    if missing:
        names = "; ".join(f"{s.number}. {s.title}" for s in missing)
        return f"Rate every required standard (or mark it not applicable, with the reason) before submitting: {names}"
    unconfirmed = [a.standard for a in answers if a.carried_forward]
    if unconfirmed:
        names = "; ".join(f"{s.number}. {s.title}" for s in unconfirmed)
        return f"Confirm or change the answers carried forward from the last cycle: {names}"
    return ""


def submit_return(access, return_record):
    """Send the return to the board. Refused, naming them, while a required standard is unrated or
    an answer carried forward is not yet confirmed. Then shared with the organisation's other boards."""
    _require_writer(access, return_record)
    answers = list(return_record.answers.select_related("standard"))
    if problem := submission_problem(return_record, answers):
        raise AssuranceError(problem)
    now = timezone.now()
    with transaction.atomic():
        updated = Return.objects.filter(pk=return_record.pk, status__in=ReturnStatus.editable()).update(
            status=ReturnStatus.SUBMITTED, submitted_at=now, submitted_by=access.user
        )
        if not updated:
            raise AssuranceError("This return was submitted meanwhile.")
        audit.record("assurance.return.submitted", actor=access.user, board=access.board, target=return_record)
        shared = _share_with_other_boards(access, return_record, answers, now)
    return_record.refresh_from_db()
    return shared


def _share_with_other_boards(access, original, answers, now):
    """Tell us once: copy a submitted return into the open returns of the same organisation on every
    other board where the person submitting is that organisation's agency lead too. Each copy is
    that board's own record (it moderates it); a copy with a required standard this return does
    not answer is left in progress for the lead to finish there. Returns the boards shared with."""
    link = OrganisationLink.objects.filter(agency_id=original.agency_id).select_related("organisation").first()
    if link is None:
        return []
    lead_agencies = Membership.objects.active().for_user(access.user).filter(role=Role.AGENCY_AUTHOR)
    targets = (
        Return.objects.filter(
            agency__organisation_link__organisation=link.organisation,
            agency_id__in=lead_agencies.values("agency_id"),
            status__in=ReturnStatus.editable(),
            cycle__status=CycleStatus.OPEN,
            cycle__library__kind=original.cycle.library.kind,
            cycle__rating_scale=original.cycle.rating_scale,
        )
        .exclude(cycle__board_id=original.cycle.board_id)
        .select_related("cycle__board")
    )
    by_code = {a.standard.code: a for a in answers}
    boards = []
    for target in targets:
        copies = list(target.answers.select_related("standard"))
        for answer in copies:
            source = by_code.get(answer.standard.code)
            if source is None:
                continue
            answer.rating, answer.not_applicable = source.rating, source.not_applicable
            answer.not_applicable_reason, answer.narrative = source.not_applicable_reason, source.narrative
            answer.carried_forward, answer.updated_at, answer.updated_by = False, now, access.user
            answer.version += 1
            for evidence in source.evidence.all():
                _copy_evidence(evidence, answer, access.user)
        Answer.objects.bulk_update(
            copies,
            [
                "rating",
                "not_applicable",
                "not_applicable_reason",
                "narrative",
                "carried_forward",
                "updated_at",
                "updated_by",
                "version",
            ],
        )
        complete = not missing_standards(target, copies)
        target.status = ReturnStatus.SUBMITTED if complete else ReturnStatus.DRAFTING
        target.submitted_at = now if complete else None
        target.submitted_by = access.user if complete else None
        target.shared_from = original
        target.save(update_fields=["status", "submitted_at", "submitted_by", "shared_from"])
        audit.record(
            "assurance.return.shared_in",
            actor=access.user,
            board=target.cycle.board,
            target=target,
            organisation=link.organisation.name,
            complete=complete,
        )
        boards.append(target.cycle.board)
    return boards


def _copy_evidence(evidence, answer, user):
    with evidence.file.open("rb") as handle:
        data = handle.read()
    copy = Evidence(
        answer=answer,
        original_name=evidence.original_name,
        extension=evidence.extension,
        size=evidence.size,
        uploaded_by=user,
    )
    copy.file.save(f"evidence.{evidence.extension}", ContentFile(data), save=False)
    copy.save()


# --- Moderation, actions, closing ------------------------------------------------------------


def record_moderation(access, return_record, form, agreed):
    """A challenge event: date, panel, notes and the agreed rating of each standard
    (`agreed`: {answer id: rating}). Moves a submitted return to moderated."""
    _require_manager(access, return_record.cycle.board_id)
    if return_record.status not in (ReturnStatus.SUBMITTED, ReturnStatus.MODERATED):
        raise AssuranceError("Only a submitted return can be moderated.")
    valid = {value for value, _ in return_record.cycle.ratings()}
    with transaction.atomic():
        moderation = form.save(commit=False)
        moderation.return_record = return_record
        moderation.recorded_by = access.user
        moderation.save()
        answers = list(return_record.answers.all())
        for answer in answers:
            rating = agreed.get(answer.pk, "")
            answer.agreed_rating = rating if rating in valid else ""
        Answer.objects.bulk_update(answers, ["agreed_rating"])
        Return.objects.filter(pk=return_record.pk).update(status=ReturnStatus.MODERATED)
        audit.record(
            "assurance.return.moderated",
            actor=access.user,
            board=access.board,
            target=return_record,
            held_on=moderation.held_on.isoformat(),
            met=sum(1 for a in answers if a.agreed_rating in MET_RATINGS),
        )
    return moderation


def save_action(access, return_record, form):
    """The business manager agrees an action with the agency (after moderation)."""
    _require_manager(access, return_record.cycle.board_id)
    if return_record.status not in (ReturnStatus.MODERATED, ReturnStatus.SUBMITTED):
        raise AssuranceError("Actions are agreed once the return is submitted, and until it is closed.")
    created = form.instance.pk is None
    form.instance.return_record = return_record
    with transaction.atomic():
        action = form.save()
        audit.record(
            "assurance.action.created" if created else "assurance.action.updated",
            actor=access.user,
            board=access.board,
            target=action,
        )
    return action


def update_action_progress(access, action, form):
    """The agency lead (or the business manager) reports progress, and marks the action done."""
    _require_writer(access, action.return_record)
    with transaction.atomic():
        action = form.save(commit=False)
        if action.status == ActionStatus.DONE and action.completed_on is None:
            action.completed_on = timezone.localdate()
        if action.status == ActionStatus.OPEN:
            action.completed_on = None
        action.save()
        audit.record(
            "assurance.action.progress", actor=access.user, board=access.board, target=action, status=action.status
        )
    return action


def close_return(access, return_record):
    _require_manager(access, return_record.cycle.board_id)
    if return_record.status != ReturnStatus.MODERATED:
        raise AssuranceError("Only a moderated return can be closed: record the challenge event first.")
    with transaction.atomic():
        Return.objects.filter(pk=return_record.pk).update(status=ReturnStatus.CLOSED, closed_at=timezone.now())
        audit.record("assurance.return.closed", actor=access.user, board=access.board, target=return_record)


# --- Multi-agency case-file audits -----------------------------------------------------------


def save_audit(access, form):
    _require_manager(access, form.instance.board_id if form.instance.pk else None)
    reaudit_of = form.cleaned_data.get("reaudit_of")
    if reaudit_of is not None and reaudit_of.board_id != access.board.id:
        raise PermissionDenied
    created = form.instance.pk is None
    form.instance.board = access.board
    with transaction.atomic():
        audit_record = form.save()
        audit.record(
            "assurance.audit.created" if created else "assurance.audit.updated",
            actor=access.user,
            board=access.board,
            target=audit_record,
        )
    return audit_record


def add_case(access, audit_record, form):
    """A case in the sample with each audited agency's grade. The audit is then in progress."""
    from assurance.models import Grading  # noqa: PLC0415

    _require_manager(access, audit_record.board_id)
    if audit_record.status == AuditStatus.COMPLETED:
        raise AssuranceError("This audit is completed: its sample is closed.")
    if audit_record.cases.filter(reference__iexact=form.cleaned_data["reference"]).exists():
        raise AssuranceError("This audit already has a case with that reference", field="reference")
    with transaction.atomic():
        case = form.save(commit=False)
        case.audit = audit_record
        case.save()
        Grading.objects.bulk_create(
            Grading(case=case, agency_id=agency_id, grade=grade) for agency_id, grade in form.grades().items() if grade
        )
        type(audit_record).objects.filter(pk=audit_record.pk, status=AuditStatus.PLANNED).update(
            status=AuditStatus.IN_PROGRESS
        )
        audit.record(
            "assurance.audit.case_added",
            actor=access.user,
            board=access.board,
            target=audit_record,
            reference=case.reference,
        )
    return case


def add_finding(access, audit_record, form):
    _require_manager(access, audit_record.board_id)
    owner = form.cleaned_data.get("owner_agency")
    if owner is not None and owner.board_id != access.board.id:
        raise PermissionDenied
    with transaction.atomic():
        finding = form.save(commit=False)
        finding.audit = audit_record
        finding.save()
        audit.record(
            "assurance.audit.finding_added",
            actor=access.user,
            board=access.board,
            target=audit_record,
            kind=finding.kind,
            theme=finding.theme,
        )
    return finding


def complete_audit(access, audit_record):
    _require_manager(access, audit_record.board_id)
    if audit_record.status == AuditStatus.COMPLETED:
        raise AssuranceError("This audit is already completed.")
    if not audit_record.cases.exists() or not audit_record.findings.exists():
        raise AssuranceError("Add the sampled cases with their gradings, and the findings, before completing it.")
    with transaction.atomic():
        type(audit_record).objects.filter(pk=audit_record.pk).update(
            status=AuditStatus.COMPLETED, completed_on=timezone.localdate()
        )
        audit.record("assurance.audit.completed", actor=access.user, board=access.board, target=audit_record)


# --- Independent scrutiny ----------------------------------------------------------------------


def _require_scrutineer(access):
    if not permissions.can_scrutinise(access):
        raise PermissionDenied


def save_scrutiny_activity(access, form):
    """The scrutineer records an activity of their plan: method, date, findings, recommendation."""
    _require_scrutineer(access)
    created = form.instance.pk is None
    form.instance.board = access.board
    if created:
        form.instance.recorded_by = access.user
    with transaction.atomic():
        activity = form.save()
        audit.record(
            "assurance.scrutiny.recorded" if created else "assurance.scrutiny.updated",
            actor=access.user,
            board=access.board,
            target=activity,
        )
    return activity


def respond_to_scrutiny(access, activity, form):
    """The safeguarding partners' response and action, recorded by the business manager."""
    _require_manager(access, activity.board_id)
    with transaction.atomic():
        activity = form.save()
        audit.record("assurance.scrutiny.responded", actor=access.user, board=access.board, target=activity)
    return activity


def sign_statement(access, form):
    """The scrutineer's statement on one revision of this board's report (one per revision)."""
    from assurance.models import ScrutinyStatement  # noqa: PLC0415

    _require_scrutineer(access)
    revision = form.cleaned_data["revision"]
    if revision.report.board_id != access.board.id:
        raise PermissionDenied
    if ScrutinyStatement.objects.filter(revision=revision).exists():
        raise AssuranceError("This revision already has the scrutineer's statement.", field="revision")
    with transaction.atomic():
        statement = ScrutinyStatement.objects.create(
            board=access.board, revision=revision, text=form.cleaned_data["text"], signed_by=access.user
        )
        audit.record(
            "assurance.scrutiny.statement_signed",
            actor=access.user,
            board=access.board,
            target=statement,
            revision=revision.number,
        )
    return statement


# --- Practitioner surveys ----------------------------------------------------------------------


def save_survey(access, form):
    _require_manager(access)
    form.instance.board = access.board
    with transaction.atomic():
        survey = form.save()
        audit.record("assurance.survey.created", actor=access.user, board=access.board, target=survey)
    return survey


def record_survey_results(access, survey, form):
    """One agency's counts for every question (replacing any it sent before)."""
    from assurance.models import SurveyResult  # noqa: PLC0415

    _require_manager(access, survey.board_id)
    agency = form.cleaned_data["agency"]
    if agency.board_id != access.board.id:
        raise PermissionDenied
    with transaction.atomic():
        SurveyResult.objects.filter(survey=survey, agency=agency).delete()
        SurveyResult.objects.bulk_create(
            SurveyResult(survey=survey, agency=agency, question=n, responses=responses, agreeing=agreeing)
            for n, (responses, agreeing) in form.counts().items()
        )
        audit.record(
            "assurance.survey.results", actor=access.user, board=access.board, target=survey, agency=agency.name
        )
    return survey
