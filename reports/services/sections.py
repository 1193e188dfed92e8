"""Drafting the annual report: creating it, assembling its sections, writing and reviewing them.

Every operation follows STYLE.md: permission → status (a SectionError the page can show) →
transaction.atomic → lscb.audit.record → transaction.on_commit for e-mails.

Saving text is optimistic: the form carries the version it started from, and the UPDATE is
conditional on that version (`… WHERE version = n`). A stale save changes nothing and raises
StaleSection with the other person's saved text, so the page can show both and lose neither.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Max, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Agency, financial_year_bounds
from lscb import audit
from lscb.errors import DomainError
from lscb.sanitise import clean_html
from lscb.storage import private_storage
from reports import limits, tasks
from reports.choices import ReportStatus, SectionKind, SectionStatus
from reports.defaults import (
    AGENCY_SECTIONS_AFTER,
    DEFAULT_SECTIONS,
    OPTIONAL_GENERATED_SECTIONS,
    agency_guidance,
    agency_section_key,
)
from reports.models import AnnualReport, RenderedFile, ReportSection, SectionComment, SectionVersion
from reports.permissions import may_review, may_write, status_allows_editing
from reports.signals import default_title

GENERATED_KEYS = tuple(
    d.key for d in (*DEFAULT_SECTIONS, *OPTIONAL_GENERATED_SECTIONS) if d.kind == SectionKind.GENERATED
)
GENERATED_TITLES = {
    d.key: d.title for d in (*DEFAULT_SECTIONS, *OPTIONAL_GENERATED_SECTIONS) if d.kind == SectionKind.GENERATED
}


class SectionError(DomainError):
    """An operation the section's (or report's) current state does not allow; the message says why."""


class SectionTooLarge(SectionError):
    """The text is over one of the caps of reports/limits.py. Nothing was saved; the page keeps
    the person's text in the form (`refused_html`)."""

    def __init__(self, message, refused_html):
        self.refused_html = refused_html
        super().__init__(message)


class StaleSection(SectionError):
    """Someone else saved the section after this person opened it. Nothing was overwritten."""

    def __init__(self, current, refused_html):
        self.current = current  # the section as saved now (their text, their version)
        self.refused_html = refused_html  # what this person tried to save: given back, never lost
        super().__init__(
            "Someone else saved this section while you were editing it. Your text has not been saved "
            "and has not been lost: it is still in the box, below their version."
        )


@dataclass(frozen=True)
class Transition:
    """A section workflow verb, allowed only from the listed states."""

    name: str
    target: str
    sources: tuple
    # Generated sections have nothing to draft: the business manager may accept them from any open state.
    generated_sources: tuple = field(default=())
    # The business manager writes the narrative sections: they accept their own text once written,
    # without first sending it to themselves.
    narrative_sources: tuple = field(default=())

    def allowed_from(self, section) -> tuple:
        if section.kind == SectionKind.GENERATED and self.generated_sources:
            return self.generated_sources
        if section.kind == SectionKind.NARRATIVE and self.narrative_sources:
            return self.narrative_sources
        return self.sources


S = SectionStatus
TRANSITIONS = {
    "submit": Transition("submit", S.SUBMITTED, (S.DRAFTING, S.RETURNED)),
    "return_for_changes": Transition("return_for_changes", S.RETURNED, (S.SUBMITTED, S.ACCEPTED)),
    "accept": Transition(
        "accept",
        S.ACCEPTED,
        (S.SUBMITTED,),
        generated_sources=(S.NOT_STARTED, S.DRAFTING, S.RETURNED, S.SUBMITTED),
        narrative_sources=(S.DRAFTING, S.RETURNED, S.SUBMITTED),
    ),
}


def _require_report_drafting(report):
    if report.status != ReportStatus.DRAFTING:
        raise SectionError(f"The report is {report.get_status_display().lower()}: its sections cannot be changed now.")


def _require_manager(access, report):
    if not (access.can_review_report_sections and report.board_id == access.board.pk):
        raise PermissionDenied


def _section_payload(section, **extra):
    return {"report_id": section.report_id, "key": section.key, "title": section.title, **extra}


# --- The report and its sections ------------------------------------------------------------


def active_agencies(board, financial_year):
    """Agencies of the board active at some point in the financial year."""
    start, end = financial_year_bounds(financial_year)
    return (
        Agency.objects.filter(board=board)
        .exclude(active_from__gt=end)
        .exclude(active_to__lt=start)
        .order_by("-is_statutory_partner", "name")
    )


def create_report(access, *, financial_year, framework, title="", sections_due=None, due_date=None):
    """A new annual report for the board from the default template of sections."""
    if not access.can_create_report:
        raise PermissionDenied
    board = access.board
    if AnnualReport.objects.filter(board=board, financial_year=financial_year).exists():
        raise SectionError(f"There is already an annual report for {_year_label(financial_year)}.")
    agencies = list(active_agencies(board, financial_year))
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                board=board,
                financial_year=financial_year,
                framework=framework,
                title=title or default_title(board.name, financial_year),
                due_date=due_date,
            )
            sections = []
            for default in DEFAULT_SECTIONS:
                sections.append(
                    ReportSection(
                        report=report,
                        key=default.key,
                        title=default.title,
                        kind=default.kind,
                        boxed=default.boxed,
                        guidance=default.guidance,
                        due_date=None if default.kind == SectionKind.GENERATED else sections_due,
                    )
                )
                if default.key == AGENCY_SECTIONS_AFTER:
                    sections.extend(
                        ReportSection(
                            report=report,
                            key=agency_section_key(agency),
                            title=agency.name,
                            kind=SectionKind.AGENCY,
                            agency=agency,
                            guidance=agency_guidance(agency),
                            due_date=sections_due,
                        )
                        for agency in agencies
                    )
            for position, section in enumerate(sections, start=1):
                section.position = position
            ReportSection.objects.bulk_create(sections)
            audit.record(
                "reports.report.created",
                actor=access.user,
                board=board,
                target=report,
                financial_year=financial_year,
                framework=framework.code,
                sections=len(sections),
            )
    except IntegrityError as exc:  # a second business manager created it at the same moment
        raise SectionError(f"There is already an annual report for {_year_label(financial_year)}.") from exc
    return report


def _year_label(financial_year):
    return f"{financial_year}/{(financial_year + 1) % 100:02d}"


def _unique_key(report, base):
    base = (slugify(base) or "section")[:50]
    existing = set(report.sections.values_list("key", flat=True))
    key, n = base, 2
    while key in existing:
        key = f"{base}-{n}"
        n += 1
    return key


def add_section(access, report, *, kind, title="", agency=None, generated_key="", due_date=None, guidance=""):
    """Add a section at the end of the report (the business manager, while drafting)."""
    _require_manager(access, report)
    _require_report_drafting(report)
    if kind == SectionKind.AGENCY:
        if agency is None or agency.board_id != report.board_id:
            raise SectionError("Choose one of the board's agencies.")
        if report.sections.filter(kind=SectionKind.AGENCY, agency=agency).exists():
            raise SectionError(f"The report already has a section for {agency.name}.")
        key, title, guidance = agency_section_key(agency), title or agency.name, guidance or agency_guidance(agency)
    elif kind == SectionKind.GENERATED:
        if generated_key not in GENERATED_KEYS:
            raise SectionError("Choose which records the section is generated from.")
        if report.sections.filter(key=generated_key).exists():
            raise SectionError("The report already has that generated section.")
        key, title = generated_key, title or GENERATED_TITLES[generated_key]
    else:
        if not title.strip():
            raise SectionError("Enter a title for the section.")
        key = _unique_key(report, title)
    try:
        with transaction.atomic():
            last = report.sections.aggregate(last=Max("position"))["last"] or 0
            section = ReportSection.objects.create(
                report=report,
                key=key,
                title=title.strip(),
                kind=kind,
                agency=agency if kind == SectionKind.AGENCY else None,
                guidance=guidance,
                due_date=due_date,
                position=last + 1,
            )
            audit.record(
                "reports.section.added",
                actor=access.user,
                board=report.board,
                target=section,
                **_section_payload(section),
            )
    except IntegrityError as exc:
        raise SectionError("The report already has that section.") from exc
    return section


def remove_section(access, section):
    """Remove a section (after the page asked for confirmation). Its last text is kept in the
    audit entry and in the section's history, so a removal can be undone by hand."""
    _require_manager(access, section.report)
    _require_report_drafting(section.report)
    with transaction.atomic():
        payload = _section_payload(section, html=section.html, versions=section.versions.count())
        audit.record(
            "reports.section.removed", actor=access.user, board=section.report.board, target=section, **payload
        )
        # Its versions' draft PDFs go with them (rows by cascade; the files once that is committed).
        previews = list(RenderedFile.objects.filter(section_version__section=section).values_list("file", flat=True))
        section._history_user = access.user
        section.delete()
        _renumber(section.report)
        transaction.on_commit(partial(_delete_files, previews), robust=True)


def _delete_files(names):
    for name in names:
        private_storage().delete(name)


def _renumber(report):
    sections = list(ReportSection.objects.select_for_update().filter(report=report).order_by("position", "id"))
    changed = []
    for position, section in enumerate(sections, start=1):
        if section.position != position:
            section.position = position
            changed.append(section)
    ReportSection.objects.bulk_update(changed, ["position"])
    return sections


def move_section(access, section, direction):
    """Move a section one place up or down."""
    _require_manager(access, section.report)
    _require_report_drafting(section.report)
    if direction not in ("up", "down"):
        raise SectionError("Choose up or down.")
    with transaction.atomic():
        sections = _renumber(section.report)
        index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
        other_index = index - 1 if direction == "up" else index + 1
        if not 0 <= other_index < len(sections):
            raise SectionError(f"“{section.title}” is already the {'first' if direction == 'up' else 'last'} section.")
        mine, other = sections[index], sections[other_index]
        mine.position, other.position = other.position, mine.position
        ReportSection.objects.bulk_update([mine, other], ["position"])
        audit.record(
            "reports.section.moved",
            actor=access.user,
            board=section.report.board,
            target=section,
            **_section_payload(section, direction=direction, position=mine.position),
        )


def rename_section(access, section, *, title, due_date=None, guidance=None):
    """Change a section's title, due date and guidance for its authors."""
    _require_manager(access, section.report)
    _require_report_drafting(section.report)
    if not title.strip():
        raise SectionError("Enter a title for the section.")
    with transaction.atomic():
        before = {"title": section.title, "due_date": section.due_date.isoformat() if section.due_date else None}
        section.title = title.strip()
        section.due_date = due_date
        if guidance is not None:
            section.guidance = guidance
        section._history_user = access.user
        section.save(update_fields=["title", "due_date", "guidance", "updated_at"])
        audit.record(
            "reports.section.renamed",
            actor=access.user,
            board=section.report.board,
            target=section,
            **_section_payload(section, before=before, due_date=due_date.isoformat() if due_date else None),
        )
    return section


# --- Writing --------------------------------------------------------------------------------


def save_section_text(access, section, *, html, base_version, source=SectionVersion.Source.TYPED, filename=""):
    """Save new text for a section, unless someone saved it since `base_version` was read.

    Returns the new SectionVersion. A first save (or one after the section came back) moves it
    to drafting. Raises StaleSection — nothing written — if the version moved on meanwhile.
    """
    if not may_write(access, section):
        raise PermissionDenied
    _require_report_drafting(section.report)
    if not status_allows_editing(access, section):
        raise SectionError(
            f"This section is {section.get_status_display().lower()}: it can no longer be changed. "
            "Ask the business manager to return it if it needs changes."
        )
    html = clean_html(html)
    # Every way text reaches a section (typed, pasted, a Word draft) comes through here.
    if problem := limits.section_too_large(html):
        raise SectionTooLarge(problem, html)
    allowed_statuses = SectionStatus.values if access.can_review_report_sections else SectionStatus.editable()
    with transaction.atomic():
        now = timezone.now()
        # The conditional UPDATE is the lock: of two saves from the same version, exactly one matches.
        # Only the row's own columns in the WHERE: a join would make Django use `id IN (subquery)`,
        # which PostgreSQL does not re-check after waiting for the row lock, and both saves would win.
        updated = ReportSection.objects.filter(
            pk=section.pk,
            version=base_version,
            status__in=allowed_statuses,
        ).update(
            html=html,
            version=F("version") + 1,
            status=Case(
                When(status__in=[S.NOT_STARTED, S.RETURNED], then=Value(S.DRAFTING)),
                default=F("status"),
            ),
            updated_at=now,
            updated_by=access.user,
        )
        if not updated:
            current = ReportSection.objects.select_related("report", "updated_by").get(pk=section.pk)
            if current.version != base_version:
                raise StaleSection(current, html)
            raise SectionError("This section changed status while you were editing it: it cannot be saved now.")
        section.refresh_from_db()
        ReportSection.history.bulk_history_create([section], update=True, default_user=access.user)
        version = SectionVersion.objects.create(
            section=section,
            number=section.version,
            html=html,
            source=source,
            filename=filename[:255],
            saved_at=now,
            saved_by=access.user,
        )
        audit.record(
            "reports.section.saved",
            actor=access.user,
            board=section.report.board,
            target=section,
            **_section_payload(section, version=section.version, source=source, filename=filename),
        )
    return version


# --- The workflow -------------------------------------------------------------------------


def _transition(access, section, name, *, comment="", check=None):
    transition = TRANSITIONS[name]
    _require_report_drafting(section.report)
    sources = transition.allowed_from(section)
    if section.status not in sources:
        raise SectionError(
            f"This section is {section.get_status_display().lower()}: it cannot be "
            f"{ {'submit': 'submitted', 'return_for_changes': 'returned', 'accept': 'accepted'}[name] } now."
        )
    if check:
        check(section)
    with transaction.atomic():
        # Conditional on the state checked above, so two clicks at once cannot both succeed.
        updated = ReportSection.objects.filter(pk=section.pk, status__in=sources).update(
            status=transition.target, updated_at=timezone.now(), **_sent_in(transition)
        )
        if not updated:
            raise SectionError("Someone changed this section's status a moment ago. Check it and try again.")
        previous = section.status
        section.refresh_from_db()
        ReportSection.history.bulk_history_create([section], update=True, default_user=access.user)
        if comment:
            SectionComment.objects.create(section=section, text=comment, action=transition.target, author=access.user)
        audit.record(
            f"reports.section.{transition.target}",
            actor=access.user,
            board=section.report.board,
            target=section,
            **_section_payload(section, **{"from": previous, "comment": comment}),
        )
    return section


def _sent_in(transition) -> dict:
    """Submitting dates the section's sending-in; accepting one that was never sent in (the business
    manager's own, a generated one) dates it then. How late it was is measured at that date."""
    today = timezone.localdate()
    if transition.target == S.SUBMITTED:
        return {"sent_in_on": today}
    if transition.target == S.ACCEPTED:
        return {"sent_in_on": Coalesce(F("sent_in_on"), Value(today))}
    return {}


def _has_text(section):
    if section.kind != SectionKind.GENERATED and not section.html.strip():
        raise SectionError("Write the section (or upload your Word draft) before you submit it.")


def submit_section(access, section):
    """The author sends the section to the business manager."""
    if not may_write(access, section):
        raise PermissionDenied
    section = _transition(access, section, "submit", check=_has_text)
    section_id = section.pk
    transaction.on_commit(lambda: tasks.section_submitted.delay(section_id), robust=True)
    return section


def return_section(access, section, *, comment):
    """The business manager sends the section back to its authors with a comment saying what to change."""
    if not may_review(access, section):
        raise PermissionDenied
    if not comment.strip():
        raise SectionError("Say what needs to change.")
    section = _transition(access, section, "return_for_changes", comment=comment.strip())
    section_id, comment = section.pk, comment.strip()
    transaction.on_commit(lambda: tasks.section_returned.delay(section_id, comment), robust=True)
    return section


def accept_section(access, section, *, comment=""):
    """The business manager accepts the section for the report."""
    if not may_review(access, section):
        raise PermissionDenied
    return _transition(access, section, "accept", comment=comment.strip(), check=_has_text)


def transition_names_available(access, section) -> list[str]:
    """Which workflow buttons the section page shows this person."""
    if section.report.status != ReportStatus.DRAFTING:
        return []
    names = []
    if may_write(access, section) and section.status in TRANSITIONS["submit"].allowed_from(section):
        names.append("submit")
    if may_review(access, section):
        names.extend(
            n for n in ("return_for_changes", "accept") if section.status in TRANSITIONS[n].allowed_from(section)
        )
    return names


def default_sections_due(financial_year) -> datetime.date:
    """A sensible default: sections due two months after the financial year ends."""
    return datetime.date(financial_year + 1, 5, 31)
