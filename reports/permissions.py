"""Who may see and change which report sections (DESIGN.md, "Roles and capabilities").

Capabilities (lscb.permissions.POLICY) say which roles may use a page at all; the object
rules here say which sections: the business manager every section of the board's reports,
the chair reads every section and writes the foreword, an agency author only the sections
of the agencies they write for. A section outside these rules is a 404 (get_object_for_user).
"""

from django.db.models import Q

from reports.choices import ReportStatus, SectionKind, SectionStatus

FOREWORD_KEY = "foreword"


def sections_visible_to(queryset, access):
    """Sections of the board's reports this person may open."""
    queryset = queryset.filter(report__board=access.board)
    if access.is_business_manager or access.is_chair:
        return queryset
    if access.author_agency_ids:
        return queryset.filter(kind=SectionKind.AGENCY, agency_id__in=access.author_agency_ids)
    return queryset.none()


def may_view(access, section) -> bool:
    """`sections_visible_to` for one section already loaded (keep the two rules alike)."""
    if section.report.board_id != access.board.pk:
        return False
    if access.is_business_manager or access.is_chair:
        return True
    return section.kind == SectionKind.AGENCY and section.agency_id in access.author_agency_ids


def _writable_q(access):
    """The sections this person writes, whatever their status."""
    if access.is_business_manager:
        return Q()
    q = Q(pk__in=[])
    if access.is_chair:
        q |= Q(key=FOREWORD_KEY)
    if access.author_agency_ids:
        q |= Q(kind=SectionKind.AGENCY, agency_id__in=access.author_agency_ids)
    return q


def sections_editable_by(queryset, access):
    """Sections this person may change now: theirs, in a report still being drafted, and (unless
    they are the business manager) not sent in yet."""
    queryset = sections_visible_to(queryset, access).filter(_writable_q(access), report__status=ReportStatus.DRAFTING)
    if access.is_business_manager:
        return queryset
    return queryset.filter(status__in=SectionStatus.editable())


def may_write(access, section) -> bool:
    """Is this one of the sections this person writes (ignoring its status)?"""
    if section.report.board_id != access.board.pk:
        return False
    if access.is_business_manager:
        return True
    if access.is_chair and section.key == FOREWORD_KEY:
        return True
    return section.kind == SectionKind.AGENCY and section.agency_id in access.author_agency_ids


def may_review(access, section) -> bool:
    """Returning and accepting sections is the business manager's."""
    return section.report.board_id == access.board.pk and access.is_business_manager


def status_allows_editing(access, section) -> bool:
    if section.report.status != ReportStatus.DRAFTING:
        return False
    return access.is_business_manager or section.status in SectionStatus.editable()


def may_edit_now(access, section) -> bool:
    return may_write(access, section) and status_allows_editing(access, section)
