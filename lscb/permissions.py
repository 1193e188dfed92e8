"""The one permission layer.

Every view is guarded here, in one of two ways:
- `BoardView` (class-based) / `board_view(capability)` (function): the URL names a board;
  the user must hold an active membership on it (else 404, so outsiders learn nothing),
  and their roles on that board must grant the view's capability (else 403).
- `LoginView` / `login_view`: pages of the signed-in user's own (home, profile) that are
  not about one board.

Object-level rules (own agency, own sub-group, restricted reviews) live in each app's
querysets as `visible_to(access)` / `editable_by(access)`; `get_object_for_user` answers
404 for anything outside them. The permission-matrix test walks every URL pattern and
fails for a view that is not marked by this module.
"""

from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.views import View

from boards.choices import Role
from boards.models import Board, Membership
from lscb import mfa

GUARD_ATTRIBUTE = "lscb_guard"


class BoardSuspended(PermissionDenied):
    """The site operator has suspended the board: its members see a page saying so (the 403
    handler, lscb.views.permission_denied), nothing of its records."""

    def __init__(self, board):
        super().__init__(f"{board} is suspended")
        self.board = board


class Capability(models.TextChoices):
    """What a role on a board lets a person do (DESIGN.md, "Roles and capabilities")."""

    VIEW_BOARD = "view_board", "See the board's pages"
    MANAGE_BOARD = "manage_board", "Manage board set-up, agencies, members and budget"
    EDIT_ACTIONS = "edit_actions", "Edit priorities and actions"
    VIEW_CASE_REVIEWS = "view_case_reviews", "See case reviews"
    MANAGE_CASE_REVIEWS = "manage_case_reviews", "Record and progress case reviews"
    EDIT_REPORT_SECTIONS = "edit_report_sections", "Edit report sections"
    REVIEW_REPORT_SECTIONS = "review_report_sections", "Return or accept report sections"
    APPROVE_REPORT = "approve_report", "Approve the annual report"
    READ_DRAFT_REPORTS = "read_draft_reports", "Read the annual report before it is approved"
    CREATE_REPORT = "create_report", "Start the year's annual report"
    RENDER_PDF = "render_pdf", "Render and download PDFs"
    VIEW_AUDIT_LOG = "view_audit_log", "See the audit log"
    OVERSEE_ACTIONS = "oversee_actions", "Follow and change every action of the business plan"
    FOLLOW_STALLED_ACTIONS = "follow_stalled_actions", "See the actions making little or no progress"
    SEE_CONTACT_DETAILS = "see_contact_details", "See members' e-mail addresses and accounts"
    SCRUTINISE = "scrutinise", "Record independent scrutiny and the scrutineer's statement"
    # learning/: escalations are read by those who take part in them; agencies notify their own.
    VIEW_ESCALATIONS = "view_escalations", "See inter-agency escalations"
    NOTIFY_LEARNING = "notify_learning", "Notify escalations, log briefing use and training returns"
    LOG_CHALLENGE = "log_challenge", "Log the board's challenges to agencies"


_ALL_MEMBERS = frozenset(Role.values)

# Which roles grant which capability. Object-level limits (e.g. "own agency's actions")
# are applied by querysets, not here.
POLICY: dict[str, frozenset[str]] = {
    Capability.VIEW_BOARD: _ALL_MEMBERS,
    Capability.MANAGE_BOARD: frozenset({Role.BUSINESS_MANAGER}),
    Capability.EDIT_ACTIONS: frozenset({Role.BUSINESS_MANAGER, Role.AGENCY_AUTHOR, Role.SUBGROUP_CHAIR}),
    Capability.VIEW_CASE_REVIEWS: frozenset(
        {Role.BUSINESS_MANAGER, Role.CHAIR, Role.AGENCY_AUTHOR, Role.MEMBER, Role.LAY_MEMBER}
    ),
    Capability.MANAGE_CASE_REVIEWS: frozenset({Role.BUSINESS_MANAGER}),
    Capability.EDIT_REPORT_SECTIONS: frozenset({Role.BUSINESS_MANAGER, Role.CHAIR, Role.AGENCY_AUTHOR}),
    Capability.REVIEW_REPORT_SECTIONS: frozenset({Role.BUSINESS_MANAGER}),
    Capability.APPROVE_REPORT: frozenset({Role.CHAIR}),
    Capability.READ_DRAFT_REPORTS: frozenset({Role.BUSINESS_MANAGER, Role.CHAIR}),
    Capability.CREATE_REPORT: frozenset({Role.BUSINESS_MANAGER}),
    Capability.RENDER_PDF: _ALL_MEMBERS,
    Capability.VIEW_AUDIT_LOG: frozenset({Role.BUSINESS_MANAGER}),
    Capability.OVERSEE_ACTIONS: frozenset({Role.BUSINESS_MANAGER}),
    Capability.FOLLOW_STALLED_ACTIONS: frozenset({Role.BUSINESS_MANAGER, Role.CHAIR}),
    Capability.SEE_CONTACT_DETAILS: frozenset({Role.BUSINESS_MANAGER}),
    Capability.SCRUTINISE: frozenset({Role.SCRUTINEER, Role.BUSINESS_MANAGER}),
    # learning/ (own agency's rows only for an agency author: learning.permissions).
    Capability.VIEW_ESCALATIONS: frozenset({Role.BUSINESS_MANAGER, Role.CHAIR, Role.AGENCY_AUTHOR}),
    Capability.NOTIFY_LEARNING: frozenset({Role.BUSINESS_MANAGER, Role.AGENCY_AUTHOR}),
    Capability.LOG_CHALLENGE: frozenset({Role.BUSINESS_MANAGER, Role.CHAIR}),
}


@dataclass(frozen=True)
class BoardAccess:
    """A signed-in user's standing on one board, worked out from their active memberships."""

    user: object
    board: Board
    memberships: tuple = field(default=())

    @classmethod
    def for_user(cls, user, board):
        if not (user and user.is_authenticated):
            return cls(user=user, board=board)
        rows = Membership.objects.active().for_user(user).filter(board=board).select_related("agency")
        return cls(user=user, board=board, memberships=tuple(rows))

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    @cached_property
    def role_labels(self) -> list[str]:
        return sorted({m.get_role_display() for m in self.memberships})

    @cached_property
    def author_agency_ids(self) -> frozenset[int]:
        """Agencies this user writes for on this board."""
        return frozenset(m.agency_id for m in self.memberships if m.role == Role.AGENCY_AUTHOR)

    @cached_property
    def agency_ids(self) -> frozenset[int]:
        """Every agency this user is linked to on this board, whatever the role."""
        return frozenset(m.agency_id for m in self.memberships if m.agency_id)

    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    @property
    def is_business_manager(self) -> bool:
        return Role.BUSINESS_MANAGER in self.roles

    @property
    def is_chair(self) -> bool:
        return Role.CHAIR in self.roles

    @property
    def is_agency_author(self) -> bool:
        return Role.AGENCY_AUTHOR in self.roles

    @property
    def is_subgroup_chair(self) -> bool:
        return Role.SUBGROUP_CHAIR in self.roles

    def can(self, capability: str) -> bool:
        return bool(self.roles & POLICY[capability])

    # Capability properties for templates ({% if access.can_manage_board %}).
    can_manage_board = property(lambda self: self.can(Capability.MANAGE_BOARD))
    can_edit_actions = property(lambda self: self.can(Capability.EDIT_ACTIONS))
    can_view_case_reviews = property(lambda self: self.can(Capability.VIEW_CASE_REVIEWS))
    can_manage_case_reviews = property(lambda self: self.can(Capability.MANAGE_CASE_REVIEWS))
    can_edit_report_sections = property(lambda self: self.can(Capability.EDIT_REPORT_SECTIONS))
    can_review_report_sections = property(lambda self: self.can(Capability.REVIEW_REPORT_SECTIONS))
    can_approve_reports = property(lambda self: self.can(Capability.APPROVE_REPORT))
    can_read_draft_reports = property(lambda self: self.can(Capability.READ_DRAFT_REPORTS))
    can_create_report = property(lambda self: self.can(Capability.CREATE_REPORT))
    can_render_pdf = property(lambda self: self.can(Capability.RENDER_PDF))
    can_view_audit_log = property(lambda self: self.can(Capability.VIEW_AUDIT_LOG))
    can_scrutinise = property(lambda self: self.can(Capability.SCRUTINISE))
    can_view_escalations = property(lambda self: self.can(Capability.VIEW_ESCALATIONS))
    can_notify_learning = property(lambda self: self.can(Capability.NOTIFY_LEARNING))
    can_log_challenge = property(lambda self: self.can(Capability.LOG_CHALLENGE))


def boards_for_user(user):
    """Boards on which the user holds an active membership."""
    if not (user and user.is_authenticated):
        return Board.objects.none()
    board_ids = Membership.objects.active().for_user(user).values("board_id")
    return Board.objects.filter(id__in=board_ids)


def resolve_board_access(request, board_slug) -> BoardAccess:
    """The user's access to the board in the URL; 404 unless they are an active member.

    Cached on the request so templates and views share one lookup.
    """
    cached = getattr(request, "board_access", None)
    if cached is not None and cached.board.slug == board_slug:
        return cached
    board = Board.objects.filter(slug=board_slug).first()
    if board is None:
        _audit_denied(request.user, None, 404, request=request, board_slug=board_slug[:100])
        raise Http404("No such board")
    access = BoardAccess.for_user(request.user, board)
    if not access.is_member:
        # Recorded without the board: its managers must not learn who exists elsewhere; the
        # prober's own board sees the entry (a board-less entry of one of its members).
        _audit_denied(request.user, None, 404, request=request, board_slug=board_slug[:100])
        raise Http404("No such board")
    if board.suspended_at is not None:
        raise BoardSuspended(board)
    request.board_access = access
    return access


def get_object_for_user(queryset, access: BoardAccess, *, scope="visible_to", **lookup):
    """Fetch one object the user may see, or 404 — never 403 — so outsiders learn nothing.
    `scope` names another queryset method of the same shape, for a page that answers some of
    the objects with 403 itself (reports: a draft report is the drafters', but it exists)."""
    try:
        return getattr(queryset, scope)(access).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        _audit_denied(access.user, access.board, 404, model=queryset.model._meta.label_lower)
        raise Http404(f"No {queryset.model._meta.verbose_name} matches") from exc


def get_editable_object(queryset, access: BoardAccess, **lookup):
    """Fetch one object the user may edit, or 404 — never 403 — so another agency's or sub-group's
    edit pages reveal nothing. Goes through get_object_for_user on the `editable_by` subset, so the
    refusal is audited like any other."""
    return get_object_for_user(queryset.editable_by(access), access, **lookup)


def deny(request, access):
    """403 for a member whose role does not allow the page. Recorded in the audit log by the
    403 handler (record_refusal), which sees every PermissionDenied, however deep it was raised."""
    raise PermissionDenied


def record_refusal(request):
    """Audit a 403 of a signed-in person, with the board whose page it was (if resolved)."""
    access = getattr(request, "board_access", None)
    _audit_denied(request.user, access.board if access else None, 403, request=request)


def _audit_denied(user, board, status, request=None, **payload):
    """Every refusal by this layer of a signed-in person goes to the audit log."""
    if not (user and user.is_authenticated):
        return
    from lscb import audit  # noqa: PLC0415

    if request is not None:
        payload.update(path=request.path[:300], method=request.method)
    audit.record("auth.access.denied", actor=user, board=board, status=status, **payload)


def _mark(view, kind, capability=None):
    setattr(view, GUARD_ATTRIBUTE, (kind, capability))
    return view


class LoginView(LoginRequiredMixin, View):
    """Base for pages of the signed-in user that are not about one board."""

    lscb_guard = ("login", None)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and mfa.must_verify(request):
            return mfa.redirect_to_verify(request)
        return super().dispatch(request, *args, **kwargs)


class BoardView(LoginRequiredMixin, View):
    """Base for every page about one board. Set `capability`; `self.access` is then ready."""

    capability: str | None = None
    lscb_guard = ("board", None)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.capability is None:
            raise PermissionDenied("view declares no capability")
        self.access = resolve_board_access(request, kwargs["board_slug"])
        self.board = self.access.board
        if mfa.must_verify_on_board(request, self.access):
            return mfa.redirect_to_verify(request)
        if not self.access.can(self.capability):
            deny(request, self.access)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) if hasattr(super(), "get_context_data") else dict(kwargs)
        context.update(board=self.board, access=self.access)
        return context


def board_view(capability):
    """Decorator for function views about one board: `view(request, access, **kwargs)`."""

    def decorator(func):
        @wraps(func)
        def wrapper(request, board_slug, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = resolve_board_access(request, board_slug)
            if mfa.must_verify_on_board(request, access):
                return mfa.redirect_to_verify(request)
            if not access.can(capability):
                deny(request, access)
            return func(request, access, **kwargs)

        return _mark(wrapper, "board", capability)

    return decorator


def login_view(func):
    """Decorator for function views of the signed-in user's own that are not about one board."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if mfa.must_verify(request):
            return mfa.redirect_to_verify(request)
        return func(request, *args, **kwargs)

    return _mark(wrapper, "login")


def mfa_step_view(func):
    """The two-factor pages themselves: signed in, but not yet verified (lscb/mfa.py)."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return func(request, *args, **kwargs)

    return _mark(wrapper, "login")


def operator_view(func):
    """Decorator for the site operator's pages (accounts/views_operator.py): a staff account,
    verified with its authenticator app on every sign-in. Anyone else gets 404: the pages do
    not exist for them. The operator sees no board's records unless they hold a membership."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_staff and request.user.is_active):
            _audit_denied(request.user, None, 404, request=request)
            raise Http404("No such page")
        if not mfa.is_verified(request):
            return mfa.redirect_to_verify(request)
        return func(request, *args, **kwargs)

    return _mark(wrapper, "operator")


def public_view(func):
    """Marks one of the few deliberately public views (login, health check)."""
    return _mark(func, "public")


def guard_of(view_func):
    """The guard marker of a resolved URL callback, or None if the layer does not guard it."""
    marker = getattr(view_func, GUARD_ATTRIBUTE, None)
    if marker is None and hasattr(view_func, "view_class"):
        marker = getattr(view_func.view_class, GUARD_ATTRIBUTE, None)
    return marker
