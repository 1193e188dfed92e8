"""Who may see and change case reviews: the object-level rules on top of lscb.permissions.

DESIGN.md: business manager and chair see every review of the board; an agency author only
reviews their agency is involved in, and never a restricted draft; members and lay members
only published reviews; a sub-group chair none. Everything else about a review (learning,
recommendations, actions, products, documents) is visible exactly when the review is.
"""

from django.db.models import Q

from boards.choices import Role
from reviews.choices import ReviewStatus

READER_ROLES = frozenset({Role.MEMBER, Role.LAY_MEMBER})


def review_visibility(access) -> Q:
    """A filter over CaseReview for what `access` may see (within access.board)."""
    from reviews.models import CaseReview

    if access.is_business_manager or access.is_chair:
        return Q()
    grants = Q(pk__in=[])  # matches nothing: each role below adds what it may see
    if access.author_agency_ids:
        involved = CaseReview.agencies_involved.through.objects.filter(agency_id__in=access.author_agency_ids)
        restricted_draft = Q(is_restricted=True, status__in=ReviewStatus.drafts())
        grants |= Q(pk__in=involved.values("casereview_id")) & ~restricted_draft
    if access.roles & READER_ROLES:
        grants |= Q(published_on__isnull=False)
    return grants


def sees_only_own_agency_reviews(access) -> bool:
    """An agency author who is not the business manager or the chair sees only the reviews their
    agency is involved in (the list says so)."""
    return access.is_agency_author and not (access.is_business_manager or access.is_chair)


def visible_reviews(queryset, access):
    if not access.is_member:
        return queryset.none()
    return queryset.filter(board=access.board).filter(review_visibility(access))


def editable_reviews(queryset, access):
    """Only the business manager records and progresses reviews."""
    if not access.can_manage_case_reviews:
        return queryset.none()
    return queryset.filter(board=access.board)


def visible_documents(queryset, access):
    """A withdrawn document stays on file for the retention review; only the business manager
    still sees (and may download) it."""
    if access.can_manage_case_reviews:
        return queryset
    return queryset.filter(withdrawn_at__isnull=True)


def editable_actions(queryset, access):
    """Business manager: every action; agency author: their agency's actions on reviews they see."""
    visible = queryset.visible_to(access)
    if access.can_manage_case_reviews:
        return visible
    return visible.filter(agency_id__in=access.author_agency_ids)
