"""Who may read and change which annual reports, revisions and sections (DESIGN.md, "Roles and
capabilities").

Capabilities (lscb.permissions.POLICY) say which roles may use a page at all; the object rules
here say which reports and sections. Each rule is written once, with two faces that must agree
(reports/tests/test_permissions.py checks them for every persona):
- `q(access)`, a filter for querysets;
- `allows(access, obj)`, for an object already loaded, so a list pays no query per row.

The drafts rule: the business manager and the chair read a report while it is drafted
(Capability.READ_DRAFT_REPORTS); every other member of the board only once it is approved
(ReportStatus.published()), and only approved revisions. The business manager writes every
section, the chair the foreword, an agency author the sections of the agencies they write for.
"""

from django.db.models import Q

from lscb.permissions import Capability
from reports.choices import ReportStatus, SectionKind, SectionStatus

FOREWORD_KEY = "foreword"

_NOTHING = Q(pk__in=[])


class _ReportRead:
    """The reports (AnnualReport) this person may read as a whole: the drafts rule."""

    def q(self, access):
        q = Q(board=access.board)
        if access.can(Capability.READ_DRAFT_REPORTS):
            return q
        return q & Q(status__in=ReportStatus.published())

    def allows(self, access, report):
        if report.board_id != access.board.pk:
            return False
        return access.can(Capability.READ_DRAFT_REPORTS) or report.status in ReportStatus.published()


class _RevisionRead:
    """The frozen revisions (ReportRevision) this person may read: drafts are the drafters'."""

    def q(self, access, prefix=""):
        q = Q(**{f"{prefix}report__board": access.board})
        if access.can(Capability.READ_DRAFT_REPORTS):
            return q
        return q & Q(**{f"{prefix}approved_at__isnull": False})

    def allows(self, access, revision):
        if revision.report.board_id != access.board.pk:
            return False
        return access.can(Capability.READ_DRAFT_REPORTS) or revision.approved_at is not None


class _SectionRead:
    """The sections (ReportSection) this person may open: the drafters every one; an agency
    author their agencies' contributions; nobody else (a 404 through get_object_for_user)."""

    def q(self, access):
        q = Q(report__board=access.board)
        if access.can(Capability.READ_DRAFT_REPORTS):
            return q
        if access.author_agency_ids:
            return q & Q(kind=SectionKind.AGENCY, agency_id__in=access.author_agency_ids)
        return _NOTHING

    def allows(self, access, section):
        if section.report.board_id != access.board.pk:
            return False
        if access.can(Capability.READ_DRAFT_REPORTS):
            return True
        return section.kind == SectionKind.AGENCY and section.agency_id in access.author_agency_ids


class _SectionWrite:
    """The sections this person writes, whatever their status or the report's."""

    def q(self, access):
        q = Q(report__board=access.board)
        if access.is_business_manager:
            return q
        writes = _NOTHING
        if access.is_chair:
            writes |= Q(key=FOREWORD_KEY)
        if access.author_agency_ids:
            writes |= Q(kind=SectionKind.AGENCY, agency_id__in=access.author_agency_ids)
        return q & writes

    def allows(self, access, section):
        if section.report.board_id != access.board.pk:
            return False
        if access.is_business_manager:
            return True
        if access.is_chair and section.key == FOREWORD_KEY:
            return True
        return section.kind == SectionKind.AGENCY and section.agency_id in access.author_agency_ids


class _SectionEditNow:
    """The sections this person may change now: theirs, in a report still being drafted, and
    (unless they are the business manager, who reviews them) not sent in yet."""

    def q(self, access):
        q = SECTION_WRITE.q(access) & Q(report__status=ReportStatus.DRAFTING)
        if access.can(Capability.REVIEW_REPORT_SECTIONS):
            return q
        return q & Q(status__in=SectionStatus.editable())

    def allows(self, access, section):
        return SECTION_WRITE.allows(access, section) and status_allows_editing(access, section)


REPORT_READ = _ReportRead()
REVISION_READ = _RevisionRead()
SECTION_READ = _SectionRead()
SECTION_WRITE = _SectionWrite()
SECTION_EDIT_NOW = _SectionEditNow()
RULES = {
    "report_read": REPORT_READ,
    "revision_read": REVISION_READ,
    "section_read": SECTION_READ,
    "section_write": SECTION_WRITE,
    "section_edit_now": SECTION_EDIT_NOW,
}


def sections_visible_to(queryset, access):
    """Sections of the board's reports this person may open."""
    return queryset.filter(SECTION_READ.q(access))


def sections_editable_by(queryset, access):
    return queryset.filter(SECTION_EDIT_NOW.q(access))


may_view = SECTION_READ.allows
may_write = SECTION_WRITE.allows
may_edit_now = SECTION_EDIT_NOW.allows


def may_review(access, section) -> bool:
    """Returning and accepting sections is the business manager's."""
    return section.report.board_id == access.board.pk and access.can(Capability.REVIEW_REPORT_SECTIONS)


def status_allows_editing(access, section) -> bool:
    if section.report.status != ReportStatus.DRAFTING:
        return False
    return access.can(Capability.REVIEW_REPORT_SECTIONS) or section.status in SectionStatus.editable()
