"""The site operator's pages: the boards on this installation, a new board with its first
business manager, suspending a board. Guarded by lscb.permissions.operator_view (staff, with
two-factor sign-in); they show no board's records."""

from django.contrib import messages
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.forms import BoardSetUpForm, SuspendBoardForm
from boards.choices import Role
from boards.models import Board, Membership
from lscb.permissions import operator_view


def _crumbs(*extra):
    return [("Your boards", reverse("home")), ("Boards", reverse("accounts:operator_boards")), *extra]


@operator_view
def boards(request):
    managers = Membership.objects.active().filter(role=Role.BUSINESS_MANAGER).select_related("person__user")
    rows = list(
        Board.objects.annotate(last_activity=Max("auditentry__at"))
        .prefetch_related(Prefetch("memberships", queryset=managers, to_attr="managers"))
        .prefetch_related(Prefetch("invitations", to_attr="all_invitations"))
        .order_by("name")
    )
    for board in rows:
        latest = {}
        for invitation in board.all_invitations:  # newest first (Invitation.Meta.ordering)
            latest.setdefault(invitation.person_id, invitation)
        board.manager_rows = [(m.person, _sign_in_state(m.person, latest.get(m.person_id))) for m in board.managers]
    return render(
        request,
        "accounts/operator_boards.html",
        {
            "boards": rows,
            "title": "Boards",
            "breadcrumbs": [("Your boards", reverse("home")), ("Boards", None)],
            "now": timezone.now(),
        },
    )


def _sign_in_state(person, invitation):
    if person.user_id and person.user.is_active:
        return "signs in"
    if invitation is not None and invitation.is_open:
        return f"invitation {invitation.get_status_display().lower()}"
    return "cannot sign in"


@operator_view
def board_create(request):
    form = BoardSetUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board, invitation = services.create_board(
                request.user,
                name=data["name"],
                slug=data["slug"],
                arrangement=data["arrangement"],
                areas=data["areas"],
                first_financial_year=data["first_financial_year"],
                manager_name=data["manager_name"],
                manager_email=data["manager_email"],
            )
        except services.BoardSetUpError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            told = (
                f"an invitation to sign in went to {invitation.email}" if invitation else "its manager already signs in"
            )
            messages.success(request, f"{board.name} is set up: {told}")
            return redirect("accounts:operator_boards")
    return render(
        request,
        "lscb/pages/form.html",
        {
            "form": form,
            "title": "Set up a board",
            "breadcrumbs": _crumbs(("Set up a board", None)),
            "cancel_url": reverse("accounts:operator_boards"),
            "cancel_label": "Cancel",
        },
    )


@operator_view
def board_suspend(request, board_slug):
    """Suspend a board, or (when it is suspended) reinstate it."""
    board = get_object_or_404(Board, slug=board_slug)
    suspended = board.suspended_at is not None
    form = SuspendBoardForm(request.POST if request.method == "POST" else None)
    if suspended:
        form.helper.inputs[0].value = "Reinstate the board"
        del form.fields["reason"]
    if request.method == "POST" and form.is_valid():
        try:
            services.set_board_suspended(
                request.user, board, suspended=not suspended, reason=form.cleaned_data.get("reason", "")
            )
        except services.BoardSetUpError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{board.name} {'reinstated' if suspended else 'suspended'}")
        return redirect("accounts:operator_boards")
    title = f"Reinstate {board.name}?" if suspended else f"Suspend {board.name}?"
    warning = (
        "Its members can use the board again straight away."
        if suspended
        else "Its members will not be able to use any of the board's pages until you reinstate it. Nothing is deleted."
    )
    return render(
        request,
        "lscb/pages/form.html",
        {
            "form": form,
            "title": title,
            "warning": warning,
            "breadcrumbs": _crumbs((board.name, None)),
            "cancel_url": reverse("accounts:operator_boards"),
            "cancel_label": "No, go back",
        },
    )
